import type { Actor } from "~/accounts/policy";
import { Refusal } from "~/platform/refusal";

/** Facilitators work on their region's cases; administrators on every region's. Null: on none. */
export function caseRegionScope(actor: Actor): { regionId?: string } | null {
  if (actor.role === "ADMIN") return {};
  if (actor.role === "FACILITATOR" && actor.regionId) return { regionId: actor.regionId };
  return null;
}

/** caseRegionScope, refusing anyone who handles no cases. */
export function requireCaseRegionScope(actor: Actor): { regionId?: string } {
  const scope = caseRegionScope(actor);
  if (!scope) throw new Refusal(403, "Only facilitators and administrators handle shortfall cases");
  return scope;
}

/** Administrators work across regions, so they say which region a case belongs to; a facilitator's cases are in their own. */
export function choosesCaseRegion(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/** The organisation a provider's educator or a university's placement team asks for support for; null for anyone else. */
export function supportOrganisationOf(actor: Actor): string | null {
  return actor.role === "EDUCATOR" || actor.role === "UNIVERSITY" ? actor.organisationId : null;
}

/** supportOrganisationOf, refusing anyone who does not ask for support. */
export function requireSupportOrganisation(actor: Actor): string {
  const organisationId = supportOrganisationOf(actor);
  if (!organisationId) throw new Refusal(403, "Only providers and universities ask for support here");
  return organisationId;
}
