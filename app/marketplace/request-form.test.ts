import { describe, expect, it } from "vitest";
import {
  looksLikeFormula,
  parseRequestFilters,
  parseSpecialties,
  RequestFormSchema,
  validateRequestCsvRow,
  type CsvLookup,
} from "./request-form";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function errorsOf(result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
}

const valid = { programmeId: "p1", blockId: "b1", students: 4 };

describe("parseSpecialties", () => {
  it("splits, trims, drops blanks and duplicates ignoring case", () => {
    expect(parseSpecialties(" MSK, neuro ,, msk,Paediatrics ", ",")).toEqual({ ok: true, list: ["MSK", "neuro", "Paediatrics"] });
    expect(parseSpecialties("MSK; neuro", ";")).toEqual({ ok: true, list: ["MSK", "neuro"] });
    expect(parseSpecialties(undefined, ",")).toEqual({ ok: true, list: [] });
  });

  it("refuses more than 10 or one longer than 80 characters", () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `s${i}`).join(",");
    expect(parseSpecialties(eleven, ",")).toEqual({ ok: false, message: "List at most 10 specialties" });
    expect(parseSpecialties("x".repeat(81), ",")).toEqual({ ok: false, message: "Keep each specialty to 80 characters or fewer" });
  });
});

describe("RequestFormSchema", () => {
  it("accepts a minimal request and normalises its optional parts", () => {
    expect(RequestFormSchema.parse(valid)).toEqual({ ...valid, specialties: [], preferredSiteIds: [], reasonableAdjustments: null });
  });

  it("refuses student numbers outside 1 to 200 and travel outside 10 to 300", () => {
    expect(errorsOf(RequestFormSchema.safeParse({ ...valid, students: 0 })).students).toBe("Enter the number of students as a whole number from 1 to 200");
    expect(errorsOf(RequestFormSchema.safeParse({ ...valid, students: 201 })).students).toMatch(/1 to 200/);
    expect(errorsOf(RequestFormSchema.safeParse({ ...valid, students: 1.5 })).students).toMatch(/whole number/);
    expect(errorsOf(RequestFormSchema.safeParse({ ...valid, maxTravelMinutes: 9, campusSiteId: "c" })).maxTravelMinutes).toMatch(/10 to 300/);
    expect(errorsOf(RequestFormSchema.safeParse({ ...valid, maxTravelMinutes: 301, campusSiteId: "c" })).maxTravelMinutes).toMatch(/10 to 300/);
  });

  it("needs a campus when there is a travel limit", () => {
    expect(errorsOf(RequestFormSchema.safeParse({ ...valid, maxTravelMinutes: 60 }))).toEqual({ campusSiteId: "Choose the campus the travel time is measured from" });
  });

  it("limits reasonable adjustments to 2000 characters and preferred sites to 20", () => {
    expect(errorsOf(RequestFormSchema.safeParse({ ...valid, reasonableAdjustments: "x".repeat(2001) })).reasonableAdjustments).toBe("Use 2000 characters or fewer");
    const sites = Array.from({ length: 21 }, (_, i) => `site${i}`);
    expect(errorsOf(RequestFormSchema.safeParse({ ...valid, preferredSiteIds: sites })).preferredSiteIds).toBe("Choose at most 20 preferred sites");
  });

  it("reads the specialties line", () => {
    expect(RequestFormSchema.parse({ ...valid, specialties: "MSK, neuro" }).specialties).toEqual(["MSK", "neuro"]);
  });
});

describe("parseRequestFilters", () => {
  it("keeps good filters, drops malformed ones and says what was wrong with a date", () => {
    const filters = parseRequestFilters(new URLSearchParams("status=OPEN&profession=XX&from=2027-01-01&to=nope&page=2&programmeId="));
    expect(filters).toEqual({
      status: "OPEN",
      profession: undefined,
      programmeId: undefined,
      from: "2027-01-01",
      to: undefined,
      page: 2,
      dateErrors: { to: "Enter a real date, like 2027-01-04, between 2000 and 2099" },
    });
  });

  it("refuses an end before the start rather than listing nothing", () => {
    const filters = parseRequestFilters(new URLSearchParams("from=2027-03-01&to=2027-01-01"));
    expect(filters.to).toBeUndefined();
    expect(filters.dateErrors.to).toBe("The end date must be on or after the start date");
  });
});

describe("validateRequestCsvRow", () => {
  const lookup: CsvLookup = {
    programmes: new Map([
      [
        "bsc physiotherapy",
        {
          id: "p1",
          name: "BSc Physiotherapy",
          profession: "PT",
          blocks: new Map([["year 2 spring", { id: "b1", name: "Year 2 spring", yearOfStudy: 2, startDate: day("2027-01-11"), endDate: day("2027-02-05") }]]),
        },
      ],
    ]),
    campuses: new Map([["main campus", { id: "s1", name: "Main campus", latitude: 51.5, longitude: -0.1 }]]),
  };
  const row = (values: Record<string, string>) => ({
    programme: "BSc Physiotherapy",
    block: "Year 2 spring",
    students: "3",
    specialties: "",
    max_travel_minutes: "",
    campus: "",
    reasonable_adjustments: "",
    ...values,
  });

  it("copies profession, year and dates and resolves the campus, ignoring case", () => {
    const result = validateRequestCsvRow(2, row({ programme: "bsc PHYSIOTHERAPY", specialties: "MSK; neuro", max_travel_minutes: "45", campus: "main campus" }), lookup);
    expect(result).toEqual({
      ok: true,
      row: {
        line: 2,
        programmeId: "p1",
        blockId: "b1",
        profession: "PT",
        yearOfStudy: 2,
        startDate: day("2027-01-11"),
        endDate: day("2027-02-05"),
        students: 3,
        specialties: ["MSK", "neuro"],
        maxTravelMinutes: 45,
        originLatitude: 51.5,
        originLongitude: -0.1,
        reasonableAdjustments: null,
      },
    });
  });

  it("names every problem of a row with its column", () => {
    const result = validateRequestCsvRow(7, row({ block: "Year 9", students: "0", max_travel_minutes: "5", campus: "Elsewhere" }), lookup);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        { line: 7, column: "block", message: 'BSc Physiotherapy has no block called "Year 9"' },
        { line: 7, column: "students", message: "Enter the number of students as a whole number from 1 to 200" },
        { line: 7, column: "max_travel_minutes", message: "Enter the maximum travel time as whole minutes from 10 to 300, or leave it empty" },
        { line: 7, column: "campus", message: 'None of your sites is called "Elsewhere"' },
      ]);
    }
  });

  it("refuses an unknown programme, a travel limit without a campus, and formula cells", () => {
    const unknown = validateRequestCsvRow(3, row({ programme: "MSc Nursing" }), lookup);
    expect(!unknown.ok && unknown.problems.map((p) => p.message)).toEqual(['No programme called "MSc Nursing"']);
    const noCampus = validateRequestCsvRow(4, row({ max_travel_minutes: "30" }), lookup);
    expect(!noCampus.ok && noCampus.problems.map((p) => p.column)).toEqual(["campus"]);
    const formula = validateRequestCsvRow(5, row({ reasonable_adjustments: '=HYPERLINK("http://evil","x")' }), lookup);
    expect(!formula.ok && formula.problems[0]).toMatchObject({ line: 5, column: "reasonable_adjustments" });
  });

  it("recognises formula-like cells but not ordinary text", () => {
    for (const cell of ["=1+1", "+44", "@SUM(A1)", "-2+3", "\tcmd"]) expect(looksLikeFormula(cell)).toBe(true);
    for (const cell of ["MSK", "- uses a wheelchair", "", "3"]) expect(looksLikeFormula(cell)).toBe(false);
  });
});
