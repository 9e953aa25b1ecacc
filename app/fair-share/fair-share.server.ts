import { prisma, type Prisma } from "~/platform/db/db.server";
import { addStudentsByStatus, LIVE_STATUSES, noStudentsByStatus } from "~/marketplace/allocation-rules";
import { getSettings } from "~/settings/settings.server";
import { academicYearRange } from "~/vocabulary/academic-year";
import { weeksBetween } from "~/vocabulary/labels";
import type { ProfessionCode } from "~/vocabulary/roles";
import { computeProviderFairShare, summariseFairShare, type FairShareBands, type ProviderFairShareInput, type ProviderFairShareRow } from "./fair-share";

/*
 * The figures behind every fair share in the portal, for one region and academic year
 * (docs/fair-share.md). Every page, CSV, notification and case reads them from here:
 *   demand     students of the region's universities' requests (not cancelled) whose block starts in the year;
 *   workforce  WTE recorded for the year by the region's active providers;
 *   provision  slots of a provider's published offers that start in the year, and slots × weeks of their windows;
 *   stages     students in live allocations on a provider's offers whose block starts in the year, at
 *              each stage apart: proposed (held), confirmed, accepted, students named, completed;
 *   hosted     of those, the completed ones, and students × weeks of their blocks.
 * Offers count in the year they start, as requests do: each slot and each student then counts in
 * exactly one year, offered is compared with a demand counted the same way, and the region's
 * overview by start month adds up to the same offered totals.
 */

/** The administrator's red and amber thresholds (Thresholds page). */
export async function loadFairShareBands(): Promise<FairShareBands> {
  const settings = await getSettings();
  return { red: settings.fairShareRed, amber: settings.fairShareAmber };
}

function activeProvidersOf(regionId: string): Prisma.OrganisationWhereInput {
  return { kind: "PROVIDER", regionId, active: true };
}

/** Demand: the requests (not cancelled) of the region's universities whose block starts in the year. */
export function demandRequestsWhere(regionId: string, year: number): Prisma.PlacementRequestWhereInput {
  const { start, end } = academicYearRange(year);
  return { status: { not: "CANCELLED" }, startDate: { gte: start, lte: end }, university: { regionId } };
}

/** Provision: the published offers of the region's active providers that start in the year. */
export function provisionOffersWhere(regionId: string, year: number): Prisma.OfferWhereInput {
  const { start, end } = academicYearRange(year);
  return { status: "PUBLISHED", startDate: { gte: start, lte: end }, provider: activeProvidersOf(regionId) };
}

/** Live allocations on the offers of the region's active providers, for blocks starting in the year. */
export function hostedAllocationsWhere(regionId: string, year: number): Prisma.AllocationWhereInput {
  const { start, end } = academicYearRange(year);
  return { status: { in: [...LIVE_STATUSES] }, offer: { provider: activeProvidersOf(regionId) }, request: { startDate: { gte: start, lte: end } } };
}

/**
 * Workforce: WTE per provider and profession recorded for the year by active providers of the
 * region, or of every region when regionId is null (an administrator's matching export).
 */
export function loadWorkforce(regionId: string | null, year: number, professions?: readonly ProfessionCode[]) {
  return prisma.workforce.findMany({
    where: {
      year,
      ...(professions ? { profession: { in: [...professions] } } : {}),
      organisation: { kind: "PROVIDER", active: true, ...(regionId ? { regionId } : {}) },
    },
    select: { organisationId: true, profession: true, wte: true },
    orderBy: [{ organisationId: "asc" }, { profession: "asc" }],
  });
}

export interface ProviderFairShare {
  id: string;
  name: string;
  /** computeProviderFairShare: the professions where it has workforce, offers or hosted students. */
  rows: ProviderFairShareRow[];
}

export interface RegionFairShare {
  year: number;
  /** Students requested per profession. */
  demand: Partial<Record<ProfessionCode, number>>;
  /** Every active provider of the region, by name. */
  providers: ProviderFairShare[];
  bands: FairShareBands;
}

/** Every active provider's fair share in a region for an academic year: one set of queries for the whole region. */
export async function loadRegionFairShare(regionId: string, year: number): Promise<RegionFairShare> {
  const [providers, demand, workforce, offers, hosted, bands] = await Promise.all([
    prisma.organisation.findMany({ where: activeProvidersOf(regionId), select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
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
    // Hosted means completed: a proposal only holds places, and a confirmed or accepted placement has not happened yet.
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

/** One provider's rows and their total: its part of the region's figures (none for a provider not active there). */
export function providerFairShareOf(region: RegionFairShare, providerId: string) {
  const rows = region.providers.find((provider) => provider.id === providerId)?.rows ?? [];
  return { rows, summary: summariseFairShare(rows, region.bands), bands: region.bands };
}

/** One provider's fair share, read as its region's and filtered. */
export async function loadProviderFairShare(regionId: string, providerId: string, year: number) {
  return providerFairShareOf(await loadRegionFairShare(regionId, year), providerId);
}
