import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { readFormData } from "~/accounts/guards.server";
import { requestPasswordReset } from "~/accounts/password-reset.server";
import { consume } from "~/accounts/rate-limit.server";
import { ErrorSummary, FormMessage, TextField } from "~/components/forms";
import { parseSubmission } from "~/platform/form-submission.server";

export const ForgotPasswordSchema = z.object({
  email: z.string({ required_error: "Enter your email address" }).trim().email("Enter an email address like name@nhs.net").max(254),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readFormData(request), ForgotPasswordSchema);
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const wait = (await consume("emailByIp", context.clientIp)) ?? (await consume("emailByIp", `reset:${submission.value.email.toLowerCase()}`));
  if (wait) {
    return data(
      { result: submission.reply({ formErrors: [`Too many requests. Try again in ${Math.ceil(wait / 60)} minutes.`] }), sent: false },
      { status: 429 },
    );
  }
  await requestPasswordReset(submission.value.email);
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: zodConstraint(ForgotPasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  });
  return (
    <div className="max-w-xl">
      <h1>Reset your password</h1>
      {actionData?.sent && (
        <FormMessage tone="success">
          <p>If that address belongs to an account, we have sent it a link to choose a new password. The link works once, for an hour.</p>
        </FormMessage>
      )}
      {form.errors && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <ErrorSummary errors={fields.email.errors?.length ? [{ id: fields.email.id, message: fields.email.errors[0] }] : []} />
      <Form method="post" {...getFormProps(form)} className="card">
        <TextField meta={fields.email} label="Email address" type="email" autoComplete="email" hint="We will email you a link to choose a new password." />
        <button type="submit" className="btn">
          Send the link
        </button>
        <p className="mt-6">
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Reset your password · Placement Exchange" }];
