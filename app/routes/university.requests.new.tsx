import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { parseSubmission } from "~/platform/form-submission.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { z } from "zod";
import { RequestFormSchema } from "~/marketplace/request-form";
import { optionalParam } from "~/platform/form-fields";
import { formatHours, weeksToCover } from "~/practice-hours/hours-rules";
import { getHoursRequestDraft } from "~/practice-hours/hours-views.server";
import { plural } from "~/vocabulary/labels";
import { createRequest, getRequestFormOptions } from "~/marketplace/requests.server";
import { redirectWithFlash } from "~/platform/flash.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { RequestFormFields, requestFormErrors } from "./university.shared/request-form-fields";

const DraftSchema = z.object({ forStudent: optionalParam(z.string().trim().min(1).max(40)) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const { forStudent } = DraftSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [options, draft] = await Promise.all([getRequestFormOptions(user), forStudent ? getHoursRequestDraft(user, forStudent) : null]);
  return { ...options, draft };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "UNIVERSITY");
  const submission = parseSubmission(form, RequestFormSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const created = await createRequest(user, submission.value);
    return await redirectWithFlash(`/university/requests/${created.id}`, "Your request has been made.");
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function NewRequest() {
  const options = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "request",
    lastResult: actionData?.result,
    defaultValue: options.draft ? { programmeId: options.draft.programmeId, blockId: options.draft.blockId ?? undefined, students: "1" } : undefined,
    constraint: zodConstraint(RequestFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestFormSchema }),
  });
  return (
    <div className="max-w-3xl">
      <PageHeader title="New placement request" caption="Placement requests" />
      {options.programmes.length === 0 ? (
        <p className="card">
          Requests are made for a programme&apos;s placement block. <Link to="/university/programmes/new">Add a programme</Link> and its
          blocks first.
        </p>
      ) : (
        <>
          {options.draft && (
            <p className="card mb-6">
              For {options.draft.studentName}: {formatHours(options.draft.uncoveredMinutes)} hours are not covered by any placement, about{" "}
              {plural(weeksToCover(options.draft.uncoveredMinutes), "week")} at 37.5 hours a week. Check the block and add any preferences.
            </p>
          )}
          <ErrorSummary errors={requestFormErrors(fields)} />
          {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
          <Form method="post" {...getFormProps(form)} className="card">
            <CsrfInput />
            <RequestFormFields fields={fields} options={options} />
            <div className="flex flex-wrap items-center gap-4">
              <button type="submit" className="btn">
                Make the request
              </button>
              <Link to="/university/requests">Cancel</Link>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "New placement request · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
