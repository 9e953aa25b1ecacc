import type { SubmissionResult } from "@conform-to/react";
import { InvitationError } from "~/accounts/invitations.server";
import { MarketplaceError } from "~/marketplace/errors";

interface Replyable {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[]; resetForm?: boolean }): SubmissionResult<string[]>;
}

/**
 * Turns an expected refusal into the form's reply, shown next to its field (or above the form),
 * with the refusal's status. Anything unexpected is rethrown and becomes a 500.
 */
export function refusalReply(submission: Replyable, error: unknown): { result: SubmissionResult<string[]>; status: number } {
  if (error instanceof MarketplaceError) {
    const result = error.field
      ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
      : submission.reply({ formErrors: [error.message] });
    return { result, status: error.status };
  }
  if (error instanceof InvitationError) {
    const result = error.field && ["email", "name"].includes(error.field)
      ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
      : submission.reply({ formErrors: [error.message] });
    return { result, status: 400 };
  }
  throw error;
}

/** The page's address with a one-off notice for the banner, keeping its other search params. */
export function withNotice(path: string, notice: string): string {
  const url = new URL(path, "http://localhost");
  url.searchParams.set("notice", notice);
  return `${url.pathname}?${url.searchParams}`;
}
