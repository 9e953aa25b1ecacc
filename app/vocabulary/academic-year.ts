/**
 * The academic year runs from 1 September to 31 August and is named by the calendar year it
 * starts in: 2026 is "2026/27". Days are UTC calendar days, the way placement dates are stored
 * (`@db.Date`), so the server's time zone never moves a placement or a "today" into another year.
 */

/** First and last day of an academic year (2026 = 2026/27), inclusive, at 00:00 UTC. */
export function academicYearRange(year: number): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(year, 8, 1)), end: new Date(Date.UTC(year + 1, 7, 31)) };
}

/** The academic year a day falls in (by its UTC calendar day). */
export function academicYearOf(date: Date): number {
  return date.getUTCMonth() >= 8 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

/** The academic year today falls in. */
export function currentAcademicYear(today = new Date()): number {
  return academicYearOf(today);
}

/** "2026/27". */
export function formatAcademicYear(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
}
