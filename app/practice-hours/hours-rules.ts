// The practice-hours ledger as plain arithmetic: what counts toward a profession's requirement,
// what a placement plans, and when a student is at risk. Every figure is in whole minutes.
import { millisecondsInDay } from "date-fns/constants";
import { formatNumber } from "~/vocabulary/labels";

export const PRACTICE_KINDS = ["inPerson", "telehealth", "simulation"] as const;
export type PracticeKind = (typeof PRACTICE_KINDS)[number];
export type ByKind = Record<PracticeKind, number>;

export const PRACTICE_KIND_LABELS: Record<PracticeKind, string> = {
  inPerson: "In person",
  telehealth: "Telehealth",
  simulation: "Simulation",
};

export const TIMESHEET_STATUSES = ["SUBMITTED", "CONFIRMED", "QUERIED"] as const;
export type TimesheetStatusName = (typeof TIMESHEET_STATUSES)[number];
export const TIMESHEET_STATUS_LABELS: Record<TimesheetStatusName, string> = {
  SUBMITTED: "Waiting for the educator",
  CONFIRMED: "Confirmed",
  QUERIED: "Queried",
};

/** The standard pattern a placement is planned on: Monday to Friday, 7.5 hours a day (37.5 a week). */
export const STANDARD_DAY_MINUTES = 450;
export const STANDARD_WORKING_DAYS = 5;
/** A timesheet still unconfirmed this many days after it was submitted is chased. */
export const TIMESHEET_WAIT_DAYS = 7;

export interface Requirement {
  minimumMinutes: number;
  countsInPerson: boolean;
  countsTelehealth: boolean;
  countsSimulation: boolean;
  simulationCapMinutes: number | null;
  simulationCapPercent: number | null;
}

export const ZERO: ByKind = { inPerson: 0, telehealth: 0, simulation: 0 };

export function addKinds(...parts: ByKind[]): ByKind {
  return parts.reduce((sum, part) => ({ inPerson: sum.inPerson + part.inPerson, telehealth: sum.telehealth + part.telehealth, simulation: sum.simulation + part.simulation }), ZERO);
}

export function totalOf(hours: ByKind): number {
  return hours.inPerson + hours.telehealth + hours.simulation;
}

/** The most simulation that counts: a cap in hours, a share of the minimum (rounded down), or no cap. */
export function simulationCap(requirement: Requirement): number {
  if (!requirement.countsSimulation) return 0;
  if (requirement.simulationCapMinutes !== null) return requirement.simulationCapMinutes;
  if (requirement.simulationCapPercent !== null) return Math.floor((requirement.minimumMinutes * requirement.simulationCapPercent) / 100);
  return Number.POSITIVE_INFINITY;
}

/** The minutes that count toward the requirement: kinds that do not count add nothing, simulation over the cap adds nothing. */
export function countedMinutes(hours: ByKind, requirement: Requirement): number {
  return (
    (requirement.countsInPerson ? hours.inPerson : 0) +
    (requirement.countsTelehealth ? hours.telehealth : 0) +
    Math.min(hours.simulation, simulationCap(requirement))
  );
}

export interface LedgerInput {
  confirmed: ByKind;
  /** Submitted and waiting for the educator. */
  awaiting: ByKind;
  /** Queried by the educator: counts for nothing until resubmitted. */
  queried: ByKind;
  /** Weeks of upcoming and ongoing placements not yet recorded. */
  planned: ByKind;
}

export interface Ledger extends LedgerInput {
  required: number;
  /** What counts of the confirmed hours. */
  confirmedCounted: number;
  /** What counts of the confirmed and waiting hours together (the simulation cap applies to both at once). */
  recordedCounted: number;
  /** What the planned hours add on top of the recorded ones. */
  plannedCounted: number;
  /** Recorded hours that do not count: kinds the body does not accept, simulation over the cap. */
  notCounted: number;
  /** Requirement minus what is recorded so far. */
  stillNeeded: number;
  /** Requirement minus recorded and planned: what no placement covers yet. */
  uncovered: number;
  atRisk: boolean;
}

/**
 * A student's ledger against one requirement. Confirmed hours are counted first, then waiting ones,
 * then planned ones, so when simulation runs over its cap it is the later hours that stop counting.
 */
export function computeLedger(input: LedgerInput, requirement: Requirement): Ledger {
  const recorded = addKinds(input.confirmed, input.awaiting);
  const confirmedCounted = countedMinutes(input.confirmed, requirement);
  const recordedCounted = countedMinutes(recorded, requirement);
  const withPlanned = countedMinutes(addKinds(recorded, input.planned), requirement);
  const required = requirement.minimumMinutes;
  return {
    ...input,
    required,
    confirmedCounted,
    recordedCounted,
    plannedCounted: withPlanned - recordedCounted,
    notCounted: totalOf(recorded) - recordedCounted,
    stillNeeded: Math.max(0, required - recordedCounted),
    uncovered: Math.max(0, required - withPlanned),
    atRisk: withPlanned < required,
  };
}

/** The requirement in force on a day: the latest whose effective date is on or before it. */
export function requirementOn<T extends { effectiveFrom: Date }>(rows: readonly T[], day: Date): T | null {
  let found: T | null = null;
  for (const row of rows) {
    if (row.effectiveFrom.getTime() <= day.getTime() && (!found || row.effectiveFrom.getTime() > found.effectiveFrom.getTime())) found = row;
  }
  return found;
}

function utcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** The Monday (UTC) of the week a day falls in. */
export function mondayOf(date: Date): Date {
  const day = utcDay(date);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - weekday * millisecondsInDay);
}

export function isMonday(date: Date): boolean {
  return new Date(utcDay(date)).getUTCDay() === 1;
}

export interface PlannedWeek {
  weekStarting: Date;
  /** Working days (Monday to Friday) of the placement in this week. */
  days: number;
  minutes: number;
}

/**
 * A placement's weeks on the standard pattern: every week it touches, with its Monday-to-Friday days
 * inside the placement's dates at 7.5 hours each. A 6-week block from a Monday to a Friday plans
 * 6 × 37.5 = 225 hours.
 */
export function placementWeeks(start: Date, end: Date): PlannedWeek[] {
  const weeks: PlannedWeek[] = [];
  const first = utcDay(start);
  const last = utcDay(end);
  for (let monday = mondayOf(start).getTime(); monday <= last; monday += 7 * millisecondsInDay) {
    let days = 0;
    for (let offset = 0; offset < STANDARD_WORKING_DAYS; offset += 1) {
      const day = monday + offset * millisecondsInDay;
      if (day >= first && day <= last) days += 1;
    }
    weeks.push({ weekStarting: new Date(monday), days, minutes: days * STANDARD_DAY_MINUTES });
  }
  return weeks;
}

export interface PlacementForPlan {
  startDate: Date;
  endDate: Date;
  /** Completed placements plan nothing more: only their recorded weeks count. */
  completed: boolean;
  /** Mondays of the weeks that already have a timesheet (in any state). */
  recordedWeeks: readonly Date[];
}

/**
 * In-person minutes still planned: the unrecorded weeks of placements that are not completed and,
 * when the programme's end is known, end by then.
 */
export function plannedMinutes(placements: readonly PlacementForPlan[], programmeEnd: Date | null): number {
  let total = 0;
  for (const placement of placements) {
    if (placement.completed) continue;
    if (programmeEnd && utcDay(placement.endDate) > utcDay(programmeEnd)) continue;
    const recorded = new Set(placement.recordedWeeks.map((week) => utcDay(week)));
    for (const week of placementWeeks(placement.startDate, placement.endDate)) {
      if (!recorded.has(week.weekStarting.getTime())) total += week.minutes;
    }
  }
  return total;
}

/** The weeks of a placement a student may record now: started by today and not yet confirmed. */
export function recordableWeeks(start: Date, end: Date, today: Date, confirmed: readonly Date[]): Date[] {
  const done = new Set(confirmed.map((week) => utcDay(week)));
  const now = utcDay(today);
  return placementWeeks(start, end)
    .map((week) => week.weekStarting)
    .filter((monday) => monday.getTime() <= now && !done.has(monday.getTime()));
}

/** Hours as people write them: "562.5", "1,000", "37.25". */
export function formatHours(minutes: number): string {
  const hours = Math.round((minutes / 60) * 100) / 100;
  return formatNumber(hours, 2);
}

/** Minutes from hours typed in quarter hours. */
export function minutesFromHours(hours: number): number {
  return Math.round(hours * 60);
}

/** Weeks of the standard pattern that cover some minutes, rounded up. */
export function weeksToCover(minutes: number): number {
  return Math.ceil(minutes / (STANDARD_DAY_MINUTES * STANDARD_WORKING_DAYS));
}

/** Whether a submitted timesheet has waited long enough to chase. */
export function timesheetOverdue(submittedAt: Date, now: Date, waitDays = TIMESHEET_WAIT_DAYS): boolean {
  return now.getTime() - submittedAt.getTime() >= waitDays * millisecondsInDay;
}
