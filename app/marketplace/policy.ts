import type { Actor } from "~/accounts/policy";
import type { AllocationParty } from "./allocation-rules";
import { Refusal } from "~/platform/refusal";

/** The provider organisation an educator acts for; null for anyone else. */
export function providerScopeOf(actor: Actor): string | null {
  return actor.role === "EDUCATOR" ? actor.organisationId : null;
}

/** providerScopeOf, refusing anyone who does not act for a provider. */
export function requireProviderScope(actor: Actor): string {
  const providerId = providerScopeOf(actor);
  if (!providerId) throw new Refusal(403, "Only a provider's practice educators can manage its offers");
  return providerId;
}

/** The university a placement-team user works for; null for anyone else (students included). */
export function universityScopeOf(actor: Actor): string | null {
  return actor.role === "UNIVERSITY" ? actor.organisationId : null;
}

/** universityScopeOf, refusing anyone else the university pages. */
export function requireUniversityScope(actor: Actor): string {
  const universityId = universityScopeOf(actor);
  if (!universityId) throw new Refusal(403, "Only a university placement team can do this");
  return universityId;
}

/** Who may book places on a published offer: a university's placement team. */
export function canBookOffers(actor: Actor): boolean {
  return universityScopeOf(actor) !== null;
}

/** How a user relates to one allocation, from their role and organisation; null for a stranger. */
export function partyFor(actor: Actor, allocation: { providerId: string; universityId: string; regionIds: string[] }): AllocationParty | null {
  if (actor.role === "EDUCATOR" && actor.organisationId === allocation.providerId) return "provider";
  if (actor.role === "UNIVERSITY" && actor.organisationId === allocation.universityId) return "university";
  if (actor.role === "FACILITATOR" && actor.regionId && allocation.regionIds.includes(actor.regionId)) return "facilitator";
  if (actor.role === "ADMIN") return "facilitator";
  return null;
}
