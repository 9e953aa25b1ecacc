import { Button, Link, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./layout";

export interface NotificationEmailProps {
  name: string;
  title: string;
  body: string;
  url: string;
  kindLabel: string;
  unsubscribeUrl: string;
}

export function NotificationEmail(props: NotificationEmailProps) {
  return (
    <EmailLayout preview={props.title}>
      <Text>Dear {props.name},</Text>
      <Text style={{ fontSize: "18px", fontWeight: "bold" }}>{props.title}</Text>
      <Text>{props.body}</Text>
      <Button href={props.url} style={buttonStyle}>
        Open it in Placement Exchange
      </Button>
      <Text>Or open this link: {props.url}</Text>
      <Text style={{ fontSize: "12px", color: "#4c6272" }}>
        You get these emails for “{props.kindLabel}”.{" "}
        <Link href={props.unsubscribeUrl}>Stop emails like this</Link> (you will still see them in the portal).
      </Text>
    </EmailLayout>
  );
}
