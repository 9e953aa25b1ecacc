import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { getRegionFairShareFor } from "~/dashboards/region.server";
import { bookOffer } from "~/marketplace/allocations.server";
import { loader as drillDownLoader } from "~/routes/facilitator.fair-share.$providerId";
import { loader as fairShareLoader } from "~/routes/facilitator.fair-share._index";
import { loader as overviewCsvLoader } from "~/routes/facilitator.fair-share.overview[.csv]";
import { loader as providersCsvLoader } from "~/routes/facilitator.fair-share.providers[.csv]";
import { loader as overviewLoader } from "~/routes/facilitator._index";
import { loader as providerViewLoader } from "~/routes/provider.fair-share";
import { loader as providerCsvLoader } from "~/routes/provider.fair-share[.csv]";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createRegion, createUser, signInAs, type SignedIn } from "../helpers/fixtures";
import { createOffer, createRequest, createSite } from "../helpers/marketplace";
import { call, sessionUserOf } from "./provider-fixtures";
import type { SupplyDemandRow } from "~/dashboards/dashboard-rules";

useTestDatabase();

/**
 * A hand-built region for 2026/27: providers Big (35 PT WTE) and Small (5 PT WTE, named like a
 * spreadsheet formula), universities One (6 PT students, January) and Two (4 PT in October, 2 OT
 * in November). Big offers 5 PT slots in January (3 booked), Small 2 in October (1 booked).
 * PT fair share of 10 students: 8.75 / 1.25 → Big 9, Small 1 (largest remainder).
 */
let facilitator: SignedIn;
let farFacilitator: SignedIn;
let bigEducator: SignedIn;
let smallEducator: SignedIn;
let universityUser: SignedIn;
let big: { id: string; name: string };
let small: { id: string; name: string };
let far: { id: string; name: string };

beforeAll(async () => {
  const region = await createRegion();
  const elsewhere = await createRegion();
  big = await createOrganisation({ regionId: region.id, name: "Big Hospitals NHS Trust" });
  small = await createOrganisation({ regionId: region.id, name: "=HYPERLINK(\"http://evil\")" });
  far = await createOrganisation({ regionId: elsewhere.id, name: "Faraway Trust" });
  await prisma.workforce.createMany({
    data: [
      { organisationId: big.id, profession: "PT", year: 2026, wte: 35 },
      { organisationId: small.id, profession: "PT", year: 2026, wte: 5 },
      { organisationId: far.id, profession: "PT", year: 2026, wte: 500 },
    ],
  });
  const one = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const two = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const farUniversity = await createOrganisation({ kind: "UNIVERSITY", regionId: elsewhere.id });
  const oneTeam = await createUser("UNIVERSITY", { organisationId: one.id });
  const twoTeam = sessionUserOf(await createUser("UNIVERSITY", { organisationId: two.id }));

  const january = await createRequest(one.id, { students: 6, start: "2027-01-11", end: "2027-02-05" });
  const october = await createRequest(two.id, { students: 4, start: "2026-10-05", end: "2026-10-30" });
  await createRequest(two.id, { students: 2, profession: "OT", start: "2026-11-02", end: "2026-11-27" });
  const cancelled = await createRequest(one.id, { students: 30 });
  await prisma.placementRequest.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });
  await createRequest(one.id, { students: 50, start: "2027-09-06", end: "2027-10-01" }); // next year
  await createRequest(farUniversity.id, { students: 40 });

  const bigOffer = await createOffer(big.id, { slots: 5, start: "2027-01-04", end: "2027-02-26" });
  await createOffer(big.id, { slots: 20, status: "DRAFT" });
  const smallOffer = await createOffer(small.id, { slots: 2, start: "2026-10-01", end: "2026-11-30" });
  await createOffer(far.id, { slots: 99 });
  await bookOffer(sessionUserOf(oneTeam), { offerId: bigOffer.id, requestId: january.id, students: 3 });
  await bookOffer(twoTeam, { offerId: smallOffer.id, requestId: october.id, students: 1 });

  const bigSite = await createSite(big.id, { name: "Big General" });
  await prisma.placementAudit.createMany({
    data: [
      { siteId: bigSite.id, providerId: big.id, rating: "SATISFACTORY", auditedOn: new Date("2024-01-10T00:00:00Z"), expiresOn: new Date("2026-01-10T00:00:00Z") },
      { siteId: bigSite.id, providerId: big.id, rating: "EXCELLENT", auditedOn: new Date("2026-03-01T00:00:00Z"), expiresOn: new Date("2028-03-01T00:00:00Z") },
    ],
  });

  facilitator = await signInAs(await createUser("FACILITATOR", { regionId: region.id }));
  farFacilitator = await signInAs(await createUser("FACILITATOR", { regionId: elsewhere.id }));
  bigEducator = await signInAs(await createUser("EDUCATOR", { organisationId: big.id }));
  smallEducator = await signInAs(await createUser("EDUCATOR", { organisationId: small.id }));
  universityUser = await signInAs(oneTeam);
});

type Row = SupplyDemandRow;

describe("region overview", () => {
  it("counts demand, offered, allocated and unmet by profession, month and in total", async () => {
    const result = await call(overviewLoader, "/facilitator?year=2026", { as: facilitator });
    expect(result.status).toBe(200);
    const data = result.data as { byProfession: Row[]; byMonth: Row[]; totals: Row };
    const pick = (row: Row | undefined) => row && [row.demand, row.offered, row.allocated, row.unmet];
    expect(data.byProfession.map((row) => [row.key, ...pick(row)!])).toEqual([
      ["PT", 10, 7, 4, 6],
      ["OT", 2, 0, 0, 2],
    ]);
    expect(pick(data.totals)).toEqual([12, 7, 4, 8]);
    expect(pick(data.byMonth.find((row) => row.key === "2026-10"))).toEqual([4, 2, 1, 3]);
    expect(pick(data.byMonth.find((row) => row.key === "2026-11"))).toEqual([2, 0, 0, 2]);
    expect(pick(data.byMonth.find((row) => row.key === "2027-01"))).toEqual([6, 5, 3, 3]);
    // Both bookings still await their provider: places held, nobody placed.
    expect(data.totals).toMatchObject({ held: 4, confirmed: 0, placed: 0 });
  });

  it("counts students as placed once the provider has confirmed, and those the university accepted apart", async () => {
    const january = await prisma.allocation.findFirstOrThrow({ where: { students: 3, offer: { providerId: big.id } } });
    const october = await prisma.allocation.findFirstOrThrow({ where: { students: 1, offer: { providerId: small.id } } });
    await prisma.allocation.update({ where: { id: october.id }, data: { status: "CONFIRMED" } });
    const confirmed = (await call(overviewLoader, "/facilitator?year=2026", { as: facilitator })).data as { totals: Row };
    expect(confirmed.totals).toMatchObject({ held: 3, confirmed: 1, accepted: 0, placed: 1, unmet: 8 });
    await prisma.allocation.update({ where: { id: january.id }, data: { status: "ACCEPTED" } });
    const placed = (await call(overviewLoader, "/facilitator?year=2026", { as: facilitator })).data as { totals: Row };
    expect(placed.totals).toMatchObject({ held: 0, confirmed: 1, accepted: 3, placed: 4, unmet: 8 });
    await prisma.allocation.update({ where: { id: january.id }, data: { status: "PROPOSED" } });
    await prisma.allocation.update({ where: { id: october.id }, data: { status: "PROPOSED" } });
  });

  it("shows another region's facilitator only their own region", async () => {
    const data = (await call(overviewLoader, "/facilitator?year=2026", { as: farFacilitator })).data as { totals: Row };
    expect([data.totals.demand, data.totals.offered]).toEqual([40, 99]);
  });

  it("exports the figures as CSV", async () => {
    const result = await call(overviewCsvLoader, "/facilitator/fair-share/overview.csv?year=2026", { as: facilitator });
    expect(result.response?.headers.get("Content-Type")).toContain("text/csv");
    expect(result.response?.headers.get("Content-Disposition")).toBe('attachment; filename="region-overview-2026.csv"');
    const text = await result.response!.text();
    expect(text.split("\n")[0]).toBe("view,group,demand,offered,placed,confirmed_awaiting_university,accepted_or_later,proposed_held,unmet");
    expect(text).toContain("profession,Physiotherapy,10,7,0,0,0,4,6");
    expect(text).toContain("total,All professions,12,7,0,0,0,4,8");
  });

  it("refuses educators and universities (403)", async () => {
    for (const as of [bigEducator, universityUser]) {
      expect((await call(overviewLoader, "/facilitator", { as })).status).toBe(403);
      expect((await call(fairShareLoader, "/facilitator/fair-share", { as })).status).toBe(403);
      expect((await call(overviewCsvLoader, "/facilitator/fair-share/overview.csv", { as })).status).toBe(403);
      expect((await call(providersCsvLoader, "/facilitator/fair-share/providers.csv", { as })).status).toBe(403);
      expect((await call(drillDownLoader, `/facilitator/fair-share/${big.id}`, { as, params: { providerId: big.id } })).status).toBe(403);
    }
  });
});

interface RatioRow {
  providerId: string;
  providerName: string;
  fairShare: number;
  offered: number;
  ratio: number | null;
  band: string | null;
  weeksPerWte: number | null;
}

describe("facilitator fair share", () => {
  it("lists every provider's PT ratio, highest first, with bands and weeks per WTE", async () => {
    const data = (await call(fairShareLoader, "/facilitator/fair-share?year=2026&profession=PT", { as: facilitator })).data as { rows: RatioRow[]; demand: number };
    expect(data.demand).toBe(10);
    expect(data.rows.map((row) => [row.providerName, row.fairShare, row.offered, row.band])).toEqual([
      [small.name, 1, 2, "green"],
      [big.name, 9, 5, "red"],
    ]);
    expect(data.rows[0].ratio).toBe(2);
    expect(data.rows[1].ratio).toBeCloseTo(5 / 9);
    // Big: 5 slots × 8 weeks (4 Jan to 26 Feb) over 35 WTE.
    expect(data.rows[1].weeksPerWte).toBeCloseTo(40 / 35);
    expect(JSON.stringify(data)).not.toContain(far.id);
  });

  it("sends one page of the providers, filtered by band and name and in the order asked for", async () => {
    type Page = { rows: RatioRow[]; providerCount: number; bandCounts: Record<string, number>; window: { total: number; page: number } };
    const page = async (query: string) => (await call(fairShareLoader, `/facilitator/fair-share?year=2026&profession=PT${query}`, { as: facilitator })).data as Page;
    const lowestFirst = await page("&sort=ratio-asc");
    expect(lowestFirst.rows.map((row) => row.providerName)).toEqual([big.name, small.name]);
    expect(lowestFirst.bandCounts).toMatchObject({ red: 1, green: 1, amber: 0 });
    const red = await page("&band=red");
    expect(red.rows.map((row) => row.providerName)).toEqual([big.name]);
    expect(red).toMatchObject({ providerCount: 2, window: { total: 1, page: 1 } });
    expect((await page(`&q=${encodeURIComponent(small.name.slice(0, 6).toUpperCase())}`)).rows.map((row) => row.providerName)).toEqual([small.name]);
    // Nonsense in the query string falls back to the defaults rather than failing.
    const odd = await call(fairShareLoader, "/facilitator/fair-share?year=2026&profession=PT&sort=%00&band=<b>&page=-1", { as: facilitator });
    expect(odd.status).toBe(200);
    expect((odd.data as Page).rows.map((row) => row.providerName)).toEqual([small.name, big.name]);
  });

  it("agrees with the provider's own capacity figures", async () => {
    const { loadProviderFairShare } = await import("~/fair-share/fair-share.server");
    const own = await loadProviderFairShare((await prisma.organisation.findUniqueOrThrow({ where: { id: big.id } })).regionId, big.id, 2026);
    expect(own.rows.find((row) => row.profession === "PT")).toMatchObject({ fairShare: 9, offered: 5 });
  });

  it("exports a formula-safe CSV", async () => {
    const result = await call(providersCsvLoader, "/facilitator/fair-share/providers.csv?year=2026&profession=PT", { as: facilitator });
    const text = await result.response!.text();
    expect(text.split("\n")[0]).toBe(
      "profession,provider,wte,fair_share,offered,proposed_held,confirmed,accepted,students_named,completed,hosted,ratio,band,placement_weeks_per_wte",
    );
    // Its one student is held by a proposal: counted as proposed, not hosted.
    expect(text).toContain(`PT,"'=HYPERLINK(""http://evil"")",5,1,2,1,0,0,0,0,0,2.00,At or above fair share,`);
    expect(text).not.toMatch(/^PT,"?=/m);
  });

  it("drills down into a provider: fair share, offers, allocations, latest audit", async () => {
    const result = await call(drillDownLoader, `/facilitator/fair-share/${big.id}?year=2026`, { as: facilitator, params: { providerId: big.id } });
    expect(result.status).toBe(200);
    const data = result.data as {
      offerTotal: number;
      allocations: { status: string; count: number; students: number }[];
      audits: { siteName: string; rating: string | null }[];
      feedback: unknown[];
    };
    expect(data.offerTotal).toBe(2);
    expect(data.allocations).toEqual([{ status: "PROPOSED", count: 1, students: 3 }]);
    expect(data.audits.find((row) => row.siteName === "Big General")?.rating).toBe("EXCELLENT");
    expect(data.feedback).toEqual([]);
  });

  it("answers 404 for another region's provider or an unknown id", async () => {
    expect((await call(drillDownLoader, `/facilitator/fair-share/${far.id}`, { as: facilitator, params: { providerId: far.id } })).status).toBe(404);
    expect((await call(drillDownLoader, `/facilitator/fair-share/${big.id}`, { as: farFacilitator, params: { providerId: big.id } })).status).toBe(404);
    expect((await call(drillDownLoader, "/facilitator/fair-share/nope", { as: facilitator, params: { providerId: "nope" } })).status).toBe(404);
  });
});

describe("provider fair share", () => {
  it("shows the educator's own row and anonymised peers, with no peer names or ids in the data", async () => {
    const result = await call(providerViewLoader, "/provider/fair-share?year=2026&profession=PT", { as: bigEducator });
    expect(result.status).toBe(200);
    const data = result.data as { rows: { label: string; isSelf: boolean; ratio: number | null; fairShare: number | null }[] };
    expect(data.rows.map((row) => row.label)).toEqual(["Provider A", `${big.name} (you)`]);
    expect(data.rows[0]).toMatchObject({ isSelf: false, ratio: 2, fairShare: null });
    const json = JSON.stringify(result.data);
    expect(json).not.toContain(small.id);
    expect(json).not.toContain(small.name);
    expect(json).not.toContain("HYPERLINK");
    expect(json).not.toContain(far.id);
  });

  it("anonymises from the other provider's side too", async () => {
    const result = await call(providerViewLoader, "/provider/fair-share?year=2026&profession=PT", { as: smallEducator });
    const json = JSON.stringify(result.data);
    expect(json).not.toContain(big.id);
    expect(json).not.toContain(big.name);
    expect(json).toContain("Provider A");
  });

  it("exports the anonymised table as CSV without peer names", async () => {
    const result = await call(providerCsvLoader, "/provider/fair-share.csv?year=2026&profession=PT", { as: smallEducator });
    const text = await result.response!.text();
    expect(text).toContain("PT,Provider A,0.56,Well below fair share,1.14");
    expect(text).toContain(`PT,"'=HYPERLINK(""http://evil"") (you)",2.00,At or above fair share,3.60`);
    expect(text).not.toContain(big.name);
  });

  it("refuses facilitators and universities (403)", async () => {
    for (const as of [facilitator, universityUser]) {
      expect((await call(providerViewLoader, "/provider/fair-share", { as })).status).toBe(403);
      expect((await call(providerCsvLoader, "/provider/fair-share.csv", { as })).status).toBe(403);
    }
  });
});

describe("universities", () => {
  it("gives each university's demand, students at each stage, placed, unmet and shares", async () => {
    const { loader } = await import("~/routes/facilitator.universities");
    const data = (await call(loader, "/facilitator/universities?year=2026", { as: facilitator })).data as {
      rows: { universityName: string; demand: number; byStatus: Record<string, number>; placed: number; unmet: number; fillRate: number; demandShare: number; placedShare: number | null }[];
    };
    // One: 6 requested, 3 held by a proposal; Two: 4 PT + 2 OT requested, 1 held. Nobody is placed yet.
    expect(data.rows.map((row) => [row.demand, row.byStatus.PROPOSED, row.byStatus.CONFIRMED, row.placed, row.unmet])).toEqual([
      [6, 1, 0, 0, 5],
      [6, 3, 0, 0, 3],
    ]);
    expect(data.rows[1].demandShare).toBeCloseTo(0.5);
    expect(data.rows[1].placedShare).toBeNull();
    expect(data.rows[0].fillRate).toBe(0);
    const pt = (await call(loader, "/facilitator/universities?year=2026&profession=OT", { as: facilitator })).data as { rows: { demand: number }[] };
    expect(pt.rows.map((row) => row.demand)).toEqual([2]);
  });

  it("exports a CSV and refuses educators", async () => {
    const csvRoute = await import("~/routes/facilitator.universities[.csv]");
    const result = await call(csvRoute.loader, "/facilitator/universities.csv?year=2026", { as: facilitator });
    const text = await result.response!.text();
    expect(text.split("\n")[0]).toBe(
      "university,demand,proposed_held,confirmed,accepted,students_named,completed,placed,unmet,placed_of_requested_pct,share_of_demand_pct,share_of_placed_pct",
    );
    expect(text).toMatch(/,6,3,0,0,0,0,0,3,0\.0,50\.0,\r?\n/);
    expect((await call(csvRoute.loader, "/facilitator/universities.csv", { as: bigEducator })).status).toBe(403);
  });
});

describe("a region's providers, kept with its figures", () => {
  it("are grouped and sorted once while the figures are kept, and afresh once the data changes", async () => {
    const { regionId } = await prisma.organisation.findUniqueOrThrow({ where: { id: big.id }, select: { regionId: true } });
    const offeredBySmall = (rows: readonly { providerId: string; offered: number }[]) => rows.find((row) => row.providerId === small.id)!.offered;
    const first = await getRegionFairShareFor(regionId!, 2026, "PT");
    expect((await getRegionFairShareFor(regionId!, 2026, "PT")).rows).toBe(first.rows);
    const extra = await createOffer(small.id, { slots: 4, start: "2026-10-05", end: "2026-10-30" });
    try {
      const changed = await getRegionFairShareFor(regionId!, 2026, "PT");
      expect(changed.rows).not.toBe(first.rows);
      expect(offeredBySmall(changed.rows)).toBe(offeredBySmall(first.rows) + 4);
    } finally {
      await prisma.offer.delete({ where: { id: extra.id } });
    }
  });
});
