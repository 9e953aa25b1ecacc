import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { parseSubmission } from "~/platform/form-submission.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FieldErrors, FormMessage, SelectField, TextField } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { formatDate } from "~/vocabulary/labels";
import { AUDIT_RATING_LABELS, AUDIT_RATINGS, AUDIT_STATUS_LABELS, AuditFormSchema, QUALITY_FLAG_LABELS } from "~/quality/quality-rules";
import { redirectWithFlash } from "~/platform/flash.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { createAudit, listProviderAudits } from "~/quality/audits.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  return listProviderAudits(user);
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "EDUCATOR");
  const submission = parseSubmission(form, AuditFormSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const audit = await createAudit(user, submission.value);
    return await redirectWithFlash(`/provider/audits/${audit.id}`, "The audit has been recorded.");
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function ProviderAudits() {
  const { sites, flags } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "new-audit",
    lastResult: actionData?.result,
    constraint: zodConstraint(AuditFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AuditFormSchema }),
  });
  const errors = [fields.siteId, fields.rating, fields.auditedOn, fields.expiresOn, fields.summary]
    .filter((field) => field.errors && field.errors.length > 0)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
  const { key: summaryKey, ...summaryProps } = getTextareaProps(fields.summary, { ariaDescribedBy: `${fields.summary.id}-hint` });
  return (
    <>
      <PageHeader title="Placement audits and feedback" />
      <section aria-labelledby="flags-heading" className="mb-8">
        <h2 id="flags-heading">Quality flags</h2>
        {flags.length === 0 ? (
          <p className="card">No quality flags: every site has a valid audit, no overdue actions and no low feedback.</p>
        ) : (
          <ul className="card list-disc pl-8">
            {flags.map((flag) => (
              <li key={`${flag.siteId}:${flag.flag}`}>
                <strong>{QUALITY_FLAG_LABELS[flag.flag]}</strong>: {flag.siteName}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sites-heading" className="mb-8">
        <h2 id="sites-heading">Audits by site</h2>
        {sites.length === 0 ? (
          <p className="card">Your organisation has no sites yet.</p>
        ) : (
          <ScrollTable label="Audits by site, scrollable">
            <table className="data-table">
              <caption className="sr-only">Latest audit of each site</caption>
              <thead>
                <tr>
                  <th scope="col">Site</th>
                  <th scope="col">Rating</th>
                  <th scope="col">Audited</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="text-right">
                    Open actions
                  </th>
                  <th scope="col" className="text-right">
                    Overdue
                  </th>
                </tr>
              </thead>
              <tbody>
                {sites.map((site) => (
                  <tr key={site.siteId}>
                    <th scope="row">{site.siteName}</th>
                    {site.latest ? (
                      <>
                        <td>
                          <Link to={`/provider/audits/${site.latest.id}`}>{AUDIT_RATING_LABELS[site.latest.rating]}</Link>
                        </td>
                        <td>{formatDate(site.latest.auditedOn)}</td>
                        <td>{formatDate(site.latest.expiresOn)}</td>
                        <td>
                          <strong>{AUDIT_STATUS_LABELS[site.latest.status]}</strong>
                        </td>
                        <td className="text-right">{site.latest.openActions}</td>
                        <td className="text-right">{site.latest.overdueActions}</td>
                      </>
                    ) : (
                      <td colSpan={6}>
                        <strong>{AUDIT_STATUS_LABELS.none}</strong>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby="feedback-heading" className="mb-8">
        <h2 id="feedback-heading">Student feedback by site</h2>
        <p className="mb-4">Feedback is shown without names, and only once a site has at least 3 responses.</p>
        {sites.map((site) => (
          <div key={site.siteId} className="card">
            <h3>{site.siteName}</h3>
            {site.feedback.shown ? (
              <>
                <p>
                  {site.feedback.count} responses. Average ratings (1–5): overall {site.feedback.averages.overall}, induction {site.feedback.averages.induction},
                  supervision {site.feedback.averages.supervision}, learning opportunities {site.feedback.averages.learning}.
                </p>
                {site.feedback.comments.length > 0 && (
                  <ul className="mt-2 list-disc pl-6">
                    {site.feedback.comments.map((comment, index) => (
                      <li key={index}>
                        {comment.text} <span className="text-nhs-grey-1">({comment.month})</span>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            ) : (
              <p>{site.feedback.message}</p>
            )}
          </div>
        ))}
      </section>

      <section aria-labelledby="new-audit-heading" className="max-w-3xl">
        <h2 id="new-audit-heading">Record an audit</h2>
        <ErrorSummary errors={errors} />
        {form.errors && form.errors.length > 0 && (
          <FormMessage>
            <p id={form.errorId}>{form.errors.join(" ")}</p>
          </FormMessage>
        )}
        <Form method="post" {...getFormProps(form)} className="card">
          <CsrfInput />
          <SelectField meta={fields.siteId} label="Site" options={sites.map((site) => ({ value: site.siteId, label: site.siteName }))} />
          <SelectField meta={fields.rating} label="Rating" options={AUDIT_RATINGS.map((rating) => ({ value: rating, label: AUDIT_RATING_LABELS[rating] }))} />
          <TextField meta={fields.auditedOn} label="Audited on" type="date" />
          <TextField meta={fields.expiresOn} label="Expires on" type="date" hint="Leave blank for 24 months after the audit." />
          <div className="mb-5">
            <label htmlFor={fields.summary.id} className="field-label">
              Summary (optional)
            </label>
            <span id={`${fields.summary.id}-hint`} className="field-hint">
              Up to 2,000 characters.
            </span>
            <FieldErrors id={fields.summary.errorId} errors={fields.summary.errors} />
            <textarea key={summaryKey} {...summaryProps} rows={5} className="field-input" />
          </div>
          <button type="submit" className="btn" disabled={busy}>
            Record audit
          </button>
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Placement audits · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
