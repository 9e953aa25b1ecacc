import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { readFormData } from "~/accounts/guards.server";
import { acceptInvitation, findOpenInvitation } from "~/accounts/invitations.server";
import { NewPasswordSchema } from "~/accounts/password-policy";
import { createSession, sessionCookie } from "~/accounts/session.server";
import { ErrorSummary, FormMessage, TextField } from "~/components/forms";
import { refusalReply } from "~/platform/refusal-reply.server";
import { ROLE_HOME, ROLE_LABELS } from "~/vocabulary/roles";
import { parseSubmission } from "~/platform/form-submission.server";

export const AcceptInvitationSchema = z
  .object({ password: NewPasswordSchema, confirmPassword: z.string({ required_error: "Enter the password again" }) })
  .refine((value) => value.password === value.confirmPassword, { message: "The passwords do not match", path: ["confirmPassword"] });

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(params.token ?? "");
  if (!invitation) return data({ invitation: null }, { status: 410 });
  return {
    invitation: {
      name: invitation.name,
      email: invitation.email,
      roleLabel: ROLE_LABELS[invitation.role],
      organisationName: invitation.organisation?.name ?? null,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseSubmission(await readFormData(request), AcceptInvitationSchema);
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirmPassword"] }) }, { status: 400 });
  }
  try {
    const user = await acceptInvitation(params.token ?? "", submission.value.password);
    const session = await createSession(user.id);
    return redirect(ROLE_HOME[user.role], { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) } });
  } catch (error) {
    return refusalReply(error, (refusal) => ({ result: submission.reply({ formErrors: [refusal.message], hideFields: ["password", "confirmPassword"] }) }));
  }
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "accept-invitation",
    lastResult: actionData?.result,
    constraint: zodConstraint(AcceptInvitationSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }),
  });
  if (!invitation) {
    return (
      <div className="card max-w-xl">
        <h1>This invitation has expired or has been used</h1>
        <p className="mb-4">Invitations work once, for 7 days. Ask your administrator to send a new one.</p>
        <Link to="/sign-in">Sign in</Link>
      </div>
    );
  }
  const errors = [fields.password, fields.confirmPassword].filter((f) => f.errors?.length).map((f) => ({ id: f.id, message: f.errors![0] }));
  return (
    <div className="max-w-xl">
      <h1>Welcome, {invitation.name}</h1>
      <p className="mb-6">
        You have been invited to Placement Exchange as {invitation.roleLabel}
        {invitation.organisationName ? ` for ${invitation.organisationName}` : ""}. Choose a password to finish setting up
        your account ({invitation.email}).
      </p>
      <ErrorSummary errors={errors} />
      {form.errors && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card">
        <TextField meta={fields.password} label="Password" type="password" autoComplete="new-password" hint="At least 12 characters. A few unrelated words work well." />
        <TextField meta={fields.confirmPassword} label="Password again" type="password" autoComplete="new-password" />
        <button type="submit" className="btn">
          Create my account
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Accept your invitation · Placement Exchange" }];
