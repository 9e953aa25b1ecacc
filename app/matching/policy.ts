import { facilitatedRegionOf, type Actor } from "~/accounts/policy";
import { Refusal } from "~/platform/refusal";

/** Administrators match any region, so they say which; a facilitator matches their own. */
export function choosesMatchingRegion(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/** The region a new matching run covers, refusing anyone who may not start one. */
export function requireMatchingRegion(actor: Actor, chosenRegionId: string | null): string {
  if (actor.role === "FACILITATOR") {
    const regionId = facilitatedRegionOf(actor);
    if (!regionId) throw new Refusal(403, "Your account is not linked to a region");
    return regionId;
  }
  if (choosesMatchingRegion(actor)) {
    if (!chosenRegionId) throw new Refusal(400, "Choose the region to match", "regionId");
    return chosenRegionId;
  }
  throw new Refusal(403, "Only facilitators and administrators run matching");
}

/** Who may see, publish or discard a run: administrators any, facilitators their region's. */
export function canViewMatchingRun(actor: Actor, run: { regionId: string }): boolean {
  if (actor.role === "ADMIN") return true;
  return facilitatedRegionOf(actor) === run.regionId;
}

/** canViewMatchingRun as a query filter for the list of runs; null when the actor may see none. */
export function matchingRunScope(actor: Actor): { regionId?: string } | null {
  if (actor.role === "ADMIN") return {};
  const regionId = facilitatedRegionOf(actor);
  return regionId ? { regionId } : null;
}
