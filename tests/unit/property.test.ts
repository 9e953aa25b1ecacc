// Property tests: no input makes the importers, the matching parser or the form validators throw
// anything but their own expected errors.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../app/platform/csv";
import { PortalSettingsSchema } from "../../app/settings/settings";
import { MatchingInputError, parseMatchingInput } from "../../app/matching/solver/parse-input";
import { OfferFieldsSchema } from "../../app/marketplace/offer-form";
import { OrganisationFormSchema, SiteFormSchema, WorkforceFormSchema } from "../../app/organisations/organisation-forms";
import { ProgrammeFormSchema } from "../../app/marketplace/programme-form";
import { RequestFormSchema } from "../../app/marketplace/request-form";
import { checkWorkforceRows } from "../../app/fair-share/workforce-csv";

const RUNS = { numRuns: 300 };
const formValues = fc.dictionary(
  fc.constantFrom("name", "kind", "profession", "siteId", "startDate", "endDate", "slots", "supervisionModel", "yearsOfStudy", "notes", "students", "years", "wte", "year", "postcode", "latitude", "longitude", "programmeId", "blockId", "maxTravelMinutes", "specialties", "fairShareRed", "fairShareAmber"),
  fc.oneof(fc.string(), fc.string({ unit: "grapheme", maxLength: 50 }), fc.integer().map(String), fc.double().map(String), fc.constantFrom("", " ", "-1", "1e309", "NaN", "2027-02-30", "=cmd|' /C calc'!A0")),
);

describe("never an unexpected throw", () => {
  it("readCsv on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const table = readCsv(bytes, ["provider", "profession", "wte", "year"], { required: ["provider"] });
        expect(typeof table.ok).toBe("boolean");
      }),
      RUNS,
    );
  });

  it("readCsv on CSV-like text", () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('"', '""', ",", "\n", "\r\n", "=1+1", "\uFEFF"));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 20 }), (rows) => {
        const text = rows.map((row) => row.join(",")).join("\n");
        const table = readCsv(new TextEncoder().encode(`site,slots\n${text}`), ["site", "slots"]);
        if (table.ok) for (const row of table.rows) expect(row.line).toBeGreaterThan(1);
      }),
      RUNS,
    );
  });

  it("the workforce row checker on any rows", () => {
    const lookup = { byName: new Map([["a trust", "p1"]]), byCode: new Map([["R1", "p1"]]) };
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.constantFrom("provider", "profession", "wte", "year"), fc.oneof(fc.string(), fc.constantFrom("R1", "a trust", "PT", "12", "2026"))), { maxLength: 30 }), (values) => {
        const rows = values.map((row, index) => ({ line: index + 2, values: row }));
        const { good, problems } = checkWorkforceRows(rows, lookup);
        // Every row is either imported or reported, never both, never neither.
        const reported = new Set(problems.map((p) => p.line));
        expect(good.length + reported.size).toBe(rows.length);
        for (const row of good) expect(reported.has(row.line)).toBe(false);
        for (const row of good) expect(Number.isFinite(row.wte) && row.wte >= 0).toBe(true);
      }),
      RUNS,
    );
  });

  it("the matching parser on any JSON: a MatchingInputError with one line, or a valid instance", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        try {
          parseMatchingInput(value);
        } catch (error) {
          expect(error).toBeInstanceOf(MatchingInputError);
          expect((error as Error).message).not.toContain("\n");
        }
      }),
      RUNS,
    );
  });

  it("the matching parser on near-valid documents", () => {
    const provider = fc.record({ id: fc.constantFrom("P1", "P2", ""), workforce: fc.dictionary(fc.constantFrom("PT", "OT"), fc.double()), sites: fc.array(fc.record({ id: fc.constantFrom("S1", "S2"), lat: fc.double(), lon: fc.double() }), { maxLength: 2 }) });
    const offer = fc.record({ id: fc.string({ maxLength: 3 }), providerId: fc.constantFrom("P1", "P2", "P9"), siteId: fc.constantFrom("S1", "S9"), profession: fc.constantFrom("PT", "OT"), start: fc.constantFrom("2027-01-04", "2027-13-01", "x"), end: fc.constantFrom("2027-02-12", "2026-01-01"), capacity: fc.integer({ min: -3, max: 5 }) });
    const request = fc.record({ id: fc.string({ maxLength: 3 }), universityId: fc.constantFrom("U1"), profession: fc.constantFrom("PT", "OT"), year: fc.integer({ min: -1, max: 4 }), start: fc.constantFrom("2027-01-11"), end: fc.constantFrom("2027-02-05", "2027-01-01"), students: fc.integer({ min: -2, max: 6 }) });
    fc.assert(
      fc.property(fc.record({ providers: fc.array(provider, { maxLength: 3 }), offers: fc.array(offer, { maxLength: 4 }), requests: fc.array(request, { maxLength: 4 }) }), (document) => {
        try {
          parseMatchingInput(document);
        } catch (error) {
          expect(error).toBeInstanceOf(MatchingInputError);
        }
      }),
      RUNS,
    );
  });

  it.each([
    ["offer", OfferFieldsSchema],
    ["request", RequestFormSchema],
    ["programme", ProgrammeFormSchema],
    ["organisation", OrganisationFormSchema],
    ["site", SiteFormSchema],
    ["workforce", WorkforceFormSchema],
    ["thresholds", PortalSettingsSchema],
  ] as const)("the %s form schema on any form values", (_name, schema) => {
    fc.assert(
      fc.property(formValues, (values) => {
        const result = (schema as { safeParse(value: unknown): { success: boolean } }).safeParse(values);
        expect(typeof result.success).toBe("boolean");
      }),
      RUNS,
    );
  });
});
