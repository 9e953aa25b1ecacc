import { data,type ActionFunctionArgs,type LoaderFunctionArgs,type MetaFunction } from "@remix-run/node";
import { Link,useActionData,useLoaderData,useLocation } from "@remix-run/react";
import { redirectWithFlash } from "~/platform/flash.server";
import { ownAddress,submitIntent } from "~/platform/form-submission.server";
import {
addSite,
addWorkforce,
getOrganisationForAdmin,
removeSite,
removeWorkforce,
updateOrganisation,
updateSite,
updateWorkforce,
} from "~/organisations/organisations.server";
import { setUserActive } from "~/accounts/users.server";
import { forbidden,notFound,requireRole,requireUserForm } from "~/accounts/guards.server";
import { createInvitation } from "~/accounts/invitations.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SitesSection } from "./admin.organisations.shared/sites-section";
import { UsersSection } from "./admin.organisations.shared/users-section";
import { WorkforceSection } from "./admin.organisations.shared/workforce-section";
import { resultFor } from "./admin.organisations.shared/organisation-page";
import { FormMessage } from "~/components/forms";
import { OrganisationDetailsForm } from "~/components/organisation-form";
import { PageHeader } from "~/components/page-header";
import { canManageUsers } from "~/accounts/policy";
import { canManageOrganisation } from "~/organisations/policy";
import { findOrganisationScope,listRegions } from "~/organisations/directory.server";
import {
EditSiteFormSchema,inviteToOrganisationSchema,
ORGANISATION_KIND_LABELS,
OrganisationFormSchema,SiteFormSchema,
SiteIdSchema,
UpdateWorkforceFormSchema,
WorkforceFormSchema,
WorkforceIdSchema
} from "~/organisations/organisation-forms";
import { currentAcademicYear } from "~/vocabulary/academic-year";
import { UserIdSchema } from "~/accounts/user-forms";

const NOTICES = {
  "organisation-updated": "The organisation's details have been saved.",
  "site-added": "The site has been added.",
  "site-updated": "The site has been saved.",
  "site-removed": "The site has been removed.",
  "workforce-added": "The workforce figure has been added.",
  "workforce-updated": "The workforce figure has been changed.",
  "workforce-removed": "The workforce figure has been removed.",
  "user-deactivated": "The user has been deactivated and signed out everywhere.",
  "user-reactivated": "The user has been reactivated and can sign in again.",
  "invitation-sent": "The invitation has been sent. It works for 7 days.",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "ADMIN");
  const organisation = await getOrganisationForAdmin(params.organisationId ?? "");
  if (!organisation || !canManageOrganisation(user, organisation)) throw notFound("There is no such organisation.");
  const searchParams = new URL(request.url).searchParams;
  return {
    organisation,
    currentUserId: user.id,
    regions: await listRegions(),
    editingSite: organisation.sites.find((site) => site.id === searchParams.get("editSite")) ?? null,
    editingWorkforce: organisation.workforce.find((row) => row.id === searchParams.get("editWorkforce")) ?? null,
    academicYear: currentAcademicYear(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "ADMIN");
  const organisation = await findOrganisationScope(params.organisationId ?? "");
  if (!organisation) throw notFound("There is no such organisation.");
  if (!canManageOrganisation(user, organisation)) throw forbidden();
  const organisationId = organisation.id;
  const intent = String(form.get("intent") ?? "");
  const done = (notice: keyof typeof NOTICES) => redirectWithFlash(ownAddress(request, { drop: ["editSite", "editWorkforce"] }), NOTICES[notice]);
  switch (intent) {
    case "update-organisation":
      return submitIntent(form, intent, OrganisationFormSchema, async (value) => {
        await updateOrganisation(user.id, organisationId, value);
        return done("organisation-updated");
      });
    case "add-site":
      return submitIntent(form, intent, SiteFormSchema, async (value) => {
        await addSite(user.id, organisationId, value);
        return done("site-added");
      });
    case "edit-site":
      return submitIntent(form, intent, EditSiteFormSchema, async ({ siteId, ...value }) => {
        await updateSite(user.id, organisationId, siteId, value);
        return done("site-updated");
      });
    case "remove-site":
      return submitIntent(form, intent, SiteIdSchema, async ({ siteId }) => {
        await removeSite(user.id, organisationId, siteId);
        return done("site-removed");
      });
    case "add-workforce":
      return submitIntent(form, intent, WorkforceFormSchema, async (value) => {
        await addWorkforce(user.id, organisationId, value);
        return done("workforce-added");
      });
    case "update-workforce":
      return submitIntent(form, intent, UpdateWorkforceFormSchema, async ({ workforceId, wte }) => {
        await updateWorkforce(user.id, organisationId, workforceId, wte);
        return done("workforce-updated");
      });
    case "remove-workforce":
      return submitIntent(form, intent, WorkforceIdSchema, async ({ workforceId }) => {
        await removeWorkforce(user.id, organisationId, workforceId);
        return done("workforce-removed");
      });
    case "deactivate-user":
    case "reactivate-user":
      if (!canManageUsers(user)) throw forbidden();
      return submitIntent(form, intent, UserIdSchema, async ({ userId }) => {
        const active = intent === "reactivate-user";
        await setUserActive(user, userId, active, { organisationId });
        return done(active ? "user-reactivated" : "user-deactivated");
      });
    case "invite-user":
      if (!canManageUsers(user)) throw forbidden();
      return submitIntent(form, intent, inviteToOrganisationSchema(organisation.kind), async (value) => {
        await createInvitation({ ...value, organisationId, regionId: null, invitedById: user.id });
        return done("invitation-sent");
      });
    default:
      return data({ intent, result: null }, { status: 400 });
  }
}

export default function AdminOrganisation() {
  const { organisation, regions, editingSite, editingWorkforce, academicYear, currentUserId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // A new key after every submission remounts the forms, so a saved form starts empty again.
  const { key } = useLocation();
  const unknownIntent = actionData && actionData.result === null;
  return (
    <>
      <p className="mb-4">
        <Link to="/admin/organisations">Back to organisations</Link>
      </p>
      <PageHeader
        title={organisation.name}
        caption={`${ORGANISATION_KIND_LABELS[organisation.kind]} · ${organisation.region.name}`}
        actions={
          <Link to={`/organisations/${organisation.id}`} className="btn-secondary">
            View profile
          </Link>
        }
      />
      {unknownIntent && <FormMessage>That action is not available. Reload the page and try again.</FormMessage>}

      <section aria-labelledby="details-heading" className="mb-10">
        <h2 id="details-heading">Details</h2>
        <OrganisationDetailsForm
          key={`details-${key}`}
          id="update-organisation"
          intent="update-organisation"
          lastResult={resultFor(actionData, "update-organisation")}
          defaultValue={organisation}
          regions={regions}
          submitLabel="Save details"
        />
      </section>

      <SitesSection organisation={organisation} editingSite={editingSite} actionData={actionData} formKey={key} />
      {organisation.kind === "PROVIDER" && (
        <WorkforceSection
          organisation={organisation}
          editingWorkforce={editingWorkforce}
          academicYear={academicYear}
          actionData={actionData}
          formKey={key}
        />
      )}
      <UsersSection organisation={organisation} currentUserId={currentUserId} actionData={actionData} formKey={key} />
    </>
  );
}


export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Organisation"} · Placement Exchange` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
