import { z } from "zod";
import { addUtcDays, startOfUtcDay } from "~/platform/utc-days";
import { isCalendarDate } from "~/vocabulary/calendar-date";

export const AUDIT_RATINGS = ["EXCELLENT", "SATISFACTORY", "REQUIRES_IMPROVEMENT"] as const;
export type AuditRatingName = (typeof AUDIT_RATINGS)[number];
export const AUDIT_RATING_LABELS: Record<AuditRatingName, string> = {
  EXCELLENT: "Excellent",
  SATISFACTORY: "Satisfactory",
  REQUIRES_IMPROVEMENT: "Requires improvement",
};

/** Fewer responses than this and a provider could recognise who wrote them. */
export const ANONYMITY_THRESHOLD = 3;
export const AUDIT_VALID_MONTHS = 24;

const isoDate = (message: string) =>
  z
    .string({ required_error: message })
    .refine(isCalendarDate, message);

export const AuditFormSchema = z.object({
  siteId: z.string({ required_error: "Choose a site" }).min(1, "Choose a site"),
  rating: z.enum(AUDIT_RATINGS, { errorMap: () => ({ message: "Choose a rating" }) }),
  auditedOn: isoDate("Enter the date of the audit"),
  expiresOn: isoDate("Enter a valid expiry date").optional(),
  summary: z.string().trim().max(2000, "The summary must be 2,000 characters or fewer").optional(),
});

export const ActionItemFormSchema = z.object({
  description: z.string({ required_error: "Describe the action" }).trim().min(1, "Describe the action").max(500, "The action must be 500 characters or fewer"),
  dueOn: isoDate("Enter the due date"),
});

const rating = (label: string) =>
  z.coerce
    .number({ required_error: `Rate ${label}`, invalid_type_error: `Rate ${label}` })
    .int(`Rate ${label} from 1 to 5`)
    .min(1, `Rate ${label} from 1 to 5`)
    .max(5, `Rate ${label} from 1 to 5`);

export const FeedbackFormSchema = z.object({
  overall: rating("the placement overall"),
  induction: rating("the induction"),
  supervision: rating("the supervision"),
  learning: rating("the learning opportunities"),
  comments: z.string().trim().max(2000, "Comments must be 2,000 characters or fewer").optional(),
});

export const FEEDBACK_QUESTIONS = [
  { name: "overall", label: "Overall, how would you rate this placement?" },
  { name: "induction", label: "How good was your induction?" },
  { name: "supervision", label: "How good was your supervision?" },
  { name: "learning", label: "How good were the learning opportunities?" },
] as const;
export const RATING_LABELS: Record<number, string> = { 1: "Very poor", 2: "Poor", 3: "Fair", 4: "Good", 5: "Very good" };

export const parseDay = (value: string) => new Date(`${value}T00:00:00Z`);

export function defaultExpiry(auditedOn: Date): Date {
  return new Date(Date.UTC(auditedOn.getUTCFullYear(), auditedOn.getUTCMonth() + AUDIT_VALID_MONTHS, auditedOn.getUTCDate()));
}

/** The date rules of an audit; returns the field and message of the first broken one. */
export function checkAuditDates(auditedOn: Date, expiresOn: Date, now: Date): { field: "auditedOn" | "expiresOn"; message: string } | null {
  if (auditedOn.getTime() > startOfUtcDay(now).getTime()) return { field: "auditedOn", message: "The audit date cannot be in the future" };
  if (expiresOn.getTime() <= auditedOn.getTime()) return { field: "expiresOn", message: "The expiry date must be after the audit date" };
  return null;
}

export type AuditStatus = "valid" | "expiring" | "expired";
export const AUDIT_STATUS_LABELS: Record<AuditStatus | "none", string> = { valid: "Valid", expiring: "Expiring soon", expired: "Expired", none: "No audit" };

export function auditStatus(expiresOn: Date, now: Date, warningDays: number): AuditStatus {
  const today = startOfUtcDay(now);
  if (expiresOn.getTime() < today.getTime()) return "expired";
  if (expiresOn.getTime() <= addUtcDays(today, warningDays).getTime()) return "expiring";
  return "valid";
}

export function isOverdue(item: { dueOn: Date; completedOn: Date | null }, now: Date): boolean {
  return item.completedOn === null && item.dueOn.getTime() < startOfUtcDay(now).getTime();
}

export const QUALITY_FLAGS = ["audit-expired", "no-audit", "feedback-low", "actions-overdue", "audit-expiring"] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];
export const QUALITY_FLAG_LABELS: Record<QualityFlag, string> = {
  "audit-expired": "Audit expired",
  "no-audit": "No audit",
  "feedback-low": "Low feedback",
  "actions-overdue": "Overdue actions",
  "audit-expiring": "Audit expiring soon",
};
/** Worse flags weigh more when sorting providers. */
const FLAG_WEIGHT: Record<QualityFlag, number> = { "audit-expired": 5, "no-audit": 4, "feedback-low": 3, "actions-overdue": 2, "audit-expiring": 1 };

export interface SiteQualityInput {
  siteId: string;
  siteName: string;
  /** The site's latest audit, if any. */
  latestAudit: { id: string; expiresOn: Date } | null;
  overdueActions: number;
  feedbackCount: number;
  /** Average overall rating, or null with no feedback. */
  averageOverall: number | null;
}

export interface SiteFlag {
  flag: QualityFlag;
  siteId: string;
  siteName: string;
}

export function averageIsLow(count: number, average: number | null, threshold: number): boolean {
  return count >= ANONYMITY_THRESHOLD && average !== null && average < threshold;
}

export function siteFlags(site: SiteQualityInput, now: Date, settings: { auditWarningDays: number; feedbackThreshold: number }): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (!site.latestAudit) flags.push("no-audit");
  else {
    const status = auditStatus(site.latestAudit.expiresOn, now, settings.auditWarningDays);
    if (status === "expired") flags.push("audit-expired");
    if (status === "expiring") flags.push("audit-expiring");
  }
  if (averageIsLow(site.feedbackCount, site.averageOverall, settings.feedbackThreshold)) flags.push("feedback-low");
  if (site.overdueActions > 0) flags.push("actions-overdue");
  return flags;
}

export function providerFlags(sites: SiteQualityInput[], now: Date, settings: { auditWarningDays: number; feedbackThreshold: number }): SiteFlag[] {
  return sites.flatMap((site) => siteFlags(site, now, settings).map((flag) => ({ flag, siteId: site.siteId, siteName: site.siteName })));
}

export function flagScore(flags: { flag: QualityFlag }[]): number {
  return flags.reduce((sum, { flag }) => sum + FLAG_WEIGHT[flag], 0);
}

export function countFlags(flags: { flag: QualityFlag }[]): Record<QualityFlag, number> {
  const counts = Object.fromEntries(QUALITY_FLAGS.map((flag) => [flag, 0])) as Record<QualityFlag, number>;
  for (const { flag } of flags) counts[flag] += 1;
  return counts;
}

/** Worst first: heaviest flags, then most flags, then by name. */
export function sortWorstFirst<T extends { name: string; flags: { flag: QualityFlag }[] }>(providers: T[]): T[] {
  return [...providers].sort((a, b) => flagScore(b.flags) - flagScore(a.flags) || b.flags.length - a.flags.length || a.name.localeCompare(b.name));
}

export interface FeedbackResponse {
  overall: number;
  induction: number;
  supervision: number;
  learning: number;
  comments: string | null;
  createdAt: Date;
}

export interface FeedbackAverages {
  overall: number;
  induction: number;
  supervision: number;
  learning: number;
}

export type ProviderFeedbackView =
  | { shown: false; count: number; message: string }
  | { shown: true; count: number; averages: FeedbackAverages; comments: { text: string; month: string }[] };

export function averagesOf(responses: Pick<FeedbackResponse, "overall" | "induction" | "supervision" | "learning">[]): FeedbackAverages | null {
  if (responses.length === 0) return null;
  const mean = (key: keyof FeedbackAverages) => Math.round((responses.reduce((sum, r) => sum + r[key], 0) / responses.length) * 10) / 10;
  return { overall: mean("overall"), induction: mean("induction"), supervision: mean("supervision"), learning: mean("learning") };
}

/**
 * What a provider may see of the feedback on one site or placement. Under the threshold: only the
 * count. At or over it: averages and comments, newest first, with the month only (no day, no one's
 * name or id, nothing that links a comment to an allocation). Only the listed fields are copied.
 */
export function providerFeedbackView(responses: FeedbackResponse[]): ProviderFeedbackView {
  const count = responses.length;
  if (count < ANONYMITY_THRESHOLD) {
    return { shown: false, count, message: `Not enough responses yet to show without identifying students (${count} of ${ANONYMITY_THRESHOLD})` };
  }
  const comments = [...responses]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .filter((r) => r.comments && r.comments.trim().length > 0)
    .map((r) => ({ text: r.comments!.trim(), month: r.createdAt.toISOString().slice(0, 7) }));
  return { shown: true, count, averages: averagesOf(responses)!, comments };
}

/** Facilitators see averages (never comments, never names), and like providers only from the threshold on. */
export function facilitatorFeedbackView(responses: FeedbackResponse[]): { count: number; averages: FeedbackAverages | null } {
  return { count: responses.length, averages: responses.length < ANONYMITY_THRESHOLD ? null : averagesOf(responses) };
}
