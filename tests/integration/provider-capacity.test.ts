import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "~/settings/settings";
import { prisma } from "~/platform/db/db.server";
import { bookOffer } from "~/marketplace/allocations.server";
import { loader as capacityLoader } from "~/routes/provider.capacity";
import { loader as homeLoader } from "~/routes/provider._index";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createRegion, createUser, signInAs, type SignedIn } from "../helpers/fixtures";
import { createOffer, createRequest, createSite } from "../helpers/marketplace";
import { call, sessionUserOf, signedInAs } from "./provider-fixtures";
import type { ProviderFairShareRow } from "~/fair-share/fair-share";

useTestDatabase();

interface Capacity {
  rows: ProviderFairShareRow[];
  summary: { fairShare: number; offered: number; ratio: number | null; band: string | null };
  timeline: { buckets: { key: string }[]; professions: string[]; series: Record<string, { offered: number; taken: number }[]> };
  workforce: { profession: string; wte: number }[];
  bands: { red: number; amber: number };
}

/** A region with two providers (30 and 10 PT WTE) and 9 PT students requested in 2026/27. */
let big: SignedIn;
let small: SignedIn;

let bookedAllocationId: string;

beforeAll(async () => {
  const region = await createRegion();
  const elsewhere = await createRegion();
  const bigTrust = await createOrganisation({ regionId: region.id });
  const smallTrust = await createOrganisation({ regionId: region.id });
  const farTrust = await createOrganisation({ regionId: elsewhere.id });
  const closedTrust = await createOrganisation({ regionId: region.id });
  await prisma.organisation.update({ where: { id: closedTrust.id }, data: { active: false } });
  await prisma.workforce.createMany({
    data: [
      { organisationId: bigTrust.id, profession: "PT", year: 2026, wte: 30 },
      { organisationId: smallTrust.id, profession: "PT", year: 2026, wte: 10 },
      { organisationId: bigTrust.id, profession: "OT", year: 2026, wte: 12.5 },
      // Other years, other regions and inactive providers do not count.
      { organisationId: smallTrust.id, profession: "PT", year: 2025, wte: 500 },
      { organisationId: farTrust.id, profession: "PT", year: 2026, wte: 500 },
      { organisationId: closedTrust.id, profession: "PT", year: 2026, wte: 500 },
    ],
  });
  const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const farUniversity = await createOrganisation({ kind: "UNIVERSITY", regionId: elsewhere.id });
  const placementTeam = sessionUserOf(await createUser("UNIVERSITY", { organisationId: university.id }));

  const booked = await createRequest(university.id, { students: 5, start: "2027-01-11", end: "2027-02-05" });
  await createRequest(university.id, { students: 4, start: "2026-10-05", end: "2026-10-30" });
  const cancelled = await createRequest(university.id, { students: 3 });
  await prisma.placementRequest.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });
  await createRequest(university.id, { students: 7, start: "2027-09-06", end: "2027-10-01" });
  await createRequest(farUniversity.id, { students: 11 });

  const site = await createSite(bigTrust.id);
  const offer = await createOffer(bigTrust.id, { siteId: site.id, slots: 6, start: "2027-01-04", end: "2027-02-26" });
  await createOffer(bigTrust.id, { siteId: site.id, slots: 9, status: "DRAFT" });
  await createOffer(bigTrust.id, { siteId: site.id, slots: 9, status: "WITHDRAWN" });
  bookedAllocationId = (await bookOffer(placementTeam, { offerId: offer.id, requestId: booked.id, students: 2 })).id;

  big = await signInAs(await createUser("EDUCATOR", { organisationId: bigTrust.id }));
  small = await signInAs(await createUser("EDUCATOR", { organisationId: smallTrust.id }));
});

const capacity = async (as: SignedIn, query = "?year=2026") => (await call(capacityLoader, `/provider/capacity${query}`, { as })).data as Capacity;

describe("fair share on the capacity page", () => {
  it("apportions 9 students 7 and 2 between 30 and 10 WTE, against what was offered and hosted", async () => {
    const proposed = (await capacity(big)).rows.find((row) => row.profession === "PT")!;
    // A proposal only holds places: hosted means completed.
    expect(proposed).toMatchObject({ hosted: 0, stages: { PROPOSED: 2, CONFIRMED: 0, ACCEPTED: 0, STUDENTS_NAMED: 0, COMPLETED: 0 } });
    await prisma.allocation.update({ where: { id: bookedAllocationId }, data: { status: "COMPLETED" } });
    const page = await capacity(big);
    await prisma.allocation.update({ where: { id: bookedAllocationId }, data: { status: "PROPOSED" } });
    const pt = page.rows.find((row) => row.profession === "PT")!;
    expect(pt).toEqual({
      profession: "PT",
      demand: 9,
      wte: 30,
      regionWte: 40,
      fairShare: 7,
      offered: 6,
      hosted: 2,
      stages: { PROPOSED: 0, CONFIRMED: 0, ACCEPTED: 0, STUDENTS_NAMED: 0, COMPLETED: 2 },
      offeredRatio: 6 / 7,
      offeredBand: "amber",
      hostedRatio: 2 / 7,
      hostedBand: "red",
      // 6 slots × 8 weeks of the offer window; 2 students × 4 weeks of their block.
      offeredWeeksPerWte: 48 / 30,
      hostedWeeksPerWte: 8 / 30,
    });
    const ot = page.rows.find((row) => row.profession === "OT")!;
    expect(ot).toMatchObject({ demand: 0, wte: 12.5, fairShare: 0, offered: 0, offeredRatio: null, offeredBand: null });
    expect(page.summary).toMatchObject({ fairShare: 7, offered: 6, band: "amber" });
    expect(page.workforce).toEqual([
      { profession: "PT", wte: 30 },
      { profession: "OT", wte: 12.5 },
    ]);

    const smaller = await capacity(small);
    expect(smaller.rows).toEqual([expect.objectContaining({ profession: "PT", fairShare: 2, offered: 0, offeredRatio: 0, offeredBand: "red" })]);
  });

  it("uses the administrator's band thresholds", async () => {
    await prisma.setting.create({ data: { key: "portal", value: { ...DEFAULT_SETTINGS, fairShareRed: 0.5, fairShareAmber: 0.8 } } });
    try {
      const page = await capacity(big);
      expect(page.bands).toEqual({ red: 0.5, amber: 0.8 });
      expect(page.rows.find((row) => row.profession === "PT")).toMatchObject({ offeredBand: "green", hostedBand: "red" });
    } finally {
      await prisma.setting.delete({ where: { key: "portal" } });
    }
  });

  it("has nothing to share in a year without demand or workforce", async () => {
    const page = await capacity(big, "?year=2030");
    expect(page.rows).toEqual([]);
    expect(page.summary).toMatchObject({ fairShare: 0, offered: 0, ratio: null, band: null });
  });
});

describe("the capacity timeline", () => {
  it("shows slots offered and taken by month, published offers only", async () => {
    const page = await capacity(big, "?year=2026&view=month");
    expect(page.timeline.professions).toEqual(["PT"]);
    const at = (key: string) => page.timeline.series.PT[page.timeline.buckets.findIndex((bucket) => bucket.key === key)];
    expect(at("2026-12")).toEqual({ offered: 0, taken: 0 });
    expect(at("2027-01")).toEqual({ offered: 6, taken: 2 });
    expect(at("2027-02")).toEqual({ offered: 6, taken: 2 });
    expect(at("2027-03")).toEqual({ offered: 0, taken: 0 });
  });

  it("shows weeks when asked, and ignores a malformed view or year", async () => {
    const weeks = await capacity(big, "?year=2026&view=week");
    expect(weeks.timeline.buckets).toHaveLength(53);
    expect(weeks.timeline.series.PT.filter((point) => point.offered > 0)).toHaveLength(8);
    const fallback = await call(capacityLoader, "/provider/capacity?year=abc&view=fortnight", { as: big });
    expect(fallback.status).toBe(200);
    expect((fallback.data as { view: string }).view).toBe("month");
  });

  it("is only for educators", async () => {
    const facilitator = await signedInAs("FACILITATOR", null);
    expect((await call(capacityLoader, "/provider/capacity", { as: facilitator })).status).toBe(403);
  });
});

describe("the provider home page", () => {
  it("summarises offers by status, allocations awaiting confirmation and this year's fair share", async () => {
    const result = await call(homeLoader, "/provider", { as: big });
    expect(result.status).toBe(200);
    const data = result.data as { summary: { counts: Record<string, number>; awaitingConfirmation: number; fairShare: { fairShare: number } } };
    expect(data.summary.counts).toEqual({ draft: 1, published: 1, filled: 0, withdrawn: 1 });
    expect(data.summary.awaitingConfirmation).toBe(1);
    expect(typeof data.summary.fairShare.fairShare).toBe("number");
  });
});
