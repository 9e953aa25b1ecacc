import { describe, expect, it } from "vitest";
import { formulaLikeCells, neutraliseFormula } from "./csv";

describe("formula-like cells", () => {
  it("finds cells starting with =, +, - or @ by line and column, and nothing else", () => {
    const rows = [
      { line: 2, values: { notes: "=1+1", specialty: "MSK" } },
      { line: 3, values: { notes: "fine - really", specialty: "+44 20" } },
      { line: 4, values: { notes: "-5", specialty: "@home" } },
    ];
    expect(formulaLikeCells(rows)).toEqual([
      { line: 2, column: "notes", starts: "=" },
      { line: 3, column: "specialty", starts: "+" },
      { line: 4, column: "notes", starts: "-" },
      { line: 4, column: "specialty", starts: "@" },
    ]);
    expect(neutraliseFormula("=1+1")).toBe("'=1+1");
  });
});
