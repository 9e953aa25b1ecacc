import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { MAX_CSV_BYTES } from "~/platform/csv";
import { loader as exportLoader } from "~/routes/provider.offers.export[.csv]";
import { loader as templateLoader } from "~/routes/provider.offers.template[.csv]";
import { action as uploadAction } from "~/routes/provider.offers.upload";
import { useTestDatabase } from "../helpers/database";
import { bannerAfter } from "../helpers/flash";
import { settle, testContext, type SignedIn } from "../helpers/fixtures";
import { createOffer } from "../helpers/marketplace";
import { call, createProviderWorld, signedInAs, uploadRequest } from "./provider-fixtures";

useTestDatabase();

const HEADER = "site,profession,specialty,start_date,end_date,slots,supervision_model,years_of_study,notes,publish";
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const csvFile = (content: string | Uint8Array<ArrayBuffer>, name = "offers.csv", type = "text/csv") => new File([content], name, { type });

interface Report {
  fileName: string;
  checksum: string;
  totalRows: number;
  goodRows: number;
  fileProblems: { line: number; message: string }[];
  rowProblems: { line: number; problems: { column: string; message: string }[] }[];
}
interface UploadResult {
  status: number;
  location: string;
  /** The banner on the page the upload redirected to. */
  banner: string | null;
  fileError: string | null;
  report: Report | null;
}

async function upload(as: SignedIn, file: File | null, fields: Record<string, string> = {}): Promise<UploadResult> {
  const result = await settle(() => uploadAction({ request: uploadRequest("/provider/offers/upload", as, file, fields), params: {}, context: testContext }));
  const data = (result.data ?? {}) as { fileError?: string | null; report?: Report | null };
  const location = result.response?.headers.get("Location") ?? "";
  const banner = location ? await bannerAfter(result.response, as) : null;
  return { status: result.status, location, banner, fileError: data.fileError ?? null, report: data.report ?? null };
}

const offersOf = (providerId: string) => prisma.offer.findMany({ where: { providerId }, orderBy: [{ createdAt: "asc" }, { startDate: "asc" }] });

describe("cells that start like a formula", () => {
  it("imports them as text and tells the uploader which row and column to check", async () => {
    const world = await createProviderWorld();
    const csv = [
      HEADER,
      "St Thomas' Hospital,PT,,2027-01-04,2027-02-26,2,ONE_TO_ONE,,\"=HYPERLINK(\"\"http://evil\"\")\",no",
      "St Thomas' Hospital,OT,@risk,2027-01-04,2027-02-26,2,1:1,,,no",
      "St Thomas' Hospital,OT,,2027-01-04,2027-02-26,2,1:1,,Plain note,no",
    ].join("\n");
    const result = await upload(world.signedIn, csvFile(csv));
    expect(result.status).toBe(302);
    expect(result.banner).toContain("3 offers were imported.");
    expect(result.banner).toContain("line 2, notes (starts with =)");
    expect(result.banner).toContain("line 3, specialty (starts with @)");
    expect(result.banner).not.toContain("line 4");
    const offers = await offersOf(world.provider.id);
    expect(offers.map((offer) => offer.supervisionModel)).toEqual(["ONE_TO_ONE", "ONE_TO_ONE", "ONE_TO_ONE"]);
    expect(offers[0].notes).toBe('=HYPERLINK("http://evil")');
  });
});

describe("the template", () => {
  it("has the columns and two example rows on the provider's own sites, and imports as it stands", async () => {
    const world = await createProviderWorld();
    const result = await call(templateLoader, "/provider/offers/template.csv", { as: world.signedIn });
    expect(result.status).toBe(200);
    expect(result.response?.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(result.response?.headers.get("Content-Disposition")).toContain("attachment");
    const csv = await result.response!.text();
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(3);
    expect(csv).toContain("Guy's Hospital");
    // The supervision model as people write it, as the help says; the export's codes import too.
    expect(lines[1]).toContain(",1:1,");
    expect(csv).not.toContain("ONE_TO_ONE");

    const imported = await upload(world.signedIn, csvFile(csv));
    expect(imported.status).toBe(302);
    expect(imported.location).toBe("/provider/offers");
    expect(imported.banner).toBe("2 offers were imported.");
    const offers = await offersOf(world.provider.id);
    expect(offers.map((offer) => [offer.profession, offer.status, offer.supervisionModel, offer.yearsOfStudy])).toEqual([
      ["PT", "DRAFT", "ONE_TO_ONE", [2, 3]],
      ["OT", "PUBLISHED", "PEER_ASSISTED", []],
    ]);
  });
});

describe("uploading offers", () => {
  it("imports a clean file in one go, reading names, labels and UK dates", async () => {
    const world = await createProviderWorld();
    const csv = [
      HEADER,
      "st thomas' hospital,Physiotherapy,Neuro,2027-01-04,2027-02-26,2,2:1,2;3,Bring a uniform,yes",
      "GUY'S HOSPITAL,slt,,04/01/2027,26/02/2027,1,Peer-assisted / long-arm,,,no",
      "Guy's Hospital,OT,\"Mental health, adults\",2027-03-01,2027-04-30,50,VIRTUAL,1,\"Line one\nline two\",",
    ].join("\n");
    const result = await upload(world.signedIn, csvFile(csv));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/provider/offers");
    expect(result.banner).toBe("3 offers were imported.");
    const offers = await offersOf(world.provider.id);
    expect(offers).toHaveLength(3);
    const byProfession = Object.fromEntries(offers.map((offer) => [offer.profession, offer]));
    expect(byProfession.PT).toMatchObject({
      siteId: world.site.id,
      specialty: "Neuro",
      startDate: day("2027-01-04"),
      endDate: day("2027-02-26"),
      slots: 2,
      supervisionModel: "TWO_TO_ONE",
      yearsOfStudy: [2, 3],
      notes: "Bring a uniform",
      status: "PUBLISHED",
      createdById: world.educator.id,
    });
    expect(byProfession.PT.publishedAt).toBeInstanceOf(Date);
    expect(byProfession.SLT).toMatchObject({ siteId: world.secondSite.id, specialty: null, startDate: day("2027-01-04"), status: "DRAFT", yearsOfStudy: [] });
    expect(byProfession.OT).toMatchObject({ specialty: "Mental health, adults", slots: 50, notes: "Line one\nline two", status: "DRAFT" });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "offers-imported", entityId: world.provider.id } });
    expect(audit.details).toMatchObject({ offers: 3, published: 1, drafts: 2 });
  });

  it("shows every bad row with its line and reason, and imports nothing", async () => {
    const world = await createProviderWorld();
    const csv = [
      HEADER,
      "St Thomas' Hospital,PT,,2027-01-04,2027-02-26,2,1:1,,,no",
      "King's College Hospital,PT,,2027-01-04,2027-02-26,2,1:1,,,no",
      "St Thomas' Hospital,Nursing,,2027-01-04,2027-01-01,0,Solo,2;7,,maybe",
      "St Thomas' Hospital,OT,,2027-01-04,2027-02-26,3,1:1,,,yes",
      ",,,,,,,,,",
      `St Thomas' Hospital,PT,${"x".repeat(81)},2027-02-30,2027-03-26,two,1:1,,,no`,
    ].join("\n");
    const result = await upload(world.signedIn, csvFile(csv));
    expect(result.status).toBe(400);
    expect(result.report).toMatchObject({ totalRows: 6, goodRows: 2, fileProblems: [] });
    const problems = Object.fromEntries(result.report!.rowProblems.map((row) => [row.line, row.problems]));
    expect(Object.keys(problems).map(Number)).toEqual([3, 4, 6, 7]);
    expect(problems[3]).toEqual([
      { column: "site", message: expect.stringContaining("No site called \"King's College Hospital\" in your organisation") },
    ]);
    expect(problems[4]).toEqual([
      { column: "profession", message: '"Nursing" is not a profession: use a code like PT or a name like Physiotherapy' },
      { column: "end_date", message: "The end date must be after the start date" },
      { column: "slots", message: "Offer at least 1 slot" },
      { column: "supervision_model", message: expect.stringContaining('"Solo" is not a supervision model') },
      { column: "years_of_study", message: "Years of study are 1, 2, 3 or 4" },
      { column: "publish", message: 'Write "yes" to publish the offer or "no" to keep it as a draft' },
    ]);
    expect(problems[6].map((problem) => problem.column)).toEqual(["site", "profession", "start_date", "end_date", "slots", "supervision_model"]);
    expect(problems[7]).toEqual([
      { column: "specialty", message: "Use 80 characters or fewer for the specialty" },
      { column: "start_date", message: "Enter a real date, like 2027-01-04" },
      { column: "slots", message: "Enter the number of slots as a whole number, like 2" },
    ]);
    expect(await prisma.offer.count({ where: { providerId: world.provider.id } })).toBe(0);
  });

  it("imports only the good rows when asked, re-validating the same file on the server", async () => {
    const world = await createProviderWorld();
    const csv = [
      HEADER,
      "St Thomas' Hospital,PT,,2027-01-04,2027-02-26,2,1:1,,,no",
      "St Thomas' Hospital,PT,,2027-01-04,2027-01-01,2,1:1,,,no",
      "Guy's Hospital,OT,,2027-01-04,2027-02-26,3,1:1,,,yes",
    ].join("\n");
    const checked = await upload(world.signedIn, csvFile(csv));
    expect(checked.report).toMatchObject({ goodRows: 2 });

    const wrongFile = await upload(world.signedIn, csvFile(csv.replace("2027-01-01", "2027-01-02")), {
      intent: "import-good-rows",
      checksum: checked.report!.checksum,
    });
    expect(wrongFile.status).toBe(409);
    expect(wrongFile.fileError).toContain("This is not the file you checked");
    expect(await prisma.offer.count({ where: { providerId: world.provider.id } })).toBe(0);

    const imported = await upload(world.signedIn, csvFile(csv), { intent: "import-good-rows", checksum: checked.report!.checksum });
    expect(imported.status).toBe(302);
    expect(imported.location).toBe("/provider/offers");
    expect(imported.banner).toBe("2 offers were imported. 1 row with problems was left out.");
    const offers = await offersOf(world.provider.id);
    expect(offers.map((offer) => [offer.profession, offer.status])).toEqual([
      ["PT", "DRAFT"],
      ["OT", "PUBLISHED"],
    ]);
  });

  it("refuses to import good rows when there are none", async () => {
    const world = await createProviderWorld();
    const csv = [HEADER, "Nowhere,PT,,2027-01-04,2027-02-26,2,1:1,,,no"].join("\n");
    const checked = await upload(world.signedIn, csvFile(csv));
    const result = await upload(world.signedIn, csvFile(csv), { intent: "import-good-rows", checksum: checked.report!.checksum });
    expect(result.status).toBe(400);
    expect(result.fileError).toBe("There are no offers to import");
    expect(await prisma.offer.count({ where: { providerId: world.provider.id } })).toBe(0);
  });

  it("allows duplicate rows", async () => {
    const world = await createProviderWorld();
    const row = "St Thomas' Hospital,PT,MSK,2027-01-04,2027-02-26,2,1:1,2,,yes";
    const result = await upload(world.signedIn, csvFile([HEADER, row, row].join("\n")));
    expect(result.location).toBe("/provider/offers");
    expect(result.banner).toBe("2 offers were imported.");
    expect(await prisma.offer.count({ where: { providerId: world.provider.id, specialty: "MSK" } })).toBe(2);
  });

  it("stores formula-looking cells as plain text", async () => {
    const world = await createProviderWorld();
    const csv = [HEADER, `St Thomas' Hospital,PT,"+SUM(A1:A9)",2027-01-04,2027-02-26,2,1:1,,"=cmd|' /C calc'!A0",no`].join("\n");
    const result = await upload(world.signedIn, csvFile(csv));
    expect(result.status).toBe(302);
    const [offer] = await offersOf(world.provider.id);
    expect(offer).toMatchObject({ specialty: "+SUM(A1:A9)", notes: "=cmd|' /C calc'!A0" });
  });

  it("imports 5000 rows, the limit, in one transaction", async () => {
    const world = await createProviderWorld();
    const row = "St Thomas' Hospital,PT,,2027-01-04,2027-02-26,2,1:1,,,no";
    const result = await upload(world.signedIn, csvFile([HEADER, ...Array.from({ length: 5000 }, () => row)].join("\n")));
    expect(result.location).toBe("/provider/offers");
    expect(result.banner).toBe("5000 offers were imported.");
    expect(await prisma.offer.count({ where: { providerId: world.provider.id } })).toBe(5000);
  }, 120_000);

  describe("hostile and broken files: a message, nothing saved", () => {
    const cases: [string, () => File | null, number, RegExp][] = [
      ["no file", () => null, 400, /Choose a CSV file to upload/],
      ["an empty file", () => csvFile(""), 400, /The file is empty|Choose a CSV file/],
      ["a header and no rows", () => csvFile(`${HEADER}\n`), 400, /The file has a header but no offers/],
      ["wrong columns", () => csvFile("site,capacity,when\nSt Thomas' Hospital,2,soon\n"), 400, /Missing columns: profession, start_date, end_date, slots, supervision_model/],
      ["Latin-1 bytes", () => csvFile(new Uint8Array([...new TextEncoder().encode(`${HEADER}\nSt Thomas' Hospital,PT,Caf`), 0xe9, 0x0a])), 400, /not UTF-8/],
      ["a binary file", () => csvFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])), 400, /not UTF-8|not a text CSV/],
      ["a spreadsheet file", () => csvFile("PK\u0003\u0004", "offers.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), 400, /must be a CSV file/],
      ["broken quotes", () => csvFile(`${HEADER}\n"St Thomas' Hospital,PT,,2027-01-04,2027-02-26,2,1:1,,,no\n`), 400, /check the quotes/],
      ["5001 rows", () => csvFile([HEADER, ...Array.from({ length: 5001 }, () => "St Thomas' Hospital,PT,,2027-01-04,2027-02-26,2,1:1,,,no")].join("\n")), 400, /5001 rows; the limit is 5000/],
      ["a file over 2 MB", () => csvFile(`${HEADER}\n${"x".repeat(MAX_CSV_BYTES)}`), 400, /larger than 2 MB/],
    ];
    it.each(cases)("%s", async (_name, file, status, message) => {
      const world = await createProviderWorld();
      const result = await upload(world.signedIn, file());
      expect(result.status).toBe(status);
      const messages = [result.fileError ?? "", ...(result.report?.fileProblems.map((problem) => problem.message) ?? [])].join(" ");
      expect(messages).toMatch(message);
      expect(await prisma.offer.count({ where: { providerId: world.provider.id } })).toBe(0);
    });

    it("answers 413 to a declared body over the limit without reading it", async () => {
      const world = await createProviderWorld();
      const request = new Request("http://localhost/provider/offers/upload", {
        method: "POST",
        headers: { Cookie: world.signedIn.cookie, Origin: "http://localhost", "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(3 * 1024 * 1024) },
        body: "--x--",
      });
      const result = await settle(() => uploadAction({ request, params: {}, context: testContext }));
      expect(result.status).toBe(413);
      expect(JSON.stringify(result.data)).toContain("larger than 2 MB");
    });
  });

  it("refuses other roles with 403", async () => {
    const world = await createProviderWorld();
    const signed = await signedInAs("UNIVERSITY", world.university.id);
    const result = await upload(signed, csvFile(`${HEADER}\nSt Thomas' Hospital,PT,,2027-01-04,2027-02-26,2,1:1,,,no\n`));
    expect(result.status).toBe(403);
    expect(await prisma.offer.count({ where: { providerId: world.provider.id } })).toBe(0);
  });
});

describe("exporting offers", () => {
  it("exports the filtered list, neutralising formula cells, and only the provider's own offers", async () => {
    const world = await createProviderWorld();
    const draft = await createOffer(world.provider.id, { siteId: world.site.id, status: "DRAFT", specialty: "=cmd|' /C calc'!A0" });
    await prisma.offer.update({ where: { id: draft.id }, data: { notes: "@SUM(1+1)" } });
    const published = await createOffer(world.provider.id, { siteId: world.secondSite.id, specialty: "-2+3" });
    await createOffer(world.otherProvider.id, { siteId: world.otherSite.id, status: "DRAFT" });

    const all = await call(exportLoader, "/provider/offers/export.csv", { as: world.signedIn });
    expect(all.status).toBe(200);
    expect(all.response?.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(all.response?.headers.get("Content-Disposition")).toMatch(/attachment; filename="offers-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await all.response!.text()).trim().split("\n");
    expect(lines[0]).toBe("offer_id,status,site,profession,specialty,start_date,end_date,slots,slots_taken,supervision_model,years_of_study,notes,withdrawn_reason");
    expect(lines).toHaveLength(3);

    const drafts = await call(exportLoader, "/provider/offers/export.csv?status=draft", { as: world.signedIn });
    const draftLines = (await drafts.response!.text()).trim().split("\n");
    expect(draftLines).toHaveLength(2);
    expect(draftLines[1]).toBe(`${draft.id},draft,St Thomas' Hospital,PT,'=cmd|' /C calc'!A0,2027-01-04,2027-02-26,2,0,ONE_TO_ONE,2;3,'@SUM(1+1),`);

    const bySite = await call(exportLoader, `/provider/offers/export.csv?siteId=${world.secondSite.id}`, { as: world.signedIn });
    const siteLines = (await bySite.response!.text()).trim().split("\n");
    expect(siteLines).toHaveLength(2);
    expect(siteLines[1]).toContain(`${published.id},published,Guy's Hospital,PT,'-2+3,`);
  });

  it("refuses other roles with 403", async () => {
    const world = await createProviderWorld();
    const signed = await signedInAs("STUDENT", world.university.id);
    expect((await call(exportLoader, "/provider/offers/export.csv", { as: signed })).status).toBe(403);
    expect((await call(templateLoader, "/provider/offers/template.csv", { as: signed })).status).toBe(403);
  });
});
