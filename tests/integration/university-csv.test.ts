import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { loader as exportLoader } from "~/routes/university.requests.export[.]csv";
import { loader as templateLoader } from "~/routes/university.requests.template[.]csv";
import { action as uploadAction } from "~/routes/university.requests.upload";
import { readCsv } from "~/platform/csv";
import { importRequestRows } from "~/marketplace/request-csv.server";
import { useTestDatabase } from "../helpers/database";
import { bannerAfter } from "../helpers/flash";
import { call, createUniversityWorld, day, settle, testContext, uploadRequest } from "./university-fixtures";

useTestDatabase();

type World = Awaited<ReturnType<typeof createUniversityWorld>>;
type Outcome =
  | { kind: "refused"; message: string }
  | { kind: "file-problems"; problems: { line: number; message: string }[] }
  | { kind: "row-problems"; problems: { line: number; column?: string; message: string }[]; rowCount: number; goodCount: number; csv: string | null };

const HEADER = "programme,block,students,specialties,max_travel_minutes,campus,reasonable_adjustments";
const csvFile = (content: string | Uint8Array<ArrayBuffer>, name = "requests.csv", type = "text/csv") => new File([content], name, { type });

async function upload(w: World, fields: Record<string, string | File>) {
  const result = await settle(() => uploadAction({ request: uploadRequest("/university/requests/upload", w.signed, fields), params: {}, context: testContext }));
  return { ...result, outcome: (result.data as { outcome?: Outcome } | null)?.outcome };
}

const countRequests = (w: World) => prisma.placementRequest.count({ where: { universityId: w.university.id } });

describe("the request CSV template", () => {
  it("has the import columns and nothing else, and only for a university", async () => {
    const w = await createUniversityWorld();
    const template = await call(templateLoader, "/university/requests/template.csv", { as: w.signed });
    expect(template.response?.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(template.response?.headers.get("Content-Disposition")).toContain("attachment");
    expect((await template.response!.text()).trim()).toBe(HEADER);
    expect((await call(templateLoader, "/university/requests/template.csv", { as: w.educatorSigned })).status).toBe(403);
  });
});

describe("uploading requests", () => {
  it("imports a clean file in one go, copying each block's year and dates", async () => {
    const w = await createUniversityWorld();
    const text = [
      HEADER,
      "BSc Physiotherapy,Year 2 spring,3,MSK; neuro,45,Main campus,Needs a hearing loop",
      'bsc physiotherapy,YEAR 2 SPRING,1,,,,"Quiet room, please"',
    ].join("\n");
    const result = await upload(w, { intent: "upload", file: csvFile(text) });
    expect(result.status).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/university/requests");
    expect(await bannerAfter(result.response, w.signed)).toMatch(/^2 requests have been imported/);
    const rows = await prisma.placementRequest.findMany({ where: { universityId: w.university.id }, orderBy: { students: "desc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      programmeId: w.programme.id,
      blockId: w.block.id,
      profession: "PT",
      yearOfStudy: 2,
      startDate: day("2027-01-11"),
      endDate: day("2027-02-05"),
      students: 3,
      specialties: ["MSK", "neuro"],
      maxTravelMinutes: 45,
      originLatitude: 51.52,
      reasonableAdjustments: "Needs a hearing loop",
      status: "OPEN",
      createdById: w.lead.id,
    });
    expect(rows[1]).toMatchObject({ students: 1, specialties: [], maxTravelMinutes: null, originLatitude: null, reasonableAdjustments: "Quiet room, please" });
    expect(await prisma.auditEvent.count({ where: { action: "requests-imported", entityId: w.university.id } })).toBe(1);
  });

  it("reports every bad row with its line and reason, imports nothing, then imports the good rows only when asked", async () => {
    const w = await createUniversityWorld();
    const text = [
      HEADER,
      "BSc Physiotherapy,Year 2 spring,2,,,,",
      "MSc Nursing,Year 1,2,,,,",
      "BSc Physiotherapy,Year 9 winter,2,,,,",
      "BSc Physiotherapy,Year 2 spring,0,,,,",
      'BSc Physiotherapy,Year 2 spring,2,"=HYPERLINK(""http://evil.example"",""click"")",,,',
      "BSc Physiotherapy,Year 2 spring,2,,30,,",
      "BSc Physiotherapy,Year 2 spring,4,Paediatrics,,,",
    ].join("\n");
    const checked = await upload(w, { intent: "upload", file: csvFile(text) });
    expect(checked.status).toBe(400);
    expect(checked.outcome?.kind).toBe("row-problems");
    if (checked.outcome?.kind !== "row-problems") return;
    expect(checked.outcome.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [3, "programme", 'No programme called "MSc Nursing"'],
      [4, "block", 'BSc Physiotherapy has no block called "Year 9 winter"'],
      [5, "students", "Enter the number of students as a whole number from 1 to 200"],
      [6, "specialties", "Starts like a spreadsheet formula (=, +, -, @): remove it"],
      [7, "campus", "Name the campus the travel time is measured from"],
    ]);
    expect(checked.outcome).toMatchObject({ rowCount: 7, goodCount: 2 });
    expect(await countRequests(w)).toBe(0);

    // The page's copy is checked again: a wrong count (the file or the programmes changed) imports nothing.
    const stale = await upload(w, { intent: "import-good", expected: "3", csv: checked.outcome.csv! });
    expect(stale.status).toBe(409);
    expect(await countRequests(w)).toBe(0);

    const imported = await upload(w, { intent: "import-good", expected: "2", csv: checked.outcome.csv! });
    expect(imported.status).toBe(302);
    expect(imported.response?.headers.get("Location")).toBe("/university/requests");
    expect(await bannerAfter(imported.response, w.signed)).toContain("5 rows were skipped");
    const rows = await prisma.placementRequest.findMany({ where: { universityId: w.university.id }, orderBy: { students: "asc" } });
    expect(rows.map((r) => [r.students, r.specialties])).toEqual([
      [2, []],
      [4, ["Paediatrics"]],
    ]);
  });

  it("re-checks the good rows on the server: a row that went bad meanwhile stops the import", async () => {
    const w = await createUniversityWorld();
    const spare = await prisma.placementBlock.create({
      data: { programmeId: w.programme.id, name: "Spare", yearOfStudy: 1, startDate: day("2026-11-02"), endDate: day("2026-11-27") },
    });
    const text = [HEADER, "BSc Physiotherapy,Year 2 spring,2,,,,", "BSc Physiotherapy,Spare,2,,,,", "Nope,Nope,1,,,,"].join("\n");
    const checked = await upload(w, { intent: "upload", file: csvFile(text) });
    expect(checked.outcome).toMatchObject({ kind: "row-problems", goodCount: 2 });
    await prisma.placementBlock.delete({ where: { id: spare.id } });
    const csv = checked.outcome?.kind === "row-problems" ? checked.outcome.csv! : "";
    const result = await upload(w, { intent: "import-good", expected: "2", csv });
    expect(result.status).toBe(409);
    expect(result.outcome).toMatchObject({ kind: "row-problems", goodCount: 1 });
    expect(await countRequests(w)).toBe(0);
  });

  it("refuses hostile files as a whole, with a reason, and imports nothing", async () => {
    const w = await createUniversityWorld();
    const good = "BSc Physiotherapy,Year 2 spring,2,,,,";
    const manyRows = [HEADER, ...Array.from({ length: 5001 }, () => good)].join("\n");
    const big = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61);
    const latin1 = new Uint8Array([...new TextEncoder().encode(`${HEADER}\nBSc Physiotherapy,Year 2 spring,2,,,,caf`), 0xe9, 0x0a]);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const cases: [File | string, RegExp][] = [
      [csvFile("programme,block,pupils\nBSc Physiotherapy,Year 2 spring,2\n"), /Missing column: students|Unknown column: pupils/],
      [csvFile("name,count\nx,1\n"), /Missing columns: programme, block, students/],
      [csvFile(big), /larger than 2 MB/],
      [csvFile(latin1), /not UTF-8/],
      [csvFile(png, "photo.csv"), /not a text CSV file|not UTF-8/],
      [csvFile(png, "photo.png", "image/png"), /must be a CSV file/],
      [csvFile(`${HEADER}\n"BSc Physiotherapy,Year 2 spring,2,,,,\n`), /check the quotes/],
      [csvFile(manyRows), /5001 rows; the limit is 5000/],
      [csvFile(""), /Choose a CSV file/],
      [csvFile(`${HEADER}\n`), /header but no requests/],
      ["not a file", /Choose a CSV file/],
    ];
    for (const [file, message] of cases) {
      const result = await upload(w, { intent: "upload", file });
      const label = typeof file === "string" ? file : `${file.name} (${file.size} bytes)`;
      expect(result.status, label).toBe(400);
      const text = result.outcome?.kind === "refused" ? result.outcome.message : result.outcome?.kind === "file-problems" ? result.outcome.problems.map((p) => p.message).join(" ") : "";
      expect(text, label).toMatch(message);
    }
    expect(await countRequests(w)).toBe(0);
  });

  it("imports the largest file allowed, 5000 rows, in one transaction", async () => {
    const w = await createUniversityWorld();
    const rows = Array.from({ length: 5000 }, (_, i) => `BSc Physiotherapy,Year 2 spring,${(i % 200) + 1},MSK,,,`);
    const result = await upload(w, { intent: "upload", file: csvFile([HEADER, ...rows].join("\r\n")) });
    expect(result.status).toBe(302);
    expect(await countRequests(w)).toBe(5000);
  });

  it("imports nothing when a block disappears between the check and the insert", async () => {
    const w = await createUniversityWorld();
    const row = { line: 2, programmeId: w.programme.id, blockId: w.block.id, profession: "PT" as const, yearOfStudy: 2, startDate: w.block.startDate, endDate: w.block.endDate, students: 2, specialties: ["MSK"], maxTravelMinutes: null, originLatitude: null, originLongitude: null, reasonableAdjustments: "Ramp" };
    const refusal = await importRequestRows(w.lead, [row, { ...row, line: 3, blockId: "gone" }]).then(
      () => null,
      (error: { status?: number; message: string }) => ({ status: error.status, message: error.message }),
    );
    expect(refusal).toEqual({ status: 409, message: "A programme or block in the file was changed while importing: upload the file again" });
    expect(await countRequests(w)).toBe(0);
    await importRequestRows(w.lead, [row]);
    const [created] = await prisma.placementRequest.findMany({ where: { universityId: w.university.id } });
    expect(created).toMatchObject({ specialties: ["MSK"], preferredSiteIds: [], reasonableAdjustments: "Ramp", status: "OPEN", studentsAllocated: 0, createdById: w.lead.id });
  });

  it("is only for a university's placement team, with a valid form token", async () => {
    const w = await createUniversityWorld();
    const file = csvFile(`${HEADER}\nBSc Physiotherapy,Year 2 spring,2,,,,`);
    for (const as of [w.educatorSigned, w.studentSigned]) {
      const result = await settle(() => uploadAction({ request: uploadRequest("/university/requests/upload", as, { intent: "upload", file }), params: {}, context: testContext }));
      expect(result.status).toBe(403);
    }
    const forged = await settle(() =>
      uploadAction({ request: uploadRequest("/university/requests/upload", { ...w.signed, csrf: "forged" }, { intent: "upload", file }), params: {}, context: testContext }),
    );
    expect(forged.status).toBe(403);
    expect(await countRequests(w)).toBe(0);
  });
});

describe("downloading requests", () => {
  it("exports the filtered requests of the university only, with formulas neutralised", async () => {
    const w = await createUniversityWorld();
    const base = { universityId: w.university.id, programmeId: w.programme.id, blockId: w.block.id, profession: "PT" as const, yearOfStudy: 2, startDate: w.block.startDate, endDate: w.block.endDate };
    await prisma.placementRequest.create({
      data: { ...base, students: 3, specialties: ["=cmd|' /C calc'!A0", "MSK"], reasonableAdjustments: "@SUM(1+1)", originLatitude: 51.52, originLongitude: -0.13, maxTravelMinutes: 40 },
    });
    await prisma.placementRequest.create({ data: { ...base, students: 5, status: "CANCELLED" } });
    const rival = await prisma.programme.create({ data: { universityId: w.otherUniversity.id, name: "Rival PT", profession: "PT", years: 3 } });
    const rivalBlock = await prisma.placementBlock.create({ data: { programmeId: rival.id, name: "B", yearOfStudy: 2, startDate: w.block.startDate, endDate: w.block.endDate } });
    await prisma.placementRequest.create({ data: { ...base, universityId: w.otherUniversity.id, programmeId: rival.id, blockId: rivalBlock.id, students: 7, reasonableAdjustments: "Rival secret" } });

    const all = await call(exportLoader, "/university/requests/export.csv", { as: w.signed });
    expect(all.response?.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await all.response!.text();
    expect(text).not.toContain("Rival");
    const table = readCsv(new TextEncoder().encode(text), text.split(/\r?\n/)[0].split(","));
    expect(table.ok).toBe(true);
    if (!table.ok) return;
    expect(table.rows).toHaveLength(2);
    const open = table.rows.find((row) => row.values.status === "OPEN")!.values;
    expect(open).toMatchObject({
      programme: "BSc Physiotherapy",
      block: "Year 2 spring",
      students: "3",
      specialties: "'=cmd|' /C calc'!A0; MSK",
      max_travel_minutes: "40",
      campus: "Main campus",
      reasonable_adjustments: "'@SUM(1+1)",
      year_of_study: "2",
      start_date: "2027-01-11",
      end_date: "2027-02-05",
      students_proposed_held: "0",
      students_confirmed: "0",
      students_completed: "0",
    });

    const filtered = await call(exportLoader, "/university/requests/export.csv?status=CANCELLED", { as: w.signed });
    const lines = (await filtered.response!.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("CANCELLED");
    expect((await call(exportLoader, "/university/requests/export.csv", { as: w.educatorSigned })).status).toBe(403);
  });
});
