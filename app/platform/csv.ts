import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

import { MAX_CSV_BYTES, MAX_CSV_ROWS } from "./csv-limits";

export { MAX_CSV_BYTES, MAX_CSV_ROWS };

export interface CsvProblem {
  /** 1-based line in the file; the header is line 1. */
  line: number;
  column?: string;
  message: string;
}

export type CsvTable =
  | { ok: true; rows: { line: number; values: Record<string, string> }[] }
  | { ok: false; problems: CsvProblem[] };

/**
 * Reads an uploaded CSV into rows keyed by the expected headers. Refuses, with a reason a person
 * can act on: files over the size or row limits, text that is not UTF-8, missing or unknown columns,
 * and broken quoting. Cell values are trimmed; nothing is interpreted as a formula.
 */
export function readCsv(bytes: Uint8Array, expectedHeaders: readonly string[], options: { required?: readonly string[] } = {}): CsvTable {
  if (bytes.byteLength === 0) return { ok: false, problems: [{ line: 1, message: "The file is empty" }] };
  if (bytes.byteLength > MAX_CSV_BYTES) {
    return { ok: false, problems: [{ line: 1, message: `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB: split it into smaller files` }] };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [{ line: 1, message: "The file is not UTF-8 text: save it as \"CSV UTF-8\" and upload it again" }] };
  }
  text = text.replace(/^\uFEFF/, "");
  if (text.includes("\u0000")) return { ok: false, problems: [{ line: 1, message: "The file is not a text CSV file" }] };

  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, problems: [{ line, message: `The file could not be read as CSV near line ${line}: check the quotes` }] };
  }
  if (records.length === 0) return { ok: false, problems: [{ line: 1, message: "The file is empty" }] };
  if (records.length - 1 > MAX_CSV_ROWS) {
    return { ok: false, problems: [{ line: 1, message: `The file has ${records.length - 1} rows; the limit is ${MAX_CSV_ROWS}` }] };
  }

  const header = records[0].map((cell) => cell.trim().toLowerCase());
  const expected = expectedHeaders.map((h) => h.toLowerCase());
  const required = (options.required ?? expectedHeaders).map((h) => h.toLowerCase());
  const problems: CsvProblem[] = [];
  const missing = required.filter((name) => !header.includes(name));
  const unknown = header.filter((name) => name && !expected.includes(name));
  if (missing.length) problems.push({ line: 1, message: `Missing ${missing.length === 1 ? "column" : "columns"}: ${missing.join(", ")}` });
  if (unknown.length) problems.push({ line: 1, message: `Unknown ${unknown.length === 1 ? "column" : "columns"}: ${unknown.join(", ")}. Use the template.` });
  if (problems.length) return { ok: false, problems };

  const rows = records.slice(1).map((record, index) => {
    const values: Record<string, string> = {};
    header.forEach((name, column) => {
      if (name) values[name] = (record[column] ?? "").trim();
    });
    return { line: index + 2, values };
  });
  return { ok: true, rows };
}

/**
 * Writes CSV that is safe to open in a spreadsheet: a cell that would start a formula
 * (=, +, -, @, tab, carriage return) is prefixed with an apostrophe.
 */
export function writeCsv(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return stringify([headers as string[], ...rows.map((row) => row.map(neutraliseFormula))]);
}

export interface CsvFormulaCell {
  line: number;
  column: string;
  /** The character that would make a spreadsheet read the cell as a formula. */
  starts: string;
}

/**
 * Cells a spreadsheet would run as a formula (=, +, -, @). They are stored as typed and
 * neutralised again on every export, but the uploader is told, in case the file was tampered with.
 */
export function formulaLikeCells(rows: readonly { line: number; values: Record<string, string> }[]): CsvFormulaCell[] {
  return rows.flatMap(({ line, values }) =>
    Object.entries(values)
      .filter(([, value]) => /^[=+\-@]/.test(value))
      .map(([column, value]) => ({ line, column, starts: value[0] })),
  );
}

export function neutraliseFormula(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  if (typeof value === "number") return text;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
