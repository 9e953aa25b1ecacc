import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import { InvitationError } from "~/accounts/invitations.server";
import { FieldError } from "./field-error";

/**
 * One form of a page that routes several forms to one action by `intent`: validate with the form's
 * own schema, run the change, then redirect (post/redirect/get). Bad input and expected refusals come
 * back as a 4xx Conform reply tagged with the intent, so the page shows them by the right form's fields.
 */
export async function submitIntent<Schema extends z.ZodTypeAny>(
  form: FormData,
  intent: string,
  schema: Schema,
  run: (value: z.output<Schema>) => Promise<string>,
) {
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") {
    return data({ intent, result: submission.reply() }, { status: 400 });
  }
  try {
    return redirect(await run(submission.value));
  } catch (error) {
    if (!(error instanceof FieldError) && !(error instanceof InvitationError)) throw error;
    const status = error instanceof FieldError ? error.status : 400;
    const result = error.field
      ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
      : submission.reply({ formErrors: [error.message] });
    return data({ intent, result }, { status });
  }
}

/** The page's own address with a notice to show once the change has been made. */
export function withNotice(request: Request, notice: string, options: { drop?: string[] } = {}): string {
  const url = new URL(request.url);
  // Remix's own routing parameters never belong in the address the browser lands on.
  for (const key of ["index", "_data", "_routes", "notice", ...(options.drop ?? [])]) url.searchParams.delete(key);
  url.searchParams.set("notice", notice);
  return `${url.pathname}?${url.searchParams}`;
}
