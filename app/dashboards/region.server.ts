import { prisma } from "~/platform/db/db.server";
import { LIVE_STATUSES } from "~/marketplace/allocation-rules";
import { academicYearRange } from "~/vocabulary/academic-year";
import { sortByRatio, summariseRegion, type ProviderRatioRow } from "./dashboard-rules";
import { computeProviderFairShare, type ProviderFairShareInput } from "~/fair-share/fair-share";
import { weeksBetween } from "~/vocabulary/labels";
import { PROFESSION_LABELS, PROFESSIONS, type ProfessionCode } from "~/vocabulary/roles";
import { loadFairShareBands } from "~/fair-share/provider-capacity.server";

/** Demand, offered, allocated and unmet students in a region for an academic year. */
export async function getRegionOverview(regionId: string, year: number) {
  const { start, end } = academicYearRange(year);
  const [region, requests, offers] = await Promise.all([
    prisma.region.findUnique({ where: { id: regionId }, select: { name: true } }),
    prisma.placementRequest.findMany({
      where: { status: { not: "CANCELLED" }, startDate: { gte: start, lte: end }, university: { regionId } },
      select: { profession: true, startDate: true, students: true, studentsAllocated: true },
    }),
    prisma.offer.findMany({
      where: { status: "PUBLISHED", startDate: { gte: start, lte: end }, provider: { regionId, active: true } },
      select: { profession: true, startDate: true, slots: true },
    }),
  ]);
  const summary = summariseRegion(
    { requests: requests as { profession: ProfessionCode; startDate: Date; students: number; studentsAllocated: number }[], offers: offers as { profession: ProfessionCode; startDate: Date; slots: number }[] },
    year,
    PROFESSION_LABELS,
  );
  return { regionName: region?.name ?? "Your region", ...summary };
}

/**
 * Every active provider's fair share in a region for an academic year, per profession. The same
 * figures as computeFairShareForProvider (same demand, workforce, offers and hosted students),
 * read once for the whole region and put through the same pure computeProviderFairShare.
 */
export async function computeRegionFairShare(regionId: string, year: number) {
  const { start, end } = academicYearRange(year);
  const [providers, demand, workforce, offers, hosted, bands] = await Promise.all([
    prisma.organisation.findMany({ where: { kind: "PROVIDER", regionId, active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
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
      where: { status: "PUBLISHED", startDate: { gte: start, lte: end }, provider: { kind: "PROVIDER", regionId, active: true } },
      select: { providerId: true, profession: true, slots: true, startDate: true, endDate: true },
    }),
    prisma.allocation.findMany({
      where: {
        status: { in: [...LIVE_STATUSES] },
        offer: { provider: { kind: "PROVIDER", regionId, active: true } },
        request: { startDate: { gte: start, lte: end } },
      },
      select: { students: true, offer: { select: { providerId: true } }, request: { select: { profession: true, startDate: true, endDate: true } } },
    }),
    loadFairShareBands(),
  ]);
  const demandByProfession = Object.fromEntries(demand.map((row) => [row.profession, row._sum.students ?? 0]));
  const inputs = new Map<string, ProviderFairShareInput>(
    providers.map((provider) => [
      provider.id,
      { providerId: provider.id, demand: demandByProfession, workforce: workforce as ProviderFairShareInput["workforce"], offered: {}, hosted: {}, bands },
    ]),
  );
  for (const offer of offers) {
    const input = inputs.get(offer.providerId);
    if (!input) continue;
    const entry = (input.offered[offer.profession as ProfessionCode] ??= { slots: 0, weeks: 0 });
    entry.slots += offer.slots;
    entry.weeks += offer.slots * weeksBetween(offer.startDate, offer.endDate);
  }
  for (const allocation of hosted) {
    const input = inputs.get(allocation.offer.providerId);
    if (!input) continue;
    const entry = (input.hosted[allocation.request.profession as ProfessionCode] ??= { students: 0, weeks: 0 });
    entry.students += allocation.students;
    entry.weeks += allocation.students * weeksBetween(allocation.request.startDate, allocation.request.endDate);
  }
  const byProfession = new Map<ProfessionCode, ProviderRatioRow[]>();
  for (const provider of providers) {
    for (const row of computeProviderFairShare(inputs.get(provider.id)!)) {
      const list = byProfession.get(row.profession) ?? [];
      list.push({
        providerId: provider.id,
        providerName: provider.name,
        wte: row.wte,
        fairShare: row.fairShare,
        offered: row.offered,
        hosted: row.hosted,
        ratio: row.offeredRatio,
        band: row.offeredBand,
        weeksPerWte: row.offeredWeeksPerWte,
      });
      byProfession.set(row.profession, list);
    }
  }
  return { byProfession, demand: demandByProfession as Partial<Record<ProfessionCode, number>>, bands };
}

/** The provider if it is an active provider in the region; null otherwise (the route answers 404). */
export async function findRegionProvider(regionId: string, providerId: string) {
  return prisma.organisation.findFirst({ where: { id: providerId, kind: "PROVIDER", regionId }, select: { id: true, name: true, regionId: true } });
}

/** The facilitator's region; an account without one may not see regional figures. */
export function facilitatorRegionId(user: { role: string; regionId: string | null }): string {
  if (!user.regionId) throw new Response("Your account is not linked to a region.", { status: 403 });
  return user.regionId;
}

/** One profession's providers, highest ratio first, and the professions that have any figures. */
export async function getRegionFairShareFor(regionId: string, year: number, chosen: ProfessionCode | null) {
  const { byProfession, demand, bands } = await computeRegionFairShare(regionId, year);
  const professions = PROFESSIONS.filter((code) => byProfession.has(code) || (demand[code] ?? 0) > 0);
  const profession: ProfessionCode = chosen ?? professions[0] ?? "PT";
  return { profession, professions, demand: demand[profession] ?? 0, rows: sortByRatio(byProfession.get(profession) ?? []), bands };
}
