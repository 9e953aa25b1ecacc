import { differenceInMilliseconds } from "date-fns/differenceInMilliseconds";
import { millisecondsInDay } from "date-fns/constants";

export const SUPERVISION_MODELS = ["ONE_TO_ONE", "TWO_TO_ONE", "PEER_ASSISTED", "ROLE_EMERGING", "VIRTUAL", "HYBRID"] as const;
export type SupervisionModelName = (typeof SUPERVISION_MODELS)[number];

export const SUPERVISION_MODEL_LABELS: Record<SupervisionModelName, string> = {
  ONE_TO_ONE: "1:1",
  TWO_TO_ONE: "2:1",
  PEER_ASSISTED: "Peer-assisted / long-arm",
  ROLE_EMERGING: "Role-emerging",
  VIRTUAL: "Virtual",
  HYBRID: "Hybrid",
};

// One formatter for all: building Intl formatters per call dominated list-page rendering.
const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

// Formatting a date costs a few microseconds even with one formatter, and a list shows the same few
// dozen days over and over: each day's text is kept (at most MAX_FORMATTED_DAYS, then started afresh).
const formattedDays = new Map<number, string>();
export const MAX_FORMATTED_DAYS = 4096;

export function formatDate(value: Date | string): string {
  const time = new Date(value).getTime();
  let text = formattedDays.get(time);
  if (text === undefined) {
    text = DATE_FORMAT.format(time);
    if (formattedDays.size >= MAX_FORMATTED_DAYS) formattedDays.clear();
    formattedDays.set(time, text);
  }
  return text;
}

export function formatDateRange(start: Date | string, end: Date | string): string {
  return `${formatDate(start)} – ${formatDate(end)}`;
}

/** Whole weeks in an inclusive date window, rounded up: a placement block of 4 weeks Mon–Fri is 4. */
export function weeksBetween(start: Date | string, end: Date | string): number {
  const days = Math.round(differenceInMilliseconds(new Date(end), new Date(start)) / millisecondsInDay) + 1;
  return Math.max(1, Math.ceil(days / 7));
}

const DATE_TIME_FORMAT = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

const LONDON_DATE_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" });

/** The day of a moment in England, e.g. "25 Nov 2026" (formatDate reads the UTC day, for dates stored as days). */
export function formatLondonDate(value: Date | string): string {
  return LONDON_DATE_FORMAT.format(new Date(value));
}

// Number.toLocaleString with options builds a new Intl.NumberFormat on each call (~40 µs): a table of a
// region's providers spent most of its render there. One formatter per number of decimals instead.
const NUMBER_FORMATS = new Map<number, Intl.NumberFormat>();

/** A number as people in England write it, with at most the given decimals: "1,000", "37.25". */
export function formatNumber(value: number, maximumFractionDigits = 0): string {
  let format = NUMBER_FORMATS.get(maximumFractionDigits);
  if (!format) NUMBER_FORMATS.set(maximumFractionDigits, (format = new Intl.NumberFormat("en-GB", { maximumFractionDigits })));
  return format.format(value);
}

/** A moment as people in England read it, e.g. "25 Nov 2026, 20:15". */
export function formatDateTime(value: Date | string): string {
  return DATE_TIME_FORMAT.format(new Date(value));
}

/** "1 case", "3 cases"; give the plural when it is not the singular plus "s" ("1 person", "2 people"). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? singular : pluralForm}`;
}
