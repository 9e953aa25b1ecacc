import { parseSubmission } from "~/platform/form-submission.server";
import { data, redirect } from "@remix-run/node";
import type { SessionUser } from "~/accounts/session.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { ResourceSchema, saveResource } from "./resources.server";

/** The add and edit actions: validate, save, and answer field errors with 400 (never a 500 for bad input). */
export async function submitResourceForm(user: SessionUser, form: FormData, id: string | null) {
  const submission = parseSubmission(form, ResourceSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const upload = form.get("file");
  const file = upload instanceof File ? upload : null;
  try {
    const saved = await saveResource(user, id, submission.value, file);
    return redirect(`/resources/${saved.id}`);
  } catch (error) {
    return refusalReply(error, (refusal) => ({ result: submission.reply({ fieldErrors: { [refusal.field ?? "title"]: [refusal.message] } }) }));
  }
}
