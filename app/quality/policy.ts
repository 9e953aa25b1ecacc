import type { Actor } from "~/accounts/policy";
import { Refusal } from "~/platform/refusal";
import { providerScopeOf } from "~/marketplace/policy";

/** The provider whose audits an educator records and updates, refusing anyone else. */
export function requireAuditingProvider(actor: Actor): string {
  const providerId = providerScopeOf(actor);
  if (!providerId) throw new Refusal(403, "Only a provider's educators can do that.");
  return providerId;
}

/**
 * Who may read an audit: educators their own provider's; facilitators and university teams
 * those of their region. A university's region is its organisation's, so the caller looks it up.
 */
export function canViewAudit(actor: Actor, audit: { providerId: string; regionId: string }, universityRegionId: string | null): boolean {
  switch (actor.role) {
    case "EDUCATOR":
      return actor.organisationId === audit.providerId;
    case "FACILITATOR":
      return actor.regionId === audit.regionId;
    case "UNIVERSITY":
      return actor.organisationId !== null && universityRegionId === audit.regionId;
    default:
      return false;
  }
}

/** Who may add to and complete an audit's action plan: its provider's educators. */
export function canEditAudit(actor: Actor, audit: { providerId: string }): boolean {
  return providerScopeOf(actor) === audit.providerId;
}

/** Who gives placement feedback: students (on their own completed placements). */
export function canGiveFeedback(actor: Actor): boolean {
  return actor.role === "STUDENT";
}
