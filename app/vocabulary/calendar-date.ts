import { z } from "zod";

/**
 * Calendar days as the portal writes them: "2027-01-04". Only real dates between these bounds are
 * accepted anywhere, so nothing like 9999-99-99 or 0000-01-01 ever reaches a query.
 */
export const EARLIEST_CALENDAR_DATE = "2000-01-01";
export const LATEST_CALENDAR_DATE = "2099-12-31";
export const CALENDAR_DATE_HINT = "Enter a real date, like 2027-01-04";

/** True for a real day, written YYYY-MM-DD, within the bounds. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  if (text < EARLIEST_CALENDAR_DATE || text > LATEST_CALENDAR_DATE) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** A required date field of a form. */
export function calendarDateField(requiredMessage: string, invalidMessage = CALENDAR_DATE_HINT) {
  return z
    .string({ required_error: requiredMessage })
    .trim()
    .min(1, requiredMessage)
    .refine(isCalendarDate, invalidMessage);
}

/** An optional date field of a form: blank means not given. */
export function optionalCalendarDateField(invalidMessage = CALENDAR_DATE_HINT) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.string().trim().refine(isCalendarDate, invalidMessage).optional(),
  );
}

export interface DateRangeFilter {
  /** Only dates that passed; a refused one is left out of the filter. */
  from?: string;
  to?: string;
  /** What to show next to each date field that was refused. */
  errors: { from?: string; to?: string };
}

/**
 * A list's "from" and "to" filter, read from the address. A date that is not real, or an end before
 * the start, is reported for the page to show by its field, never silently turned into an empty list.
 */
export function readDateRange(from: unknown, to: unknown): DateRangeFilter {
  const range: DateRangeFilter = { errors: {} };
  for (const [key, value] of [["from", from], ["to", to]] as const) {
    if (typeof value !== "string" || value.trim() === "") continue;
    const text = value.trim();
    if (isCalendarDate(text)) range[key] = text;
    else range.errors[key] = `${CALENDAR_DATE_HINT}, between ${EARLIEST_CALENDAR_DATE.slice(0, 4)} and ${LATEST_CALENDAR_DATE.slice(0, 4)}`;
  }
  if (range.from && range.to && range.to < range.from) {
    range.errors.to = "The end date must be on or after the start date";
    range.to = undefined;
  }
  return range;
}

/** A list's filters with their "from" and "to" read by readDateRange: only real dates kept, what was wrong with the others in `dateErrors`. */
export function withDateRange<Filters extends { from?: string; to?: string }>(filters: Filters): Filters & { dateErrors: DateRangeFilter["errors"] } {
  const range = readDateRange(filters.from, filters.to);
  return { ...filters, from: range.from, to: range.to, dateErrors: range.errors };
}
