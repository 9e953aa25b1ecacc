import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { refusalReply } from "~/platform/refusal-reply.server";
import { submitResourceForm } from "~/resources/resource-actions.server";
import { getResource } from "~/resources/resources.server";
import { ResourceForm } from "./resources.shared/resource-form";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "FACILITATOR", "ADMIN");
  try {
    const { resource } = await getResource(params.resourceId ?? "");
    return { resource: { id: resource.id, title: resource.title, summary: resource.summary, category: resource.category, tags: resource.tags, url: resource.url, fileName: resource.fileName } };
  } catch (error) {
    throw refusalReply(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "FACILITATOR", "ADMIN");
  return submitResourceForm(user, form, params.resourceId ?? "");
}

export default function EditResource() {
  const { resource } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="Edit resource" caption={resource.title} />
      <p className="mb-4">
        <Link to={`/resources/${resource.id}`}>Back to the resource</Link>
      </p>
      <ResourceForm
        lastResult={actionData?.result}
        defaults={{ title: resource.title, summary: resource.summary, category: resource.category, tags: resource.tags.join(", "), url: resource.url ?? "" }}
        currentFile={resource.fileName}
        submitLabel="Save changes"
      />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Edit resource · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
