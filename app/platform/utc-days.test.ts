import { describe, expect, it } from "vitest";
import { addUtcDays, startOfUtcDay, utcDaysBetween } from "./utc-days";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

// Run under TZ=Europe/London and TZ=America/New_York too: the answers must not depend on it.
describe("UTC calendar days", () => {
  it("adds days across a daylight-saving change and stays on UTC midnight", () => {
    expect(addUtcDays(day("2027-03-27"), 2).toISOString()).toBe("2027-03-29T00:00:00.000Z");
    expect(addUtcDays(day("2026-11-02"), -7).toISOString()).toBe("2026-10-26T00:00:00.000Z");
    expect(addUtcDays(day("2027-03-13"), 366).toISOString()).toBe("2028-03-13T00:00:00.000Z");
  });

  it("counts whole days between UTC midnights across daylight-saving changes", () => {
    expect(utcDaysBetween(day("2027-03-27"), day("2027-03-29"))).toBe(2);
    expect(utcDaysBetween(day("2026-10-24"), day("2026-11-02"))).toBe(9);
    expect(utcDaysBetween(day("2027-01-11"), day("2027-01-01"))).toBe(-10);
  });

  it("finds the UTC day of a moment whatever the local day is", () => {
    expect(startOfUtcDay(new Date("2027-03-28T23:30:00Z")).toISOString()).toBe("2027-03-28T00:00:00.000Z");
    expect(startOfUtcDay(new Date("2027-03-28T00:30:00+01:00")).toISOString()).toBe("2027-03-27T00:00:00.000Z");
  });
});
