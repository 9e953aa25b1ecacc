import { millisecondsInDay } from "date-fns/constants";
import { addUtcDays, startOfUtcDay } from "~/platform/utc-days";

/** At most two academic years in one run: a longer period is a mistake, and would make a huge instance. */
export const MAX_MATCHING_PERIOD_DAYS = 731;
/** How far from today a run's period may reach, back and forward. */
export const MATCHING_WINDOW_DAYS_BEFORE = 366;
export const MATCHING_WINDOW_DAYS_AFTER = 3 * 366;

/** What is wrong with a run's period, naming the field to show it by; null when it is fine. */
export function matchingPeriodProblem(start: Date, end: Date, now: Date): { field: "periodStart" | "periodEnd"; message: string } | null {
  if (Number.isNaN(start.getTime())) return { field: "periodStart", message: "Enter the first day as a real date" };
  if (Number.isNaN(end.getTime())) return { field: "periodEnd", message: "Enter the last day as a real date" };
  if (end < start) return { field: "periodEnd", message: "The period must end after it starts" };
  const today = startOfUtcDay(now);
  if (start < addUtcDays(today, -MATCHING_WINDOW_DAYS_BEFORE)) {
    return { field: "periodStart", message: "The period can start at most a year ago" };
  }
  if (end > addUtcDays(today, MATCHING_WINDOW_DAYS_AFTER)) {
    return { field: "periodEnd", message: "The period can end at most three years from today" };
  }
  if (end.getTime() - start.getTime() >= MAX_MATCHING_PERIOD_DAYS * millisecondsInDay) {
    return { field: "periodEnd", message: "A run can cover at most two years: choose a shorter period" };
  }
  return null;
}
