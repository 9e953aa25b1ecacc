import { addUtcDays, startOfUtcDay, utcDaysBetween } from "~/platform/utc-days";
import { weeksBetween } from "~/vocabulary/labels";

/*
 * Expansion funding arithmetic (docs/funding.md). Pure: the queries in funding.server.ts hand it the
 * placed allocations; nothing here reads the database or the clock.
 */

export const FUNDING_UNITS = ["WEEKS", "STUDENTS"] as const;
export type FundingUnitName = (typeof FUNDING_UNITS)[number];

export const FUNDING_UNIT_LABELS: Record<FundingUnitName, string> = {
  WEEKS: "Additional placement weeks",
  STUDENTS: "Additional students",
};

/** A placement counted toward an award: students of a placed allocation and the dates of their block. */
export interface CountedPlacement {
  students: number;
  startDate: Date;
  endDate: Date;
}

/** Placement weeks: students × whole weeks of the block, the measure fair share uses too. */
export function placementWeeks(placement: CountedPlacement): number {
  return placement.students * weeksBetween(placement.startDate, placement.endDate);
}

export function totalPlaced(placements: readonly CountedPlacement[]): { students: number; weeks: number } {
  let students = 0;
  let weeks = 0;
  for (const placement of placements) {
    students += placement.students;
    weeks += placementWeeks(placement);
  }
  return { students, weeks };
}

/** The comparable earlier period a baseline is taken from: the same dates a year before. */
export function comparableEarlierPeriod(start: Date, end: Date): { start: Date; end: Date } {
  const yearBefore = (date: Date) => {
    const shifted = new Date(Date.UTC(date.getUTCFullYear() - 1, date.getUTCMonth(), date.getUTCDate()));
    // 29 February a year back is 1 March; keep it in February.
    return shifted.getUTCMonth() === date.getUTCMonth() ? shifted : addUtcDays(shifted, -1);
  };
  return { start: yearBefore(start), end: yearBefore(end) };
}

/** How much of an inclusive period has passed by `today`: 0 before it starts, 1 once its last day is done. */
export function elapsedFraction(start: Date, end: Date, today: Date): number {
  const days = utcDaysBetween(start, end) + 1;
  if (days <= 0) return 1;
  const passed = utcDaysBetween(start, startOfUtcDay(today));
  return Math.min(1, Math.max(0, passed / days));
}

export interface AwardTerms {
  unit: FundingUnitName;
  committed: number;
  baselineStudents: number;
  baselineWeeks: number;
  periodStart: Date;
  periodEnd: Date;
  amountPence: number;
}

/** A group of awards (a provider's, a profession's) added up: committed, additional, spent, and how many are behind. */
export interface DeliveryTotals {
  committedWeeks: number;
  committedStudents: number;
  additionalWeeks: number;
  additionalStudents: number;
  amountPence: number;
  paidPence: number;
  behind: number;
}

/** One line of the by-provider or by-profession table, with paid ÷ additional weeks (null without any). */
export interface DeliveryGroup extends DeliveryTotals {
  key: string;
  label: string;
  pencePerAdditionalWeek: number | null;
}

export interface AwardDelivery {
  /** Placed in the period, whenever the block starts ("secured"). */
  secured: { students: number; weeks: number };
  /** Placed in blocks that have started by today ("delivered so far"). */
  started: { students: number; weeks: number };
  /** Secured over the whole baseline: what the award has bought for the period, never below 0. */
  additional: { students: number; weeks: number };
  /** The commitment's unit: additional weeks or students secured. */
  delivered: number;
  /** Share of the period elapsed, 0..1. */
  elapsed: number;
  /** Additional units started so far: started minus the baseline pro rata. */
  deliveredToDate: number;
  /** The commitment pro rata: committed × elapsed. */
  expectedToDate: number;
  behind: boolean;
  /** Paid (payments dated today or earlier), in pence. */
  paidPence: number;
  /** Paid ÷ additional weeks secured; null without additional weeks. */
  pencePerAdditionalWeek: number | null;
  /** Additional weeks × the programme's rate, when it has one. */
  earnedPence: number | null;
}

const inUnit = (unit: FundingUnitName, figures: { students: number; weeks: number }) => (unit === "WEEKS" ? figures.weeks : figures.students);

/**
 * Delivery of one award from the placements counted for it (docs/funding.md):
 * - secured: placed students and weeks of blocks starting in the award's period;
 * - additional: secured minus the baseline, floored at 0;
 * - behind: once the period has started, the additional units in blocks already started
 *   (started − baseline × elapsed) are fewer than the commitment pro rata (committed × elapsed).
 */
export function summariseAwardDelivery(
  terms: AwardTerms,
  placements: readonly CountedPlacement[],
  payments: readonly { payOn: Date; amountPence: number }[],
  today: Date,
  ratePerWeekPence: number | null = null,
): AwardDelivery {
  const inPeriod = placements.filter((p) => p.startDate >= terms.periodStart && p.startDate <= terms.periodEnd);
  const secured = totalPlaced(inPeriod);
  const day = startOfUtcDay(today);
  const started = totalPlaced(inPeriod.filter((p) => p.startDate <= day));
  const additional = {
    students: Math.max(0, secured.students - terms.baselineStudents),
    weeks: Math.max(0, secured.weeks - terms.baselineWeeks),
  };
  const elapsed = elapsedFraction(terms.periodStart, terms.periodEnd, today);
  const baseline = inUnit(terms.unit, { students: terms.baselineStudents, weeks: terms.baselineWeeks });
  const deliveredToDate = inUnit(terms.unit, started) - baseline * elapsed;
  const expectedToDate = terms.committed * elapsed;
  const paidPence = payments.filter((payment) => payment.payOn <= day).reduce((sum, payment) => sum + payment.amountPence, 0);
  return {
    secured,
    started,
    additional,
    delivered: inUnit(terms.unit, additional),
    elapsed,
    deliveredToDate,
    expectedToDate,
    behind: elapsed > 0 && terms.committed > 0 && deliveredToDate < expectedToDate,
    paidPence,
    pencePerAdditionalWeek: additional.weeks > 0 ? paidPence / additional.weeks : null,
    earnedPence: ratePerWeekPence === null ? null : additional.weeks * ratePerWeekPence,
  };
}

/** Placed students and weeks by the month their blocks start ("2027-01"), in month order. */
export function placedByMonth(placements: readonly CountedPlacement[]): { month: string; students: number; weeks: number }[] {
  const months = new Map<string, { students: number; weeks: number }>();
  for (const placement of placements) {
    const month = placement.startDate.toISOString().slice(0, 7);
    const entry = months.get(month) ?? { students: 0, weeks: 0 };
    entry.students += placement.students;
    entry.weeks += placementWeeks(placement);
    months.set(month, entry);
  }
  return [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, figures]) => ({ month, ...figures }));
}

/** A case is raised, besides the notification, once an award is behind with half its period gone. */
export const CASE_AFTER_ELAPSED = 0.5;

export function warrantsCase(delivery: Pick<AwardDelivery, "behind" | "elapsed">): boolean {
  return delivery.behind && delivery.elapsed >= CASE_AFTER_ELAPSED;
}

// ---- Money ----

const POUNDS = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
const POUNDS_AND_PENCE = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "£1,199,633" (whole pounds), or with pence when there are any. */
export function formatPence(pence: number): string {
  return pence % 100 === 0 ? POUNDS.format(pence / 100) : POUNDS_AND_PENCE.format(pence / 100);
}

/** "£1,234.57" per week, or "—". */
export function formatPencePerWeek(pence: number | null): string {
  return pence === null ? "—" : POUNDS_AND_PENCE.format(Math.round(pence) / 100);
}

/** Pence from what a person types as pounds ("1,199,633", "£250.50"); null when it is not an amount. */
export function parsePounds(text: string): number | null {
  const cleaned = text.trim().replace(/^£/, "").replace(/,/g, "").trim();
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ""] = cleaned.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** Pounds as a form shows them again: "1199633" or "250.50". */
export function poundsText(pence: number): string {
  return pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2);
}
