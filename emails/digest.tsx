import { Link, Section, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

export interface DigestEmailProps {
  name: string;
  items: { title: string; body: string; url: string }[];
  preferencesUrl: string;
  unsubscribeUrl: string;
}

export function DigestEmail(props: DigestEmailProps) {
  return (
    <EmailLayout preview={`${props.items.length} updates from Placement Exchange`}>
      <Text>Dear {props.name},</Text>
      <Text>Here is what happened since your last digest.</Text>
      {props.items.map((item, index) => (
        <Section key={index} style={{ borderLeft: "4px solid #005eb8", paddingLeft: "12px", marginBottom: "12px" }}>
          <Text style={{ fontWeight: "bold", margin: "0 0 4px" }}>
            <Link href={item.url}>{item.title}</Link>
          </Text>
          <Text style={{ margin: 0 }}>{item.body}</Text>
        </Section>
      ))}
      <Text style={{ fontSize: "12px", color: "#4c6272" }}>
        <Link href={props.preferencesUrl}>Choose which emails you get</Link> · <Link href={props.unsubscribeUrl}>Stop digest emails</Link>
      </Text>
    </EmailLayout>
  );
}
