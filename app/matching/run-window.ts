import { academicYearOf, academicYearRange } from "~/vocabulary/academic-year";
import { addUtcDays, startOfUtcDay } from "~/platform/utc-days";

/**
 * The period a new run offers by default: blocks starting no sooner than the lead time from today,
 * up to the end of that academic year. A block that has started (or is about to) is never proposed
 * by default: its students and educators would have no time to prepare.
 */
export function defaultRunWindow(today: Date, leadDays: number): { periodStart: string; periodEnd: string } {
  const start = addUtcDays(startOfUtcDay(today), leadDays);
  const { end } = academicYearRange(academicYearOf(start));
  return { periodStart: start.toISOString().slice(0, 10), periodEnd: end.toISOString().slice(0, 10) };
}
