import { render } from "@react-email/render";
import { createElement } from "react";
import { InvitationEmail, invitationSubject, type InvitationEmailProps } from "./invitation";
import { PasswordResetEmail, passwordResetSubject, type PasswordResetEmailProps } from "./password-reset";

/** Every email the portal sends, by name, with the props its template needs. */
export type EmailTemplate =
  | { template: "invitation"; props: InvitationEmailProps }
  | { template: "password-reset"; props: PasswordResetEmailProps };

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export async function renderEmail(email: EmailTemplate): Promise<RenderedEmail> {
  switch (email.template) {
    case "invitation": {
      const element = createElement(InvitationEmail, email.props);
      return { subject: invitationSubject(email.props), ...(await renderBoth(element)) };
    }
    case "password-reset": {
      const element = createElement(PasswordResetEmail, email.props);
      return { subject: passwordResetSubject, ...(await renderBoth(element)) };
    }
  }
}

async function renderBoth(element: React.ReactElement) {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
