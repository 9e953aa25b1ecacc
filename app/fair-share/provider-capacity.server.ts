import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { LIVE_STATUSES } from "~/marketplace/allocation-rules";
import { bucketCapacity, type Granularity } from "./capacity-timeline";
import { academicYearRange } from "~/vocabulary/academic-year";
import { computeProviderFairShare, summariseFairShare, type FairShareBands, type ProviderFairShareInput } from "./fair-share";
import { getSettings } from "~/settings/settings.server";
import { weeksBetween } from "~/vocabulary/labels";
import type { ProfessionCode } from "~/vocabulary/roles";
import { getOfferCounts, providerIdOf } from "~/marketplace/offers.server";

/** The administrator's red and amber thresholds (Thresholds page). */
export async function loadFairShareBands(): Promise<FairShareBands> {
  const settings = await getSettings();
  return { red: settings.fairShareRed, amber: settings.fairShareAmber };
}

/**
 * The provider's fair share for an academic year, per profession, against its region:
 * demand is the students requested by the region's universities (not cancelled) with a block
 * starting in the year; workforce is every active provider's WTE in the region for that year.
 */
export async function computeFairShareForProvider(providerId: string, regionId: string, year: number) {
  const { start, end } = academicYearRange(year);
  const [demand, workforce, offers, hosted, bands] = await Promise.all([
    prisma.placementRequest.groupBy({
      by: ["profession"],
      where: { status: { not: "CANCELLED" }, startDate: { gte: start, lte: end }, university: { regionId } },
      _sum: { students: true },
    }),
    prisma.workforce.findMany({
      where: { year, organisation: { kind: "PROVIDER", regionId, active: true } },
      select: { organisationId: true, profession: true, wte: true },
    }),
    prisma.offer.findMany({
      where: { providerId, status: "PUBLISHED", startDate: { gte: start, lte: end } },
      select: { profession: true, slots: true, startDate: true, endDate: true },
    }),
    prisma.allocation.findMany({
      where: { status: { in: [...LIVE_STATUSES] }, offer: { providerId }, request: { startDate: { gte: start, lte: end } } },
      select: { students: true, request: { select: { profession: true, startDate: true, endDate: true } } },
    }),
    loadFairShareBands(),
  ]);
  const input: ProviderFairShareInput = {
    providerId,
    demand: Object.fromEntries(demand.map((row) => [row.profession, row._sum.students ?? 0])),
    workforce,
    offered: {},
    hosted: {},
    bands,
  };
  for (const offer of offers) {
    const entry = (input.offered[offer.profession as ProfessionCode] ??= { slots: 0, weeks: 0 });
    entry.slots += offer.slots;
    entry.weeks += offer.slots * weeksBetween(offer.startDate, offer.endDate);
  }
  for (const allocation of hosted) {
    const entry = (input.hosted[allocation.request.profession as ProfessionCode] ??= { students: 0, weeks: 0 });
    entry.students += allocation.students;
    entry.weeks += allocation.students * weeksBetween(allocation.request.startDate, allocation.request.endDate);
  }
  const rows = computeProviderFairShare(input);
  return { rows, summary: summariseFairShare(rows, bands), bands };
}

async function providerScope(user: SessionUser) {
  const providerId = providerIdOf(user);
  const organisation = await prisma.organisation.findUniqueOrThrow({
    where: { id: providerId },
    select: { id: true, name: true, regionId: true, region: { select: { name: true } } },
  });
  return organisation;
}

/** The capacity page: slots offered and taken across the year, workforce, and fair share. */
export async function getProviderCapacity(user: SessionUser, year: number, granularity: Granularity) {
  const organisation = await providerScope(user);
  const { start, end } = academicYearRange(year);
  const [offers, workforce, fairShare] = await Promise.all([
    prisma.offer.findMany({
      where: { providerId: organisation.id, status: "PUBLISHED", startDate: { lte: end }, endDate: { gte: start } },
      select: { profession: true, startDate: true, endDate: true, slots: true, slotsTaken: true },
    }),
    prisma.workforce.findMany({
      where: { organisationId: organisation.id, year },
      select: { profession: true, wte: true },
      orderBy: { profession: "asc" },
    }),
    computeFairShareForProvider(organisation.id, organisation.regionId, year),
  ]);
  return {
    organisation: { id: organisation.id, name: organisation.name, regionName: organisation.region.name },
    timeline: bucketCapacity(offers as { profession: ProfessionCode; startDate: Date; endDate: Date; slots: number; slotsTaken: number }[], year, granularity),
    workforce,
    ...fairShare,
  };
}

/** The home page panel: offers by status, allocations to confirm, and this year's fair-share figure. */
export async function getProviderSummary(user: SessionUser, year: number) {
  const organisation = await providerScope(user);
  const [offerCounts, fairShare] = await Promise.all([
    getOfferCounts(organisation.id),
    computeFairShareForProvider(organisation.id, organisation.regionId, year),
  ]);
  return { ...offerCounts, fairShare: fairShare.summary };
}
