import { differenceInMilliseconds } from "date-fns/differenceInMilliseconds";
import { millisecondsInDay } from "date-fns/constants";
import { startOfUtcDay, utcDaysBetween } from "~/platform/utc-days";
import { formatDateRange, plural } from "~/vocabulary/labels";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";

export const CASE_KINDS = ["UNMET_DEMAND", "BELOW_FAIR_SHARE", "CANCELLATION", "QUALITY", "SUPPORT_REQUEST", "FUNDING_BEHIND", "OTHER"] as const;
export type CaseKindName = (typeof CASE_KINDS)[number];
export const CASE_SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type CaseSeverityName = (typeof CASE_SEVERITIES)[number];
export const CASE_STATUSES = ["OPEN", "IN_PROGRESS", "WAITING", "RESOLVED", "CLOSED"] as const;
export type CaseStatusName = (typeof CASE_STATUSES)[number];

export const CASE_KIND_LABELS: Record<CaseKindName, string> = {
  UNMET_DEMAND: "Unmet demand",
  BELOW_FAIR_SHARE: "Below fair share",
  CANCELLATION: "Cancellation",
  QUALITY: "Quality",
  SUPPORT_REQUEST: "Support request",
  FUNDING_BEHIND: "Funding behind commitment",
  OTHER: "Other",
};
export const CASE_SEVERITY_LABELS: Record<CaseSeverityName, string> = { LOW: "Low", MEDIUM: "Medium", HIGH: "High", CRITICAL: "Critical" };
export const CASE_STATUS_LABELS: Record<CaseStatusName, string> = {
  OPEN: "Open",
  IN_PROGRESS: "In progress",
  WAITING: "Waiting",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
};

/** Statuses a case is still being worked in (ageing counts these). */
export const ACTIVE_CASE_STATUSES: readonly CaseStatusName[] = ["OPEN", "IN_PROGRESS", "WAITING"];

const MOVES: Record<CaseStatusName, readonly CaseStatusName[]> = {
  OPEN: ["IN_PROGRESS", "WAITING", "RESOLVED", "CLOSED"],
  IN_PROGRESS: ["WAITING", "RESOLVED", "CLOSED"],
  WAITING: ["IN_PROGRESS", "RESOLVED", "CLOSED"],
  // Back to in progress reopens a resolved case.
  RESOLVED: ["CLOSED", "IN_PROGRESS"],
  CLOSED: [],
};

export function allowedCaseMoves(from: CaseStatusName): readonly CaseStatusName[] {
  return MOVES[from];
}

export function canMoveCase(from: CaseStatusName, to: CaseStatusName): boolean {
  return MOVES[from].includes(to);
}

export type CaseMoveCheck = { ok: true } | { ok: false; status: 409; message: string };

export function checkCaseMove(from: CaseStatusName, to: CaseStatusName): CaseMoveCheck {
  if (canMoveCase(from, to)) return { ok: true };
  if (from === to) return { ok: false, status: 409, message: `This case is already ${CASE_STATUS_LABELS[to].toLowerCase()}` };
  return {
    ok: false,
    status: 409,
    message: `A ${CASE_STATUS_LABELS[from].toLowerCase()} case cannot move to ${CASE_STATUS_LABELS[to].toLowerCase()}`,
  };
}

/** Whole calendar days from `now` to `start` (negative once started), by UTC date. */
export function daysUntil(start: Date, now: Date): number {
  return utcDaysBetween(startOfUtcDay(now), startOfUtcDay(start));
}

/**
 * How serious a shortfall is: more students and a nearer start make it worse.
 * Students score 0 (1–2), 1 (3–9), 2 (10+); days to start score 0 (over 42 days or unknown),
 * 1 (15–42), 2 (14 or fewer, or already started). The sum maps 0 → LOW, 1 → MEDIUM, 2 → HIGH, 3–4 → CRITICAL.
 */
export function caseSeverity(studentsAffected: number, daysToStart: number | null): CaseSeverityName {
  const students = studentsAffected >= 10 ? 2 : studentsAffected >= 3 ? 1 : 0;
  const urgency = daysToStart === null ? 0 : daysToStart <= 14 ? 2 : daysToStart <= 42 ? 1 : 0;
  const score = students + urgency;
  return score >= 3 ? "CRITICAL" : score === 2 ? "HIGH" : score === 1 ? "MEDIUM" : "LOW";
}

export const AGEING_BUCKETS = [
  { key: "0-7", label: "0–7 days", min: 0, max: 7 },
  { key: "8-30", label: "8–30 days", min: 8, max: 30 },
  { key: "31-90", label: "31–90 days", min: 31, max: 90 },
  { key: "90+", label: "Over 90 days", min: 91, max: Infinity },
] as const;
export type AgeingBucketKey = (typeof AGEING_BUCKETS)[number]["key"];

/** Whole days a case has been open (0 on the day it opened). */
export function caseAgeDays(createdAt: Date, now: Date): number {
  return Math.max(0, Math.floor(differenceInMilliseconds(now, createdAt) / millisecondsInDay));
}

export function ageingBucket(ageDays: number): AgeingBucketKey {
  return AGEING_BUCKETS.find((bucket) => ageDays >= bucket.min && ageDays <= bucket.max)?.key ?? "90+";
}

/** Counts per ageing bucket, every bucket present (0 where none). */
export function countByAgeing(createdAts: readonly Date[], now: Date): { key: AgeingBucketKey; label: string; count: number }[] {
  const counts = new Map<AgeingBucketKey, number>(AGEING_BUCKETS.map((bucket) => [bucket.key, 0]));
  for (const createdAt of createdAts) {
    const key = ageingBucket(caseAgeDays(createdAt, now));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return AGEING_BUCKETS.map((bucket) => ({ key: bucket.key, label: bucket.label, count: counts.get(bucket.key) ?? 0 }));
}

export const CASE_NOTE_TYPE_LABELS: Record<string, string> = {
  note: "Note",
  status: "Status changed",
  assigned: "Owner changed",
  "message-sent": "Message sent to provider",
  "offer-proposed": "Offer proposed to university",
  "capacity-asked": "Providers asked for capacity",
  raised: "Case raised",
  updated: "Shortfall changed",
};

/**
 * What the daily scan does with the case a source raised (a request with unmet students, a provider's
 * profession in the red band), given how many students the source is short now:
 * - none yet: open one when it is short;
 * - still being worked: record a new count, or resolve it once nobody is short;
 * - resolved: reopen it only if the shortfall is now larger than when it was resolved (resolving
 *   automatically records 0), so a facilitator's own resolution is not undone by the same shortfall;
 * - closed: left alone.
 */
export type ScannedCaseChange = "open" | "update" | "resolve" | "reopen" | "none";

export function scannedCaseChange(existing: { status: CaseStatusName; studentsAffected: number } | null, short: number): ScannedCaseChange {
  if (!existing) return short > 0 ? "open" : "none";
  if (ACTIVE_CASE_STATUSES.includes(existing.status)) {
    if (short <= 0) return "resolve";
    return short === existing.studentsAffected ? "none" : "update";
  }
  if (existing.status === "RESOLVED" && short > existing.studentsAffected) return "reopen";
  return "none";
}

/** What a case form may point at: any offer or allocation of the region, or an offer a university can still book. */
export const CASE_LINK_TYPES = ["offer", "open-offer", "allocation"] as const;
export type CaseLinkType = (typeof CASE_LINK_TYPES)[number];
export interface CaseLinkOption {
  id: string;
  label: string;
}

/** An offer as a facilitator recognises it: profession, provider and site, specialty, dates (and places left). */
export function offerLabel(offer: {
  profession: ProfessionCode;
  specialty: string | null;
  startDate: Date | string;
  endDate: Date | string;
  providerName: string;
  siteName: string;
  placesLeft?: number;
}): string {
  return [
    PROFESSION_LABELS[offer.profession],
    `${offer.providerName}, ${offer.siteName}`,
    offer.specialty,
    formatDateRange(offer.startDate, offer.endDate),
    offer.placesLeft === undefined ? null : `${plural(offer.placesLeft, "place")} left`,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** An allocation as a facilitator recognises it: who, from which programme, where and when. */
export function allocationLabel(allocation: {
  students: number;
  profession: ProfessionCode;
  programmeName: string;
  universityName: string;
  providerName: string;
  siteName: string;
  startDate: Date | string;
  endDate: Date | string;
}): string {
  return [
    `${plural(allocation.students, `${PROFESSION_LABELS[allocation.profession]} student`)} of ${allocation.programmeName} (${allocation.universityName})`,
    `${allocation.providerName}, ${allocation.siteName}`,
    formatDateRange(allocation.startDate, allocation.endDate),
  ].join(" · ");
}

export const SUPPORT_TOPICS = ["capacity", "quality"] as const;
export type SupportTopic = (typeof SUPPORT_TOPICS)[number];
export const SUPPORT_TOPIC_LABELS: Record<SupportTopic, string> = { capacity: "A capacity challenge", quality: "A quality challenge" };
