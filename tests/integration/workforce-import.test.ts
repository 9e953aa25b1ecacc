import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { action } from "~/routes/admin.workforce.upload";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createUser, settle, signInAs, testContext, type SignedIn } from "../helpers/fixtures";

useTestDatabase();

function upload(as: SignedIn, content: string | Uint8Array, extra: Record<string, string> = {}) {
  const form = new FormData();
  form.set("csrf", as.csrf);
  form.set("file", new File([typeof content === "string" ? content : new Blob([content as BlobPart])], "workforce.csv", { type: "text/csv" }));
  for (const [key, value] of Object.entries(extra)) form.set(key, value);
  const request = new Request("http://localhost/admin/workforce/upload", { method: "POST", headers: { Cookie: as.cookie, Origin: "http://localhost" }, body: form });
  return settle(() => action({ request, params: {}, context: testContext }));
}

describe("workforce CSV import", () => {
  it("sets figures by provider name or ODS code, replacing earlier ones", async () => {
    const trust = await createOrganisation({ name: "Riverside Trust" });
    await prisma.organisation.update({ where: { id: trust.id }, data: { code: "RXX01" } });
    await prisma.workforce.create({ data: { organisationId: trust.id, profession: "PT", year: 2026, wte: 1 } });
    const admin = await signInAs(await createUser("ADMIN"));
    const result = await upload(admin, "provider,profession,wte,year\nRXX01,PT,42.5,2026/27\nriverside trust,SLT,9,2026\n");
    expect(result.data).toEqual({ state: "imported", count: 2 });
    const rows = await prisma.workforce.findMany({ where: { organisationId: trust.id }, orderBy: { profession: "asc" } });
    expect(rows.map((r) => [r.profession, r.wte])).toEqual([["PT", 42.5], ["SLT", 9]]);
  });

  it("reports every bad line and imports nothing, unless asked to import the good rows of the same file", async () => {
    const trust = await createOrganisation({ name: "Hilltop Trust" });
    const admin = await signInAs(await createUser("ADMIN"));
    const csv = "provider,profession,wte,year\nHilltop Trust,OT,12,2026\nNo Such Trust,OT,3,2026\nHilltop Trust,XX,abc,1800\n";
    const checked = await upload(admin, csv);
    expect(checked.status).toBe(400);
    const body = checked.data as { problems: { line: number; message: string }[]; checksum: string; goodCount: number };
    expect(body.problems.map((p) => p.line)).toEqual([3, 4, 4, 4]);
    expect(body.goodCount).toBe(1);
    expect(await prisma.workforce.count({ where: { organisationId: trust.id } })).toBe(0);
    const wrongFile = await upload(admin, csv.replace("12", "13"), { intent: "import-good", checksum: body.checksum });
    expect(wrongFile.status).toBe(400);
    expect(await prisma.workforce.count({ where: { organisationId: trust.id } })).toBe(0);
    const imported = await upload(admin, csv, { intent: "import-good", checksum: body.checksum });
    expect(imported.data).toEqual({ state: "imported", count: 1 });
  });

  it("refuses wrong columns, bad encodings and non-administrators", async () => {
    const admin = await signInAs(await createUser("ADMIN"));
    const wrong = await upload(admin, "trust,staff\nA,1\n");
    expect(JSON.stringify(wrong.data)).toContain("Missing columns");
    const latin1 = await upload(admin, new Uint8Array([0x70, 0x72, 0x6f, 0x76, 0x69, 0x64, 0x65, 0x72, 0x0a, 0xe9]));
    expect(JSON.stringify(latin1.data)).toContain("not UTF-8");
    const facilitator = await signInAs(await createUser("FACILITATOR"));
    expect((await upload(facilitator, "provider,profession,wte,year\n")).status).toBe(403);
  });
});
