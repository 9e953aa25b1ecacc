import type { NotificationEvent } from "~/notifications/notification-kinds";
import { formatDateRange, plural } from "~/vocabulary/labels";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import type { AllocationStatusName } from "./allocation-rules";

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

export interface AllocationEventContext {
  /** Whoever moved the allocation: never told about their own action. */
  actorId: string | null;
  reason?: string | null;
  studentIds?: string[];
  /** The allocation event (or the allocation, when it is proposed) this notification is about. */
  eventId: string;
}

function describe(a: AllocationFacts) {
  return `${plural(a.students, "student")}, ${PROFESSION_LABELS[a.profession].toLowerCase()}, ${formatDateRange(a.startDate, a.endDate)}`;
}

function withReason(a: AllocationFacts, reason: string | null | undefined) {
  return `${describe(a)}.${reason ? ` Reason: ${reason}` : ""}`;
}

function common(a: AllocationFacts, to: AllocationStatusName, context: AllocationEventContext) {
  return {
    eventKey: `allocation:${a.id}:${to}:${context.eventId}`,
    link: `/allocations/${a.id}`,
    except: context.actorId ? [context.actorId] : [],
    provider: { organisationId: a.providerId, roles: ["EDUCATOR" as const] },
    university: { organisationId: a.universityId, roles: ["UNIVERSITY" as const] },
  };
}

export function allocationProposedNotification(a: AllocationFacts, context: AllocationEventContext): NotificationEvent<"allocation-proposed"> {
  const { eventKey, link, except, provider } = common(a, "PROPOSED", context);
  return {
    kind: "allocation-proposed",
    eventKey,
    title: `${a.universityName} asks for ${plural(a.students, "place")}`,
    body: `${describe(a)}. Confirm or decline it.`,
    link,
    audience: { organisations: [provider], except },
  };
}

export function allocationConfirmedNotification(a: AllocationFacts, context: AllocationEventContext): NotificationEvent<"allocation-confirmed"> {
  const { eventKey, link, except, university } = common(a, "CONFIRMED", context);
  return {
    kind: "allocation-confirmed",
    eventKey,
    title: `${a.providerName} confirmed ${plural(a.students, "place")}`,
    body: `${describe(a)}. Accept it, then name the students.`,
    link,
    audience: { organisations: [university], except },
  };
}

export function allocationAcceptedNotification(a: AllocationFacts, context: AllocationEventContext): NotificationEvent<"allocation-accepted"> {
  const { eventKey, link, except, provider } = common(a, "ACCEPTED", context);
  return {
    kind: "allocation-accepted",
    eventKey,
    title: `${a.universityName} accepted ${plural(a.students, "place")}`,
    body: `${describe(a)}. The university will name the students next.`,
    link,
    audience: { organisations: [provider], except },
  };
}

export function studentsNamedNotification(a: AllocationFacts, context: AllocationEventContext): NotificationEvent<"students-named"> {
  const { eventKey, link, except, provider } = common(a, "STUDENTS_NAMED", context);
  return {
    kind: "students-named",
    eventKey,
    title: `Students named for ${a.providerName}`,
    body: `${describe(a)}. See who is coming and the placement details.`,
    link,
    audience: { organisations: [provider], users: context.studentIds, except },
  };
}

export function allocationDeclinedNotification(a: AllocationFacts, context: AllocationEventContext): NotificationEvent<"allocation-declined"> {
  const { eventKey, link, except, university } = common(a, "DECLINED", context);
  return {
    kind: "allocation-declined",
    eventKey,
    title: `${a.providerName} declined ${plural(a.students, "place")}: students need another placement`,
    body: withReason(a, context.reason),
    link,
    audience: { organisations: [university], regionFacilitators: a.regionIds, except },
  };
}

export function allocationCancelledNotification(a: AllocationFacts, context: AllocationEventContext): NotificationEvent<"allocation-cancelled"> {
  const { eventKey, link, except, provider, university } = common(a, "CANCELLED", context);
  return {
    kind: "allocation-cancelled",
    eventKey,
    title: `Placement cancelled: ${plural(a.students, "student")} at ${a.providerName} need another placement`,
    body: withReason(a, context.reason),
    link,
    audience: { organisations: [provider, university], regionFacilitators: a.regionIds, except },
  };
}

/** The notification (if any) that an allocation reaching a status raises. */
export function allocationNotification(a: AllocationFacts, to: AllocationStatusName, context: AllocationEventContext): NotificationEvent | null {
  switch (to) {
    case "PROPOSED":
      return allocationProposedNotification(a, context);
    case "CONFIRMED":
      return allocationConfirmedNotification(a, context);
    case "ACCEPTED":
      return allocationAcceptedNotification(a, context);
    case "STUDENTS_NAMED":
      return studentsNamedNotification(a, context);
    case "DECLINED":
      return allocationDeclinedNotification(a, context);
    case "CANCELLED":
      return allocationCancelledNotification(a, context);
    case "COMPLETED":
      return null;
  }
}

/** Facilitators hear that capacity left the region; each university hears through its cancelled allocation. */
export function offerWithdrawnNotification(
  offer: { id: string; providerId: string; providerName: string; profession: ProfessionCode; startDate: Date; endDate: Date; regionId: string },
  studentsAffected: number,
  context: { actorId: string; reason: string },
): NotificationEvent<"offer-withdrawn"> {
  return {
    kind: "offer-withdrawn",
    eventKey: `offer-withdrawn:${offer.id}`,
    title: `${offer.providerName} withdrew a ${PROFESSION_LABELS[offer.profession].toLowerCase()} offer${studentsAffected ? `: ${plural(studentsAffected, "student")} need another placement` : ""}`,
    body: `${formatDateRange(offer.startDate, offer.endDate)}. Reason: ${context.reason}`,
    link: `/organisations/${offer.providerId}`,
    audience: { regionFacilitators: [offer.regionId], except: [context.actorId] },
  };
}
