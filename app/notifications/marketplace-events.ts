import type { AllocationStatusName } from "~/marketplace/allocation-rules";
import { formatDateRange } from "~/vocabulary/labels";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import type { NotificationEvent } from "./notify.server";

export interface AllocationFacts {
  id: string;
  students: number;
  profession: ProfessionCode;
  startDate: Date;
  endDate: Date;
  providerId: string;
  providerName: string;
  universityId: string;
  universityName: string;
  regionIds: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function describe(a: AllocationFacts) {
  return `${plural(a.students, "student")}, ${PROFESSION_LABELS[a.profession].toLowerCase()}, ${formatDateRange(a.startDate, a.endDate)}`;
}

/**
 * The notification (if any) that an allocation reaching a status raises, and who hears it.
 * The actor is never told about their own action.
 */
export function allocationNotification(
  a: AllocationFacts,
  to: AllocationStatusName,
  context: { actorId: string | null; reason?: string | null; studentIds?: string[]; eventId: string },
): NotificationEvent | null {
  const link = `/allocations/${a.id}`;
  const except = context.actorId ? [context.actorId] : [];
  const provider = { organisationId: a.providerId, roles: ["EDUCATOR" as const] };
  const university = { organisationId: a.universityId, roles: ["UNIVERSITY" as const] };
  const base = { eventKey: `allocation:${a.id}:${to}:${context.eventId}`, link };
  switch (to) {
    case "PROPOSED":
      return {
        ...base,
        kind: "allocation-proposed",
        title: `${a.universityName} asks for ${plural(a.students, "place")}`,
        body: `${describe(a)}. Confirm or decline it.`,
        audience: { organisations: [provider], except },
      };
    case "CONFIRMED":
      return {
        ...base,
        kind: "allocation-confirmed",
        title: `${a.providerName} confirmed ${plural(a.students, "place")}`,
        body: `${describe(a)}. Accept it, then name the students.`,
        audience: { organisations: [university], except },
      };
    case "ACCEPTED":
      return {
        ...base,
        kind: "allocation-accepted",
        title: `${a.universityName} accepted ${plural(a.students, "place")}`,
        body: `${describe(a)}. The university will name the students next.`,
        audience: { organisations: [provider], except },
      };
    case "STUDENTS_NAMED":
      return {
        ...base,
        kind: "students-named",
        title: `Students named for ${a.providerName}`,
        body: `${describe(a)}. See who is coming and the placement details.`,
        audience: { organisations: [provider], users: context.studentIds, except },
      };
    case "DECLINED":
      return {
        ...base,
        kind: "allocation-declined",
        title: `${a.providerName} declined ${plural(a.students, "place")}: students need another placement`,
        body: `${describe(a)}.${context.reason ? ` Reason: ${context.reason}` : ""}`,
        audience: { organisations: [university], regionFacilitators: a.regionIds, except },
      };
    case "CANCELLED":
      return {
        ...base,
        kind: "allocation-cancelled",
        title: `Placement cancelled: ${plural(a.students, "student")} at ${a.providerName} need another placement`,
        body: `${describe(a)}.${context.reason ? ` Reason: ${context.reason}` : ""}`,
        audience: { organisations: [provider, university], regionFacilitators: a.regionIds, except },
      };
    case "COMPLETED":
      return null;
  }
}

/** Facilitators hear that capacity left the region; each university hears through its cancelled allocation. */
export function offerWithdrawnNotification(
  offer: { id: string; providerId: string; providerName: string; profession: ProfessionCode; startDate: Date; endDate: Date; regionId: string },
  studentsAffected: number,
  context: { actorId: string; reason: string },
): NotificationEvent {
  return {
    kind: "offer-withdrawn",
    eventKey: `offer-withdrawn:${offer.id}`,
    title: `${offer.providerName} withdrew a ${PROFESSION_LABELS[offer.profession].toLowerCase()} offer${studentsAffected ? `: ${plural(studentsAffected, "student")} need another placement` : ""}`,
    body: `${formatDateRange(offer.startDate, offer.endDate)}. Reason: ${context.reason}`,
    link: `/organisations/${offer.providerId}`,
    audience: { regionFacilitators: [offer.regionId], except: [context.actorId] },
  };
}
