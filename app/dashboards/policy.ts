import { facilitatedRegionOf, type Actor } from "~/accounts/policy";

/** The facilitator's region, for the regional figures; an account without one may not see them. */
export function requireFacilitatorRegion(actor: Actor): string {
  const regionId = facilitatedRegionOf(actor);
  if (!regionId) throw new Response("Your account is not linked to a region.", { status: 403 });
  return regionId;
}
