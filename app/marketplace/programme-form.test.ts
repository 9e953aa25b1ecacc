import { describe, expect, it } from "vitest";
import { blockDatesProblem, blockFormSchema, editBlockFormSchema, inclusiveDays, parseIsoDate, ProgrammeFormSchema, toIsoDate } from "./programme-form";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function errorsOf(result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
}

describe("ProgrammeFormSchema", () => {
  it("accepts a programme and trims its name", () => {
    expect(ProgrammeFormSchema.parse({ name: "  BSc Physiotherapy ", profession: "PT", years: 3 })).toEqual({ name: "BSc Physiotherapy", profession: "PT", years: 3 });
  });

  it("refuses a missing name, an unknown profession and years outside 1 to 5", () => {
    const result = ProgrammeFormSchema.safeParse({ name: " ", profession: "NURSE", years: 6 });
    expect(errorsOf(result)).toEqual({
      name: "Enter the programme's name",
      profession: "Choose the profession",
      years: "Enter the length in years as a whole number from 1 to 5",
    });
    expect(errorsOf(ProgrammeFormSchema.safeParse({ name: "x", profession: "PT", years: 0 })).years).toMatch(/from 1 to 5/);
    expect(errorsOf(ProgrammeFormSchema.safeParse({ name: "x", profession: "PT", years: 2.5 })).years).toMatch(/whole number/);
  });
});

describe("placement block rules", () => {
  it("parses real dates only", () => {
    expect(parseIsoDate("2027-01-11")?.toISOString()).toBe("2027-01-11T00:00:00.000Z");
    expect(parseIsoDate("2027-02-30")).toBeNull();
    expect(parseIsoDate("11/01/2027")).toBeNull();
    expect(toIsoDate(day("2027-03-01"))).toBe("2027-03-01");
  });

  it("wants the end after the start and at most 16 weeks", () => {
    expect(blockDatesProblem(day("2027-01-11"), day("2027-01-11"))).toBe("The end date must be after the start date");
    expect(blockDatesProblem(day("2027-01-11"), day("2027-01-04"))).toBe("The end date must be after the start date");
    // 16 weeks exactly: Monday 11 January to Sunday 2 May 2027 is 112 days.
    expect(inclusiveDays(day("2027-01-11"), day("2027-05-02"))).toBe(112);
    expect(blockDatesProblem(day("2027-01-11"), day("2027-05-02"))).toBeNull();
    expect(blockDatesProblem(day("2027-01-11"), day("2027-05-03"))).toBe("A placement block can be at most 16 weeks long");
  });

  it("keeps the year of study within the programme's years", () => {
    const schema = blockFormSchema(3);
    const ok = schema.parse({ name: "Year 3 block", yearOfStudy: 3, startDate: "2027-01-11", endDate: "2027-02-05" });
    expect(ok).toEqual({ name: "Year 3 block", yearOfStudy: 3, startDate: day("2027-01-11"), endDate: day("2027-02-05") });
    expect(errorsOf(schema.safeParse({ name: "Year 4", yearOfStudy: 4, startDate: "2027-01-11", endDate: "2027-02-05" })).yearOfStudy).toBe(
      "Enter the year of study as a whole number from 1 to 3",
    );
  });

  it("puts date problems on the end date field", () => {
    const result = blockFormSchema(3).safeParse({ name: "B", yearOfStudy: 1, startDate: "2027-02-05", endDate: "2027-01-11" });
    expect(errorsOf(result)).toEqual({ endDate: "The end date must be after the start date" });
    expect(errorsOf(blockFormSchema(3).safeParse({ name: "B", yearOfStudy: 1, startDate: "2027-02-31", endDate: "" }))).toEqual({
      startDate: "Enter a real date, like 2027-01-11",
      endDate: "Enter the end date",
    });
  });

  it("needs the block's id when editing", () => {
    const result = editBlockFormSchema(3).safeParse({ name: "B", yearOfStudy: 1, startDate: "2027-01-11", endDate: "2027-02-05" });
    expect(errorsOf(result)).toEqual({ blockId: "Choose a block" });
  });
});
