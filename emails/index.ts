import { render } from "@react-email/render";
import { createElement } from "react";
import { InvitationEmail, invitationSubject, type InvitationEmailProps } from "./invitation";
import { PasswordResetEmail, passwordResetSubject, type PasswordResetEmailProps } from "./password-reset";
import { SignInUnlockEmail, signInUnlockSubject, type SignInUnlockEmailProps } from "./sign-in-unlock";
import { NotificationEmail, type NotificationEmailProps } from "./notification";
import { DigestEmail, type DigestEmailProps } from "./digest";

/** Every email the portal sends, by name, with the props its template needs. */
export type EmailTemplate =
  | { template: "invitation"; props: InvitationEmailProps }
  | { template: "password-reset"; props: PasswordResetEmailProps }
  | { template: "sign-in-unlock"; props: SignInUnlockEmailProps }
  | { template: "notification"; props: NotificationEmailProps }
  | { template: "digest"; props: DigestEmailProps };

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** For the List-Unsubscribe header. */
  unsubscribeUrl?: string;
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
    case "sign-in-unlock": {
      const element = createElement(SignInUnlockEmail, email.props);
      return { subject: signInUnlockSubject, ...(await renderBoth(element)) };
    }
    case "notification": {
      const element = createElement(NotificationEmail, email.props);
      return { subject: email.props.title, unsubscribeUrl: email.props.unsubscribeUrl, ...(await renderBoth(element)) };
    }
    case "digest": {
      const element = createElement(DigestEmail, email.props);
      const count = email.props.items.length;
      return {
        subject: `Placement Exchange: ${count} ${count === 1 ? "update" : "updates"} today`,
        unsubscribeUrl: email.props.unsubscribeUrl,
        ...(await renderBoth(element)),
      };
    }
  }
}

async function renderBoth(element: React.ReactElement) {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
