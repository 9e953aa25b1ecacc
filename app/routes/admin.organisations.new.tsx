import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/platform/flash.server";
import { submitIntent } from "~/platform/form-submission.server";
import { createOrganisation } from "~/organisations/organisations.server";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrganisationDetailsForm } from "~/components/organisation-form";
import { PageHeader } from "~/components/page-header";
import { listRegions } from "~/organisations/directory.server";
import { OrganisationFormSchema } from "~/organisations/organisation-forms";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return { regions: await listRegions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "ADMIN");
  return submitIntent(form, "create-organisation", OrganisationFormSchema, async (value) => {
    const organisation = await createOrganisation(user.id, value);
    return redirectWithFlash(`/admin/organisations/${organisation.id}`, "The organisation has been added. Add its sites, workforce figures and users below.");
  });
}

export default function NewOrganisation() {
  const { regions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="mb-4">
        <Link to="/admin/organisations">Back to organisations</Link>
      </p>
      <PageHeader title="Add an organisation" caption="Administration" />
      <OrganisationDetailsForm id="create-organisation" lastResult={actionData?.result} regions={regions} submitLabel="Add the organisation" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Add an organisation · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
