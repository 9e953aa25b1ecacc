import { formatDate } from "~/vocabulary/labels";

export const ALLOCATION_STATUSES = [
  "PROPOSED",
  "CONFIRMED",
  "ACCEPTED",
  "STUDENTS_NAMED",
  "COMPLETED",
  "DECLINED",
  "CANCELLED",
] as const;
export type AllocationStatusName = (typeof ALLOCATION_STATUSES)[number];

export const ALLOCATION_STATUS_LABELS: Record<AllocationStatusName, string> = {
  PROPOSED: "Proposed",
  CONFIRMED: "Confirmed by provider",
  ACCEPTED: "Accepted by university",
  STUDENTS_NAMED: "Students named",
  COMPLETED: "Completed",
  DECLINED: "Declined",
  CANCELLED: "Cancelled",
};

/** Allocations in these states hold offer capacity; declined and cancelled ones give it back. */
export const LIVE_STATUSES: readonly AllocationStatusName[] = ["PROPOSED", "CONFIRMED", "ACCEPTED", "STUDENTS_NAMED", "COMPLETED"];

/**
 * "Placed" means confirmed or later: once the provider has confirmed, the place is the student's.
 * A proposal only holds places until the provider answers: never a placement. "Hosted" means
 * completed (fair-share views). Every count of placed students uses this list.
 */
export const PLACED_STATUSES: readonly AllocationStatusName[] = ["CONFIRMED", "ACCEPTED", "STUDENTS_NAMED", "COMPLETED"];

/**
 * The stage a live allocation's students are counted under: held by a proposal, confirmed by the
 * provider and awaiting the university, or accepted or later. The last two together are placed.
 */
export function placementStage(status: AllocationStatusName): "held" | "confirmed" | "accepted" | null {
  if (status === "PROPOSED") return "held";
  if (status === "CONFIRMED") return "confirmed";
  return PLACED_STATUSES.includes(status) ? "accepted" : null;
}

export type LiveStatusName = "PROPOSED" | "CONFIRMED" | "ACCEPTED" | "STUDENTS_NAMED" | "COMPLETED";

export const LIVE_STATUS_NAMES: readonly LiveStatusName[] = ["PROPOSED", "CONFIRMED", "ACCEPTED", "STUDENTS_NAMED", "COMPLETED"];

/** Column headings for students counted by stage: short, and saying that a proposal only holds. */
export const STAGE_COUNT_LABELS: Record<LiveStatusName, string> = {
  PROPOSED: "Proposed (held)",
  CONFIRMED: "Confirmed",
  ACCEPTED: "Accepted",
  STUDENTS_NAMED: "Students named",
  COMPLETED: "Completed",
};

/** The same, as CSV column names. */
export const STAGE_CSV_COLUMNS: Record<LiveStatusName, string> = {
  PROPOSED: "proposed_held",
  CONFIRMED: "confirmed",
  ACCEPTED: "accepted",
  STUDENTS_NAMED: "students_named",
  COMPLETED: "completed",
};

/** Students at each live stage, each counted apart: proposed (held), confirmed, accepted, students named, completed. */
export type StudentsByStatus = Record<LiveStatusName, number>;

export function noStudentsByStatus(): StudentsByStatus {
  return { PROPOSED: 0, CONFIRMED: 0, ACCEPTED: 0, STUDENTS_NAMED: 0, COMPLETED: 0 };
}

/** Adds an allocation's students to its stage; declined and cancelled ones count nowhere. */
export function addStudentsByStatus(counts: StudentsByStatus, status: AllocationStatusName, students: number): void {
  if (holdsCapacity(status)) counts[status as LiveStatusName] += students;
}

/** Of those, the placed students (PLACED_STATUSES). */
export function placedStudents(counts: StudentsByStatus): number {
  return PLACED_STATUSES.reduce((sum, status) => sum + counts[status as LiveStatusName], 0);
}

/**
 * An offer's places as people browsing it see them: free ones, and those a proposal holds until its
 * provider answers (taken, but not yet placements). "3 free · 2 held by proposals", "Full".
 */
export function describePlaces(slots: number, slotsTaken: number, held: number): { free: number; label: string } {
  const free = Math.max(0, slots - slotsTaken);
  const heldPart = held > 0 ? ` · ${held} held by ${held === 1 ? "a proposal" : "proposals"}` : "";
  return { free, label: `${free === 0 ? "Full" : `${free} free`}${heldPart}` };
}

/** Allocations in these states hold their named students' dates: nobody may be on two at once. */
export const STUDENT_HOLDING_STATUSES: readonly AllocationStatusName[] = ["STUDENTS_NAMED", "COMPLETED"];

export function holdsCapacity(status: AllocationStatusName): boolean {
  return LIVE_STATUSES.includes(status);
}

/** Which side of the allocation acts: the offer's provider, the request's university, or the region. */
export type AllocationParty = "provider" | "university" | "facilitator";

interface Transition {
  from: AllocationStatusName;
  to: AllocationStatusName;
  by: readonly AllocationParty[];
  reasonRequired: boolean;
  /** The verb on the button and in the audit trail. */
  verb: string;
}

export const ALLOCATION_TRANSITIONS: readonly Transition[] = [
  { from: "PROPOSED", to: "CONFIRMED", by: ["provider"], reasonRequired: false, verb: "Confirm" },
  { from: "PROPOSED", to: "DECLINED", by: ["provider"], reasonRequired: true, verb: "Decline" },
  { from: "PROPOSED", to: "CANCELLED", by: ["university", "facilitator"], reasonRequired: true, verb: "Withdraw the request" },
  { from: "CONFIRMED", to: "ACCEPTED", by: ["university"], reasonRequired: false, verb: "Accept" },
  { from: "CONFIRMED", to: "CANCELLED", by: ["provider", "university", "facilitator"], reasonRequired: true, verb: "Cancel" },
  { from: "ACCEPTED", to: "STUDENTS_NAMED", by: ["university"], reasonRequired: false, verb: "Name students" },
  { from: "ACCEPTED", to: "CANCELLED", by: ["provider", "university", "facilitator"], reasonRequired: true, verb: "Cancel" },
  { from: "STUDENTS_NAMED", to: "COMPLETED", by: ["provider", "university"], reasonRequired: false, verb: "Mark completed" },
  { from: "STUDENTS_NAMED", to: "CANCELLED", by: ["provider", "university", "facilitator"], reasonRequired: true, verb: "Cancel" },
];

export function findTransition(from: AllocationStatusName, to: AllocationStatusName): Transition | undefined {
  return ALLOCATION_TRANSITIONS.find((transition) => transition.from === from && transition.to === to);
}

/** The moves a party may make from a status, for the buttons on the allocation page. */
export function availableTransitions(from: AllocationStatusName, party: AllocationParty | null): Transition[] {
  if (!party) return [];
  return ALLOCATION_TRANSITIONS.filter((transition) => transition.from === from && transition.by.includes(party));
}

export type TransitionCheck =
  | { ok: true; transition: Transition }
  | { ok: false; status: 403 | 409 | 400; message: string };

export function checkTransition(
  from: AllocationStatusName,
  to: AllocationStatusName,
  party: AllocationParty | null,
  reason: string | null | undefined,
): TransitionCheck {
  const transition = findTransition(from, to);
  if (!transition) {
    return {
      ok: false,
      status: 409,
      message: `An allocation that is ${ALLOCATION_STATUS_LABELS[from].toLowerCase()} cannot become ${ALLOCATION_STATUS_LABELS[to].toLowerCase()}`,
    };
  }
  if (!party || !transition.by.includes(party)) {
    return { ok: false, status: 403, message: "You cannot make this change to this allocation" };
  }
  if (transition.reasonRequired && !reason?.trim()) {
    return { ok: false, status: 400, message: "Give a reason: the other side will see it" };
  }
  return { ok: true, transition };
}

/**
 * A placement is completed on or after its last day. Earlier only with a reason, which the history
 * keeps: a student who leaves early, say, still needs the placement closed.
 */
export function checkCompletion(
  endDate: Date,
  today: Date,
  reason: string | null | undefined,
): { ok: true; auditReason: string | null } | { ok: false; message: string } {
  const lastDay = endDate.toISOString().slice(0, 10);
  if (today.toISOString().slice(0, 10) >= lastDay) return { ok: true, auditReason: reason?.trim() || null };
  if (!reason?.trim()) {
    return { ok: false, message: `This placement ends on ${formatDate(endDate)}. To mark it completed before then, give the reason` };
  }
  return { ok: true, auditReason: `Completed before its end date (${formatDate(endDate)}): ${reason.trim()}` };
}

/** A request's status follows from how many of its students are in live allocations. */
export function requestStatusFor(students: number, studentsAllocated: number): "OPEN" | "PARTLY_ALLOCATED" | "FULLY_ALLOCATED" {
  if (studentsAllocated <= 0) return "OPEN";
  return studentsAllocated >= students ? "FULLY_ALLOCATED" : "PARTLY_ALLOCATED";
}
