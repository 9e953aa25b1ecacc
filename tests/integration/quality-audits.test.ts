import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { action as auditAction, loader as auditLoader } from "~/routes/provider.audits.$auditId";
import { action as auditsAction, loader as auditsLoader } from "~/routes/provider.audits._index";
import { useTestDatabase } from "../helpers/database";
import { bannerAfter } from "../helpers/flash";
import { signInAs, type SignedIn } from "../helpers/fixtures";
import { call, createProviderWorld, signedInAs } from "./provider-fixtures";

useTestDatabase();

let world: Awaited<ReturnType<typeof createProviderWorld>>;
let student: SignedIn;
let universityUser: SignedIn;
let facilitator: SignedIn;
let elsewhereFacilitator: SignedIn;

const auditForm = (overrides: Record<string, string> = {}) => ({ siteId: world.site.id, rating: "SATISFACTORY", auditedOn: "2026-03-15", expiresOn: "", summary: "Good supervision.", ...overrides });
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  world = await createProviderWorld();
  student = await signedInAs("STUDENT", world.university.id);
  universityUser = await signInAs({ id: world.universityUser.id });
  facilitator = await signedInAs("FACILITATOR", null, world.region.id);
  elsewhereFacilitator = await signedInAs("FACILITATOR", null, (await prisma.region.create({ data: { name: "Elsewhere" } })).id);
});

describe("recording an audit", () => {
  it("records an audit with a default 24-month expiry and an audit event", async () => {
    const result = await call(auditsAction, "/provider/audits", { as: world.signedIn, form: auditForm() });
    expect(result.status).toBe(302);
    const audit = await prisma.placementAudit.findFirstOrThrow({ where: { siteId: world.site.id } });
    expect(result.response?.headers.get("Location")).toBe(`/provider/audits/${audit.id}`);
    expect(await bannerAfter(result.response, world.signedIn)).toBe("The audit has been recorded.");
    expect(audit.expiresOn.toISOString().slice(0, 10)).toBe("2028-03-15");
    expect(audit.providerId).toBe(world.provider.id);
    expect(audit.recordedById).toBe(world.educator.id);
    expect(await prisma.auditEvent.count({ where: { entityId: audit.id, action: "audit.recorded" } })).toBe(1);
  });

  it.each([
    [{ auditedOn: isoDay(2) }, "auditedOn", "The audit date cannot be in the future"],
    [{ expiresOn: "2026-03-15" }, "expiresOn", "The expiry date must be after the audit date"],
    [{ expiresOn: "2025-01-01" }, "expiresOn", "The expiry date must be after the audit date"],
    [{ auditedOn: "not a date" }, "auditedOn", "Enter the date of the audit"],
    [{ rating: "GREAT" }, "rating", "Choose a rating"],
    [{ summary: "long ".repeat(401) }, "summary", "The summary must be 2,000 characters or fewer"],
    [{ siteId: "" }, "siteId", "Choose a site"],
  ])("refuses %o with 400 and saves nothing", async (overrides, field, message) => {
    const before = await prisma.placementAudit.count();
    const result = await call(auditsAction, "/provider/audits", { as: world.signedIn, form: auditForm({ siteId: world.secondSite.id, ...overrides }) });
    expect(result.status).toBe(400);
    expect((result.data as { result: { error: Record<string, string[]> } }).result.error[field]).toEqual([message]);
    expect(await prisma.placementAudit.count()).toBe(before);
  });

  it("refuses another provider's site with 400 next to the site", async () => {
    const result = await call(auditsAction, "/provider/audits", { as: world.signedIn, form: auditForm({ siteId: world.otherSite.id }) });
    expect(result.status).toBe(400);
    expect((result.data as { result: { error: Record<string, string[]> } }).result.error.siteId).toEqual(["Choose one of your sites"]);
    expect(await prisma.placementAudit.count({ where: { siteId: world.otherSite.id } })).toBe(0);
  });

  it("refuses students, universities and facilitators with 403, and a missing CSRF token", async () => {
    for (const as of [student, universityUser, facilitator]) {
      expect((await call(auditsAction, "/provider/audits", { as, form: auditForm() })).status).toBe(403);
      expect((await call(auditsLoader, "/provider/audits", { as })).status).toBe(403);
    }
    expect((await call(auditsAction, "/provider/audits", { as: world.signedIn, form: auditForm(), withCsrf: false })).status).toBe(403);
  });
});

describe("the audit list and page", () => {
  it("lists each site's latest audit with its status, and no audit for the others", async () => {
    const older = await prisma.placementAudit.create({
      data: { siteId: world.site.id, providerId: world.provider.id, rating: "EXCELLENT", auditedOn: new Date("2023-01-01"), expiresOn: new Date("2025-01-01") },
    });
    const { data, status } = await call(auditsLoader, "/provider/audits", { as: world.signedIn });
    expect(status).toBe(200);
    const sites = (data as { sites: { siteId: string; latest: { id: string; rating: string; status: string } | null }[] }).sites;
    const site = sites.find((s) => s.siteId === world.site.id)!;
    expect(site.latest?.id).not.toBe(older.id);
    expect(site.latest).toMatchObject({ rating: "SATISFACTORY", status: "valid" });
    expect(sites.find((s) => s.siteId === world.secondSite.id)?.latest).toBeNull();
    expect(sites.some((s) => s.siteId === world.otherSite.id)).toBe(false);
    const flags = (data as { flags: { flag: string; siteId: string }[] }).flags;
    expect(flags).toContainEqual(expect.objectContaining({ flag: "no-audit", siteId: world.secondSite.id }));
  });

  it("shows the audit to its provider, the region's university and facilitator; 404 to others", async () => {
    const audit = await prisma.placementAudit.findFirstOrThrow({ where: { siteId: world.site.id, rating: "SATISFACTORY" } });
    const path = `/provider/audits/${audit.id}`;
    const params = { auditId: audit.id };
    const own = await call(auditLoader, path, { as: world.signedIn, params });
    expect(own.status).toBe(200);
    expect((own.data as { audit: { canEdit: boolean } }).audit.canEdit).toBe(true);
    const seen = await call(auditLoader, path, { as: facilitator, params });
    expect((seen.data as { audit: { canEdit: boolean } }).audit.canEdit).toBe(false);
    expect((await call(auditLoader, path, { as: universityUser, params })).status).toBe(200);
    expect((await call(auditLoader, path, { as: world.otherSignedIn, params })).status).toBe(404);
    expect((await call(auditLoader, path, { as: elsewhereFacilitator, params })).status).toBe(404);
    expect((await call(auditLoader, path, { as: student, params })).status).toBe(403);
    expect((await call(auditLoader, "/provider/audits/nope", { as: world.signedIn, params: { auditId: "nope" } })).status).toBe(404);
  });
});

describe("the action plan", () => {
  it("adds items, counts overdue ones and marks them done", async () => {
    const audit = await prisma.placementAudit.findFirstOrThrow({ where: { siteId: world.site.id, rating: "SATISFACTORY" } });
    const path = `/provider/audits/${audit.id}`;
    const params = { auditId: audit.id };
    expect((await call(auditAction, path, { as: world.signedIn, params, form: { intent: "add", description: "Update induction pack", dueOn: "2026-04-01" } })).status).toBe(302);
    expect((await call(auditAction, path, { as: world.signedIn, params, form: { intent: "add", description: "Book supervisor training", dueOn: isoDay(30) } })).status).toBe(302);

    const bad = await call(auditAction, path, { as: world.signedIn, params, form: { intent: "add", description: "x".repeat(501), dueOn: "2026-04-01" } });
    expect(bad.status).toBe(400);
    expect((bad.data as { result: { error: Record<string, string[]> } }).result.error.description).toEqual(["The action must be 500 characters or fewer"]);
    const early = await call(auditAction, path, { as: world.signedIn, params, form: { intent: "add", description: "Too early", dueOn: "2026-01-01" } });
    expect(early.status).toBe(400);
    expect((early.data as { result: { error: Record<string, string[]> } }).result.error.dueOn).toEqual(["The due date cannot be before the audit date"]);
    expect(await prisma.auditActionItem.count({ where: { auditId: audit.id } })).toBe(2);

    const page = (await call(auditLoader, path, { as: world.signedIn, params })).data as { audit: { actions: { id: string; description: string; overdue: boolean }[] } };
    expect(page.audit.actions.map((a) => [a.description, a.overdue])).toEqual([
      ["Update induction pack", true],
      ["Book supervisor training", false],
    ]);
    const list = (await call(auditsLoader, "/provider/audits", { as: world.signedIn })).data as {
      sites: { siteId: string; latest: { openActions: number; overdueActions: number } | null }[];
      flags: { flag: string; siteId: string }[];
    };
    expect(list.sites.find((s) => s.siteId === world.site.id)?.latest).toMatchObject({ openActions: 2, overdueActions: 1 });
    expect(list.flags).toContainEqual(expect.objectContaining({ flag: "actions-overdue", siteId: world.site.id }));

    const overdue = page.audit.actions[0];
    // Other provider and facilitator cannot touch it.
    expect((await call(auditAction, path, { as: world.otherSignedIn, params, form: { intent: "complete", itemId: overdue.id } })).status).toBe(404);
    expect((await call(auditAction, path, { as: facilitator, params, form: { intent: "complete", itemId: overdue.id } })).status).toBe(403);
    expect((await call(auditAction, path, { as: world.otherSignedIn, params, form: { intent: "add", description: "Sneaky", dueOn: "2026-06-01" } })).status).toBe(404);
    expect(await prisma.auditActionItem.count({ where: { auditId: audit.id } })).toBe(2);

    expect((await call(auditAction, path, { as: world.signedIn, params, form: { intent: "complete", itemId: overdue.id } })).status).toBe(302);
    expect((await call(auditAction, path, { as: world.signedIn, params, form: { intent: "complete", itemId: overdue.id } })).status).toBe(409);
    const after = (await call(auditLoader, path, { as: world.signedIn, params })).data as { audit: { actions: { completedOn: Date | null; overdue: boolean }[] } };
    expect(after.audit.actions[0].completedOn).not.toBeNull();
    expect(after.audit.actions[0].overdue).toBe(false);
  });
});
