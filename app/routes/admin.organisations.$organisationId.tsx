import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { redirectWithFlash } from "~/platform/flash.server";
import { ownAddress, submitIntent } from "~/platform/form-submission.server";
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
import { forbidden, notFound, requireRole, requireUserForm } from "~/accounts/guards.server";
import { createInvitation } from "~/accounts/invitations.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FormMessage, SelectField, TextField } from "~/components/forms";
import { OrganisationDetailsForm } from "~/components/organisation-form";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { canManageUsers } from "~/accounts/policy";
import { canManageOrganisation } from "~/organisations/policy";
import { findOrganisationScope, listRegions } from "~/organisations/directory.server";
import {
  EditSiteFormSchema,
  invitableRoles,
  inviteToOrganisationSchema,
  ORGANISATION_KIND_LABELS,
  OrganisationFormSchema,
  roundWte,
  SiteFormSchema,
  SiteIdSchema,
  UpdateWorkforceFormSchema,
  WorkforceFormSchema,
  WorkforceIdSchema,
} from "~/organisations/organisation-forms";
import { currentAcademicYear, formatAcademicYear } from "~/vocabulary/academic-year";
import { PROFESSION_LABELS, PROFESSIONS, ROLE_LABELS } from "~/vocabulary/roles";
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

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Organisation = LoaderData["organisation"];
type ActionData = ReturnType<typeof useActionData<typeof action>>;

function resultFor(actionData: ActionData, ...intents: string[]): SubmissionResult<string[]> | undefined {
  return actionData && intents.includes(actionData.intent) ? (actionData.result ?? undefined) : undefined;
}

/** Form-level errors of the one-button forms in a table (remove, deactivate). */
function rowErrors(actionData: ActionData, ...intents: string[]): string[] {
  const result = resultFor(actionData, ...intents);
  return result?.error ? Object.values(result.error).flatMap((messages) => messages ?? []) : [];
}

/** The error summary's entries, in the order the fields appear. */
function fieldErrors(fields: { id: string; errors?: string[] }[]) {
  return fields
    .filter((field) => field.errors?.length)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
}

const formatWte = (wte: number) => wte.toLocaleString("en-GB", { maximumFractionDigits: 2 });
const formatDate = (date: Date) =>
  date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" });

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

function RowButton({
  intent,
  name,
  value,
  label,
  hiddenLabel,
  tone = "secondary",
}: {
  intent: string;
  name: string;
  value: string;
  label: string;
  hiddenLabel: string;
  tone?: "secondary" | "warning";
}) {
  return (
    <Form method="post" className="inline">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={name} value={value} />
      <button type="submit" className={tone === "warning" ? "btn-warning" : "btn-secondary"}>
        {label}
        <span className="sr-only"> {hiddenLabel}</span>
      </button>
    </Form>
  );
}

function SitesSection({
  organisation,
  editingSite,
  actionData,
  formKey,
}: {
  organisation: Organisation;
  editingSite: LoaderData["editingSite"];
  actionData: ActionData;
  formKey: string;
}) {
  const errors = rowErrors(actionData, "remove-site");
  return (
    <section aria-labelledby="sites-heading" className="mb-10">
      <h2 id="sites-heading">Sites</h2>
      {errors.length > 0 && <FormMessage>{errors.join(" ")}</FormMessage>}
      {organisation.sites.length === 0 ? (
        <p className="mb-6">No sites yet.</p>
      ) : (
        <ScrollTable label="Sites, scrollable">
          <table className="data-table">
            <caption className="sr-only">Sites of {organisation.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Postcode</th>
                <th scope="col" className="text-right">
                  Latitude
                </th>
                <th scope="col" className="text-right">
                  Longitude
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {organisation.sites.map((site) => (
                <tr key={site.id}>
                  <th scope="row" className="font-normal">
                    {site.name}
                  </th>
                  <td className="whitespace-nowrap">{site.postcode}</td>
                  <td className="text-right">{site.latitude}</td>
                  <td className="text-right">{site.longitude}</td>
                  <td>
                    <div className="flex flex-wrap items-center gap-3">
                      <Link to={`?editSite=${site.id}#edit-site-heading`}>
                        Change<span className="sr-only"> {site.name}</span>
                      </Link>
                      <RowButton intent="remove-site" name="siteId" value={site.id} label="Remove" hiddenLabel={site.name} tone="warning" />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {editingSite && (
        <>
          <h3 id="edit-site-heading">Change {editingSite.name}</h3>
          <SiteForm
            key={`edit-site-${editingSite.id}-${formKey}`}
            intent="edit-site"
            site={editingSite}
            lastResult={resultFor(actionData, "edit-site")}
            submitLabel="Save the site"
          />
        </>
      )}
      <h3 id="add-site-heading">Add a site</h3>
      <SiteForm key={`add-site-${formKey}`} intent="add-site" lastResult={resultFor(actionData, "add-site")} submitLabel="Add the site" />
    </section>
  );
}

function SiteForm({
  intent,
  site,
  lastResult,
  submitLabel,
}: {
  intent: "add-site" | "edit-site";
  site?: { id: string; name: string; postcode: string; latitude: number; longitude: number };
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  // The site's id travels in a hidden field; the server checks it with EditSiteFormSchema.
  const [form, fields] = useForm({
    id: intent,
    lastResult,
    defaultValue: site ? { name: site.name, postcode: site.postcode, latitude: String(site.latitude), longitude: String(site.longitude) } : undefined,
    constraint: getZodConstraint(SiteFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SiteFormSchema }),
  });
  return (
    <>
      <ErrorSummary errors={fieldErrors([fields.name, fields.postcode, fields.latitude, fields.longitude])} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card mb-6 max-w-3xl">
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        {site && <input type="hidden" name="siteId" value={site.id} />}
        <TextField meta={fields.name} label="Site name" />
        <TextField meta={fields.postcode} label="Postcode" hint="A UK postcode, e.g. LS1 3EX." autoComplete="off" className="max-w-xs" />
        <div className="grid gap-x-6 sm:grid-cols-2">
          <TextField meta={fields.latitude} label="Latitude" hint="Decimal degrees, -90 to 90, e.g. 53.8027." type="number" />
          <TextField meta={fields.longitude} label="Longitude" hint="Decimal degrees, -180 to 180, e.g. -1.5522." type="number" />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn">
            {submitLabel}
          </button>
          {site && <Link to=".">Cancel</Link>}
        </div>
      </Form>
    </>
  );
}

function WorkforceSection({
  organisation,
  editingWorkforce,
  academicYear,
  actionData,
  formKey,
}: {
  organisation: Organisation;
  editingWorkforce: LoaderData["editingWorkforce"];
  academicYear: number;
  actionData: ActionData;
  formKey: string;
}) {
  const errors = rowErrors(actionData, "remove-workforce");
  const years = [...new Set(organisation.workforce.map((row) => row.year))];
  return (
    <section aria-labelledby="workforce-heading" className="mb-10">
      <h2 id="workforce-heading">Workforce</h2>
      <p className="mb-4 max-w-3xl">Registered staff in whole-time equivalents (WTE), by profession and academic year. They set the organisation&rsquo;s fair share.</p>
      {errors.length > 0 && <FormMessage>{errors.join(" ")}</FormMessage>}
      {organisation.workforce.length === 0 ? (
        <p className="mb-6">No workforce figures yet.</p>
      ) : (
        <ScrollTable label="Workforce figures, scrollable">
          <table className="data-table">
            <caption className="sr-only">Workforce of {organisation.name} by academic year and profession</caption>
            <thead>
              <tr>
                <th scope="col">Academic year</th>
                <th scope="col">Profession</th>
                <th scope="col" className="text-right">
                  WTE
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            {years.map((year) => {
              const rows = organisation.workforce.filter((row) => row.year === year);
              return (
                <tbody key={year}>
                  {rows.map((row) => {
                    const label = `${PROFESSION_LABELS[row.profession]} in ${formatAcademicYear(row.year)}`;
                    return (
                      <tr key={row.id}>
                        <td>{formatAcademicYear(row.year)}</td>
                        <th scope="row" className="font-normal">
                          {PROFESSION_LABELS[row.profession]}
                        </th>
                        <td className="text-right">{formatWte(row.wte)}</td>
                        <td>
                          <div className="flex flex-wrap items-center gap-3">
                            <Link to={`?editWorkforce=${row.id}#edit-workforce-heading`}>
                              Change<span className="sr-only"> {label}</span>
                            </Link>
                            <RowButton intent="remove-workforce" name="workforceId" value={row.id} label="Remove" hiddenLabel={label} tone="warning" />
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                  <tr>
                    <td>{formatAcademicYear(year)}</td>
                    <th scope="row">Total</th>
                    <td className="text-right font-bold">{formatWte(roundWte(rows.reduce((sum, row) => sum + row.wte, 0)))}</td>
                    <td />
                  </tr>
                </tbody>
              );
            })}
          </table>
        </ScrollTable>
      )}
      {editingWorkforce && (
        <>
          <h3 id="edit-workforce-heading">
            Change the WTE for {PROFESSION_LABELS[editingWorkforce.profession]} in {formatAcademicYear(editingWorkforce.year)}
          </h3>
          <UpdateWorkforceForm key={`edit-workforce-${editingWorkforce.id}-${formKey}`} row={editingWorkforce} lastResult={resultFor(actionData, "update-workforce")} />
        </>
      )}
      <h3 id="add-workforce-heading">Add a workforce figure</h3>
      <AddWorkforceForm key={`add-workforce-${formKey}`} academicYear={academicYear} lastResult={resultFor(actionData, "add-workforce")} />
    </section>
  );
}

function AddWorkforceForm({ academicYear, lastResult }: { academicYear: number; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "add-workforce",
    lastResult,
    defaultValue: { year: String(academicYear) },
    constraint: getZodConstraint(WorkforceFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WorkforceFormSchema }),
  });
  return (
    <>
      <ErrorSummary errors={fieldErrors([fields.profession, fields.year, fields.wte])} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card mb-6 max-w-3xl">
        <CsrfInput />
        <input type="hidden" name="intent" value="add-workforce" />
        <SelectField
          meta={fields.profession}
          label="Profession"
          options={PROFESSIONS.map((profession) => ({ value: profession, label: PROFESSION_LABELS[profession] }))}
        />
        <div className="grid gap-x-6 sm:grid-cols-2">
          <TextField meta={fields.year} label="Academic year" hint="The year it starts: 2026 means 2026/27." type="number" />
          <TextField meta={fields.wte} label="Registered staff (WTE)" hint="Up to 2 decimal places, e.g. 12.5." type="number" />
        </div>
        <button type="submit" className="btn">
          Add the figure
        </button>
      </Form>
    </>
  );
}

function UpdateWorkforceForm({ row, lastResult }: { row: { id: string; wte: number }; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "update-workforce",
    lastResult,
    defaultValue: { workforceId: row.id, wte: String(row.wte) },
    constraint: getZodConstraint(UpdateWorkforceFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateWorkforceFormSchema }),
  });
  return (
    <>
      <ErrorSummary errors={fieldErrors([fields.wte])} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card mb-6 max-w-3xl">
        <CsrfInput />
        <input type="hidden" name="intent" value="update-workforce" />
        <input type="hidden" name="workforceId" value={row.id} />
        <TextField meta={fields.wte} label="Registered staff (WTE)" hint="Up to 2 decimal places, e.g. 12.5." type="number" className="max-w-xs" />
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn">
            Save the figure
          </button>
          <Link to=".">Cancel</Link>
        </div>
      </Form>
    </>
  );
}

function UsersSection({
  organisation,
  currentUserId,
  actionData,
  formKey,
}: {
  organisation: Organisation;
  currentUserId: string;
  actionData: ActionData;
  formKey: string;
}) {
  const errors = rowErrors(actionData, "deactivate-user", "reactivate-user");
  return (
    <section aria-labelledby="users-heading" className="mb-10">
      <h2 id="users-heading">Users</h2>
      {errors.length > 0 && <FormMessage>{errors.join(" ")}</FormMessage>}
      {organisation.users.length === 0 ? (
        <p className="mb-6">No users yet.</p>
      ) : (
        <ScrollTable label="Users, scrollable">
          <table className="data-table">
            <caption className="sr-only">Users of {organisation.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {organisation.users.map((member) => (
                <tr key={member.id}>
                  <th scope="row" className="font-normal">
                    {member.name}
                  </th>
                  <td className="break-all">{member.email}</td>
                  <td>{ROLE_LABELS[member.role]}</td>
                  <td>{member.active ? "Active" : `Deactivated${member.deactivatedAt ? ` ${formatDate(member.deactivatedAt)}` : ""}`}</td>
                  <td>
                    {member.id !== currentUserId &&
                      (member.active ? (
                        <RowButton intent="deactivate-user" name="userId" value={member.id} label="Deactivate" hiddenLabel={member.name} tone="warning" />
                      ) : (
                        <RowButton intent="reactivate-user" name="userId" value={member.id} label="Reactivate" hiddenLabel={member.name} />
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {organisation.userCount > organisation.users.length && (
        <p className="mb-6">
          <Link to={`/admin/users?organisationId=${organisation.id}`}>See all {organisation.userCount} users of this organisation</Link>
        </p>
      )}

      {organisation.invitations.length > 0 && (
        <ScrollTable label="Open invitations, scrollable">
          <table className="data-table">
            <caption className="mb-2 text-left text-lg font-bold">Open invitations</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {organisation.invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row" className="font-normal">
                    {invitation.name}
                  </th>
                  <td className="break-all">{invitation.email}</td>
                  <td>{ROLE_LABELS[invitation.role]}</td>
                  <td>{invitation.expiresAt > new Date() ? formatDate(invitation.expiresAt) : `Expired ${formatDate(invitation.expiresAt)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}

      <h3 id="invite-heading">Invite a user</h3>
      <InviteUserForm key={`invite-${formKey}`} kind={organisation.kind} lastResult={resultFor(actionData, "invite-user")} />
    </section>
  );
}

function InviteUserForm({ kind, lastResult }: { kind: Organisation["kind"]; lastResult?: SubmissionResult<string[]> }) {
  const schema = inviteToOrganisationSchema(kind);
  const roles = invitableRoles(kind);
  const [form, fields] = useForm({
    id: "invite-user",
    lastResult,
    defaultValue: roles.length === 1 ? { role: roles[0] } : undefined,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <>
      <ErrorSummary errors={fieldErrors([fields.name, fields.email, fields.role])} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card max-w-3xl">
        <CsrfInput />
        <input type="hidden" name="intent" value="invite-user" />
        <TextField meta={fields.name} label="Full name" autoComplete="off" />
        <TextField meta={fields.email} label="Email address" type="email" autoComplete="off" hint="They will get a link that works for 7 days." />
        <SelectField meta={fields.role} label="Role" options={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))} />
        <button type="submit" className="btn">
          Send the invitation
        </button>
      </Form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Organisation"} · Placement Exchange` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
