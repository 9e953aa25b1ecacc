import { describe, expect, it } from "vitest";
import { neutraliseFormula, readCsv, writeCsv, MAX_CSV_BYTES } from "./csv";

const bytes = (text: string) => new TextEncoder().encode(text);
const HEADERS = ["site", "slots", "notes"];

describe("readCsv", () => {
  it("reads rows keyed by header with line numbers, ignoring a BOM and header case", () => {
    const table = readCsv(bytes("\uFEFFSite,Slots,notes\nMain,2,hello\n\nAnnex,3,\"a, b\"\n"), HEADERS);
    expect(table).toEqual({
      ok: true,
      rows: [
        { line: 2, values: { site: "Main", slots: "2", notes: "hello" } },
        { line: 3, values: { site: "Annex", slots: "3", notes: "a, b" } },
      ],
    });
  });

  it("names missing and unknown columns", () => {
    const table = readCsv(bytes("site,capacity\nMain,2\n"), HEADERS);
    expect(table.ok).toBe(false);
    if (!table.ok) {
      expect(table.problems.map((p) => p.message)).toEqual(["Missing columns: slots, notes", "Unknown column: capacity. Use the template."]);
    }
  });

  it("refuses text that is not UTF-8", () => {
    const latin1 = new Uint8Array([0x73, 0x69, 0x74, 0x65, 0x0a, 0xe9, 0x0a]);
    const table = readCsv(latin1, ["site"]);
    expect(table.ok).toBe(false);
    if (!table.ok) expect(table.problems[0].message).toMatch(/not UTF-8/);
  });

  it("refuses binary and oversize files and broken quoting", () => {
    expect(readCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), ["site"]).ok).toBe(false);
    expect(readCsv(new Uint8Array(MAX_CSV_BYTES + 1).fill(0x61), ["site"]).ok).toBe(false);
    const broken = readCsv(bytes('site,slots,notes\n"Main,2,x\n'), HEADERS);
    expect(broken.ok).toBe(false);
  });
});

describe("writeCsv", () => {
  it("neutralises cells that a spreadsheet would run as formulas", () => {
    expect(neutraliseFormula("=HYPERLINK(\"http://x\")")).toBe("'=HYPERLINK(\"http://x\")");
    expect(neutraliseFormula("+44 20")).toBe("'+44 20");
    expect(neutraliseFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseFormula(-3)).toBe("-3");
    expect(writeCsv(["a", "b"], [["=1+1", "plain"]])).toBe("a,b\n'=1+1,plain\n");
  });
});
