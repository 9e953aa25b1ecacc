import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { readFormData } from "~/accounts/guards.server";
import { NewPasswordSchema } from "~/accounts/password-policy";
import { completePasswordReset, findOpenReset } from "~/accounts/password-reset.server";
import { ErrorSummary, FormMessage, TextField } from "~/components/forms";
import { redirectWithFlash } from "~/platform/flash.server";
import { parseSubmission } from "~/platform/form-submission.server";

export const ResetPasswordSchema = z
  .object({ password: NewPasswordSchema, confirmPassword: z.string({ required_error: "Enter the password again" }) })
  .refine((value) => value.password === value.confirmPassword, { message: "The passwords do not match", path: ["confirmPassword"] });

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findOpenReset(params.token ?? "");
  return data({ valid: reset !== null }, { status: reset ? 200 : 410 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readFormData(request), ResetPasswordSchema);
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirmPassword"] }) }, { status: 400 });
  }
  const done = await completePasswordReset(params.token ?? "", submission.value.password, context.clientIp);
  if (!done) {
    return data({ result: submission.reply({ formErrors: ["This link has expired or has already been used. Ask for a new one."], hideFields: ["password", "confirmPassword"] }) }, { status: 410 });
  }
  return redirectWithFlash("/sign-in", "Your password has been changed. Sign in with your new password.");
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    constraint: zodConstraint(ResetPasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  });
  if (!valid) {
    return (
      <div className="card max-w-xl">
        <h1>This link has expired</h1>
        <p className="mb-4">Password reset links work once, for an hour.</p>
        <Link to="/forgot-password">Ask for a new link</Link>
      </div>
    );
  }
  const errors = [fields.password, fields.confirmPassword].filter((f) => f.errors?.length).map((f) => ({ id: f.id, message: f.errors![0] }));
  return (
    <div className="max-w-xl">
      <h1>Choose a new password</h1>
      <ErrorSummary errors={errors} />
      {form.errors && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card">
        <TextField meta={fields.password} label="New password" type="password" autoComplete="new-password" hint="At least 12 characters. A few unrelated words work well." />
        <TextField meta={fields.confirmPassword} label="New password again" type="password" autoComplete="new-password" />
        <button type="submit" className="btn">
          Save the new password
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Choose a new password · Placement Exchange" }];
