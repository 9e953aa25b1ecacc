import { describe, expect, it } from "vitest";
import { academicYearOf, academicYearRange, currentAcademicYear, formatAcademicYear } from "./academic-year";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

describe("academic year", () => {
  it("runs from 1 September to 31 August", () => {
    const range = academicYearRange(2026);
    expect([iso(range.start), iso(range.end)]).toEqual(["2026-09-01", "2027-08-31"]);
    expect(academicYearOf(day("2026-09-01"))).toBe(2026);
    expect(academicYearOf(day("2027-08-31"))).toBe(2026);
    expect(academicYearOf(day("2026-08-31"))).toBe(2025);
  });

  // UTC calendar days, whatever the server's time zone.
  it("starts the academic year in September", () => {
    expect(currentAcademicYear(new Date(Date.UTC(2026, 7, 31)))).toBe(2025);
    expect(currentAcademicYear(new Date(Date.UTC(2026, 8, 1)))).toBe(2026);
    expect(currentAcademicYear(new Date(Date.UTC(2027, 0, 15)))).toBe(2026);
    expect(formatAcademicYear(2026)).toBe("2026/27");
    expect(formatAcademicYear(2099)).toBe("2099/00");
  });

  it("counts the last minutes of 31 August UTC in the year that ends", () => {
    expect(academicYearOf(new Date("2027-08-31T23:59:59Z"))).toBe(2026);
    expect(academicYearOf(new Date("2027-09-01T00:00:00Z"))).toBe(2027);
  });
});
