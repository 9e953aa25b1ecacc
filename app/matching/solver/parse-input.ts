import { z } from "zod";
import type { MatchingInput, MatchingOffer, MatchingProvider, PlacementRequest } from "./types";

/** A malformed matching document. The message is one line and names the record at fault. */
export class MatchingInputError extends Error {
  override name = "MatchingInputError";
}

export const MAX_YEAR_OF_STUDY = 30;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(value: string, from: number, count: number): number {
  let result = 0;
  for (let index = from; index < from + count; index++) {
    const digit = value.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

/** Days since 1970-01-01 for a valid ISO date YYYY-MM-DD, otherwise null. Allocation-free: it runs per arc. */
export function isoDateToDay(value: string): number | null {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return null;
  // Days from the civil date (proleptic Gregorian), counting years from March.
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const IdSchema = z.string({ required_error: "is missing", invalid_type_error: "must be a string" }).min(1, "must not be empty");
const NameSchema = IdSchema;
const DateSchema = z
  .string({ required_error: "is missing", invalid_type_error: "must be a date YYYY-MM-DD" })
  .refine((value) => isoDateToDay(value) !== null, "must be a real date of the form YYYY-MM-DD");
const LatitudeSchema = z
  .number({ required_error: "is missing", invalid_type_error: "must be a number" })
  .min(-90, "must be between -90 and 90")
  .max(90, "must be between -90 and 90");
const LongitudeSchema = z
  .number({ required_error: "is missing", invalid_type_error: "must be a number" })
  .min(-180, "must be between -180 and 180")
  .max(180, "must be between -180 and 180");
const CountSchema = z
  .number({ required_error: "is missing", invalid_type_error: "must be a number" })
  .int("must be a whole number")
  .min(0, "must not be negative");
const YearSchema = z
  .number({ required_error: "is missing", invalid_type_error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(MAX_YEAR_OF_STUDY, `must be at most ${MAX_YEAR_OF_STUDY}`);
const PointSchema = z.object({ lat: LatitudeSchema, lon: LongitudeSchema }, { invalid_type_error: "must be an object with lat and lon" });

const SiteSchema = z.object(
  { id: IdSchema, lat: LatitudeSchema.nullish(), lon: LongitudeSchema.nullish() },
  { invalid_type_error: "must be an object" },
);

const ProviderSchema = z.object(
  {
    id: IdSchema,
    workforce: z
      .record(
        z
          .number({ invalid_type_error: "must be a number of WTE" })
          .min(0, "must not be negative")
          .refine(Number.isFinite, "must be finite"),
        { invalid_type_error: "must be an object of profession: WTE" },
      )
      .nullish(),
    sites: z.array(SiteSchema, { invalid_type_error: "must be an array" }).nullish(),
  },
  { invalid_type_error: "must be an object" },
);

const OfferSchema = z.object(
  {
    id: IdSchema,
    providerId: IdSchema,
    siteId: IdSchema,
    profession: NameSchema,
    start: DateSchema,
    end: DateSchema,
    capacity: CountSchema,
    taken: CountSchema.nullish(),
    years: z.array(YearSchema, { invalid_type_error: "must be an array of years" }).min(1, "must list at least one year (omit it for all years)").nullish(),
    specialty: z.string({ invalid_type_error: "must be a string" }).nullish(),
  },
  { invalid_type_error: "must be an object" },
);

const RequestSchema = z.object(
  {
    id: IdSchema,
    universityId: IdSchema,
    profession: NameSchema,
    year: YearSchema,
    start: DateSchema,
    end: DateSchema,
    students: CountSchema,
    origin: PointSchema.nullish(),
    maxTravelMinutes: z
      .number({ invalid_type_error: "must be a number" })
      .min(0, "must not be negative")
      .refine(Number.isFinite, "must be finite")
      .nullish(),
    specialties: z.array(z.string({ invalid_type_error: "must be a string" }), { invalid_type_error: "must be an array of strings" }).nullish(),
  },
  { invalid_type_error: "must be an object" },
);

const DocumentSchema = z.object(
  {
    providers: z.array(ProviderSchema, { required_error: "is missing", invalid_type_error: "must be an array" }),
    offers: z.array(OfferSchema, { required_error: "is missing", invalid_type_error: "must be an array" }),
    requests: z.array(RequestSchema, { required_error: "is missing", invalid_type_error: "must be an array" }),
  },
  { invalid_type_error: "must be a JSON object with providers, offers and requests" },
);

type MatchingDocument = z.infer<typeof DocumentSchema>;

const RECORD_NOUN: Record<string, string> = { providers: "provider", offers: "offer", requests: "request" };

function describeValue(value: unknown): string {
  if (value === undefined) return "";
  const text = JSON.stringify(value) ?? String(value);
  return ` (got ${text.length > 40 ? `${text.slice(0, 37)}...` : text})`;
}

function valueAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** `offer "O4"` when the record has a usable id, else `offers[3]`. */
function nameRecord(root: unknown, path: ReadonlyArray<string | number>): { name: string; rest: ReadonlyArray<string | number> } {
  const [collection, index] = path;
  if (typeof collection !== "string" || typeof index !== "number" || !(collection in RECORD_NOUN)) {
    return { name: "input", rest: path };
  }
  const id = valueAt(root, [collection, index, "id"]);
  const name = typeof id === "string" && id.length > 0 ? `${RECORD_NOUN[collection]} ${JSON.stringify(id)}` : `${collection}[${index}]`;
  return { name, rest: path.slice(2) };
}

function formatFieldPath(rest: ReadonlyArray<string | number>): string {
  return rest.map((key, position) => (typeof key === "number" ? `[${key}]` : position === 0 ? key : `.${key}`)).join("");
}

function formatIssue(root: unknown, issue: z.ZodIssue): string {
  const { name, rest } = nameRecord(root, issue.path);
  const field = formatFieldPath(rest);
  const shown = issue.code === "invalid_type" && issue.received === "undefined" ? "" : describeValue(valueAt(root, issue.path));
  return `${name}: ${field ? `${field} ` : ""}${issue.message}${shown}`;
}

function fail(message: string): never {
  throw new MatchingInputError(message);
}

function checkUniqueIds(records: ReadonlyArray<{ id: string }>, collection: string): void {
  const firstIndex = new Map<string, number>();
  records.forEach((record, index) => {
    const earlier = firstIndex.get(record.id);
    if (earlier !== undefined) {
      fail(`duplicate ${RECORD_NOUN[collection]} id ${JSON.stringify(record.id)} (${collection}[${earlier}] and ${collection}[${index}])`);
    }
    firstIndex.set(record.id, index);
  });
}

function toProvider(provider: MatchingDocument["providers"][number]): MatchingProvider {
  const siteIds = new Set<string>();
  const sites = (provider.sites ?? []).map((site) => {
    if (siteIds.has(site.id)) fail(`provider ${JSON.stringify(provider.id)}: duplicate site id ${JSON.stringify(site.id)}`);
    siteIds.add(site.id);
    const hasLat = site.lat !== undefined && site.lat !== null;
    const hasLon = site.lon !== undefined && site.lon !== null;
    if (hasLat !== hasLon) fail(`provider ${JSON.stringify(provider.id)} site ${JSON.stringify(site.id)}: give both lat and lon, or neither`);
    return { id: site.id, location: hasLat && hasLon ? { lat: site.lat as number, lon: site.lon as number } : null };
  });
  return { id: provider.id, workforce: { ...(provider.workforce ?? {}) }, sites };
}

/**
 * Validates a matching document (docs/matching-format.md) and returns the typed instance.
 * Extra fields are ignored; optional fields take their defaults. Throws a
 * MatchingInputError with a one-line message naming the offending record.
 */
export function parseMatchingInput(document: unknown): MatchingInput {
  const parsed = DocumentSchema.safeParse(document);
  if (!parsed.success) fail(formatIssue(document, parsed.error.issues[0]!));
  const data = parsed.data;

  checkUniqueIds(data.providers, "providers");
  checkUniqueIds(data.offers, "offers");
  checkUniqueIds(data.requests, "requests");

  const providers = data.providers.map(toProvider);
  const siteIdsByProvider = new Map(providers.map((provider) => [provider.id, new Set(provider.sites.map((site) => site.id))]));

  const offers: MatchingOffer[] = data.offers.map((offer) => {
    const name = `offer ${JSON.stringify(offer.id)}`;
    const sites = siteIdsByProvider.get(offer.providerId);
    if (!sites) fail(`${name}: providerId ${JSON.stringify(offer.providerId)} is not a known provider`);
    if (!sites.has(offer.siteId)) fail(`${name}: siteId ${JSON.stringify(offer.siteId)} is not a site of provider ${JSON.stringify(offer.providerId)}`);
    if (offer.end < offer.start) fail(`${name}: end ${offer.end} is before start ${offer.start}`);
    const taken = offer.taken ?? 0;
    if (taken > offer.capacity) fail(`${name}: taken ${taken} exceeds capacity ${offer.capacity}`);
    return {
      id: offer.id,
      providerId: offer.providerId,
      siteId: offer.siteId,
      profession: offer.profession,
      start: offer.start,
      end: offer.end,
      capacity: offer.capacity,
      taken,
      years: offer.years ? [...new Set(offer.years)].sort((a, b) => a - b) : null,
      specialty: offer.specialty ?? null,
    };
  });

  const requests: PlacementRequest[] = data.requests.map((request) => {
    if (request.end < request.start) fail(`request ${JSON.stringify(request.id)}: end ${request.end} is before start ${request.start}`);
    return {
      id: request.id,
      universityId: request.universityId,
      profession: request.profession,
      year: request.year,
      start: request.start,
      end: request.end,
      students: request.students,
      origin: request.origin ? { lat: request.origin.lat, lon: request.origin.lon } : null,
      maxTravelMinutes: request.maxTravelMinutes ?? null,
      specialties: request.specialties ?? [],
    };
  });

  return { providers, offers, requests };
}
