import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireSession, requireUserForm } from "~/accounts/guards.server";
import { NewPasswordSchema } from "~/accounts/password-policy";
import { changePassword } from "~/accounts/password-reset.server";
import { checkCurrentPassword, loadAccountSummary } from "~/accounts/account.server";
import { CsrfInput } from "~/components/csrf-input";
import { ErrorSummary, FormMessage, TextField } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { refusalReply } from "~/platform/refusal-reply.server";
import { ROLE_LABELS } from "~/vocabulary/roles";
import { parseSubmission } from "~/platform/form-submission.server";

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: "Enter your current password" }).max(200),
    password: NewPasswordSchema,
    confirmPassword: z.string({ required_error: "Enter the new password again" }),
  })
  .refine((value) => value.password === value.confirmPassword, { message: "The passwords do not match", path: ["confirmPassword"] });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireSession(request);
  return { user, ...(await loadAccountSummary(user)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form, sessionId } = await requireUserForm(request);
  const submission = parseSubmission(form, ChangePasswordSchema);
  const hidden = { hideFields: ["currentPassword", "password", "confirmPassword"] };
  if (submission.status !== "success") return data({ result: submission.reply(hidden), changed: false }, { status: 400 });
  try {
    await checkCurrentPassword(user.id, submission.value.currentPassword, context.clientIp);
  } catch (error) {
    return refusalReply(error, (refusal) => ({
      result: submission.reply({ ...hidden, fieldErrors: { currentPassword: [refusal.message] } }),
      changed: false,
    }));
  }
  await changePassword(user.id, sessionId, submission.value.password);
  return { result: submission.reply({ resetForm: true }), changed: true };
}

export default function Account() {
  const { user, organisationName, sessionCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
    constraint: zodConstraint(ChangePasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  const errors = [fields.currentPassword, fields.password, fields.confirmPassword]
    .filter((f) => f.errors?.length)
    .map((f) => ({ id: f.id, message: f.errors![0] }));
  return (
    <>
      <PageHeader title="Your account" />
      <dl className="card mb-8 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-bold">Name</dt>
        <dd>{user.name}</dd>
        <dt className="font-bold">Email</dt>
        <dd>{user.email}</dd>
        <dt className="font-bold">Role</dt>
        <dd>{ROLE_LABELS[user.role]}</dd>
        {organisationName && (
          <>
            <dt className="font-bold">Organisation</dt>
            <dd>{organisationName}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="password-heading" className="mb-8 max-w-3xl">
        <h2 id="password-heading">Change your password</h2>
        {actionData?.changed && (
          <FormMessage tone="success">Your password has been changed. Your other browsers have been signed out.</FormMessage>
        )}
        <ErrorSummary errors={errors} />
        <Form method="post" {...getFormProps(form)} className="card">
          <CsrfInput />
          <TextField meta={fields.currentPassword} label="Current password" type="password" autoComplete="current-password" />
          <TextField meta={fields.password} label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." />
          <TextField meta={fields.confirmPassword} label="New password again" type="password" autoComplete="new-password" />
          <button type="submit" className="btn">
            Change password
          </button>
        </Form>
      </section>

      <section aria-labelledby="sessions-heading" className="max-w-3xl">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <div className="card">
          <p className="mb-4">
            You are signed in on {sessionCount} {sessionCount === 1 ? "browser" : "browsers"}. If you have lost a device or
            think someone else has used your account, sign out everywhere.
          </p>
          <Form method="post" action="/sign-out">
            <CsrfInput />
            <input type="hidden" name="everywhere" value="true" />
            <button type="submit" className="btn-warning">
              Sign out everywhere
            </button>
          </Form>
        </div>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Your account · Placement Exchange" }];
