import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

// NHS-plain: white page, NHS blue bar, dark text, one clear action.
const NHS_BLUE = "#005eb8";

export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f0f4f5", fontFamily: "Arial, Helvetica, sans-serif", color: "#212b32" }}>
        <Container style={{ backgroundColor: "#ffffff", maxWidth: "560px", margin: "24px auto" }}>
          <Section style={{ backgroundColor: NHS_BLUE, padding: "16px 24px" }}>
            <Text style={{ color: "#ffffff", fontSize: "18px", fontWeight: "bold", margin: 0 }}>
              Placement Exchange
            </Text>
          </Section>
          <Section style={{ padding: "8px 24px 24px" }}>{children}</Section>
          <Hr />
          <Text style={{ fontSize: "12px", color: "#4c6272", padding: "0 24px" }}>
            AHP Learning Placement Exchange. You received this because of your account on the portal.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#007f3b",
  color: "#ffffff",
  padding: "12px 16px",
  fontWeight: "bold",
  textDecoration: "none",
  borderRadius: "4px",
} as const;
