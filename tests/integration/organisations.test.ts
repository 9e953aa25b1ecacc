import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { loader as profileLoader } from "~/routes/organisations.$organisationId";
import { loader as listLoader } from "~/routes/organisations._index";
import { useTestDatabase } from "../helpers/database";
import { buildRequest, createOrganisation, createRegion, createUser, settle, signInAs, testContext, type SignedIn } from "../helpers/fixtures";

useTestDatabase();

function list(query: string, as?: SignedIn) {
  return settle(() => listLoader({ request: buildRequest(`/organisations${query}`, { as }), params: {}, context: testContext }));
}

function profile(organisationId: string, as?: SignedIn) {
  return settle(() =>
    profileLoader({ request: buildRequest(`/organisations/${organisationId}`, { as }), params: { organisationId }, context: testContext }),
  );
}

type ListData = {
  organisations: { id: string; name: string; siteCount: number; workforce: { year: number; wte: number } | null }[];
  window: { total: number; pageCount: number };
  regionName: string | null;
};
type ProfileData = {
  organisation: { name: string; sites: { name: string; postcode: string }[] };
  workforce: { year: number | null; rows: { profession: string; wte: number }[]; total: number };
  canEdit: boolean;
};

let north: string;
let south: string;
let trust: { id: string; name: string };
let university: { id: string; name: string };
let southTrust: { id: string; name: string };
let facilitator: SignedIn;

beforeAll(async () => {
  north = (await createRegion("North West")).id;
  south = (await createRegion("South East")).id;
  trust = await createOrganisation({ regionId: north, name: "Manchester University NHS Foundation Trust" });
  university = await createOrganisation({ kind: "UNIVERSITY", regionId: north, name: "University of Salford" });
  southTrust = await createOrganisation({ regionId: south, name: "Brighton and Sussex University Hospitals" });
  await prisma.site.createMany({
    data: [
      { organisationId: trust.id, name: "Manchester Royal Infirmary", postcode: "M13 9WL", latitude: 53.4627, longitude: -2.2268 },
      { organisationId: trust.id, name: "Wythenshawe Hospital", postcode: "M23 9LT", latitude: 53.3891, longitude: -2.2917 },
    ],
  });
  await prisma.workforce.createMany({
    data: [
      { organisationId: trust.id, profession: "PT", year: 2025, wte: 100 },
      { organisationId: trust.id, profession: "PT", year: 2026, wte: 120.25 },
      { organisationId: trust.id, profession: "OT", year: 2026, wte: 80.1 },
      { organisationId: trust.id, profession: "SLT", year: 2026, wte: 20.2 },
    ],
  });
  facilitator = await signInAs(await createUser("FACILITATOR", { regionId: north }));
});

describe("the organisations list", () => {
  it("shows a facilitator the organisations of their region only, with sites and latest workforce", async () => {
    const result = await list("", facilitator);
    expect(result.status).toBe(200);
    const data = result.data as ListData;
    expect(data.regionName).toBe("North West");
    expect(data.organisations.map((organisation) => organisation.name)).toEqual([
      "Manchester University NHS Foundation Trust",
      "University of Salford",
    ]);
    expect(data.organisations[0]).toMatchObject({ siteCount: 2, workforce: { year: 2026, wte: 220.55 } });
    expect(data.organisations[1].workforce).toBeNull();
  });

  it("cannot be widened to another region by a filter", async () => {
    const data = (await list(`?regionId=${south}`, facilitator)).data as ListData;
    expect(data.organisations).toEqual([]);
  });

  it("filters by name and kind", async () => {
    expect(((await list("?q=salford", facilitator)).data as ListData).organisations.map((o) => o.name)).toEqual(["University of Salford"]);
    expect(((await list("?kind=PROVIDER", facilitator)).data as ListData).organisations.map((o) => o.name)).toEqual([
      "Manchester University NHS Foundation Trust",
    ]);
  });

  it("shows an administrator every region", async () => {
    const admin = await signInAs(await createUser("ADMIN"));
    const data = (await list("", admin)).data as ListData;
    expect(data.organisations.map((organisation) => organisation.id)).toEqual(expect.arrayContaining([trust.id, university.id, southTrust.id]));
  });

  it("shows a facilitator without a region nothing, rather than everything", async () => {
    const adrift = await signInAs(await createUser("FACILITATOR"));
    const result = await list("", adrift);
    expect(result.status).toBe(200);
    expect((result.data as ListData).organisations).toEqual([]);
  });

  it("refuses educators, university teams and students with 403", async () => {
    const educator = await signInAs(await createUser("EDUCATOR", { organisationId: trust.id }));
    const team = await signInAs(await createUser("UNIVERSITY", { organisationId: university.id }));
    const student = await signInAs(await createUser("STUDENT", { organisationId: university.id }));
    for (const who of [educator, team, student]) expect((await list("", who)).status).toBe(403);
  });

  it("sends someone who is not signed in to sign in", async () => {
    const result = await list("");
    expect(result.status).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/sign-in?redirectTo=%2Forganisations");
  });
});

describe("an organisation's profile", () => {
  it("shows a facilitator of the region the details, sites and the latest year's workforce with its total", async () => {
    const result = await profile(trust.id, facilitator);
    expect(result.status).toBe(200);
    const data = result.data as ProfileData;
    expect(data.organisation.name).toBe("Manchester University NHS Foundation Trust");
    expect(data.organisation.sites.map((site) => site.name)).toEqual(["Manchester Royal Infirmary", "Wythenshawe Hospital"]);
    expect(data.workforce).toEqual({
      year: 2026,
      rows: [
        { profession: "PT", wte: 120.25 },
        { profession: "OT", wte: 80.1 },
        { profession: "SLT", wte: 20.2 },
      ],
      total: 220.55,
    });
    expect(data.canEdit).toBe(false);
  });

  it("answers 404 to a facilitator for another region's organisation, as for one that does not exist", async () => {
    const other = await profile(southTrust.id, facilitator);
    const missing = await profile("no-such-organisation", facilitator);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await other.response?.text()).toBe(await missing.response?.text());
  });

  it("shows educators their own organisation and answers 404 for any other", async () => {
    const educator = await signInAs(await createUser("EDUCATOR", { organisationId: trust.id }));
    expect((await profile(trust.id, educator)).status).toBe(200);
    expect((await profile(university.id, educator)).status).toBe(404);
    expect((await profile(southTrust.id, educator)).status).toBe(404);
  });

  it("shows a university team its own university and answers 404 for a provider", async () => {
    const team = await signInAs(await createUser("UNIVERSITY", { organisationId: university.id }));
    const own = await profile(university.id, team);
    expect(own.status).toBe(200);
    expect((own.data as ProfileData).workforce).toEqual({ year: null, rows: [], total: 0 });
    expect((await profile(trust.id, team)).status).toBe(404);
  });

  it("answers 404 to a student, even for their own university", async () => {
    const student = await signInAs(await createUser("STUDENT", { organisationId: university.id }));
    expect((await profile(university.id, student)).status).toBe(404);
    expect((await profile(trust.id, student)).status).toBe(404);
  });

  it("offers an administrator the edit page", async () => {
    const admin = await signInAs(await createUser("ADMIN"));
    const result = await profile(southTrust.id, admin);
    expect(result.status).toBe(200);
    expect((result.data as ProfileData).canEdit).toBe(true);
  });

  it("sends someone who is not signed in to sign in", async () => {
    expect((await profile(trust.id)).status).toBe(302);
  });
});
