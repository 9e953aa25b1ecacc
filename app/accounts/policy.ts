import type { RoleName } from "~/vocabulary/roles";

/** The parts of a signed-in user that decide what they may see and do. */
export interface Actor {
  id: string;
  role: RoleName;
  organisationId: string | null;
  regionId: string | null;
}

/** Who may invite or deactivate users. */
export function canManageUsers(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/** Administrators deactivate and reactivate accounts, but never their own: someone must stay able to undo it. */
export function canChangeUserStatus(actor: Actor, target: { id: string }): boolean {
  return canManageUsers(actor) && actor.id !== target.id;
}

/** Administrators erase a person's data on request, but never their own account. */
export function canEraseUser(actor: Actor, target: { id: string }): boolean {
  return canManageUsers(actor) && actor.id !== target.id;
}

/** The region a facilitator works in; null for everyone else and for a facilitator not yet linked to one. */
export function facilitatedRegionOf(actor: Actor): string | null {
  return actor.role === "FACILITATOR" ? actor.regionId : null;
}

/** An open invitation is withdrawn or replaced only by its sender's organisation, or by an administrator. */
export function canRevokeInvitation(actor: Actor, invitation: { senderOrganisationId: string | null }): boolean {
  return actor.role === "ADMIN" || (actor.organisationId !== null && actor.organisationId === invitation.senderOrganisationId);
}

/** Whether telling the actor that an account exists reveals nothing they could not already see. */
export function mayLearnOfAccount(actor: Actor, account: { organisationId: string | null }): boolean {
  return actor.role === "ADMIN" || (actor.organisationId !== null && actor.organisationId === account.organisationId);
}
