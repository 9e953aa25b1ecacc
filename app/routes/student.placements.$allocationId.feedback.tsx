import { getFormProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { parseSubmission } from "~/platform/form-submission.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FieldErrors, FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { formatDateRange } from "~/vocabulary/labels";
import { FEEDBACK_QUESTIONS, FeedbackFormSchema, RATING_LABELS } from "~/quality/quality-rules";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { redirectWithFlash } from "~/platform/flash.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { getFeedbackTarget, submitFeedback } from "~/quality/feedback.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "STUDENT");
  try {
    const allocation = await getFeedbackTarget(user, params.allocationId ?? "");
    return {
      placement: {
        profession: allocation.offer.profession,
        providerName: allocation.offer.provider.name,
        siteName: allocation.offer.site.name,
        startDate: allocation.request.startDate,
        endDate: allocation.request.endDate,
      },
    };
  } catch (error) {
    throw refusalReply(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "STUDENT");
  const submission = parseSubmission(form, FeedbackFormSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    await submitFeedback(user, params.allocationId ?? "", submission.value);
  } catch (error) {
    throw refusalReply(error);
  }
  return redirectWithFlash("/student/placements", "Thank you: your feedback has been sent.");
}

function RatingGroup({ meta, legend }: { meta: FieldMetadata<number | undefined>; legend: string }) {
  const invalid = meta.errors && meta.errors.length > 0;
  return (
    <fieldset className="mb-5" aria-invalid={invalid || undefined} aria-describedby={invalid ? meta.errorId : undefined} id={meta.id} tabIndex={-1}>
      <legend className="field-label">{legend}</legend>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
      <div className="flex flex-wrap gap-4">
        {[1, 2, 3, 4, 5].map((value) => (
          <label key={value} className="flex items-center gap-2">
            <input type="radio" name={meta.name} value={value} defaultChecked={meta.initialValue === String(value)} required />
            {value} – {RATING_LABELS[value]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export default function PlacementFeedbackPage() {
  const { placement } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "feedback",
    lastResult: actionData?.result,
    constraint: zodConstraint(FeedbackFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FeedbackFormSchema }),
  });
  const errors = [fields.overall, fields.induction, fields.supervision, fields.learning, fields.comments]
    .filter((field) => field.errors && field.errors.length > 0)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
  const { key: commentsKey, ...commentsProps } = getTextareaProps(fields.comments, { ariaDescribedBy: `${fields.comments.id}-hint` });
  return (
    <div className="max-w-3xl">
      <PageHeader title="Feedback on your placement" caption={`${PROFESSION_LABELS[placement.profession]} at ${placement.siteName}, ${placement.providerName}`} />
      <p className="mb-6">
        {formatDateRange(placement.startDate, placement.endDate)}. The provider sees your answers without your name, and only once at least 3 students have
        answered. You can give feedback once.
      </p>
      <ErrorSummary errors={errors} />
      {form.errors && form.errors.length > 0 && (
        <FormMessage>
          <p id={form.errorId}>{form.errors.join(" ")}</p>
        </FormMessage>
      )}
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        {FEEDBACK_QUESTIONS.map((question) => (
          <RatingGroup key={question.name} meta={fields[question.name]} legend={question.label} />
        ))}
        <div className="mb-5">
          <label htmlFor={fields.comments.id} className="field-label">
            Comments (optional)
          </label>
          <span id={`${fields.comments.id}-hint`} className="field-hint">
            Up to 2,000 characters. Please do not name anyone.
          </span>
          <FieldErrors id={fields.comments.errorId} errors={fields.comments.errors} />
          <textarea key={commentsKey} {...commentsProps} rows={6} className="field-input" />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn" disabled={busy}>
            Send feedback
          </button>
          <Link to="/student/placements">Cancel</Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Placement feedback · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
