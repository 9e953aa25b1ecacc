import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { parseSubmission } from "~/platform/form-submission.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ProgrammeFormSchema } from "~/marketplace/programme-form";
import { createProgramme } from "~/marketplace/programmes.server";
import { redirectWithFlash } from "~/platform/flash.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { fieldErrorsOf, ProgrammeFormFields } from "./university.shared/programme-form-fields";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "UNIVERSITY");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "UNIVERSITY");
  const submission = parseSubmission(form, ProgrammeFormSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const programme = await createProgramme(user, submission.value);
    return await redirectWithFlash(`/university/programmes/${programme.id}`, `${submission.value.name} has been added. Now add its placement blocks.`);
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function NewProgramme() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "programme",
    lastResult: actionData?.result,
    constraint: zodConstraint(ProgrammeFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgrammeFormSchema }),
  });
  return (
    <div className="max-w-3xl">
      <PageHeader title="Add a programme" caption="Programmes" />
      <ErrorSummary errors={fieldErrorsOf(fields)} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        <ProgrammeFormFields fields={fields} />
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn">
            Add the programme
          </button>
          <Link to="/university/programmes">Cancel</Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Add a programme · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
