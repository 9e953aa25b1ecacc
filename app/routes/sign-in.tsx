import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getUser, readFormData, safeRedirectPath } from "~/accounts/guards.server";
import { sessionCookie } from "~/accounts/session.server";
import { endPreviousSession, signIn } from "~/accounts/sign-in.server";
import { ErrorSummary, FormMessage, TextField } from "~/components/forms";
import { parseSubmission } from "~/platform/form-submission.server";
import { ROLE_HOME } from "~/vocabulary/roles";

export const SignInSchema = z.object({
  email: z.string({ required_error: "Enter your email address" }).trim().email("Enter an email address like name@nhs.net").max(254),
  password: z.string({ required_error: "Enter your password" }).min(1, "Enter your password").max(200),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(ROLE_HOME[user.role]);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const submission = parseSubmission(form, SignInSchema);
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  // Decided before any session exists: an address we would not follow never gets as far as signing in.
  const destination = redirectTo ? safeRedirectPath(redirectTo, "") : "";
  const result = await signIn(email, password, context.clientIp);
  if (!result.ok) {
    const message =
      result.reason === "rate-limited"
        ? `Too many attempts. Try again in ${waitInWords(result.retryAfter)}, or reset your password to sign in now. If this address has an account, we have also emailed it a link that lifts the pause.`
        : "The email address or password is not right.";
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      { status: result.reason === "rate-limited" ? 429 : 400 },
    );
  }
  await endPreviousSession(request.headers.get("Cookie"));
  return redirect(destination || ROLE_HOME[result.role], {
    headers: { "Set-Cookie": sessionCookie(result.token, result.expiresAt) },
  });
}

function waitInWords(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

export default function SignIn() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult: actionData?.result,
    constraint: zodConstraint(SignInSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });
  const fieldErrors = [fields.email, fields.password]
    .filter((field) => field.errors?.length)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
  return (
    <div className="max-w-xl">
      <h1>Sign in</h1>
      <ErrorSummary errors={fieldErrors} />
      {form.errors && form.errors.length > 0 && (
        <FormMessage>
          <p id={form.errorId}>{form.errors.join(" ")}</p>
        </FormMessage>
      )}
      <Form method="post" {...getFormProps(form)} className="card">
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField meta={fields.email} label="Email address" type="email" autoComplete="username" />
        <TextField meta={fields.password} label="Password" type="password" autoComplete="current-password" />
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
          Sign in
        </button>
        <p className="mt-6">
          <Link to="/forgot-password">I have forgotten my password</Link>
        </p>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Sign in · Placement Exchange" }];
