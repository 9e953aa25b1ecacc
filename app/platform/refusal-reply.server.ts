import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { Refusal } from "./refusal";

/** What refusalReply needs of a Conform submission. */
export interface Replyable {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]>;
}

export interface RefusalReplyOptions {
  /** Conform forms only: the fields the form shows, when a refusal may name one it does not; that one is shown above the form. */
  fields?: readonly string[];
  /** A 404 naming no field means the page's own record is gone: answer with the not-found page, not the form. */
  notFoundIsPage?: boolean;
}

type Reply<Body> = ReturnType<typeof data<Body>>;

const STATUS_TEXT: Record<Refusal["status"], string> = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  410: "Gone",
  413: "Payload Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
};

/**
 * The one way a route answers an expected refusal, with the refusal's 4xx status. Anything that is
 * not a Refusal is rethrown, and the error boundary shows it as a 500.
 *
 * - `refusalReply(error, submission, extra?, options?)`: a Conform form's reply, the message next to
 *   the refused field (or above the form), as `data({ ...extra, result })`.
 * - `refusalReply(error, (refusal) => body, options?)`: a page whose action answers in its own shape.
 * - `refusalReply(error)`: no form to answer (a loader, a download): a 4xx Response to throw.
 */
export function refusalReply(error: unknown): Response;
export function refusalReply<Body>(error: unknown, answer: (refusal: Refusal) => Body, options?: RefusalReplyOptions): Reply<Body>;
export function refusalReply<Extra extends object = Record<never, never>>(
  error: unknown,
  submission: Replyable,
  extra?: Extra,
  options?: RefusalReplyOptions,
): Reply<Extra & { result: SubmissionResult<string[]> }>;
export function refusalReply(
  error: unknown,
  to?: Replyable | ((refusal: Refusal) => unknown),
  extraOrOptions?: object,
  formOptions?: RefusalReplyOptions,
): Response | Reply<unknown> {
  if (!(error instanceof Refusal)) throw error;
  if (to === undefined) return new Response(error.message, { status: error.status, statusText: STATUS_TEXT[error.status] });
  const options: RefusalReplyOptions = (typeof to === "function" ? extraOrOptions : formOptions) ?? {};
  if (options.notFoundIsPage && error.status === 404 && !error.field) throw refusalReply(error);
  if (typeof to === "function") return data(to(error), { status: error.status });
  const field = error.field && (options.fields?.includes(error.field) ?? true) ? error.field : null;
  const result = field ? to.reply({ fieldErrors: { [field]: [error.message] } }) : to.reply({ formErrors: [error.message] });
  return data({ ...extraOrOptions, result }, { status: error.status });
}
