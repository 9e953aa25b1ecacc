import { facilitatedRegionOf, type Actor } from "~/accounts/policy";
import { providerScopeOf, universityScopeOf } from "~/marketplace/policy";
import { Refusal } from "~/platform/refusal";

/** Students record their own attendance, and only on placements they are named on (checked by the caller). */
export function requireHoursStudent(actor: Actor): string {
  if (actor.role !== "STUDENT") throw new Refusal(403, "Only students record their practice hours.");
  return actor.id;
}

/** The provider whose students' timesheets an educator confirms or queries. */
export function requireTimesheetProvider(actor: Actor): string {
  const providerId = providerScopeOf(actor);
  if (!providerId) throw new Refusal(403, "Only a provider's practice educators confirm timesheets.");
  return providerId;
}

/** An educator decides only on timesheets of placements at their own provider. */
export function canDecideTimesheet(actor: Actor, timesheet: { providerId: string }): boolean {
  return providerScopeOf(actor) === timesheet.providerId;
}

/** The university whose students' ledgers a placement team sees. */
export function requireHoursUniversity(actor: Actor): string {
  const universityId = universityScopeOf(actor);
  if (!universityId) throw new Refusal(403, "Only a university placement team sees its students' hours.");
  return universityId;
}

/** A student's ledger is theirs and their university's to see. */
export function canViewStudentHours(actor: Actor, student: { id: string; organisationId: string | null }): boolean {
  if (actor.role === "STUDENT") return actor.id === student.id;
  return universityScopeOf(actor) !== null && universityScopeOf(actor) === student.organisationId;
}

/** The region whose at-risk counts a facilitator sees. */
export function requireHoursRegion(actor: Actor): string {
  const regionId = facilitatedRegionOf(actor);
  if (!regionId) throw new Refusal(403, "Only a region's placement expansion facilitators see its hours at risk.");
  return regionId;
}

/** The professions' requirements are kept by administrators. */
export function requireRequirementsAdmin(actor: Actor): void {
  if (actor.role !== "ADMIN") throw new Refusal(403, "Only administrators keep the practice-hours requirements.");
}
