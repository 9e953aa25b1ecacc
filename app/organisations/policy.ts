import type { Actor } from "~/accounts/policy";

export interface OrganisationScope {
  id: string;
  regionId: string;
}

/**
 * Who may see an organisation's profile, sites and workforce:
 * administrators everywhere, facilitators in their region, members in their own.
 */
export function canViewOrganisation(actor: Actor, organisation: OrganisationScope): boolean {
  switch (actor.role) {
    case "ADMIN":
      return true;
    case "FACILITATOR":
      return actor.regionId !== null && actor.regionId === organisation.regionId;
    case "EDUCATOR":
    case "UNIVERSITY":
      return actor.organisationId === organisation.id;
    case "STUDENT":
      return false;
  }
}

/** Who may change an organisation's profile, sites and workforce figures. */
export function canManageOrganisation(actor: Actor, _organisation: OrganisationScope): boolean {
  return actor.role === "ADMIN";
}

/** Who may open the list of organisations: administrators (all) and facilitators (their region). */
export function canListOrganisations(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "FACILITATOR";
}

/**
 * canViewOrganisation as a query filter, so lists hold exactly what profiles show.
 * Null means the actor may see no organisation at all.
 */
export function visibleOrganisationsFilter(actor: Actor): { regionId?: string; id?: string } | null {
  switch (actor.role) {
    case "ADMIN":
      return {};
    case "FACILITATOR":
      return actor.regionId ? { regionId: actor.regionId } : null;
    case "EDUCATOR":
    case "UNIVERSITY":
      return actor.organisationId ? { id: actor.organisationId } : null;
    case "STUDENT":
      return null;
  }
}

/** Whether the actor's list of organisations spans every region, so it may be narrowed to one. */
export function listsOrganisationsOfEveryRegion(actor: Actor): boolean {
  return actor.role === "ADMIN";
}
