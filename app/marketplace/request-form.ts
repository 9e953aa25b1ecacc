import { z } from "zod";
import { optionalParam, PageParam } from "~/platform/form-fields";
import { PROFESSIONS } from "~/vocabulary/roles";
import { withDateRange, type DateRangeFilter } from "~/vocabulary/calendar-date";

export const REQUEST_STATUSES = ["OPEN", "PARTLY_ALLOCATED", "FULLY_ALLOCATED", "CANCELLED"] as const;
export type RequestStatusName = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatusName, string> = {
  OPEN: "Open",
  PARTLY_ALLOCATED: "Partly allocated",
  FULLY_ALLOCATED: "Fully allocated",
  CANCELLED: "Cancelled",
};

export const MAX_REQUEST_STUDENTS = 200;
export const MAX_SPECIALTIES = 10;
export const MAX_SPECIALTY_LENGTH = 80;
export const MAX_PREFERRED_SITES = 20;
export const MIN_TRAVEL_MINUTES = 10;
export const MAX_TRAVEL_MINUTES = 300;
export const MAX_ADJUSTMENTS_LENGTH = 2000;
export const MAX_CANCEL_REASON_LENGTH = 500;

/** A list of specialties typed as one line, split on `separator`; duplicates (ignoring case) dropped. */
export function parseSpecialties(text: string | undefined | null, separator: "," | ";"): { ok: true; list: string[] } | { ok: false; message: string } {
  const seen = new Set<string>();
  const list: string[] = [];
  for (const part of (text ?? "").split(separator)) {
    const specialty = part.trim().replace(/\s+/g, " ");
    if (!specialty) continue;
    if (specialty.length > MAX_SPECIALTY_LENGTH) {
      return { ok: false, message: `Keep each specialty to ${MAX_SPECIALTY_LENGTH} characters or fewer` };
    }
    const key = specialty.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    list.push(specialty);
  }
  if (list.length > MAX_SPECIALTIES) return { ok: false, message: `List at most ${MAX_SPECIALTIES} specialties` };
  return { ok: true, list };
}

function id(message: string) {
  return z.string({ required_error: message }).trim().min(1, message).max(40, message);
}

function wholeNumber(label: string, min: number, max: number) {
  const message = `Enter ${label} as a whole number from ${min} to ${max}`;
  return z.number({ required_error: `Enter ${label}`, invalid_type_error: message }).int(message).min(min, message).max(max, message);
}

export const RequestFormSchema = z
  .object({
    programmeId: id("Choose the programme"),
    blockId: id("Choose the placement block"),
    students: wholeNumber("the number of students", 1, MAX_REQUEST_STUDENTS),
    specialties: z
      .string()
      .max(MAX_SPECIALTIES * (MAX_SPECIALTY_LENGTH + 2) * 2, `List at most ${MAX_SPECIALTIES} specialties`)
      .optional()
      .transform((value, context) => {
        const parsed = parseSpecialties(value, ",");
        if (!parsed.ok) {
          context.addIssue({ code: "custom", message: parsed.message });
          return z.NEVER;
        }
        return parsed.list;
      }),
    preferredSiteIds: z
      .array(z.string().trim().max(40, "Choose preferred sites from the list"))
      .max(MAX_PREFERRED_SITES, `Choose at most ${MAX_PREFERRED_SITES} preferred sites`)
      .default([])
      .transform((ids) => [...new Set(ids.filter(Boolean))]),
    maxTravelMinutes: wholeNumber("the maximum travel time in minutes", MIN_TRAVEL_MINUTES, MAX_TRAVEL_MINUTES).optional(),
    campusSiteId: z.string().trim().max(40, "Choose a campus from the list").optional(),
    reasonableAdjustments: z
      .string()
      .trim()
      .max(MAX_ADJUSTMENTS_LENGTH, `Use ${MAX_ADJUSTMENTS_LENGTH} characters or fewer`)
      .optional()
      .transform((value) => value || null),
  })
  .superRefine((value, context) => {
    if (value.maxTravelMinutes !== undefined && !value.campusSiteId) {
      context.addIssue({ code: "custom", path: ["campusSiteId"], message: "Choose the campus the travel time is measured from" });
    }
  });
export type RequestFormValue = z.output<typeof RequestFormSchema>;

export const CancelRequestSchema = z.object({
  reason: z
    .string({ required_error: "Give a reason for cancelling the request" })
    .trim()
    .min(1, "Give a reason for cancelling the request")
    .max(MAX_CANCEL_REASON_LENGTH, `Use ${MAX_CANCEL_REASON_LENGTH} characters or fewer`),
});

export const RequestFiltersSchema = z.object({
  status: optionalParam(z.enum(REQUEST_STATUSES)),
  profession: optionalParam(z.enum(PROFESSIONS)),
  programmeId: optionalParam(z.string().trim().max(40)),
  from: optionalParam(z.string().trim().max(30)),
  to: optionalParam(z.string().trim().max(30)),
  page: PageParam,
});
export type RequestFilters = z.output<typeof RequestFiltersSchema>;

/** The filters, with only real dates kept; what was wrong with the others is in `dateErrors`. */
export function parseRequestFilters(searchParams: URLSearchParams): RequestFilters & { dateErrors: DateRangeFilter["errors"] } {
  return withDateRange(RequestFiltersSchema.parse(Object.fromEntries(searchParams)));
}

// ---- CSV import -------------------------------------------------------------------------------

export const REQUEST_CSV_HEADERS = [
  "programme",
  "block",
  "students",
  "specialties",
  "max_travel_minutes",
  "campus",
  "reasonable_adjustments",
] as const;
export const REQUEST_CSV_REQUIRED = ["programme", "block", "students"] as const;

/** A cell a spreadsheet would run as a formula (=, +, @, tab, CR, or "-" followed by something). */
export function looksLikeFormula(value: string): boolean {
  return /^[=+@\t\r]/.test(value) || /^-\S/.test(value);
}

/** What a request takes from its programme and block: the profession from the programme, the year and dates from the block. */
export function requestPlacementFields<Profession extends string>(
  programme: { id: string; profession: Profession },
  block: { id: string; yearOfStudy: number; startDate: Date; endDate: Date },
) {
  return {
    programmeId: programme.id,
    blockId: block.id,
    profession: programme.profession,
    yearOfStudy: block.yearOfStudy,
    startDate: block.startDate,
    endDate: block.endDate,
  };
}

export interface CsvLookup {
  /** Keyed by lower-cased programme name. */
  programmes: Map<
    string,
    {
      id: string;
      name: string;
      profession: (typeof PROFESSIONS)[number];
      /** Keyed by lower-cased block name. */
      blocks: Map<string, { id: string; name: string; yearOfStudy: number; startDate: Date; endDate: Date }>;
    }
  >;
  /** The university's own sites, keyed by lower-cased name. */
  campuses: Map<string, { id: string; name: string; latitude: number; longitude: number }>;
}

export interface RequestImportRow {
  line: number;
  programmeId: string;
  blockId: string;
  profession: (typeof PROFESSIONS)[number];
  yearOfStudy: number;
  startDate: Date;
  endDate: Date;
  students: number;
  specialties: string[];
  maxTravelMinutes: number | null;
  originLatitude: number | null;
  originLongitude: number | null;
  reasonableAdjustments: string | null;
}

function wholeNumberCell(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** Checks one CSV row against the university's programmes, blocks and campuses. */
export function validateRequestCsvRow(
  line: number,
  values: Record<string, string>,
  lookup: CsvLookup,
): { ok: true; row: RequestImportRow } | { ok: false; problems: { line: number; column?: string; message: string }[] } {
  const problems: { line: number; column?: string; message: string }[] = [];
  const problem = (column: string, message: string) => problems.push({ line, column, message });
  const cell = (column: string) => values[column] ?? "";

  for (const column of REQUEST_CSV_HEADERS) {
    if (looksLikeFormula(cell(column))) problem(column, "Starts like a spreadsheet formula (=, +, -, @): remove it");
  }
  if (problems.length) return { ok: false, problems };

  const programme = cell("programme") ? lookup.programmes.get(cell("programme").toLowerCase()) : undefined;
  if (!cell("programme")) problem("programme", "Enter the programme");
  else if (!programme) problem("programme", `No programme called "${cell("programme")}"`);

  const block = programme && cell("block") ? programme.blocks.get(cell("block").toLowerCase()) : undefined;
  if (!cell("block")) problem("block", "Enter the placement block");
  else if (programme && !block) problem("block", `${programme.name} has no block called "${cell("block")}"`);

  const students = wholeNumberCell(cell("students"), 1, MAX_REQUEST_STUDENTS);
  if (students === null) problem("students", `Enter the number of students as a whole number from 1 to ${MAX_REQUEST_STUDENTS}`);

  const specialties = parseSpecialties(cell("specialties"), ";");
  if (!specialties.ok) problem("specialties", specialties.message);

  let maxTravelMinutes: number | null = null;
  if (cell("max_travel_minutes")) {
    maxTravelMinutes = wholeNumberCell(cell("max_travel_minutes"), MIN_TRAVEL_MINUTES, MAX_TRAVEL_MINUTES);
    if (maxTravelMinutes === null) {
      problem("max_travel_minutes", `Enter the maximum travel time as whole minutes from ${MIN_TRAVEL_MINUTES} to ${MAX_TRAVEL_MINUTES}, or leave it empty`);
    }
  }

  const campus = cell("campus") ? lookup.campuses.get(cell("campus").toLowerCase()) : undefined;
  if (cell("campus") && !campus) problem("campus", `None of your sites is called "${cell("campus")}"`);
  else if (cell("max_travel_minutes") && !cell("campus")) problem("campus", "Name the campus the travel time is measured from");

  const adjustments = cell("reasonable_adjustments");
  if (adjustments.length > MAX_ADJUSTMENTS_LENGTH) problem("reasonable_adjustments", `Use ${MAX_ADJUSTMENTS_LENGTH} characters or fewer`);

  if (problems.length || !programme || !block || students === null || !specialties.ok) return { ok: false, problems };
  return {
    ok: true,
    row: {
      line,
      ...requestPlacementFields(programme, block),
      students,
      specialties: specialties.list,
      maxTravelMinutes,
      originLatitude: campus?.latitude ?? null,
      originLongitude: campus?.longitude ?? null,
      reasonableAdjustments: adjustments || null,
    },
  };
}
