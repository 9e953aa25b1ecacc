import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./layout";

export interface InvitationEmailProps {
  name: string;
  organisationName: string;
  roleLabel: string;
  inviterName: string;
  acceptUrl: string;
  expiresOn: string;
}

export function InvitationEmail(props: InvitationEmailProps) {
  return (
    <EmailLayout preview={`You are invited to Placement Exchange as ${props.roleLabel}`}>
      <Text>Dear {props.name},</Text>
      <Text>
        {props.inviterName} has invited you to join Placement Exchange as {props.roleLabel} for{" "}
        {props.organisationName}.
      </Text>
      <Button href={props.acceptUrl} style={buttonStyle}>
        Accept the invitation and set your password
      </Button>
      <Text>Or open this link: {props.acceptUrl}</Text>
      <Text>The link works until {props.expiresOn}. If you did not expect this email you can ignore it.</Text>
    </EmailLayout>
  );
}

export function invitationSubject(props: InvitationEmailProps) {
  return `Your invitation to Placement Exchange (${props.organisationName})`;
}
