import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { redirectWithFlash } from "~/platform/flash.server";
import { ownAddress, submitIntent } from "~/platform/form-submission.server";
import { eraseUser, listOpenInvitations, listUsers, setUserActive } from "~/accounts/users.server";
import { forbidden, requireRole, requireUserForm } from "~/accounts/guards.server";
import { createInvitation } from "~/accounts/invitations.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FormMessage, SelectField, TextField } from "~/components/forms";
import { FilterActions, FilterSelect } from "~/components/filter-fields";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ScrollTable } from "~/components/scroll-table";
import { canManageUsers } from "~/accounts/policy";
import { listRegions } from "~/organisations/directory.server";
import { ROLE_LABELS, ROLES } from "~/vocabulary/roles";
import { formatLondonDate } from "~/vocabulary/labels";
import { EraseUserSchema, InviteFacilitatorSchema, parseUserFilters, UserIdSchema } from "~/accounts/user-forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "ADMIN");
  if (!canManageUsers(user)) throw forbidden();
  const searchParams = new URL(request.url).searchParams;
  const filters = parseUserFilters(searchParams);
  const [list, open, regions] = await Promise.all([listUsers(filters), listOpenInvitations(), listRegions()]);
  return {
    ...list,
    openInvitations: open,
    regions,
    filters,
    currentUserId: user.id,
    now: new Date(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "ADMIN");
  if (!canManageUsers(user)) throw forbidden();
  const intent = String(form.get("intent") ?? "");
  switch (intent) {
    case "deactivate-user":
    case "reactivate-user":
      return submitIntent(form, intent, UserIdSchema, async ({ userId }) => {
        const active = intent === "reactivate-user";
        await setUserActive(user, userId, active);
        const done = active ? "The user has been reactivated and can sign in again." : "The user has been deactivated and signed out everywhere.";
        return redirectWithFlash(ownAddress(request), done);
      });
    case "erase-user":
      return submitIntent(form, intent, EraseUserSchema, async ({ userId }) => {
        await eraseUser(user, userId);
        return redirectWithFlash(ownAddress(request), "The person's personal data has been deleted. Their placements and history remain, as “Deleted user”.");
      });
    case "invite-facilitator":
      return submitIntent(form, intent, InviteFacilitatorSchema, async (value) => {
        await createInvitation({
          email: value.email,
          name: value.name,
          role: "FACILITATOR",
          organisationId: null,
          regionId: value.regionId,
          invitedById: user.id,
        });
        return redirectWithFlash(ownAddress(request), "The invitation has been sent. It works for 7 days.");
      });
    default:
      return data({ intent, result: null }, { status: 400 });
  }
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;

function resultFor(actionData: ActionData, ...intents: string[]): SubmissionResult<string[]> | undefined {
  return actionData && intents.includes(actionData.intent) ? (actionData.result ?? undefined) : undefined;
}

const formatDate = (date: Date) => formatLondonDate(date);

export default function AdminUsers() {
  const { users, window, organisation, openInvitations, regions, filters, currentUserId, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { pathname, key } = useLocation();
  const statusResult = resultFor(actionData, "deactivate-user", "reactivate-user");
  const statusErrors = statusResult?.error ? Object.values(statusResult.error).flatMap((messages) => messages ?? []) : [];
  const filtered = Boolean(filters.q || filters.role || filters.organisation || filters.organisationId || filters.status);
  return (
    <>
      <PageHeader title="Users" caption="Administration" />
      {actionData && actionData.result === null && <FormMessage>That action is not available. Reload the page and try again.</FormMessage>}
      {statusErrors.length > 0 && <FormMessage>{statusErrors.join(" ")}</FormMessage>}

      <Form method="get" role="search" aria-label="Filter users" className="card mb-6 grid gap-4 md:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_1fr_auto] lg:items-end">
        {filters.organisationId && <input type="hidden" name="organisationId" value={filters.organisationId} />}
        <div>
          <label htmlFor="q" className="field-label">
            Name or email
          </label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} className="field-input" />
        </div>
        <div>
          <label htmlFor="organisation" className="field-label">
            Organisation
          </label>
          <input id="organisation" name="organisation" type="search" defaultValue={filters.organisation ?? ""} className="field-input" />
        </div>
        <FilterSelect name="role" label="Role" value={filters.role} anyLabel="All roles" options={ROLES.map((role) => [role, ROLE_LABELS[role]] as const)} />
        <div>
          <label htmlFor="status" className="field-label">
            Status
          </label>
          <select id="status" name="status" defaultValue={filters.status ?? ""} className="field-input">
            <option value="">Active and inactive</option>
            <option value="active">Active</option>
            <option value="inactive">Inactive</option>
          </select>
        </div>
        <FilterActions filtered={filtered} />
      </Form>
      {organisation && (
        <p className="mb-4">
          Showing users of <Link to={`/admin/organisations/${organisation.id}`}>{organisation.name}</Link> only.
        </p>
      )}

      {users.length === 0 ? (
        <p className="card">{filtered ? "No users match these filters." : "There are no users yet."}</p>
      ) : (
        <ScrollTable label="Users, scrollable">
          <table className="data-table">
            <caption className="sr-only">Users, sorted by name</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Organisation or region</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((member) => (
                <tr key={member.id}>
                  <th scope="row" className="font-normal">
                    {member.name}
                  </th>
                  <td className="break-all">{member.email}</td>
                  <td>{ROLE_LABELS[member.role]}</td>
                  <td>
                    {member.organisation ? (
                      <Link to={`/admin/organisations/${member.organisation.id}`}>{member.organisation.name}</Link>
                    ) : member.region ? (
                      `${member.region.name} region`
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{member.active ? "Active" : `Deactivated${member.deactivatedAt ? ` ${formatDate(member.deactivatedAt)}` : ""}`}</td>
                  <td>
                    {member.id === currentUserId ? (
                      <span className="text-nhs-grey-1">You</span>
                    ) : (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value={member.active ? "deactivate-user" : "reactivate-user"} />
                        <input type="hidden" name="userId" value={member.id} />
                        <button type="submit" className={member.active ? "btn-warning" : "btn-secondary"}>
                          {member.active ? "Deactivate" : "Reactivate"}
                          <span className="sr-only"> {member.name}</span>
                        </button>
                      </Form>
                    )}
                    {!member.active && member.id !== currentUserId && member.name !== "Deleted user" && (
                      <Form method="post" className="mt-2">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="erase-user" />
                        <input type="hidden" name="userId" value={member.id} />
                        <div className="mb-1 flex items-center gap-2">
                          <input id={`erase-${member.id}`} type="checkbox" name="confirm" value="yes" required className="h-5 w-5" />
                          <label htmlFor={`erase-${member.id}`} className="text-sm">
                            The person asked for their data to be deleted
                          </label>
                        </div>
                        <button type="submit" className="btn-warning">
                          Delete personal data<span className="sr-only"> of {member.name}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <Pagination window={window} pathname={pathname} filters={filters} label="User pages" noun="user" />

      <section aria-labelledby="invitations-heading" className="mt-10 mb-10">
        <h2 id="invitations-heading">Open invitations</h2>
        {openInvitations.invitations.length === 0 ? (
          <p>No invitations are waiting to be accepted.</p>
        ) : (
          <>
            <ScrollTable label="Open invitations, scrollable">
              <table className="data-table">
                <caption className="sr-only">Invitations not yet accepted, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Organisation or region</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {openInvitations.invitations.map((invitation) => (
                    <tr key={invitation.id}>
                      <th scope="row" className="font-normal">
                        {invitation.name}
                      </th>
                      <td className="break-all">{invitation.email}</td>
                      <td>{ROLE_LABELS[invitation.role]}</td>
                      <td>{invitation.organisation?.name ?? (invitation.regionName ? `${invitation.regionName} region` : "—")}</td>
                      <td>{formatDate(invitation.expiresAt)}</td>
                      <td>{invitation.expiresAt > now ? "Waiting" : "Expired"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
            {openInvitations.total > openInvitations.invitations.length && (
              <p>
                Showing the newest {openInvitations.invitations.length} of {openInvitations.total} open invitations.
              </p>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="invite-facilitator-heading">
        <h2 id="invite-facilitator-heading">Invite a facilitator</h2>
        <p className="mb-4 max-w-3xl">
          Placement expansion facilitators work for a region. To invite someone to a provider or a university, use that
          organisation&rsquo;s page.
        </p>
        <InviteFacilitatorForm key={`invite-${key}`} regions={regions} lastResult={resultFor(actionData, "invite-facilitator")} />
      </section>
    </>
  );
}

function InviteFacilitatorForm({ regions, lastResult }: { regions: { id: string; name: string }[]; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "invite-facilitator",
    lastResult,
    constraint: zodConstraint(InviteFacilitatorSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteFacilitatorSchema }),
  });
  const errors = [fields.name, fields.email, fields.regionId]
    .filter((field) => field.errors?.length)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
  return (
    <>
      <ErrorSummary errors={errors} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card max-w-3xl">
        <CsrfInput />
        <input type="hidden" name="intent" value="invite-facilitator" />
        <TextField meta={fields.name} label="Full name" autoComplete="off" />
        <TextField meta={fields.email} label="Email address" type="email" autoComplete="off" hint="They will get a link that works for 7 days." />
        <SelectField meta={fields.regionId} label="Region" options={regions.map((region) => ({ value: region.id, label: region.name }))} />
        <button type="submit" className="btn">
          Send the invitation
        </button>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Users · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
