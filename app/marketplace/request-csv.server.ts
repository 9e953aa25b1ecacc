import type { SessionUser } from "~/accounts/session.server";
import { constraintViolation } from "~/platform/db/constraint-violation.server";
import { prisma } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import { MAX_CSV_BYTES, readCsv, writeCsv, type CsvProblem } from "~/platform/csv";
import { toIsoDate } from "./programme-form";
import {
  REQUEST_CSV_HEADERS,
  REQUEST_CSV_REQUIRED,
  validateRequestCsvRow,
  type CsvLookup,
  type RequestImportRow,
} from "./request-form";
import { requireUniversityScope } from "./policy";
import { Refusal } from "~/platform/refusal";
import { LIVE_STATUS_NAMES, STAGE_CSV_COLUMNS } from "./allocation-rules";
import type { listRequestsForExport } from "./requests.server";

export const REQUEST_EXPORT_HEADERS = [
  ...REQUEST_CSV_HEADERS,
  "request_id",
  "profession",
  "year_of_study",
  "start_date",
  "end_date",
  ...LIVE_STATUS_NAMES.map((status) => `students_${STAGE_CSV_COLUMNS[status]}`),
  "status",
] as const;

const CSV_TYPES = new Set(["", "application/octet-stream", "text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "text/comma-separated-values"]);

/** The template has the headers only: an example row would be imported by anyone who forgot to delete it. */
export function requestTemplateCsv(): string {
  return writeCsv(REQUEST_CSV_HEADERS, []);
}

export function requestExportCsv(rows: Awaited<ReturnType<typeof listRequestsForExport>>): string {
  return writeCsv(
    REQUEST_EXPORT_HEADERS,
    rows.map((request) => [
      request.programme.name,
      request.block.name,
      request.students,
      request.specialties.join("; "),
      request.maxTravelMinutes,
      request.campus,
      request.reasonableAdjustments,
      request.id,
      request.profession,
      request.yearOfStudy,
      toIsoDate(request.startDate),
      toIsoDate(request.endDate),
      ...LIVE_STATUS_NAMES.map((status) => request.byStatus[status]),
      request.status,
    ]),
  );
}

/** The bytes of an uploaded CSV file, or a refusal a person can act on. */
export async function readUploadedCsv(file: FormDataEntryValue | null): Promise<Uint8Array> {
  if (!file || typeof file === "string" || file.size === 0) {
    throw new Refusal(400, "Choose a CSV file to upload", "file");
  }
  if (file.size > MAX_CSV_BYTES) {
    throw new Refusal(400, `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB: split it into smaller files`, "file");
  }
  const type = file.type.split(";")[0].trim().toLowerCase();
  if (!file.name.toLowerCase().endsWith(".csv") || !CSV_TYPES.has(type)) {
    throw new Refusal(400, "The file must be a CSV file (.csv): in a spreadsheet use Save as, CSV UTF-8", "file");
  }
  return new Uint8Array(await file.arrayBuffer());
}

async function buildLookup(universityId: string): Promise<CsvLookup> {
  const [programmes, campuses] = await Promise.all([
    prisma.programme.findMany({
      where: { universityId },
      select: {
        id: true,
        name: true,
        profession: true,
        blocks: { select: { id: true, name: true, yearOfStudy: true, startDate: true, endDate: true } },
      },
    }),
    prisma.site.findMany({ where: { organisationId: universityId }, select: { id: true, name: true, latitude: true, longitude: true } }),
  ]);
  return {
    programmes: new Map(
      programmes.map((programme) => [
        programme.name.toLowerCase(),
        { ...programme, blocks: new Map(programme.blocks.map((block) => [block.name.toLowerCase(), block])) },
      ]),
    ),
    campuses: new Map(campuses.map((campus) => [campus.name.toLowerCase(), campus])),
  };
}

export interface RequestUploadCheck {
  /** Problems with the file as a whole (size, encoding, columns): nothing in it can be imported. */
  fileProblems: CsvProblem[];
  /** Problems of single rows, by line. */
  rowProblems: CsvProblem[];
  goodRows: RequestImportRow[];
  rowCount: number;
}

/** Reads and checks a whole file against the university's programmes, blocks and campuses. Saves nothing. */
export async function checkRequestUpload(user: SessionUser, bytes: Uint8Array): Promise<RequestUploadCheck> {
  const universityId = requireUniversityScope(user);
  const table = readCsv(bytes, REQUEST_CSV_HEADERS, { required: REQUEST_CSV_REQUIRED });
  if (!table.ok) return { fileProblems: table.problems, rowProblems: [], goodRows: [], rowCount: 0 };
  if (table.rows.length === 0) {
    return { fileProblems: [{ line: 1, message: "The file has a header but no requests" }], rowProblems: [], goodRows: [], rowCount: 0 };
  }
  const lookup = await buildLookup(universityId);
  const rowProblems: CsvProblem[] = [];
  const goodRows: RequestImportRow[] = [];
  for (const { line, values } of table.rows) {
    const checked = validateRequestCsvRow(line, values, lookup);
    if (checked.ok) goodRows.push(checked.row);
    else rowProblems.push(...checked.problems);
  }
  return { fileProblems: [], rowProblems, goodRows, rowCount: table.rows.length };
}

/** Creates the checked rows as requests in one transaction: all of them or none. */
export async function importRequestRows(user: SessionUser, rows: RequestImportRow[]) {
  const universityId = requireUniversityScope(user);
  if (rows.length === 0) throw new Refusal(400, "There are no requests to import", "file");
  try {
    return await prisma.$transaction(async (tx) => {
      // One INSERT … SELECT from a JSON document: Prisma's createMany binds a parameter per cell and is
      // about ten times slower for a file of 5,000 rows.
      const json = JSON.stringify(
        rows.map(({ line: _line, startDate, endDate, ...row }) => ({ ...row, startDate: toIsoDate(startDate), endDate: toIsoDate(endDate) })),
      );
      await tx.$executeRaw`
        INSERT INTO "PlacementRequest" ("id", "universityId", "programmeId", "blockId", "profession", "yearOfStudy", "startDate", "endDate",
          "students", "specialties", "preferredSiteIds", "maxTravelMinutes", "originLatitude", "originLongitude", "reasonableAdjustments",
          "createdById", "updatedAt")
        SELECT gen_random_uuid()::text, ${universityId}::text, x."programmeId", x."blockId", x."profession"::"Profession", x."yearOfStudy",
          x."startDate", x."endDate", x."students", x."specialties", '{}'::text[], x."maxTravelMinutes", x."originLatitude",
          x."originLongitude", x."reasonableAdjustments", ${user.id}::text, now()
        FROM jsonb_to_recordset(${json}::jsonb) AS x("programmeId" text, "blockId" text, "profession" text, "yearOfStudy" int,
          "startDate" date, "endDate" date, "students" int, "specialties" text[], "maxTravelMinutes" int, "originLatitude" float8,
          "originLongitude" float8, "reasonableAdjustments" text)`;
      await recordAudit(tx, {
        actorId: user.id,
        action: "requests-imported",
        entityType: "Organisation",
        entityId: universityId,
        details: { count: rows.length, students: rows.reduce((sum, row) => sum + row.students, 0) },
      });
      return { count: rows.length };
    }, { timeout: 30_000 });
  } catch (error) {
    if (constraintViolation(error, "foreign-key")) {
      throw new Refusal(409, "A programme or block in the file was changed while importing: upload the file again", "file");
    }
    throw error;
  }
}
