import { getFormProps,useForm,type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { Form,Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ErrorSummary,FormMessage,SelectField,TextField } from "~/components/forms";
import { ScrollTable } from "~/components/scroll-table";
import {
invitableRoles,
inviteToOrganisationSchema
} from "~/organisations/organisation-forms";
import { ROLE_LABELS } from "~/vocabulary/roles";
import { fieldErrors,formatDate,resultFor,rowErrors,RowButton,type ActionData,type Organisation } from "./organisation-page";
import { plural } from "~/vocabulary/labels";

export function UsersSection({
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
          <Link to={`/admin/users?organisationId=${organisation.id}`}>See all {plural(organisation.userCount, "user")} of this organisation</Link>
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
    constraint: zodConstraint(schema),
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
