import type { Actor } from "~/accounts/policy";
import { providerScopeOf } from "~/marketplace/policy";
import { Refusal } from "~/platform/refusal";

/**
 * Which programmes a user may read: an administrator all of them, a facilitator their region's.
 * Everyone else is refused; providers read only their own awards (canViewAward).
 */
export function fundingProgrammeScope(actor: Actor): { regionId?: string } {
  if (actor.role === "ADMIN") return {};
  if (actor.role === "FACILITATOR" && actor.regionId) return { regionId: actor.regionId };
  throw new Refusal(403, "Only facilitators and administrators can see funding programmes.");
}

/** Facilitators with a region record funding programmes; administrators read but do not manage funding. */
export function canRecordFunding(actor: Actor): boolean {
  return actor.role === "FACILITATOR" && Boolean(actor.regionId);
}

/** The region a facilitator creates programmes in. */
export function requireFundingRegion(actor: Actor): string {
  if (canRecordFunding(actor) && actor.regionId) return actor.regionId;
  throw new Refusal(403, "Only the region's facilitators can record funding.");
}

/** Facilitators of the programme's region edit it, its awards and their payments. */
export function canManageFunding(actor: Actor, programme: { regionId: string }): boolean {
  return actor.role === "FACILITATOR" && actor.regionId === programme.regionId;
}

/** An award is read by its provider's educators, its region's facilitators and administrators. */
export function canViewAward(actor: Actor, award: { providerId: string; regionId: string }): boolean {
  if (actor.role === "ADMIN") return true;
  if (actor.role === "FACILITATOR") return actor.regionId === award.regionId;
  return providerScopeOf(actor) === award.providerId;
}

/** The provider whose awards an educator sees. */
export function requireFundedProvider(actor: Actor): string {
  const providerId = providerScopeOf(actor);
  if (!providerId) throw new Refusal(403, "Only a provider's educators can see its awards.");
  return providerId;
}
