import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./layout";

export interface PasswordResetEmailProps {
  name: string;
  resetUrl: string;
  validMinutes: number;
}

export function PasswordResetEmail(props: PasswordResetEmailProps) {
  return (
    <EmailLayout preview="Reset your Placement Exchange password">
      <Text>Dear {props.name},</Text>
      <Text>Someone asked to reset the password of your Placement Exchange account.</Text>
      <Button href={props.resetUrl} style={buttonStyle}>
        Choose a new password
      </Button>
      <Text>Or open this link: {props.resetUrl}</Text>
      <Text>
        The link works once, for {props.validMinutes} minutes. If you did not ask for this, ignore this email: your
        password stays as it is.
      </Text>
    </EmailLayout>
  );
}

export const passwordResetSubject = "Reset your Placement Exchange password";
