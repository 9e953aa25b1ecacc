import { beforeAll, describe, expect, it } from "vitest";
import { addSite, createOrganisation as createOrganisationAsAdmin } from "~/organisations/organisations.server";
import { prisma } from "~/platform/db/db.server";
import { Refusal } from "~/platform/refusal";
import type { RoleName } from "~/vocabulary/roles";
import * as organisationPage from "~/routes/admin.organisations.$organisationId";
import * as organisationList from "~/routes/admin.organisations._index";
import * as newOrganisation from "~/routes/admin.organisations.new";
import { useTestDatabase } from "../helpers/database";
import { bannerAfter } from "../helpers/flash";
import { createOrganisation, createRegion, createUser, fieldErrors, load, signInAs, submit, type SignedIn } from "../helpers/fixtures";
import { createAdminAndRegion, NON_ADMIN_ROLES } from "./admin-fixtures";

useTestDatabase();

let admin: SignedIn;
let adminId: string;
let regionId: string;

beforeAll(async () => {
  ({ admin, adminId, regionId } = await createAdminAndRegion("Yorkshire and the Humber"));
});

async function signedInAs(role: RoleName): Promise<SignedIn> {
  const region = await createRegion();
  const organisation =
    role === "EDUCATOR"
      ? await createOrganisation({ regionId: region.id })
      : role === "UNIVERSITY" || role === "STUDENT"
        ? await createOrganisation({ kind: "UNIVERSITY", regionId: region.id })
        : null;
  const user = await createUser(role, {
    organisationId: organisation?.id ?? null,
    regionId: role === "FACILITATOR" ? region.id : null,
  });
  return signInAs(user);
}

async function auditCount(action: string, entityId?: string) {
  return prisma.auditEvent.count({ where: { action, ...(entityId ? { entityId } : {}) } });
}

describe("who may use the organisation administration", () => {
  it.each(NON_ADMIN_ROLES)("refuses a %s with 403 on every page and every action, changing nothing", async (role) => {
    const other = await signedInAs(role);
    const organisation = await createOrganisation({ regionId });
    const params = { organisationId: organisation.id };
    expect((await load(organisationList.loader, "/admin/organisations", other)).status).toBe(403);
    expect((await load(newOrganisation.loader, "/admin/organisations/new", other)).status).toBe(403);
    expect((await load(organisationPage.loader, `/admin/organisations/${organisation.id}`, other, params)).status).toBe(403);

    const created = await submit(newOrganisation.action, "/admin/organisations/new", other, {
      name: `Sneaky ${role}`,
      kind: "UNIVERSITY",
      regionId,
    });
    expect(created.status).toBe(403);
    const renamed = await submit(
      organisationPage.action,
      `/admin/organisations/${organisation.id}`,
      other,
      { intent: "update-organisation", name: "Renamed", kind: "PROVIDER", providerType: "PVI", regionId },
      { params },
    );
    expect(renamed.status).toBe(403);
    const site = await submit(
      organisationPage.action,
      `/admin/organisations/${organisation.id}`,
      other,
      { intent: "add-site", name: "Annexe", postcode: "LS1 3EX", latitude: "53.8", longitude: "-1.5" },
      { params },
    );
    expect(site.status).toBe(403);
    expect(await prisma.organisation.count({ where: { name: `Sneaky ${role}` } })).toBe(0);
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).toMatchObject({ name: organisation.name });
    expect(await prisma.site.count({ where: { organisationId: organisation.id } })).toBe(0);
  });

  it("sends someone who is not signed in to sign in", async () => {
    const result = await load(organisationList.loader, "/admin/organisations");
    expect(result.status).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fadmin%2Forganisations");
  });

  it("answers 404 for an organisation that does not exist", async () => {
    const params = { organisationId: "missing" };
    expect((await load(organisationPage.loader, "/admin/organisations/missing", admin, params)).status).toBe(404);
    const result = await submit(
      organisationPage.action,
      "/admin/organisations/missing",
      admin,
      { intent: "add-site", name: "X", postcode: "LS1 3EX", latitude: "53.8", longitude: "-1.5" },
      { params },
    );
    expect(result.status).toBe(404);
  });

  it("refuses a change without the CSRF token", async () => {
    const result = await submit(
      newOrganisation.action,
      "/admin/organisations/new",
      admin,
      { name: "No Token Trust", kind: "PROVIDER", providerType: "NHS_TRUST", regionId },
      { withCsrf: false },
    );
    expect(result.status).toBe(403);
    expect(await prisma.organisation.count({ where: { name: "No Token Trust" } })).toBe(0);
  });
});

describe("the organisation list", () => {
  let listRegion: string;
  beforeAll(async () => {
    listRegion = (await createRegion("List region")).id;
    for (let i = 1; i <= 27; i++) {
      await createOrganisation({ regionId: listRegion, name: `Provider ${String(i).padStart(2, "0")}` });
    }
    await createOrganisation({ regionId: listRegion, kind: "UNIVERSITY", name: "University of Leeds" });
    await createOrganisation({ regionId: listRegion, kind: "UNIVERSITY", name: "Leeds Beckett University" });
  });

  type ListData = { organisations: { name: string; kind: string }[]; window: { page: number; pageCount: number; total: number } };
  const list = async (query: string) => (await load(organisationList.loader, `/admin/organisations?${query}`, admin)).data as ListData;

  it("pages 25 at a time in name order", async () => {
    const first = await list(`regionId=${listRegion}`);
    expect(first.window).toMatchObject({ page: 1, pageCount: 2, total: 29 });
    expect(first.organisations).toHaveLength(25);
    expect(first.organisations[0].name).toBe("Leeds Beckett University");
    expect(first.organisations.map((o) => o.name)).toEqual([...first.organisations.map((o) => o.name)].sort());
    const second = await list(`regionId=${listRegion}&page=2`);
    expect(second.organisations.map((o) => o.name)).toEqual(["Provider 25", "Provider 26", "Provider 27", "University of Leeds"]);
    expect((await list(`regionId=${listRegion}&page=99`)).window.page).toBe(2);
  });

  it("searches by name without regard to case and filters by kind and region", async () => {
    expect((await list(`q=LEEDS&regionId=${listRegion}`)).organisations.map((o) => o.name)).toEqual([
      "Leeds Beckett University",
      "University of Leeds",
    ]);
    const universities = await list(`kind=UNIVERSITY&regionId=${listRegion}`);
    expect(universities.window.total).toBe(2);
    expect((await list(`q=Provider 0&kind=UNIVERSITY&regionId=${listRegion}`)).organisations).toEqual([]);
    expect((await list(`q=Provider 1&regionId=${regionId}`)).organisations).toEqual([]);
  });

  it("ignores malformed filters rather than failing", async () => {
    const result = await load(organisationList.loader, `/admin/organisations?kind=HOSPITAL&page=abc&regionId=${listRegion}`, admin);
    expect(result.status).toBe(200);
    expect((result.data as ListData).window.total).toBe(29);
  });

  it("treats search wildcards as plain text", async () => {
    expect((await list(`q=%25&regionId=${listRegion}`)).organisations).toEqual([]);
    expect((await list(`q=_&regionId=${listRegion}`)).organisations).toEqual([]);
    const percent = (await createRegion()).id;
    await createOrganisation({ regionId: percent, name: "100% Care Ltd" });
    expect((await list(`q=%25&regionId=${percent}`)).organisations.map((o) => o.name)).toEqual(["100% Care Ltd"]);
  });
});

describe("creating an organisation", () => {
  it("creates a provider, audits it and opens its page", async () => {
    const result = await submit(newOrganisation.action, "/admin/organisations/new", admin, {
      name: "  Leeds Teaching Hospitals NHS Trust ",
      kind: "PROVIDER",
      providerType: "NHS_TRUST",
      code: "rr8",
      regionId,
    });
    expect(result.status).toBe(302);
    const organisation = await prisma.organisation.findFirstOrThrow({ where: { code: "RR8" } });
    expect(organisation).toMatchObject({ name: "Leeds Teaching Hospitals NHS Trust", kind: "PROVIDER", providerType: "NHS_TRUST", regionId });
    expect(result.response?.headers.get("Location")).toBe(`/admin/organisations/${organisation.id}`);
    expect(await bannerAfter(result.response, admin)).toBe("The organisation has been added. Add its sites, workforce figures and users below.");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "organisation-created", entityId: organisation.id } });
    expect(audit).toMatchObject({ actorId: adminId, entityType: "Organisation" });
    expect(audit.details).toMatchObject({ name: "Leeds Teaching Hospitals NHS Trust", code: "RR8" });
  });

  it("creates a university without a provider type or code", async () => {
    const result = await submit(newOrganisation.action, "/admin/organisations/new", admin, {
      name: "Sheffield Hallam University",
      kind: "UNIVERSITY",
      regionId,
    });
    expect(result.status).toBe(302);
    expect(await prisma.organisation.findFirstOrThrow({ where: { name: "Sheffield Hallam University" } })).toMatchObject({
      providerType: null,
      code: null,
    });
  });

  it.each([
    [{ providerType: "" }, "providerType", "Choose the provider type"],
    [{ kind: "UNIVERSITY" }, "providerType", "A university has no provider type: leave it empty"],
    [{ name: "" }, "name", "Enter the organisation's name"],
    [{ name: "x".repeat(201) }, "name", "Use 200 characters or fewer"],
    [{ kind: "HOSPITAL" }, "kind", "Choose whether it is a placement provider or a university"],
    [{ code: "R-8!" }, "code", "Enter the ODS code or UKPRN as 3 to 10 letters and numbers, like RJ1 or 10007784"],
    [{ regionId: "" }, "regionId", "Choose the region"],
    [{ regionId: "no-such-region" }, "regionId", "Choose a region from the list"],
  ])("refuses %j with 400 and the message by the field, saving nothing", async (change, field, message) => {
    const before = await prisma.organisation.count();
    const auditsBefore = await auditCount("organisation-created");
    const result = await submit(newOrganisation.action, "/admin/organisations/new", admin, {
      name: "Bradford District Care",
      kind: "PROVIDER",
      providerType: "COMMUNITY",
      regionId,
      ...change,
    });
    expect(result.status).toBe(400);
    expect(fieldErrors(result)[field]).toEqual([message]);
    expect(await prisma.organisation.count()).toBe(before);
    expect(await auditCount("organisation-created")).toBe(auditsBefore);
  });

  it("turns a duplicate name in the region (any case) or a duplicate code into a field error", async () => {
    await createOrganisation({ regionId, name: "Airedale NHS Foundation Trust" });
    const sameName = await submit(newOrganisation.action, "/admin/organisations/new", admin, {
      name: "AIREDALE nhs foundation trust",
      kind: "PROVIDER",
      providerType: "NHS_TRUST",
      regionId,
    });
    expect(sameName.status).toBe(400);
    expect(fieldErrors(sameName).name).toEqual(["There is already an organisation called Airedale NHS Foundation Trust in this region"]);

    const otherRegion = (await createRegion()).id;
    const elsewhere = await submit(newOrganisation.action, "/admin/organisations/new", admin, {
      name: "Airedale NHS Foundation Trust",
      kind: "PROVIDER",
      providerType: "NHS_TRUST",
      code: "RCF",
      regionId: otherRegion,
    });
    expect(elsewhere.status).toBe(302);

    const sameCode = await submit(newOrganisation.action, "/admin/organisations/new", admin, {
      name: "Another Trust",
      kind: "PROVIDER",
      providerType: "NHS_TRUST",
      code: "rcf",
      regionId,
    });
    expect(sameCode.status).toBe(400);
    expect(fieldErrors(sameCode).code).toEqual(["Airedale NHS Foundation Trust already has the code RCF"]);
    expect(await prisma.organisation.count({ where: { name: "Another Trust" } })).toBe(0);
  });
});

describe("two administrators at once", () => {
  it("turns a concurrent duplicate organisation into a field error, not a crash", async () => {
    const value = { name: "Mid Yorkshire Teaching", kind: "PROVIDER" as const, providerType: "NHS_TRUST" as const, regionId };
    const results = await Promise.allSettled([createOrganisationAsAdmin(adminId, value), createOrganisationAsAdmin(adminId, value)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(Refusal);
    expect(refused.reason).toMatchObject({ field: "name" });
    expect(await prisma.organisation.count({ where: { name: "Mid Yorkshire Teaching" } })).toBe(1);
  });

  it("turns a concurrent duplicate site into a field error", async () => {
    const organisation = await createOrganisation({ regionId });
    const value = { name: "Pinderfields", postcode: "WF1 4DG", latitude: 53.69, longitude: -1.48 };
    const results = await Promise.allSettled([addSite(adminId, organisation.id, value), addSite(adminId, organisation.id, value)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ field: "name" });
    expect(await prisma.site.count({ where: { organisationId: organisation.id } })).toBe(1);
    expect(await auditCount("site-added")).toBeGreaterThan(0);
  });
});

describe("an organisation's page", () => {
  let trustId: string;
  let path: string;
  let params: { organisationId: string };
  const act = (form: Record<string, string>) => submit(organisationPage.action, path, admin, form, { params });

  beforeAll(async () => {
    const trust = await createOrganisation({ regionId, name: "Harrogate and District NHS Foundation Trust" });
    trustId = trust.id;
    path = `/admin/organisations/${trustId}`;
    params = { organisationId: trustId };
  });

  it("loads the details, sites, workforce and users", async () => {
    const educator = await createUser("EDUCATOR", { organisationId: trustId });
    const result = await load(organisationPage.loader, path, admin, params);
    expect(result.status).toBe(200);
    const data = result.data as { organisation: { name: string; users: { id: string }[] } };
    expect(data.organisation.name).toBe("Harrogate and District NHS Foundation Trust");
    expect(data.organisation.users.map((user) => user.id)).toContain(educator.id);
  });

  it("refuses an unknown intent with 400", async () => {
    expect((await act({ intent: "launch-rockets" })).status).toBe(400);
  });

  describe("details", () => {
    it("saves changes and audits what changed", async () => {
      const result = await act({ intent: "update-organisation", name: "Harrogate District Foundation Trust", kind: "PROVIDER", providerType: "COMMUNITY", code: "RCD", regionId });
      expect(result.status).toBe(302);
      expect(result.response?.headers.get("Location")).toBe(path);
      expect(await bannerAfter(result.response, admin)).toBe("The organisation's details have been saved.");
      expect(await prisma.organisation.findUniqueOrThrow({ where: { id: trustId } })).toMatchObject({
        name: "Harrogate District Foundation Trust",
        providerType: "COMMUNITY",
        code: "RCD",
      });
      const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "organisation-updated", entityId: trustId } });
      expect(audit.details).toEqual({
        changes: {
          name: { from: "Harrogate and District NHS Foundation Trust", to: "Harrogate District Foundation Trust" },
          providerType: { from: "NHS_TRUST", to: "COMMUNITY" },
          code: { from: null, to: "RCD" },
        },
      });
    });

    it("refuses another organisation's name in the same region as a field error", async () => {
      await createOrganisation({ regionId, name: "York and Scarborough Teaching Hospitals" });
      const result = await act({ intent: "update-organisation", name: "York and Scarborough Teaching Hospitals", kind: "PROVIDER", providerType: "NHS_TRUST", regionId });
      expect(result.status).toBe(400);
      expect(fieldErrors(result).name).toEqual(["There is already an organisation called York and Scarborough Teaching Hospitals in this region"]);
      expect((await prisma.organisation.findUniqueOrThrow({ where: { id: trustId } })).name).toBe("Harrogate District Foundation Trust");
    });

    it("keeps the kind once the organisation has users", async () => {
      const result = await act({ intent: "update-organisation", name: "Harrogate District Foundation Trust", kind: "UNIVERSITY", regionId });
      expect(result.status).toBe(400);
      expect(fieldErrors(result).kind).toEqual(["The kind cannot change once the organisation has users, open invitations or workforce figures"]);
      expect((await prisma.organisation.findUniqueOrThrow({ where: { id: trustId } })).kind).toBe("PROVIDER");
    });
  });

  describe("sites", () => {
    it("adds a site with a normalised postcode and audits it", async () => {
      const result = await act({ intent: "add-site", name: "Harrogate District Hospital", postcode: "hg27sx", latitude: "53.9924", longitude: "-1.5396" });
      expect(result.status).toBe(302);
      expect(result.response?.headers.get("Location")).toBe(path);
      expect(await bannerAfter(result.response, admin)).toBe("The site has been added.");
      const site = await prisma.site.findFirstOrThrow({ where: { organisationId: trustId, name: "Harrogate District Hospital" } });
      expect(site).toMatchObject({ postcode: "HG2 7SX", latitude: 53.9924, longitude: -1.5396 });
      expect(await auditCount("site-added", site.id)).toBe(1);
    });

    it.each([
      [{ postcode: "HG2" }, "postcode", "Enter a UK postcode, like LS1 4AP"],
      [{ latitude: "95" }, "latitude", "The latitude must be between -90 and 90"],
      [{ longitude: "-200" }, "longitude", "The longitude must be between -180 and 180"],
      [{ latitude: "fifty" }, "latitude", "Enter the latitude as a number, like 51.5074"],
      [{ name: " " }, "name", "Enter the site's name"],
    ])("refuses %j with 400 by the field, saving nothing", async (change, field, message) => {
      const before = await prisma.site.count({ where: { organisationId: trustId } });
      const result = await act({ intent: "add-site", name: "Ripon Community Hospital", postcode: "HG4 2PR", latitude: "54.13", longitude: "-1.52", ...change });
      expect(result.status).toBe(400);
      expect((result.data as { intent: string }).intent).toBe("add-site");
      expect(fieldErrors(result)[field]).toEqual([message]);
      expect(await prisma.site.count({ where: { organisationId: trustId } })).toBe(before);
    });

    it("turns a duplicate site name into a field error", async () => {
      const result = await act({ intent: "add-site", name: "harrogate district hospital", postcode: "HG2 7SX", latitude: "53.99", longitude: "-1.54" });
      expect(result.status).toBe(400);
      expect(fieldErrors(result).name).toEqual(["This organisation already has a site called Harrogate District Hospital"]);
      expect(await prisma.site.count({ where: { organisationId: trustId } })).toBe(1);
    });

    it("edits a site and audits the change", async () => {
      const site = await prisma.site.findFirstOrThrow({ where: { organisationId: trustId } });
      const result = await submit(
        organisationPage.action,
        `${path}?editSite=${site.id}`,
        admin,
        { intent: "edit-site", siteId: site.id, name: "Harrogate District Hospital", postcode: "HG2 7SX", latitude: "53.9925", longitude: "-1.5396" },
        { params },
      );
      expect(result.status).toBe(302);
      expect(result.response?.headers.get("Location")).toBe(path);
      expect(await bannerAfter(result.response, admin)).toBe("The site has been saved.");
      expect((await prisma.site.findUniqueOrThrow({ where: { id: site.id } })).latitude).toBe(53.9925);
      const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "site-updated", entityId: site.id } });
      expect(audit.details).toMatchObject({ changes: { latitude: { from: 53.9924, to: 53.9925 } } });
    });

    it("refuses an edit that takes another site's name, or a malformed one", async () => {
      const other = await prisma.site.create({
        data: { organisationId: trustId, name: "Ripon Community Hospital", postcode: "HG4 2PR", latitude: 54.13, longitude: -1.52 },
      });
      const clash = await act({ intent: "edit-site", siteId: other.id, name: "Harrogate District Hospital", postcode: "HG4 2PR", latitude: "54.13", longitude: "-1.52" });
      expect(clash.status).toBe(400);
      expect(fieldErrors(clash).name).toEqual(["This organisation already has a site called Harrogate District Hospital"]);
      const malformed = await act({ intent: "edit-site", siteId: other.id, name: "Ripon", postcode: "nowhere", latitude: "54.13", longitude: "-1.52" });
      expect(malformed.status).toBe(400);
      expect(await prisma.site.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ name: "Ripon Community Hospital", postcode: "HG4 2PR" });
    });

    it("will not touch another organisation's site through this page", async () => {
      const elsewhere = await createOrganisation({ regionId });
      const foreign = await prisma.site.create({
        data: { organisationId: elsewhere.id, name: "Foreign site", postcode: "LS1 3EX", latitude: 53.8, longitude: -1.55 },
      });
      const edit = await act({ intent: "edit-site", siteId: foreign.id, name: "Taken over", postcode: "LS1 3EX", latitude: "53.8", longitude: "-1.55" });
      expect(edit.status).toBe(404);
      expect((await act({ intent: "remove-site", siteId: foreign.id })).status).toBe(404);
      expect(await prisma.site.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ name: "Foreign site" });
    });

    it("keeps a site that has placement offers, saying why", async () => {
      const site = await prisma.site.create({
        data: { organisationId: trustId, name: "Offer site", postcode: "HG1 1AA", latitude: 54, longitude: -1.5 },
      });
      await prisma.offer.create({
        data: {
          providerId: trustId,
          siteId: site.id,
          profession: "PT",
          startDate: new Date("2027-01-04"),
          endDate: new Date("2027-02-26"),
          slots: 2,
          supervisionModel: "ONE_TO_ONE",
          yearsOfStudy: [],
        },
      });
      const result = await act({ intent: "remove-site", siteId: site.id });
      expect(result.status).toBe(409);
      expect(JSON.stringify(result.data)).toContain("Offer site has placement offers, so it cannot be removed");
      expect(await prisma.site.findUnique({ where: { id: site.id } })).not.toBeNull();
      expect(await auditCount("site-removed", site.id)).toBe(0);
    });

    it("removes a site and audits it", async () => {
      const site = await prisma.site.findFirstOrThrow({ where: { organisationId: trustId, name: "Ripon Community Hospital" } });
      const result = await act({ intent: "remove-site", siteId: site.id });
      expect(result.status).toBe(302);
      expect(await prisma.site.findUnique({ where: { id: site.id } })).toBeNull();
      const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "site-removed", entityId: site.id } });
      expect(audit.details).toMatchObject({ organisationId: trustId, name: "Ripon Community Hospital" });
      expect((await act({ intent: "remove-site", siteId: "" })).status).toBe(400);
    });
  });

  describe("workforce", () => {
    it("adds a figure for a profession and year, and audits it", async () => {
      const result = await act({ intent: "add-workforce", profession: "PT", year: "2026", wte: "42.5" });
      expect(result.status).toBe(302);
      const row = await prisma.workforce.findFirstOrThrow({ where: { organisationId: trustId, profession: "PT", year: 2026 } });
      expect(row.wte).toBe(42.5);
      const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "workforce-set", entityId: row.id } });
      expect(audit.details).toMatchObject({ profession: "PT", year: 2026, wte: 42.5, previousWte: null });
    });

    it("turns a second figure for the same profession and year into a field error", async () => {
      const result = await act({ intent: "add-workforce", profession: "PT", year: "2026", wte: "50" });
      expect(result.status).toBe(400);
      expect(fieldErrors(result).profession).toEqual(["There is already a figure for Physiotherapy in 2026/27: change it in the table instead"]);
      expect((await prisma.workforce.findFirstOrThrow({ where: { organisationId: trustId, profession: "PT", year: 2026 } })).wte).toBe(42.5);
    });

    it.each([
      [{ wte: "-0.5" }, "wte", "The WTE cannot be negative"],
      [{ wte: "3.141" }, "wte", "Use at most 2 decimal places, like 12.75"],
      [{ wte: "" }, "wte", "Enter the whole-time equivalent (WTE)"],
      [{ year: "1999" }, "year", "Enter a year from 2000 to 2100"],
      [{ profession: "NURSING" }, "profession", "Choose the profession"],
    ])("refuses %j with 400, saving nothing", async (change, field, message) => {
      const before = await prisma.workforce.count({ where: { organisationId: trustId } });
      const result = await act({ intent: "add-workforce", profession: "OT", year: "2026", wte: "10", ...change });
      expect(result.status).toBe(400);
      expect(fieldErrors(result)[field]).toEqual([message]);
      expect(await prisma.workforce.count({ where: { organisationId: trustId } })).toBe(before);
    });

    it("changes a figure's WTE and records the previous one", async () => {
      const row = await prisma.workforce.findFirstOrThrow({ where: { organisationId: trustId, profession: "PT", year: 2026 } });
      const result = await act({ intent: "update-workforce", workforceId: row.id, wte: "44.25" });
      expect(result.status).toBe(302);
      expect((await prisma.workforce.findUniqueOrThrow({ where: { id: row.id } })).wte).toBe(44.25);
      const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "workforce-set", entityId: row.id }, orderBy: { createdAt: "desc" } });
      expect(audit.details).toMatchObject({ wte: 44.25, previousWte: 42.5 });
      const bad = await act({ intent: "update-workforce", workforceId: row.id, wte: "-3" });
      expect(bad.status).toBe(400);
      expect((await prisma.workforce.findUniqueOrThrow({ where: { id: row.id } })).wte).toBe(44.25);
    });

    it("removes a figure and audits it", async () => {
      const row = await prisma.workforce.create({ data: { organisationId: trustId, profession: "SLT", year: 2025, wte: 3 } });
      const result = await act({ intent: "remove-workforce", workforceId: row.id });
      expect(result.status).toBe(302);
      expect(await prisma.workforce.findUnique({ where: { id: row.id } })).toBeNull();
      expect(await auditCount("workforce-removed", row.id)).toBe(1);
    });

    it("keeps workforce figures to placement providers", async () => {
      const university = await createOrganisation({ kind: "UNIVERSITY", regionId });
      const result = await submit(
        organisationPage.action,
        `/admin/organisations/${university.id}`,
        admin,
        { intent: "add-workforce", profession: "PT", year: "2026", wte: "4" },
        { params: { organisationId: university.id } },
      );
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.data)).toContain("Only placement providers have workforce figures");
      expect(await prisma.workforce.count({ where: { organisationId: university.id } })).toBe(0);
    });
  });
});
