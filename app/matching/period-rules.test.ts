import { describe, expect, it } from "vitest";
import { matchingPeriodProblem } from "./period-rules";

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const now = new Date("2026-11-30T10:00:00Z");

describe("a matching run's period", () => {
  it("accepts an academic year around today", () => {
    expect(matchingPeriodProblem(day("2026-09-01"), day("2027-08-31"), now)).toBeNull();
    expect(matchingPeriodProblem(day("2027-09-01"), day("2029-08-31"), now)).toBeNull();
  });

  it("refuses the whole calendar", () => {
    expect(matchingPeriodProblem(day("0001-01-01"), day("9999-12-31"), now)).toEqual({ field: "periodStart", message: "The period can start at most a year ago" });
  });

  it("refuses a period reaching far ahead, or longer than two years", () => {
    expect(matchingPeriodProblem(day("2027-01-01"), day("2031-01-01"), now)?.field).toBe("periodEnd");
    expect(matchingPeriodProblem(day("2026-01-01"), day("2028-06-01"), now)?.message).toMatch(/at most two years/);
  });

  it("refuses impossible dates and a backwards period", () => {
    expect(matchingPeriodProblem(day("9999-99-99"), day("2027-01-01"), now)?.field).toBe("periodStart");
    expect(matchingPeriodProblem(day("2027-03-01"), day("2027-01-01"), now)?.message).toBe("The period must end after it starts");
  });
});
