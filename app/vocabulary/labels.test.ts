import { describe, expect, it } from "vitest";
import { formatDate, MAX_FORMATTED_DAYS, plural } from "./labels";

describe("plural", () => {
  it("says one thing in the singular and any other count in the plural", () => {
    expect(plural(1, "case")).toBe("1 case");
    expect(plural(0, "case")).toBe("0 cases");
    expect(plural(2, "opportunity", "opportunities")).toBe("2 opportunities");
    expect(plural(1, "opportunity", "opportunities")).toBe("1 opportunity");
    expect(plural(1200, "student")).toBe("1,200 students");
  });
});

describe("formatDate", () => {
  const intl = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

  it("gives Intl's text for every day, asked once or again, as a date or a string, past the days it keeps", () => {
    const start = Date.UTC(2025, 0, 1);
    const days = Array.from({ length: MAX_FORMATTED_DAYS + 500 }, (_, index) => new Date(start + index * 86_400_000 + (index % 7) * 3_600_000));
    for (const round of [1, 2]) {
      for (const day of days) expect(formatDate(round === 1 ? day : day.toISOString())).toBe(intl.format(day));
    }
    expect(formatDate("2026-09-07T00:00:00.000Z")).toBe(intl.format(new Date("2026-09-07T00:00:00.000Z")));
  });

  it("still refuses a date that is not one", () => {
    expect(() => formatDate("not a date")).toThrow(RangeError);
    expect(() => formatDate("not a date")).toThrow(RangeError);
  });
});
