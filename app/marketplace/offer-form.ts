import { z } from "zod";
import { parseFormWithZod } from "~/platform/conform-zod";
import { addUtcDays, startOfUtcDay, utcDaysBetween } from "~/platform/utc-days";
import { SUPERVISION_MODEL_LABELS, SUPERVISION_MODELS, type SupervisionModelName } from "~/vocabulary/labels";
import { PROFESSION_LABELS, PROFESSIONS, type ProfessionCode } from "~/vocabulary/roles";
import { isCalendarDate } from "~/vocabulary/calendar-date";

export const MAX_OFFER_SLOTS = 50;
export const MAX_OFFER_WEEKS = 52;
export const MAX_SPECIALTY_LENGTH = 80;
export const MAX_NOTES_LENGTH = 2000;
export const MAX_WITHDRAW_REASON_LENGTH = 500;
export const YEARS_OF_STUDY = [1, 2, 3, 4] as const;

/** What a provider sees in lists: "filled" is a published offer with every slot taken. */
export const OFFER_LIST_STATUSES = ["draft", "published", "filled", "withdrawn"] as const;
export type OfferListStatus = (typeof OFFER_LIST_STATUSES)[number];

export const OFFER_LIST_STATUS_LABELS: Record<OfferListStatus, string> = {
  draft: "Draft",
  published: "Published",
  filled: "Filled",
  withdrawn: "Withdrawn",
};

export function offerListStatus(offer: { status: "DRAFT" | "PUBLISHED" | "WITHDRAWN"; slots: number; slotsTaken: number }): OfferListStatus {
  if (offer.status === "DRAFT") return "draft";
  if (offer.status === "WITHDRAWN") return "withdrawn";
  return offer.slotsTaken >= offer.slots ? "filled" : "published";
}

export { isCalendarDate };

/** Offer dates are calendar days, stored as UTC midnight (`@db.Date`). */
export function toDbDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

export { toIsoDate } from "~/platform/utc-days";

/** Days in an inclusive window: a Monday-to-Sunday week is 7. */
export function daysInWindow(start: string, end: string): number {
  return utcDaysBetween(toDbDate(start), toDbDate(end)) + 1;
}

function calendarDate(requiredMessage: string) {
  return z
    .string({ required_error: requiredMessage })
    .trim()
    .refine(isCalendarDate, "Enter a real date, like 2027-01-04");
}

/** What is wrong with an offer's window (end after start, at most 52 weeks), or null. */
/** How far ahead an offer may start: beyond this it is a typing slip, not a plan. */
export const MAX_OFFER_LEAD_DAYS = 2 * 366;

/**
 * What is wrong with when an offer starts, judged on the day it is saved or published: never in
 * the past (no one can book it) and at most about two years ahead.
 */
export function offerStartProblem(startDate: string, now: Date): string | null {
  if (!isCalendarDate(startDate)) return null;
  const today = startOfUtcDay(now);
  const start = toDbDate(startDate);
  if (start < today) return "The start date is in the past: choose a date from today onwards";
  if (start > addUtcDays(today, MAX_OFFER_LEAD_DAYS)) return "The start date can be at most two years from today";
  return null;
}

export function offerWindowProblem(startDate: string | undefined, endDate: string | undefined): string | null {
  if (!startDate || !endDate || !isCalendarDate(startDate) || !isCalendarDate(endDate)) return null;
  if (endDate <= startDate) return "The end date must be after the start date";
  if (daysInWindow(startDate, endDate) > MAX_OFFER_WEEKS * 7) return `An offer's window can be at most ${MAX_OFFER_WEEKS} weeks`;
  return null;
}

/**
 * The fields of an offer, shared by the offer form and the CSV importer so both refuse the same
 * things with the same words. The site is an id here; checking that it belongs to the provider
 * needs the database and happens in offers.server.ts.
 */
export const OfferFieldsSchema = z
  .object({
    siteId: z.string({ required_error: "Choose the site" }).trim().min(1, "Choose the site").max(40, "Choose one of your sites"),
    profession: z.enum(PROFESSIONS, { errorMap: () => ({ message: "Choose the profession" }) }),
    specialty: z
      .string()
      .trim()
      .max(MAX_SPECIALTY_LENGTH, `Use ${MAX_SPECIALTY_LENGTH} characters or fewer for the specialty`)
      .optional(),
    startDate: calendarDate("Enter the start date"),
    endDate: calendarDate("Enter the end date"),
    slots: z
      .number({ required_error: "Enter the number of slots", invalid_type_error: "Enter the number of slots as a whole number, like 2" })
      .int("Enter the number of slots as a whole number, like 2")
      .min(1, "Offer at least 1 slot")
      .max(MAX_OFFER_SLOTS, `Offer at most ${MAX_OFFER_SLOTS} slots: post a second offer for more`),
    supervisionModel: z.enum(SUPERVISION_MODELS, { errorMap: () => ({ message: "Choose the supervision model" }) }),
    yearsOfStudy: z
      .array(
        z
          .number({ invalid_type_error: "Years of study are 1, 2, 3 or 4" })
          .int("Years of study are 1, 2, 3 or 4")
          .min(1, "Years of study are 1, 2, 3 or 4")
          .max(4, "Years of study are 1, 2, 3 or 4"),
      )
      .default([])
      .transform((years) => [...new Set(years)].sort((a, b) => a - b)),
    notes: z.string().trim().max(MAX_NOTES_LENGTH, `Use ${MAX_NOTES_LENGTH} characters or fewer for the notes`).optional(),
  })
  .superRefine((value, context) => {
    const problem = offerWindowProblem(value.startDate, value.endDate);
    if (problem) context.addIssue({ code: "custom", path: ["endDate"], message: problem });
  });
export type OfferFields = z.output<typeof OfferFieldsSchema>;

/** Which button of the offer form was pressed. */
export const OFFER_FORM_INTENTS = ["save-draft", "publish", "save"] as const;
export type OfferFormIntent = (typeof OFFER_FORM_INTENTS)[number];

export const WithdrawOfferSchema = z.object({
  intent: z.literal("withdraw"),
  reason: z
    .string({ required_error: "Give a reason for withdrawing: universities with allocations will see it" })
    .trim()
    .min(1, "Give a reason for withdrawing: universities with allocations will see it")
    .max(MAX_WITHDRAW_REASON_LENGTH, `Use ${MAX_WITHDRAW_REASON_LENGTH} characters or fewer`),
});

/**
 * Validates offer values given as text, the way a browser submits them (empty means not given,
 * numbers and lists as strings). The CSV importer uses this so its rows are judged exactly as the form.
 */
export function parseOfferFields(values: Record<string, string | string[] | undefined>):
  | { ok: true; value: OfferFields }
  | { ok: false; errors: Record<string, string[]> } {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  }
  const submission = parseFormWithZod(form, OfferFieldsSchema);
  if (submission.status === "success") return { ok: true, value: submission.value };
  const errors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(submission.error ?? {})) {
    if (messages?.length) errors[key || "form"] = messages;
  }
  // zod skips the object's refinement while any field is invalid; a file's reader wants every problem at once.
  const single = (key: string) => (typeof values[key] === "string" ? (values[key] as string).trim() : undefined);
  const windowProblem = offerWindowProblem(single("startDate"), single("endDate"));
  if (windowProblem && !errors.endDate) errors.endDate = [windowProblem];
  return { ok: false, errors };
}

// ---- CSV cell readers: the words a spreadsheet holds, turned into the form's values ----

const squash = (text: string) => text.toLowerCase().replace(/[\s_\-–/.]+/g, "");

const PROFESSION_ALIASES: Record<string, ProfessionCode> = {
  ...Object.fromEntries(PROFESSIONS.map((code) => [squash(code), code])),
  ...Object.fromEntries(PROFESSIONS.map((code) => [squash(PROFESSION_LABELS[code]), code])),
  physio: "PT",
  physiotherapist: "PT",
  occupationaltherapist: "OT",
  salt: "SLT",
  speechandlanguage: "SLT",
  dietitian: "DIET",
  podiatrist: "POD",
  radiographer: "RAD",
  paramedic: "PARA",
  paramedics: "PARA",
  orthoptist: "ORTH",
};

/** A profession by its code ("PT") or its name ("Physiotherapy"), in any case; null when unknown. */
export function professionFromText(text: string): ProfessionCode | null {
  return PROFESSION_ALIASES[squash(text)] ?? null;
}

const SUPERVISION_ALIASES: Record<string, SupervisionModelName> = {
  ...Object.fromEntries(SUPERVISION_MODELS.map((code) => [squash(code), code])),
  ...Object.fromEntries(SUPERVISION_MODELS.map((code) => [squash(SUPERVISION_MODEL_LABELS[code]), code])),
  "1:1": "ONE_TO_ONE",
  "2:1": "TWO_TO_ONE",
  onetoone: "ONE_TO_ONE",
  twotoone: "TWO_TO_ONE",
  peerassisted: "PEER_ASSISTED",
  longarm: "PEER_ASSISTED",
  roleemerging: "ROLE_EMERGING",
};

/** A supervision model by its code ("PEER_ASSISTED") or its label ("Peer-assisted / long-arm"). */
export function supervisionModelFromText(text: string): SupervisionModelName | null {
  return SUPERVISION_ALIASES[squash(text)] ?? null;
}

/** "2;3", "2, 3" or "2 3" into the separate years; empty means any year. */
export function splitYearsOfStudy(text: string): string[] {
  return text
    .split(/[;,\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * A spreadsheet date: "2027-01-04" as written, or "04/01/2027" as Excel in the UK saves it.
 * Anything else is passed on unchanged, so the schema names the problem.
 */
export function normaliseCsvDate(text: string): string {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (uk) return `${uk[3]}-${uk[2].padStart(2, "0")}-${uk[1].padStart(2, "0")}`;
  return text.trim();
}

/** yes/no (also y/n, true/false, 1/0); empty is no; null when it is neither. */
export function publishFromText(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (["yes", "y", "true", "1"].includes(value)) return true;
  if (["", "no", "n", "false", "0"].includes(value)) return false;
  return null;
}
