import { parseWithZod } from "@conform-to/zod";
import { data, type TypedResponse } from "@remix-run/node";
import type { z } from "zod";
import { refusalReply } from "./refusal-reply.server";

/**
 * One form of a page that routes several forms to one action by `intent`: validate with the form's
 * own schema, run the change, which answers with its redirect (post/redirect/get). Bad input and
 * refusals come back as a 4xx Conform reply tagged with the intent, so the page shows them by the right form's fields.
 */
export async function submitIntent<Schema extends z.ZodTypeAny>(
  form: FormData,
  intent: string,
  schema: Schema,
  run: (value: z.output<Schema>) => Promise<TypedResponse<never>>,
) {
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") {
    return data({ intent, result: submission.reply() }, { status: 400 });
  }
  try {
    return await run(submission.value);
  } catch (error) {
    return refusalReply(error, submission, { intent });
  }
}

/** The page's own address, to land on again after a change. */
export function ownAddress(request: Request, options: { drop?: string[] } = {}): string {
  const url = new URL(request.url);
  // Remix's own routing parameters never belong in the address the browser lands on.
  for (const key of ["index", "_data", "_routes", ...(options.drop ?? [])]) url.searchParams.delete(key);
  const search = url.searchParams.toString();
  return search ? `${url.pathname}?${search}` : url.pathname;
}
