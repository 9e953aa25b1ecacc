import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { bucketCapacity, type Granularity } from "./capacity-timeline";
import { academicYearRange } from "~/vocabulary/academic-year";
import { loadProviderFairShare } from "./fair-share.server";
import type { ProfessionCode } from "~/vocabulary/roles";
import { getOfferCounts } from "~/marketplace/offers.server";
import { requireProviderScope } from "~/marketplace/policy";

async function providerScope(user: SessionUser) {
  const providerId = requireProviderScope(user);
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
    // The timeline shows every month an offer is open in, so it takes the offers overlapping the
    // year; fair share counts an offer only in the year it starts (docs/fair-share.md).
    prisma.offer.findMany({
      where: { providerId: organisation.id, status: "PUBLISHED", startDate: { lte: end }, endDate: { gte: start } },
      select: { profession: true, startDate: true, endDate: true, slots: true, slotsTaken: true },
    }),
    prisma.workforce.findMany({
      where: { organisationId: organisation.id, year },
      select: { profession: true, wte: true },
      orderBy: { profession: "asc" },
    }),
    loadProviderFairShare(organisation.regionId, organisation.id, year),
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
    loadProviderFairShare(organisation.regionId, organisation.id, year),
  ]);
  return { ...offerCounts, fairShare: fairShare.summary };
}
