import { createHash, randomUUID } from "node:crypto";
import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import { formulaLikeCells, MAX_CSV_BYTES, MAX_CSV_ROWS, readCsv, writeCsv, type CsvFormulaCell, type CsvProblem } from "~/platform/csv";
import { SUPERVISION_MODEL_LABELS } from "~/vocabulary/labels";
import {
  normaliseCsvDate,
  offerListStatus,
  offerStartProblem,
  parseOfferFields,
  professionFromText,
  publishFromText,
  splitYearsOfStudy,
  supervisionModelFromText,
  toIsoDate,
  type OfferFields,
} from "./offer-form";
import { listProviderSites, offerData, type listOffersForExport } from "./offers.server";
import { requireProviderScope } from "./policy";
import { Refusal } from "~/platform/refusal";

export const OFFER_CSV_HEADERS = [
  "site",
  "profession",
  "specialty",
  "start_date",
  "end_date",
  "slots",
  "supervision_model",
  "years_of_study",
  "notes",
  "publish",
] as const;
/** The optional columns may be left out of a file altogether. */
export const OFFER_CSV_REQUIRED = ["site", "profession", "start_date", "end_date", "slots", "supervision_model"] as const;

export const OFFER_EXPORT_HEADERS = [
  "offer_id",
  "status",
  "site",
  "profession",
  "specialty",
  "start_date",
  "end_date",
  "slots",
  "slots_taken",
  "supervision_model",
  "years_of_study",
  "notes",
  "withdrawn_reason",
] as const;

const FIELD_COLUMNS: Record<string, string> = {
  siteId: "site",
  profession: "profession",
  specialty: "specialty",
  startDate: "start_date",
  endDate: "end_date",
  slots: "slots",
  supervisionModel: "supervision_model",
  yearsOfStudy: "years_of_study",
  notes: "notes",
  publish: "publish",
};

/** Two example rows on the provider's own sites, so the template imports as it stands once edited. */
export function offerTemplateCsv(siteNames: readonly string[]): string {
  const first = siteNames[0] ?? "Main hospital";
  const second = siteNames[1] ?? first;
  return writeCsv(OFFER_CSV_HEADERS, [
    [first, "PT", "MSK outpatients", "2027-01-04", "2027-02-26", 2, SUPERVISION_MODEL_LABELS.ONE_TO_ONE, "2;3", "Uniform provided. Parking on site.", "no"],
    [second, "Occupational therapy", "", "2027-03-01", "2027-04-23", 4, "Peer-assisted / long-arm", "", "", "yes"],
  ]);
}

export function offerExportCsv(offers: Awaited<ReturnType<typeof listOffersForExport>>): string {
  return writeCsv(
    OFFER_EXPORT_HEADERS,
    offers.map((offer) => [
      offer.id,
      offerListStatus(offer),
      offer.site.name,
      offer.profession,
      offer.specialty,
      toIsoDate(offer.startDate),
      toIsoDate(offer.endDate),
      offer.slots,
      offer.slotsTaken,
      offer.supervisionModel,
      offer.yearsOfStudy.join(";"),
      offer.notes,
      offer.withdrawnReason,
    ]),
  );
}

const CSV_TYPES = new Set(["", "text/csv", "application/csv", "text/comma-separated-values", "application/vnd.ms-excel", "text/plain", "application/octet-stream"]);

/** The bytes of an uploaded file, or a refusal a person can act on (too big, not a CSV, none chosen). */
export async function readUploadedCsv(file: FormDataEntryValue | null): Promise<Uint8Array> {
  if (!file || typeof file === "string" || (file.size === 0 && !file.name)) {
    throw new Refusal(400, "Choose a CSV file to upload", "file");
  }
  if (file.size > MAX_CSV_BYTES) {
    throw new Refusal(400, `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB: split it into smaller files`, "file");
  }
  const type = file.type.split(";")[0].trim().toLowerCase();
  if (!file.name.toLowerCase().endsWith(".csv") || !CSV_TYPES.has(type)) {
    throw new Refusal(400, "The file must be a CSV file (.csv): in your spreadsheet use Save as, CSV UTF-8", "file");
  }
  return new Uint8Array(await file.arrayBuffer());
}

export interface OfferRowProblem {
  line: number;
  problems: { column: string; message: string }[];
}

export interface OfferImportRow {
  line: number;
  fields: OfferFields;
  publish: boolean;
}

export interface CheckedOfferFile {
  /** The file cannot be read at all (size, encoding, columns, quoting, row limit). */
  fileProblems: CsvProblem[];
  rowProblems: OfferRowProblem[];
  goodRows: OfferImportRow[];
  /** Cells that start like a spreadsheet formula: imported as text, but worth the uploader's look. */
  formulaCells: CsvFormulaCell[];
  totalRows: number;
  /** SHA-256 of the bytes: importing "the good rows" must be of the file that was checked. */
  checksum: string;
}

/**
 * Reads and validates every row of an offers file with the offer form's own schema. Sites are
 * matched by name among the provider's sites (any case); professions and supervision models by
 * code or label. Nothing is written.
 */
export async function checkOfferFile(user: SessionUser, bytes: Uint8Array): Promise<CheckedOfferFile> {
  const providerId = requireProviderScope(user);
  const checksum = createHash("sha256").update(bytes).digest("hex");
  const table = readCsv(bytes, OFFER_CSV_HEADERS, { required: OFFER_CSV_REQUIRED });
  if (!table.ok) return { fileProblems: table.problems, rowProblems: [], goodRows: [], formulaCells: [], totalRows: 0, checksum };
  if (table.rows.length === 0) {
    return { fileProblems: [{ line: 1, message: "The file has a header but no offers" }], rowProblems: [], goodRows: [], formulaCells: [], totalRows: 0, checksum };
  }

  const now = new Date();
  const sites = await listProviderSites(providerId);
  const siteByName = new Map(sites.map((site) => [site.name.trim().toLowerCase(), site.id]));
  const siteList = sites.slice(0, 6).map((site) => site.name).join(", ") + (sites.length > 6 ? ", …" : "");

  const rowProblems: OfferRowProblem[] = [];
  const goodRows: OfferImportRow[] = [];
  for (const { line, values } of table.rows) {
    const cell = (column: string) => values[column] ?? "";
    const problems: { column: string; message: string }[] = [];
    const lookups: Record<string, string> = {};

    const siteName = cell("site");
    const siteId = siteByName.get(siteName.toLowerCase());
    if (siteName && !siteId) {
      lookups.siteId = sites.length
        ? `No site called "${siteName}" in your organisation. Your sites: ${siteList}`
        : "Your organisation has no sites yet: ask an administrator to add them";
    }
    const professionText = cell("profession");
    const profession = professionFromText(professionText);
    if (professionText && !profession) lookups.profession = `"${professionText}" is not a profession: use a code like PT or a name like Physiotherapy`;
    const modelText = cell("supervision_model");
    const model = supervisionModelFromText(modelText);
    if (modelText && !model) {
      lookups.supervisionModel = `"${modelText}" is not a supervision model: use one of ${Object.values(SUPERVISION_MODEL_LABELS).join(", ")}`;
    }
    const publish = publishFromText(cell("publish"));
    if (publish === null) problems.push({ column: "publish", message: 'Write "yes" to publish the offer or "no" to keep it as a draft' });

    const parsed = parseOfferFields({
      siteId: siteId ?? (siteName ? "unknown-site" : ""),
      profession: profession ?? professionText,
      specialty: cell("specialty"),
      startDate: normaliseCsvDate(cell("start_date")),
      endDate: normaliseCsvDate(cell("end_date")),
      slots: cell("slots"),
      supervisionModel: model ?? modelText,
      yearsOfStudy: splitYearsOfStudy(cell("years_of_study")),
      notes: cell("notes"),
    });
    const errors: Record<string, string[]> = parsed.ok ? {} : parsed.errors;
    const startProblem = offerStartProblem(normaliseCsvDate(cell("start_date")), now);
    if (startProblem && !errors.startDate) errors.startDate = [startProblem];
    for (const [field, message] of Object.entries(lookups)) errors[field] = [message];
    for (const [field, messages] of Object.entries(errors)) {
      const column = FIELD_COLUMNS[field.replace(/\[\d+\]$/, "")] ?? field;
      for (const message of new Set(messages)) {
        if (!problems.some((problem) => problem.column === column && problem.message === message)) problems.push({ column, message });
      }
    }
    if (problems.length || !parsed.ok || publish === null) {
      problems.sort((a, b) => OFFER_CSV_HEADERS.indexOf(a.column as never) - OFFER_CSV_HEADERS.indexOf(b.column as never));
      rowProblems.push({ line, problems });
    } else {
      goodRows.push({ line, fields: parsed.value, publish });
    }
  }
  return { fileProblems: [], rowProblems, goodRows, formulaCells: formulaLikeCells(table.rows), totalRows: table.rows.length, checksum };
}

/** Creates the offers of validated rows in one transaction: all of them or none. */
export async function importOfferRows(user: SessionUser, rows: readonly OfferImportRow[]) {
  const providerId = requireProviderScope(user);
  if (rows.length === 0) throw new Refusal(400, "There are no offers to import", "file");
  if (rows.length > MAX_CSV_ROWS) throw new Refusal(400, `Import at most ${MAX_CSV_ROWS} offers at a time`, "file");
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    // The sites were matched moments ago; re-check inside the transaction in case one was removed.
    const siteIds = [...new Set(rows.map((row) => row.fields.siteId))];
    const own = await tx.site.count({ where: { id: { in: siteIds }, organisationId: providerId } });
    if (own !== siteIds.length) throw new Refusal(409, "One of the sites has just been removed: check the file again", "file");
    // One statement over arrays, a column each: as a Prisma createMany the query's thousands of
    // parameters took longer to prepare than PostgreSQL took to insert the rows.
    const offers = rows.map(({ fields, publish }) => ({ ...offerData(fields), publish }));
    const count = await tx.$executeRaw`
      INSERT INTO "Offer" ("id", "providerId", "siteId", "profession", "specialty", "startDate", "endDate", "slots", "supervisionModel",
        "yearsOfStudy", "notes", "status", "publishedAt", "createdById", "createdAt", "updatedAt")
      SELECT row."id", ${providerId}, row."siteId", row."profession"::"Profession", row."specialty", row."startDate"::date, row."endDate"::date,
        row."slots", row."supervisionModel"::"SupervisionModel", row."yearsOfStudy"::int[], row."notes",
        CASE WHEN row."publish" THEN 'PUBLISHED'::"OfferStatus" ELSE 'DRAFT'::"OfferStatus" END,
        CASE WHEN row."publish" THEN ${now.toISOString()}::timestamp(3) END, ${user.id}, ${now.toISOString()}::timestamp(3), ${now.toISOString()}::timestamp(3)
      FROM unnest(
        ${offers.map(() => randomUUID())}::text[], ${offers.map((offer) => offer.siteId)}::text[], ${offers.map((offer) => offer.profession)}::text[],
        ${offers.map((offer) => offer.specialty)}::text[], ${offers.map((offer) => toIsoDate(offer.startDate))}::text[],
        ${offers.map((offer) => toIsoDate(offer.endDate))}::text[], ${offers.map((offer) => offer.slots)}::int[],
        ${offers.map((offer) => offer.supervisionModel)}::text[], ${offers.map((offer) => `{${offer.yearsOfStudy.join(",")}}`)}::text[],
        ${offers.map((offer) => offer.notes)}::text[], ${offers.map((offer) => offer.publish)}::boolean[]
      ) AS row("id", "siteId", "profession", "specialty", "startDate", "endDate", "slots", "supervisionModel", "yearsOfStudy", "notes", "publish")`;
    const created = { count };
    const published = rows.filter((row) => row.publish).length;
    await recordAudit(tx, {
      actorId: user.id,
      action: "offers-imported",
      entityType: "Organisation",
      entityId: providerId,
      details: { offers: created.count, published, drafts: created.count - published },
    });
    return { created: created.count, published };
  });
}

