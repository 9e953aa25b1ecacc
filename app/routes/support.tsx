import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { parseSubmission } from "~/platform/form-submission.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { createSupportRequest, listOwnSupportRequests } from "~/cases/cases.server";
import { SUPPORT_TOPIC_LABELS, SUPPORT_TOPICS, type SupportTopic } from "~/cases/case-rules";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FieldErrors, FormMessage, SelectField } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { formatDateTime } from "~/vocabulary/labels";

const SupportRequestSchema = z.object({
  topic: z.enum(SUPPORT_TOPICS, { errorMap: () => ({ message: "Choose what you need support with" }) }),
  body: z.string({ required_error: "Describe the challenge" }).trim().min(10, "Describe the challenge in 10 characters or more").max(4000, "Keep it to 4,000 characters"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR", "UNIVERSITY");
  return { requests: await listOwnSupportRequests(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "EDUCATOR", "UNIVERSITY");
  const submission = parseSubmission(form, SupportRequestSchema);
  if (submission.status !== "success") {
    const field = Object.keys(submission.error ?? {})[0] ?? null;
    return data({ result: submission.reply(), field, sent: false }, { status: 400 });
  }
  await createSupportRequest(user, submission.value);
  return data({ result: submission.reply({ resetForm: true }), field: null, sent: true });
}

export default function Support() {
  const { requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "support",
    lastResult: actionData?.result,
    constraint: zodConstraint(SupportRequestSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SupportRequestSchema }),
  });
  const { key: bodyKey, ...bodyProps } = getTextareaProps(fields.body, { ariaDescribedBy: "body-hint" });
  const errors = [fields.topic, fields.body]
    .filter((field) => field.errors?.length)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
  return (
    <>
      <PageHeader title="Ask for support" caption="Your region's placement expansion facilitators help with capacity and quality challenges" />
      <section aria-labelledby="ask-heading" className="mb-8 max-w-3xl">
        <h2 id="ask-heading">Ask the facilitators</h2>
        <ErrorSummary errors={errors} />
        {actionData?.sent && <FormMessage tone="success">Your request was sent to your region&apos;s facilitators.</FormMessage>}
        <Form method="post" {...getFormProps(form)} className="card">
          <CsrfInput />
          <SelectField
            meta={fields.topic}
            label="What do you need support with?"
            options={SUPPORT_TOPICS.map((topic) => ({ value: topic, label: SUPPORT_TOPIC_LABELS[topic] }))}
          />
          <div className="mb-5">
            <label htmlFor={fields.body.id} className="field-label">
              Describe the challenge
            </label>
            <p id="body-hint" className="field-hint">
              For example: the professions, dates and number of students affected, and what you have tried.
            </p>
            <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
            <textarea key={bodyKey} {...bodyProps} rows={6} className="field-input" />
          </div>
          <button type="submit" className="btn">
            Send to the facilitators
          </button>
        </Form>
      </section>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">Your organisation&apos;s requests</h2>
        {requests.length === 0 ? (
          <p className="card">None yet.</p>
        ) : (
          <div className="relative overflow-x-auto" role="region" aria-label="Support requests" tabIndex={0}>
            <table className="data-table">
              <caption className="sr-only">Support requests from your organisation, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Asked</th>
                  <th scope="col">Topic</th>
                  <th scope="col">Request</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((item) => (
                  <tr key={item.id}>
                    <td>{formatDateTime(item.createdAt)}</td>
                    <td>{SUPPORT_TOPIC_LABELS[item.topic as SupportTopic] ?? item.topic}</td>
                    <td className="whitespace-pre-line">{item.body}</td>
                    <td>{item.caseId ? "A facilitator is working on it" : "Waiting for a facilitator"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Ask for support · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
