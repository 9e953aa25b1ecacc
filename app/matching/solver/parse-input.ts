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

type ProviderRecord = z.infer<typeof ProviderSchema>;

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
  // A Set costs half what a Map of first positions does; the earlier position is found only for the message.
  const seen = new Set<string>();
  for (let index = 0; index < records.length; index++) {
    const id = records[index].id;
    const before = seen.size;
    if (seen.add(id).size === before) {
      const earlier = records.findIndex((record) => record.id === id);
      fail(`duplicate ${RECORD_NOUN[collection]} id ${JSON.stringify(id)} (${collection}[${earlier}] and ${collection}[${index}])`);
    }
  }
}

function toProvider(provider: ProviderRecord): MatchingProvider {
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

function sortedYears(years: readonly number[]): number[] {
  return [...new Set(years)].sort((a, b) => a - b);
}

/** A document whose records passed the schema, offers and requests already in their typed form. */
interface CheckedDocument {
  providers: ProviderRecord[];
  offers: MatchingOffer[];
  requests: PlacementRequest[];
}

function readWithSchema(document: unknown): CheckedDocument {
  const parsed = DocumentSchema.safeParse(document);
  if (!parsed.success) fail(formatIssue(document, parsed.error.issues[0]!));
  const data = parsed.data;
  return {
    providers: data.providers,
    offers: data.offers.map((offer) => ({
      id: offer.id,
      providerId: offer.providerId,
      siteId: offer.siteId,
      profession: offer.profession,
      start: offer.start,
      end: offer.end,
      capacity: offer.capacity,
      taken: offer.taken ?? 0,
      years: offer.years ? sortedYears(offer.years) : null,
      specialty: offer.specialty ?? null,
    })),
    requests: data.requests.map((request) => ({
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
    })),
  };
}

// The single-pass reader below accepts a subset of what the schema accepts and builds the
// same values; anything it is unsure of goes to the schema, which also words every message
// (parse-input-equivalence.test.ts holds the two together). It exists because the schema
// took over 90% of reading a document: 0.5 s of CPU for England after 0.04 s of JSON.parse.

type Fields = Record<string, unknown>;

/** Only plain objects: zod would also take class instances, and the schema decides those. */
function isPlainObject(value: unknown): value is Fields {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function isDate(value: unknown): value is string {
  return typeof value === "string" && isoDateToDay(value) !== null;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function isYear(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_YEAR_OF_STUDY;
}

function isInRange(value: unknown, limit: number): value is number {
  return typeof value === "number" && value >= -limit && value <= limit;
}

/** Years of study as the schema reads them, distinct and ascending; null when the schema must judge. */
function readYears(value: unknown): number[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  let ascending = true;
  for (let index = 0; index < value.length; index++) {
    const year: unknown = value[index];
    if (!isYear(year)) return null;
    if (index > 0 && year <= (value[index - 1] as number)) ascending = false;
  }
  return ascending ? value.slice() : sortedYears(value);
}

function readOffer(value: unknown): MatchingOffer | null {
  if (!isPlainObject(value)) return null;
  const { id, providerId, siteId, profession, start, end, capacity, taken, years, specialty } = value;
  if (!isId(id) || !isId(providerId) || !isId(siteId) || !isId(profession) || !isDate(start) || !isDate(end) || !isCount(capacity)) return null;
  if (taken != null && !isCount(taken)) return null;
  if (specialty != null && typeof specialty !== "string") return null;
  let checkedYears: number[] | null = null;
  if (years != null) {
    checkedYears = readYears(years);
    if (checkedYears === null) return null;
  }
  return { id, providerId, siteId, profession, start, end, capacity, taken: taken ?? 0, years: checkedYears, specialty: specialty ?? null };
}

function readStrings(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  for (let index = 0; index < value.length; index++) if (typeof value[index] !== "string") return null;
  return value.slice();
}

function readRequest(value: unknown): PlacementRequest | null {
  if (!isPlainObject(value)) return null;
  const { id, universityId, profession, year, start, end, students, origin, maxTravelMinutes, specialties } = value;
  if (!isId(id) || !isId(universityId) || !isId(profession) || !isYear(year) || !isDate(start) || !isDate(end) || !isCount(students)) return null;
  let checkedOrigin: PlacementRequest["origin"] = null;
  if (origin != null) {
    if (!isPlainObject(origin)) return null;
    const { lat, lon } = origin;
    if (!isInRange(lat, 90) || !isInRange(lon, 180)) return null;
    checkedOrigin = { lat, lon };
  }
  if (maxTravelMinutes != null && !(typeof maxTravelMinutes === "number" && maxTravelMinutes >= 0 && Number.isFinite(maxTravelMinutes))) return null;
  let checkedSpecialties: string[] = [];
  if (specialties != null) {
    const strings = readStrings(specialties);
    if (strings === null) return null;
    checkedSpecialties = strings;
  }
  return {
    id,
    universityId,
    profession,
    year,
    start,
    end,
    students,
    origin: checkedOrigin,
    maxTravelMinutes: maxTravelMinutes ?? null,
    specialties: checkedSpecialties,
  };
}

/** Workforce as the schema's record reads it: every enumerable key, in the same order. */
function readWorkforce(value: unknown): Record<string, number> | null {
  if (!isPlainObject(value)) return null;
  const workforce: Record<string, number> = {};
  for (const key in value) {
    const wte = value[key];
    if (typeof wte !== "number" || !(wte >= 0) || !Number.isFinite(wte)) return null;
    // As in zod's record, setting "__proto__" to a number leaves it out of the result.
    workforce[key] = wte;
  }
  return workforce;
}

function readSite(value: unknown): NonNullable<ProviderRecord["sites"]>[number] | null {
  if (!isPlainObject(value)) return null;
  const { id, lat, lon } = value;
  if (!isId(id) || (lat != null && !isInRange(lat, 90)) || (lon != null && !isInRange(lon, 180))) return null;
  return { id, lat, lon };
}

function readProvider(value: unknown): ProviderRecord | null {
  if (!isPlainObject(value)) return null;
  const { id, workforce, sites } = value;
  if (!isId(id)) return null;
  let checkedWorkforce: ProviderRecord["workforce"] = null;
  if (workforce != null) {
    checkedWorkforce = readWorkforce(workforce);
    if (checkedWorkforce === null) return null;
  }
  let checkedSites: ProviderRecord["sites"] = null;
  if (sites != null) {
    checkedSites = Array.isArray(sites) ? readRecords(sites, readSite) : null;
    if (checkedSites === null) return null;
  }
  return { id, workforce: checkedWorkforce, sites: checkedSites };
}

function readRecords<T>(values: readonly unknown[], read: (value: unknown) => T | null): T[] | null {
  const records: T[] = [];
  for (let index = 0; index < values.length; index++) {
    const record = read(values[index]);
    if (record === null) return null;
    records.push(record);
  }
  return records;
}

/** The document in one pass over its records, or null when any part of it is not plainly valid. */
export function readDocumentFast(document: unknown): CheckedDocument | null {
  if (!isPlainObject(document)) return null;
  const { providers, offers, requests } = document;
  if (!Array.isArray(providers) || !Array.isArray(offers) || !Array.isArray(requests)) return null;
  const checkedProviders = readRecords(providers, readProvider);
  if (checkedProviders === null) return null;
  const checkedOffers = readRecords(offers, readOffer);
  if (checkedOffers === null) return null;
  const checkedRequests = readRecords(requests, readRequest);
  if (checkedRequests === null) return null;
  return { providers: checkedProviders, offers: checkedOffers, requests: checkedRequests };
}

function offerName(offer: MatchingOffer): string {
  return `offer ${JSON.stringify(offer.id)}`;
}

/** What the schema cannot say: unique ids, known providers and sites, windows and counts that fit. */
function checkReferences(data: CheckedDocument): MatchingInput {
  checkUniqueIds(data.providers, "providers");
  checkUniqueIds(data.offers, "offers");
  checkUniqueIds(data.requests, "requests");

  const providers = data.providers.map(toProvider);
  const siteIdsByProvider = new Map(providers.map((provider) => [provider.id, new Set(provider.sites.map((site) => site.id))]));

  for (const offer of data.offers) {
    const sites = siteIdsByProvider.get(offer.providerId);
    if (!sites) fail(`${offerName(offer)}: providerId ${JSON.stringify(offer.providerId)} is not a known provider`);
    if (!sites.has(offer.siteId)) fail(`${offerName(offer)}: siteId ${JSON.stringify(offer.siteId)} is not a site of provider ${JSON.stringify(offer.providerId)}`);
    if (offer.end < offer.start) fail(`${offerName(offer)}: end ${offer.end} is before start ${offer.start}`);
    if (offer.taken > offer.capacity) fail(`${offerName(offer)}: taken ${offer.taken} exceeds capacity ${offer.capacity}`);
  }
  for (const request of data.requests) {
    if (request.end < request.start) fail(`request ${JSON.stringify(request.id)}: end ${request.end} is before start ${request.start}`);
  }
  return { providers, offers: data.offers, requests: data.requests };
}

/**
 * Validates a matching document (docs/matching-format.md) and returns the typed instance.
 * Extra fields are ignored; optional fields take their defaults. Throws a
 * MatchingInputError with a one-line message naming the offending record.
 */
export function parseMatchingInput(document: unknown): MatchingInput {
  return checkReferences(readDocumentFast(document) ?? readWithSchema(document));
}

/** The same answer as parseMatchingInput from the zod schema alone: the reference for tests and the bench. */
export function parseMatchingInputWithSchema(document: unknown): MatchingInput {
  return checkReferences(readWithSchema(document));
}
