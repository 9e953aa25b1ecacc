import { addMilliseconds } from "date-fns/addMilliseconds";
import { differenceInMilliseconds } from "date-fns/differenceInMilliseconds";
import { millisecondsInDay } from "date-fns/constants";

// Calendar days are stored as UTC midnights (@db.Date). date-fns' day functions (addDays, startOfDay,
// differenceInCalendarDays) count in the server's time zone, where a daylight-saving change moves a
// UTC midnight off midnight; these count whole days of exact milliseconds, which no time zone shifts.
// (@date-fns/utc would make the calendar functions safe, but it is not a dependency.)

/** The UTC midnight starting the day `date` falls on. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** `days` days after `date`, or before it when negative. */
export function addUtcDays(date: Date, days: number): Date {
  return addMilliseconds(date, days * millisecondsInDay);
}

/** Whole days from one UTC midnight to another: negative when `to` is earlier. */
export function utcDaysBetween(from: Date, to: Date): number {
  return Math.round(differenceInMilliseconds(to, from) / millisecondsInDay);
}

/** The calendar day of a UTC midnight (a stored @db.Date) as YYYY-MM-DD, the value a date input shows. */
export function toIsoDate(value: Date | string): string {
  return new Date(value).toISOString().slice(0, 10);
}
