import { describe, expect, it } from "vitest";
import { summariseRegion } from "~/dashboards/dashboard-rules";
import { getRegionOverview } from "~/dashboards/region.server";
import { computeProviderFairShare, type ProviderFairShareInput } from "~/fair-share/fair-share";
import {
  demandRequestsWhere,
  hostedAllocationsWhere,
  loadFairShareBands,
  loadRegionFairShare,
  loadWorkforce,
  provisionOffersWhere,
} from "~/fair-share/fair-share.server";
import { addStudentsByStatus, LIVE_STATUSES, noStudentsByStatus, placementStage } from "~/marketplace/allocation-rules";
import { prisma } from "~/platform/db/db.server";
import { weeksBetween } from "~/vocabulary/labels";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import { useTestDatabase } from "../helpers/database";
import { seededGenerator } from "../helpers/seeded-random";
import { createOrganisation, createRegion } from "../helpers/fixtures";
import { createOffer, createRequest, createSite } from "../helpers/marketplace";

useTestDatabase();

/*
 * The region overview and the fair-share tables sum a region's rows in SQL. Here the same figures are
 * worked out the way the pages did before, from every row the Prisma filters return, summed in
 * JavaScript, on a generated region with every kind of row that must and must not count.
 */

const PROFESSIONS_USED = ["PT", "OT", "SLT"] as const;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => isoDay(new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000));

async function generateRegion(seed: number) {
  const random = seededGenerator(seed);
  const region = await createRegion();
  const elsewhere = await createRegion();
  const providers = await Promise.all([1, 2, 3, 4, 5].map(() => createOrganisation({ regionId: region.id })));
  const inactive = await createOrganisation({ regionId: region.id });
  await prisma.organisation.update({ where: { id: inactive.id }, data: { active: false } });
  const farProvider = await createOrganisation({ regionId: elsewhere.id });
  const universities = await Promise.all([1, 2].map(() => createOrganisation({ kind: "UNIVERSITY", regionId: region.id })));
  const farUniversity = await createOrganisation({ kind: "UNIVERSITY", regionId: elsewhere.id });
  const allProviders = [...providers, inactive, farProvider];

  for (const provider of allProviders) {
    for (const profession of PROFESSIONS_USED) {
      if (random.int(0, 3) === 0) continue;
      for (const year of [2025, 2026]) {
        await prisma.workforce.create({ data: { organisationId: provider.id, profession, year, wte: random.int(5, 400) / 10 } });
      }
    }
  }

  const offers = [];
  for (let index = 0; index < 45; index += 1) {
    const provider = random.pick(allProviders);
    // Starts from July 2026 to October 2027, so some fall either side of 2026/27; windows of odd lengths.
    const start = addDays("2026-07-01", random.int(0, 480));
    offers.push(
      await createOffer(provider.id, {
        profession: random.pick(PROFESSIONS_USED),
        status: random.pick(["PUBLISHED", "PUBLISHED", "PUBLISHED", "DRAFT", "WITHDRAWN"] as const),
        slots: random.int(1, 9),
        start,
        end: addDays(start, random.int(-2, 75)),
        siteId: (await createSite(provider.id)).id,
      }),
    );
  }

  const requests = [];
  for (let index = 0; index < 30; index += 1) {
    const start = addDays("2026-07-01", random.int(0, 480));
    const request = await createRequest(random.pick([...universities, ...universities, farUniversity]).id, {
      profession: random.pick(PROFESSIONS_USED),
      students: random.int(1, 8),
      start,
      end: addDays(start, random.int(0, 60)),
    });
    // The counter as stored, including values the overview must cap: below zero and above the request's students.
    const studentsAllocated = random.int(-1, request.students + 2);
    const status = random.pick(["OPEN", "OPEN", "PARTLY_ALLOCATED", "FULLY_ALLOCATED", "CANCELLED"] as const);
    requests.push(await prisma.placementRequest.update({ where: { id: request.id }, data: { studentsAllocated, status } }));
  }

  for (let index = 0; index < 60; index += 1) {
    await prisma.allocation.create({
      data: {
        offerId: random.pick(offers).id,
        requestId: random.pick(requests).id,
        students: random.int(1, 4),
        status: random.pick(["PROPOSED", "CONFIRMED", "ACCEPTED", "STUDENTS_NAMED", "COMPLETED", "DECLINED", "CANCELLED"] as const),
      },
    });
  }
  return region;
}

/** The fair-share loader as it was: every offer and allocation fetched and summed here. */
async function fairShareFromRows(regionId: string, year: number) {
  const [providers, demand, workforce, offers, hosted, bands] = await Promise.all([
    prisma.organisation.findMany({ where: { kind: "PROVIDER", regionId, active: true }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    prisma.placementRequest.groupBy({ by: ["profession"], where: demandRequestsWhere(regionId, year), _sum: { students: true } }),
    loadWorkforce(regionId, year),
    prisma.offer.findMany({ where: provisionOffersWhere(regionId, year), select: { providerId: true, profession: true, slots: true, startDate: true, endDate: true } }),
    prisma.allocation.findMany({
      where: hostedAllocationsWhere(regionId, year),
      select: { status: true, students: true, offer: { select: { providerId: true } }, request: { select: { profession: true, startDate: true, endDate: true } } },
    }),
    loadFairShareBands(),
  ]);
  const demandByProfession: Partial<Record<ProfessionCode, number>> = Object.fromEntries(demand.map((row) => [row.profession, row._sum.students ?? 0]));
  const inputs = new Map<string, ProviderFairShareInput>(
    providers.map((provider) => [provider.id, { providerId: provider.id, demand: demandByProfession, workforce, offered: {}, hosted: {}, stages: {}, bands }]),
  );
  for (const offer of offers) {
    const input = inputs.get(offer.providerId);
    if (!input) continue;
    const entry = (input.offered[offer.profession] ??= { slots: 0, weeks: 0 });
    entry.slots += offer.slots;
    entry.weeks += offer.slots * weeksBetween(offer.startDate, offer.endDate);
  }
  for (const allocation of hosted) {
    const input = inputs.get(allocation.offer.providerId);
    if (!input) continue;
    addStudentsByStatus((input.stages![allocation.request.profession] ??= noStudentsByStatus()), allocation.status, allocation.students);
    if (allocation.status !== "COMPLETED") continue;
    const entry = (input.hosted[allocation.request.profession] ??= { students: 0, weeks: 0 });
    entry.students += allocation.students;
    entry.weeks += allocation.students * weeksBetween(allocation.request.startDate, allocation.request.endDate);
  }
  return {
    year,
    demand: demandByProfession,
    providers: providers.map((provider) => ({ ...provider, rows: computeProviderFairShare(inputs.get(provider.id)!) })),
    bands,
  };
}

/** The region overview as it was: every request and offer fetched, stages per request, summed here. */
async function overviewFromRows(regionId: string, year: number) {
  const [region, rawRequests, offers, stages] = await Promise.all([
    prisma.region.findUnique({ where: { id: regionId }, select: { name: true } }),
    prisma.placementRequest.findMany({
      where: demandRequestsWhere(regionId, year),
      select: { id: true, profession: true, startDate: true, students: true, studentsAllocated: true },
    }),
    prisma.offer.findMany({ where: provisionOffersWhere(regionId, year), select: { profession: true, startDate: true, slots: true } }),
    prisma.allocation.groupBy({
      by: ["requestId", "status"],
      where: { status: { in: [...LIVE_STATUSES] }, request: demandRequestsWhere(regionId, year) },
      _sum: { students: true },
    }),
  ]);
  const byRequest = new Map<string, { studentsHeld: number; studentsConfirmed: number; studentsAccepted: number }>();
  for (const row of stages) {
    const entry = byRequest.get(row.requestId) ?? { studentsHeld: 0, studentsConfirmed: 0, studentsAccepted: 0 };
    const stage = placementStage(row.status);
    const students = row._sum.students ?? 0;
    if (stage === "held") entry.studentsHeld += students;
    else if (stage === "confirmed") entry.studentsConfirmed += students;
    else if (stage === "accepted") entry.studentsAccepted += students;
    byRequest.set(row.requestId, entry);
  }
  const requests = rawRequests.map((request) => ({ ...request, ...(byRequest.get(request.id) ?? { studentsHeld: 0, studentsConfirmed: 0, studentsAccepted: 0 }) }));
  return { regionName: region?.name ?? "Your region", ...summariseRegion({ requests, offers }, year, PROFESSION_LABELS) };
}

describe("region figures summed in SQL", () => {
  for (const seed of [7, 2026]) {
    it(`give the same fair shares, stages, hosted weeks and overview as the rows summed one by one (generated region ${seed})`, async () => {
      const region = await generateRegion(seed);
      for (const year of [2025, 2026, 2027]) {
        const fromSql = await loadRegionFairShare(region.id, year);
        const fromRows = await fairShareFromRows(region.id, year);
        expect(fromSql).toEqual(fromRows);
        expect(await getRegionOverview(region.id, year)).toEqual(await overviewFromRows(region.id, year));
      }
      // The region is not empty where it matters: the comparison above covered real figures.
      const overview = await getRegionOverview(region.id, 2026);
      expect(overview.totals.demand).toBeGreaterThan(0);
      expect(overview.totals.offered).toBeGreaterThan(0);
      expect(overview.totals.held + overview.totals.placed).toBeGreaterThan(0);
      const fairShare = await loadRegionFairShare(region.id, 2026);
      const rows = fairShare.providers.flatMap((provider) => provider.rows);
      expect(rows.some((row) => row.fairShare > 0 && row.offered > 0)).toBe(true);
      expect(rows.some((row) => row.hostedWeeksPerWte !== null && row.hosted > 0)).toBe(true);
    });
  }
});
