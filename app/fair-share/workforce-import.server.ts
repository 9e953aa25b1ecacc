import { createHash } from "node:crypto";
import { prisma } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import { readCsv, type CsvProblem } from "~/platform/csv";
import { MAX_CSV_BYTES } from "~/platform/csv-limits";
import { checkWorkforceRows, WORKFORCE_CSV_HEADERS, type WorkforceRow } from "./workforce-csv";

export type WorkforceCheck =
  | { ok: false; fileProblems: CsvProblem[] }
  | { ok: true; checksum: string; rowCount: number; good: WorkforceRow[]; problems: CsvProblem[] };

/** Reads and checks an uploaded workforce file against the providers in the database. */
export async function checkWorkforceFile(file: FormDataEntryValue | null): Promise<WorkforceCheck> {
  if (!(file instanceof File) || file.size === 0) return { ok: false, fileProblems: [{ line: 1, message: "Choose a CSV file to upload" }] };
  if (file.size > MAX_CSV_BYTES) return { ok: false, fileProblems: [{ line: 1, message: "The file is larger than 2 MB: split it into smaller files" }] };
  if (!/\.csv$/i.test(file.name) && !/csv|text\/plain/.test(file.type)) {
    return { ok: false, fileProblems: [{ line: 1, message: "Upload a .csv file (save the spreadsheet as CSV UTF-8)" }] };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const table = readCsv(bytes, WORKFORCE_CSV_HEADERS);
  if (!table.ok) return { ok: false, fileProblems: table.problems };
  const providers = await prisma.organisation.findMany({ where: { kind: "PROVIDER" }, select: { id: true, name: true, code: true } });
  const lookup = {
    byName: new Map(providers.map((p) => [p.name.toLowerCase(), p.id])),
    byCode: new Map(providers.filter((p) => p.code).map((p) => [p.code!.toUpperCase(), p.id])),
  };
  const { good, problems } = checkWorkforceRows(table.rows, lookup);
  return { ok: true, checksum: createHash("sha256").update(bytes).digest("hex"), rowCount: table.rows.length, good, problems };
}

/** Sets every figure in one transaction: a later upload for the same provider, profession and year replaces it. */
export async function importWorkforceRows(actorId: string, rows: WorkforceRow[]) {
  await prisma.$transaction(
    async (tx) => {
      for (const row of rows) {
        await tx.workforce.upsert({
          where: { organisationId_profession_year: { organisationId: row.providerId, profession: row.profession, year: row.year } },
          create: { organisationId: row.providerId, profession: row.profession, year: row.year, wte: row.wte },
          update: { wte: row.wte },
        });
      }
      await recordAudit(tx, { actorId, action: "workforce-imported", entityType: "Workforce", entityId: "csv", details: { rows: rows.length } });
    },
    { timeout: 60_000 },
  );
  return rows.length;
}
