import { describe, expect, it } from "vitest";
import { parsePeriod } from "./export-period";

describe("export periods", () => {
  it("reads academic years and date ranges", () => {
    expect(parsePeriod("2026/27")).toEqual({ start: new Date("2026-09-01T00:00:00Z"), end: new Date("2027-08-31T00:00:00Z") });
    expect(parsePeriod("2026")).toEqual(parsePeriod("2026/27"));
    expect(parsePeriod("2027-01-01..2027-03-31")).toEqual({ start: new Date("2027-01-01T00:00:00Z"), end: new Date("2027-03-31T00:00:00Z") });
  });
  it("refuses nonsense", () => {
    expect(parsePeriod("2026/29")).toBeNull();
    expect(parsePeriod("2027-03-31..2027-01-01")).toBeNull();
    expect(parsePeriod("next term")).toBeNull();
  });
});
