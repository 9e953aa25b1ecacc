import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { submitResourceForm } from "~/resources/resource-actions.server";
import { ResourceForm } from "./resources.shared/resource-form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "FACILITATOR", "ADMIN");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "FACILITATOR", "ADMIN");
  return submitResourceForm(user, form, null);
}

export default function NewResource() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="Add a resource" caption="Learning exchange" />
      <p className="mb-4">
        <Link to="/resources">Back to the library</Link>
      </p>
      <ResourceForm lastResult={actionData?.result} submitLabel="Add resource" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Add a resource · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
