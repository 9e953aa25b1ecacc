import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { parseSubmission } from "~/platform/form-submission.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { RequestFormSchema } from "~/marketplace/request-form";
import { createRequest, getRequestFormOptions } from "~/marketplace/requests.server";
import { redirectWithFlash } from "~/platform/flash.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { RequestFormFields, requestFormErrors } from "./university.shared/request-form-fields";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  return getRequestFormOptions(user);
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
    constraint: getZodConstraint(RequestFormSchema),
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
