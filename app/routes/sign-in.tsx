import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getUser, readFormData, safeRedirectPath } from "~/accounts/guards.server";
import { invalidateSession, readSessionToken, sessionCookie } from "~/accounts/session.server";
import { signIn } from "~/accounts/sign-in.server";
import { hashToken } from "~/accounts/tokens.server";
import { ErrorSummary, FormMessage, TextField } from "~/components/forms";
import { prisma } from "~/platform/db/db.server";
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
  const submission = parseWithZod(form, { schema: SignInSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await signIn(email, password, context.clientIp);
  if (!result.ok) {
    const message =
      result.reason === "rate-limited"
        ? `Too many attempts. Try again in ${Math.ceil(result.retryAfter / 60)} minutes.`
        : "The email address or password is not right.";
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      { status: result.reason === "rate-limited" ? 429 : 400 },
    );
  }
  // A fresh token on every sign-in: a session id planted before sign-in is never promoted.
  const previous = readSessionToken(request.headers.get("Cookie"));
  if (previous) await invalidateSession(hashToken(previous));
  const user = await prisma.user.findUniqueOrThrow({ where: { id: result.userId }, select: { role: true } });
  return redirect(safeRedirectPath(redirectTo, ROLE_HOME[user.role]), {
    headers: { "Set-Cookie": sessionCookie(result.token, result.expiresAt) },
  });
}

export default function SignIn() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignInSchema),
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
