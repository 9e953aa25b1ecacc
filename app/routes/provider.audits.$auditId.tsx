import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { parseSubmission } from "~/platform/form-submission.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FormMessage, TextField } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { formatDate } from "~/vocabulary/labels";
import { ActionItemFormSchema, AUDIT_RATING_LABELS, AUDIT_STATUS_LABELS } from "~/quality/quality-rules";
import { redirectWithFlash } from "~/platform/flash.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { addActionItem, completeActionItem, getAudit } from "~/quality/audits.server";

const CompleteItemSchema = z.object({ itemId: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR", "UNIVERSITY", "FACILITATOR");
  try {
    return { audit: await getAudit(user, params.auditId ?? "") };
  } catch (error) {
    throw refusalReply(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "EDUCATOR");
  const auditId = params.auditId ?? "";
  const intent = form.get("intent");
  try {
    if (intent === "complete") {
      const submission = parseSubmission(form, CompleteItemSchema);
      if (submission.status !== "success") return data({ form: "complete" as const, result: submission.reply() }, { status: 400 });
      await completeActionItem(user, auditId, submission.value.itemId);
      return await redirectWithFlash(`/provider/audits/${auditId}`, "The action is marked as done.");
    }
    const submission = parseSubmission(form, ActionItemFormSchema);
    if (submission.status !== "success") return data({ form: "add" as const, result: submission.reply() }, { status: 400 });
    try {
      await addActionItem(user, auditId, submission.value);
    } catch (error) {
      return refusalReply(error, submission, { form: "add" as const }, { notFoundIsPage: true });
    }
    return await redirectWithFlash(`/provider/audits/${auditId}`, "The action has been added to the plan.");
  } catch (error) {
    throw refusalReply(error);
  }
}

export default function AuditPage() {
  const { audit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "new-action",
    lastResult: actionData?.form === "add" ? actionData.result : undefined,
    constraint: zodConstraint(ActionItemFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionItemFormSchema }),
  });
  const errors = [fields.description, fields.dueOn]
    .filter((field) => field.errors && field.errors.length > 0)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
  return (
    <>
      <PageHeader title={`Audit of ${audit.siteName}`} caption={audit.providerName} />
      <dl className="card grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="font-bold">Rating</dt>
        <dd>{AUDIT_RATING_LABELS[audit.rating]}</dd>
        <dt className="font-bold">Audited on</dt>
        <dd>{formatDate(audit.auditedOn)}</dd>
        <dt className="font-bold">Expires on</dt>
        <dd>{formatDate(audit.expiresOn)}</dd>
        <dt className="font-bold">Status</dt>
        <dd>{AUDIT_STATUS_LABELS[audit.status]}</dd>
        {audit.summary && (
          <>
            <dt className="font-bold">Summary</dt>
            <dd className="whitespace-pre-line">{audit.summary}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="plan-heading" className="mb-8">
        <h2 id="plan-heading">Action plan</h2>
        {audit.actions.length === 0 ? (
          <p className="card">No actions yet.</p>
        ) : (
          <ScrollTable label="Action plan, scrollable">
            <table className="data-table">
              <caption className="sr-only">Actions of this audit</caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Due</th>
                  <th scope="col">Status</th>
                  {audit.canEdit && <th scope="col">Update</th>}
                </tr>
              </thead>
              <tbody>
                {audit.actions.map((item) => (
                  <tr key={item.id}>
                    <td>{item.description}</td>
                    <td>{formatDate(item.dueOn)}</td>
                    <td>
                      <strong>{item.completedOn ? `Done ${formatDate(item.completedOn)}` : item.overdue ? "Overdue" : "Open"}</strong>
                    </td>
                    {audit.canEdit && (
                      <td>
                        {!item.completedOn && (
                          <Form method="post">
                            <CsrfInput />
                            <input type="hidden" name="intent" value="complete" />
                            <input type="hidden" name="itemId" value={item.id} />
                            <button type="submit" className="btn-secondary" disabled={busy}>
                              Mark done<span className="sr-only">: {item.description}</span>
                            </button>
                          </Form>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>

      {audit.canEdit && (
        <section aria-labelledby="add-heading" className="max-w-3xl">
          <h2 id="add-heading">Add an action</h2>
          <ErrorSummary errors={errors} />
          {form.errors && form.errors.length > 0 && (
            <FormMessage>
              <p id={form.errorId}>{form.errors.join(" ")}</p>
            </FormMessage>
          )}
          <Form method="post" {...getFormProps(form)} className="card">
            <CsrfInput />
            <input type="hidden" name="intent" value="add" />
            <TextField meta={fields.description} label="Action" hint="Up to 500 characters." />
            <TextField meta={fields.dueOn} label="Due on" type="date" />
            <button type="submit" className="btn" disabled={busy}>
              Add action
            </button>
          </Form>
        </section>
      )}
      <p className="mt-6">
        <Link to={audit.canEdit ? "/provider/audits" : "/"}>Back</Link>
      </p>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Placement audit · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
