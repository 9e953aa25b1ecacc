// The single-pass reader in parseMatchingInput must accept exactly what the zod schema accepts,
// build the same instance and fail with the same one-line message.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MatchingInputError, parseMatchingInput, parseMatchingInputWithSchema, readDocumentFast } from "./parse-input";

const RUNS = { numRuns: 400 };

/** A field left out of its record. */
const ABSENT = Symbol("absent");

type Outcome = { instance: unknown } | { error: string };

function outcome(parse: (document: unknown) => unknown, document: unknown): Outcome {
  try {
    return { instance: parse(document) };
  } catch (error) {
    expect(error).toBeInstanceOf(MatchingInputError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    return { error: message };
  }
}

/** An own property, even for "__proto__" (as JSON.parse makes it). */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function buildRecord(fields: Record<string, unknown>, extras: [string, unknown][], nullPrototype: boolean): Record<string, unknown> {
  const record: Record<string, unknown> = nullPrototype ? Object.create(null) : {};
  for (const [key, value] of Object.entries(fields)) if (value !== ABSENT) setOwn(record, key, value);
  for (const [key, value] of extras) if (!(key in fields)) setOwn(record, key, value);
  return record;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

const PROTOTYPE_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

const hostileValue = fc.oneof(
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 0.5, -1, 1.5, 30, 31, 90, 90.5, -180.5, 1e-9),
  fc.constantFrom<unknown>("", "x", "2027-02-30", "2027-1-04", "2028-02-29", "04/01/2027", "0000-01-01", "9999-12-31", "1", ...PROTOTYPE_KEYS),
  fc.constantFrom<unknown>(null, undefined, true, false, [], {}, [1], [0], ["x"], [null], [2, 2, 1], { lat: 1 }, new Date(0), new Number(1), new String("PT")),
  fc.anything({ maxDepth: 1, withNullPrototype: true, withBoxedValues: true, withSparseArray: true, withDate: true, withMap: true, withSet: true, withObjectString: true }),
);

const id = (...values: string[]) => fc.constantFrom(...values, ...PROTOTYPE_KEYS.slice(0, 2));
// Starts mostly before ends; the noise swaps some.
const startDate = fc.constantFrom("2027-01-04", "2027-01-11", "2027-01-18");
const endDate = fc.constantFrom("2027-01-18", "2027-02-05", "2027-02-12", "2028-02-29");
const count = fc.integer({ min: 0, max: 6 });
const year = fc.integer({ min: 1, max: 30 });
const latitude = fc.double({ min: -90, max: 90, noNaN: true });
const longitude = fc.double({ min: -180, max: 180, noNaN: true });
const extras = fc.array(fc.tuple(fc.constantFrom("note", "colour", ...PROTOTYPE_KEYS), fc.anything({ maxDepth: 1 })), { maxLength: 2 });

const COUNT_EDGES = [-1, -0, 0, 0.5, 2 ** 53, 1e308, Infinity, NaN, "1"];
const NON_NEGATIVE_EDGES = [-1e-9, -0, 0, 1e308, Infinity, NaN, "1"];
const YEAR_EDGES = [0, 1, 30, 31, 1.5, -1, NaN];
const LATITUDE_EDGES = [-90.0001, -90, 90, 90.0001, Infinity, NaN];
const LONGITUDE_EDGES = [-180.0001, -180, 180, 180.0001, -Infinity, NaN];
const DATE_EDGES = ["2027-02-29", "2028-02-29", "2100-02-29", "2000-02-29", "2027-13-01", "2027-00-10", "2027-04-31", "2027-1-01", "２027-01-01", 20270101];

/**
 * Documents whose fields are each left out or made hostile about once in `1 / noise` draws
 * (noise 0: only optional fields are left out), so that some are valid, some fail the schema
 * and some fail only the checks across records.
 */
function documents(noise: number) {
  const choices = <T>(...options: { arbitrary: fc.Arbitrary<T>; weight: number }[]) => fc.oneof(...options.filter((option) => option.weight > 0));
  const field = (good: fc.Arbitrary<unknown>, optional = false, edges: unknown[] = []) =>
    choices<unknown>(
      { arbitrary: good, weight: 1000 },
      { arbitrary: fc.constant(ABSENT), weight: optional ? 300 : noise },
      { arbitrary: hostileValue, weight: noise },
      { arbitrary: fc.constantFrom(...edges, null), weight: edges.length > 0 ? 5 * noise : 0 },
    );
  // A record, or, now and then, something that is not a plain record.
  const record = (fields: Record<string, fc.Arbitrary<unknown>>) =>
    choices<unknown>(
      { arbitrary: fc.tuple(fc.record(fields), extras, fc.boolean()).map(([values, extra, nullPrototype]) => buildRecord(values, extra, nullPrototype)), weight: 1000 },
      { arbitrary: hostileValue, weight: noise },
    );

  const site = (siteId: fc.Arbitrary<string>) =>
    choices<unknown>(
      { arbitrary: record({ id: field(siteId), lat: field(latitude, false, LATITUDE_EDGES), lon: field(longitude, false, LONGITUDE_EDGES) }), weight: 3 },
      { arbitrary: record({ id: field(siteId), lat: field(fc.constant(null), true), lon: field(fc.constant(null), true) }), weight: 1 },
    );
  // Unique ids mostly, so that many documents pass the checks across records too.
  const list = (item: fc.Arbitrary<unknown>, maxLength: number) => fc.uniqueArray(item, { maxLength, selector: (value) => (isRecord(value) ? value.id : value) });
  const workforce = fc
    .tuple(fc.array(fc.tuple(fc.constantFrom("PT", "OT", "1", ...PROTOTYPE_KEYS), field(fc.double({ min: 0, max: 50, noNaN: true }), false, NON_NEGATIVE_EDGES)), { maxLength: 3 }), fc.boolean())
    .map(([entries, nullPrototype]) => buildRecord(Object.fromEntries(entries), [], nullPrototype));
  const provider = record({ id: field(id("P2", "P3")), workforce: field(workforce, true), sites: field(list(site(id("S1", "S2")), 2), true) });
  // The provider most offers name, with the site they name first.
  const firstSites = fc.tuple(site(fc.constant("S1")), list(site(id("S2")), 1)).map(([first, rest]) => [first, ...rest]);
  const firstProvider = record({ id: field(fc.constant("P1")), workforce: field(workforce, true), sites: field(firstSites) });
  const offer = record({
    id: field(id("O1", "O2", "O3", "O4")),
    providerId: field(choices({ arbitrary: fc.constant("P1"), weight: 20 }, { arbitrary: id("P2", "P3", "P9"), weight: 2 })),
    siteId: field(choices({ arbitrary: fc.constant("S1"), weight: 20 }, { arbitrary: id("S2"), weight: 2 })),
    profession: field(fc.constantFrom("PT", "OT"), false, ["", 1]),
    start: field(choices({ arbitrary: startDate, weight: 10 }, { arbitrary: endDate, weight: noise })),
    end: field(endDate, false, DATE_EDGES),
    capacity: field(fc.integer({ min: 2, max: 6 }), false, COUNT_EDGES),
    taken: field(choices({ arbitrary: fc.integer({ min: 0, max: 2 }), weight: 10 }, { arbitrary: count, weight: noise }), true),
    years: field(fc.array(field(year, false, YEAR_EDGES), { minLength: 1, maxLength: 4 }), true, [[], [1, 1], [3, 2, 1]]),
    specialty: field(fc.constantFrom("MSK", "neuro", ""), true),
  });
  const request = record({
    id: field(id("R1", "R2", "R3", "R4")),
    universityId: field(id("U1")),
    profession: field(fc.constantFrom("PT", "OT"), false, ["", 1]),
    year: field(year, false, YEAR_EDGES),
    start: field(choices({ arbitrary: startDate, weight: 10 }, { arbitrary: endDate, weight: noise })),
    end: field(endDate, false, DATE_EDGES),
    students: field(count, false, COUNT_EDGES),
    origin: field(record({ lat: field(latitude, false, LATITUDE_EDGES), lon: field(longitude, false, LONGITUDE_EDGES) }), true),
    maxTravelMinutes: field(fc.double({ min: 0, max: 600, noNaN: true }), true, NON_NEGATIVE_EDGES),
    specialties: field(fc.array(fc.constantFrom("MSK", "neuro", "__proto__"), { maxLength: 3 }), true),
  });
  return record({
    providers: field(fc.tuple(firstProvider, list(provider, 2)).map(([first, rest]) => [first, ...rest])),
    offers: field(list(offer, 4)),
    requests: field(list(request, 4)),
  });
}

const document = fc.oneof(documents(0), documents(3), documents(30));

describe("parseMatchingInput's single-pass reader agrees with the zod schema", () => {
  it("on random documents, valid and hostile: the same instance or the same message", () => {
    fc.assert(
      fc.property(document, (value) => {
        expect(outcome(parseMatchingInput, value)).toEqual(outcome(parseMatchingInputWithSchema, value));
      }),
      RUNS,
    );
  });

  it("on the same documents as JSON text, as the command reads them", () => {
    fc.assert(
      fc.property(document, (value) => {
        let text: string | undefined;
        try {
          text = JSON.stringify(value);
        } catch {
          return;
        }
        if (text === undefined) return;
        expect(outcome(parseMatchingInput, JSON.parse(text))).toEqual(outcome(parseMatchingInputWithSchema, JSON.parse(text)));
      }),
      RUNS,
    );
  });

  it("takes the fast way for every plain document the schema accepts", () => {
    fc.assert(
      fc.property(documents(0), (value) => {
        if ("instance" in outcome(parseMatchingInputWithSchema, value)) expect(readDocumentFast(value)).not.toBeNull();
      }),
      RUNS,
    );
  });
});

describe("parseMatchingInput on hostile documents", () => {
  const base = () => ({
    providers: [{ id: "P1", workforce: { PT: 1 }, sites: [{ id: "S1", lat: 51, lon: 0 }] }],
    offers: [{ id: "O1", providerId: "P1", siteId: "S1", profession: "PT", start: "2027-01-04", end: "2027-02-12", capacity: 2 }],
    requests: [{ id: "R1", universityId: "U1", profession: "PT", year: 2, start: "2027-01-11", end: "2027-02-05", students: 1 }],
  });

  function both(document: unknown): Outcome {
    const fast = outcome(parseMatchingInput, document);
    expect(fast).toEqual(outcome(parseMatchingInputWithSchema, document));
    return fast;
  }

  it.each([
    ["a count given as a string", { capacity: "2" }, 'offer "O1": capacity must be a number (got "2")'],
    ["NaN", { capacity: NaN }, 'offer "O1": capacity must be a number (got null)'],
    ["an infinite count", { capacity: Infinity }, 'offer "O1": capacity must be a whole number (got null)'],
    ["a huge fraction-free count", { capacity: 1e308, taken: 1e308 }, null],
    ["a year list with a string in it", { years: [1, "2"] }, 'offer "O1": years[1] must be a number (got "2")'],
    ["a year list that is not a list", { years: 2 }, 'offer "O1": years must be an array of years (got 2)'],
    ["an id that is a number", { id: 1 }, "offers[0]: id must be a string (got 1)"],
    ["a specialty that is not a string", { specialty: ["MSK"] }, 'offer "O1": specialty must be a string (got ["MSK"])'],
  ])("an offer with %s", (_label, change, message) => {
    const document = base();
    Object.assign(document.offers[0], change);
    const result = both(document);
    if (message === null) expect(result).toHaveProperty("instance");
    else expect(result).toEqual({ error: message });
  });

  it("agrees on every field set to each value near or past its limits", () => {
    const values = [...COUNT_EDGES, ...NON_NEGATIVE_EDGES, ...YEAR_EDGES, ...LATITUDE_EDGES, ...LONGITUDE_EDGES, ...DATE_EDGES, "", "PT", null, undefined, [], [1], {}];
    const targets: [string, (document: ReturnType<typeof base>) => Record<string, unknown>, string[]][] = [
      ["offer", (document) => document.offers[0], ["id", "providerId", "siteId", "profession", "start", "end", "capacity", "taken", "years", "specialty"]],
      ["request", (document) => document.requests[0], ["id", "universityId", "profession", "year", "start", "end", "students", "origin", "maxTravelMinutes", "specialties"]],
      ["origin", (document) => ((document.requests[0] as Record<string, unknown>).origin = { lat: 51, lon: 0 }) as Record<string, unknown>, ["lat", "lon"]],
      ["site", (document) => document.providers[0].sites[0], ["id", "lat", "lon"]],
      ["workforce", (document) => document.providers[0].workforce, ["PT"]],
      ["provider", (document) => document.providers[0], ["id", "workforce", "sites"]],
    ];
    let accepted = 0;
    for (const [, target, keys] of targets) {
      for (const key of keys) {
        for (const value of [...values, ...values.map((item) => [item])]) {
          const document = base();
          target(document)[key] = value;
          if ("instance" in both(document)) accepted++;
        }
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it("reads prototype keys in JSON as plain data, and ignores them where the format has no such field", () => {
    const text = JSON.stringify(base())
      .replace('"workforce":{', '"workforce":{"__proto__":3,"constructor":2,')
      .replace('"capacity":2', '"capacity":2,"__proto__":{"capacity":-1},"constructor":"x"')
      .replace('"students":1', '"students":1,"__proto__":null');
    const result = both(JSON.parse(text));
    expect(result).toHaveProperty("instance");
    const instance = (result as { instance: ReturnType<typeof parseMatchingInput> }).instance;
    expect(instance.providers[0].workforce).toEqual({ constructor: 2, PT: 1 });
    expect(Object.getPrototypeOf(instance.providers[0].workforce)).toBe(Object.prototype);
    expect(instance.offers[0].capacity).toBe(2);
    expect(Object.keys(instance.offers[0])).toEqual(["id", "providerId", "siteId", "profession", "start", "end", "capacity", "taken", "years", "specialty"]);
  });

  it("takes ids named like prototype members as ordinary ids", () => {
    const document = base();
    document.providers[0].id = "__proto__";
    document.offers[0].providerId = "__proto__";
    document.offers.push({ ...document.offers[0], id: "constructor" });
    expect(both(document)).toHaveProperty("instance");
    document.offers.push({ ...document.offers[0], id: "constructor" });
    expect(both(document)).toEqual({ error: 'duplicate offer id "constructor" (offers[1] and offers[2])' });
  });

  it("fills defaults for missing optional fields and for nulls, and copies lists instead of sharing them", () => {
    const document = base();
    Object.assign(document.offers[0], { taken: null, years: [3, 1, 3], specialty: null });
    Object.assign(document.requests[0], { origin: null, maxTravelMinutes: null, specialties: ["MSK"] });
    const result = both(document) as { instance: ReturnType<typeof parseMatchingInput> };
    expect(result.instance.offers[0]).toMatchObject({ taken: 0, years: [1, 3], specialty: null });
    expect(result.instance.requests[0]).toMatchObject({ origin: null, maxTravelMinutes: null, specialties: ["MSK"] });
    expect(result.instance.requests[0].specialties).not.toBe((document.requests[0] as { specialties?: string[] }).specialties);
  });

  it("reports the first malformed record even when a later one is also wrong, as the schema does", () => {
    const document = base();
    document.offers.push({ ...document.offers[0], id: "O2", capacity: -1 });
    Object.assign(document.requests[0], { students: -3 });
    Object.assign(document.providers[0].sites[0], { lat: 100 });
    expect(both(document)).toEqual({ error: 'provider "P1": sites[0].lat must be between -90 and 90 (got 100)' });
  });

  it("takes a null or missing record as malformed", () => {
    const document = base() as { offers: unknown[] };
    document.offers.push(null);
    expect(both(document)).toEqual({ error: "offers[1]: must be an object (got null)" });
    document.offers.length = 3;
    expect(both(document)).toEqual({ error: "offers[1]: must be an object (got null)" });
    document.offers[1] = { ...(document.offers[0] as object), id: "O2" };
    expect(both(document)).toEqual({ error: "offers[2]: Required" });
  });
});
