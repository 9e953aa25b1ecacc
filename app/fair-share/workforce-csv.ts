import type { CsvProblem } from "~/platform/csv";
import { professionFromText } from "~/marketplace/offer-form";
import type { ProfessionCode } from "~/vocabulary/roles";

/** NMET-style workforce data: one row per provider, profession and year. */
export const WORKFORCE_CSV_HEADERS = ["provider", "profession", "wte", "year"] as const;

export interface WorkforceRow {
  line: number;
  providerId: string;
  profession: ProfessionCode;
  year: number;
  wte: number;
}

export interface ProviderLookup {
  /** By lower-cased name and by upper-cased code (ODS code). */
  byName: Map<string, string>;
  byCode: Map<string, string>;
}

/**
 * Checks every row and says what is wrong with each, by line: unknown provider (by name or ODS code),
 * unknown profession, WTE not a number from 0 to 100,000, year not 2000–2100 (2026 or "2026/27"),
 * and the same provider, profession and year twice in one file.
 */
export function checkWorkforceRows(rows: { line: number; values: Record<string, string> }[], providers: ProviderLookup) {
  const good: WorkforceRow[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const rowProblems: CsvProblem[] = [];
    const providerText = values.provider ?? "";
    const providerId = providers.byCode.get(providerText.toUpperCase()) ?? providers.byName.get(providerText.toLowerCase());
    if (!providerText) rowProblems.push({ line, column: "provider", message: "Enter the provider's name or ODS code" });
    else if (!providerId) rowProblems.push({ line, column: "provider", message: `No provider called or coded "${providerText.slice(0, 80)}"` });
    const profession = professionFromText(values.profession ?? "");
    if (!profession) rowProblems.push({ line, column: "profession", message: `Unknown profession "${(values.profession ?? "").slice(0, 40)}": use a code such as PT, OT or SLT` });
    const wteText = (values.wte ?? "").replace(/,/g, "");
    const wte = Number(wteText);
    if (!wteText || !Number.isFinite(wte) || wte < 0 || wte > 100_000) {
      rowProblems.push({ line, column: "wte", message: "Enter the whole-time equivalent as a number, 0 or more" });
    }
    const yearMatch = /^(\d{4})(?:\s*[/-]\s*\d{2,4})?$/.exec((values.year ?? "").trim());
    const year = yearMatch ? Number(yearMatch[1]) : NaN;
    if (!(year >= 2000 && year <= 2100)) rowProblems.push({ line, column: "year", message: "Enter the academic year, such as 2026 or 2026/27" });
    if (rowProblems.length === 0) {
      const key = `${providerId}:${profession}:${year}`;
      const earlier = seen.get(key);
      if (earlier) rowProblems.push({ line, message: `The same provider, profession and year are already on line ${earlier}` });
      else seen.set(key, line);
    }
    if (rowProblems.length) problems.push(...rowProblems);
    else good.push({ line, providerId: providerId!, profession: profession!, year, wte: Math.round(wte * 100) / 100 });
  }
  return { good, problems };
}
