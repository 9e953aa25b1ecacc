import { describe, expect, it } from "vitest";
import { checkWorkforceRows } from "./workforce-csv";

const providers = { byName: new Map([["royal riverside nhs foundation trust", "p1"]]), byCode: new Map([["R0001", "p1"]]) };
const row = (line: number, values: Record<string, string>) => ({ line, values });

describe("NMET-style workforce rows", () => {
  it("accepts names or ODS codes, profession codes or names, and 2026/27-style years", () => {
    const { good, problems } = checkWorkforceRows(
      [
        row(2, { provider: "R0001", profession: "PT", wte: "42.5", year: "2026" }),
        row(3, { provider: "Royal Riverside NHS Foundation Trust", profession: "Occupational therapy", wte: "1,204", year: "2026/27" }),
      ],
      providers,
    );
    expect(problems).toEqual([]);
    expect(good).toEqual([
      { line: 2, providerId: "p1", profession: "PT", year: 2026, wte: 42.5 },
      { line: 3, providerId: "p1", profession: "OT", year: 2026, wte: 1204 },
    ]);
  });

  it("names every problem by line and column", () => {
    const { good, problems } = checkWorkforceRows(
      [
        row(2, { provider: "Nowhere Trust", profession: "Astrology", wte: "-3", year: "1999" }),
        row(3, { provider: "R0001", profession: "PT", wte: "10", year: "2026" }),
        row(4, { provider: "r0001", profession: "pt", wte: "11", year: "2026" }),
      ],
      providers,
    );
    expect(good).toHaveLength(1);
    expect(problems).toEqual([
      { line: 2, column: "provider", message: 'No provider called or coded "Nowhere Trust"' },
      { line: 2, column: "profession", message: 'Unknown profession "Astrology": use a code such as PT, OT or SLT' },
      { line: 2, column: "wte", message: "Enter the whole-time equivalent as a number, 0 or more" },
      { line: 2, column: "year", message: "Enter the academic year, such as 2026 or 2026/27" },
      { line: 4, message: "The same provider, profession and year are already on line 3" },
    ]);
  });
});
