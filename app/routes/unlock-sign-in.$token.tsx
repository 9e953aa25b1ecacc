import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readFormData } from "~/accounts/guards.server";
import { findOpenUnlock, redeemSignInUnlock, UNLOCK_VALID_MINUTES } from "~/accounts/sign-in-unlock.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { redirectWithFlash } from "~/platform/flash.server";

// Opening the link changes nothing (mail scanners open links too); the button does.
export async function loader({ params }: LoaderFunctionArgs) {
  const unlock = await findOpenUnlock(params.token ?? "");
  return data({ valid: unlock !== null, validMinutes: UNLOCK_VALID_MINUTES }, { status: unlock ? 200 : 410 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await readFormData(request);
  const done = await redeemSignInUnlock(params.token ?? "", context.clientIp);
  if (!done) return data({ error: "This link has expired or has already been used." }, { status: 410 });
  return redirectWithFlash("/sign-in", "Signing in to your account is open again. Sign in with your password.");
}

export default function UnlockSignIn() {
  const { valid, validMinutes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!valid || actionData?.error) {
    return (
      <div className="card max-w-xl">
        <h1>This link has expired</h1>
        <p className="mb-4">Links to lift a sign-in pause work once, for {validMinutes} minutes. You can still sign in once the pause ends, or reset your password to sign in now.</p>
        {actionData?.error && <FormMessage>{actionData.error}</FormMessage>}
        <p>
          <Link to="/forgot-password">Reset your password</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-xl">
      <h1>Lift the sign-in pause</h1>
      <p className="mb-4">
        Signing in to your account was paused after several wrong passwords. Lift the pause, then sign in with your password as usual.
      </p>
      <Form method="post" className="card">
        <button type="submit" className="btn">
          Lift the pause
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Lift the sign-in pause · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
