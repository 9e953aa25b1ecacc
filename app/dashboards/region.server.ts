import { LIVE_STATUSES, placementStage } from "~/marketplace/allocation-rules";
import { prisma } from "~/platform/db/db.server";
import { sortByRatio, summariseRegion, type ProviderRatioRow } from "./dashboard-rules";
import { demandRequestsWhere, loadRegionFairShare, provisionOffersWhere } from "~/fair-share/fair-share.server";
import { PROFESSION_LABELS, PROFESSIONS, type ProfessionCode } from "~/vocabulary/roles";

/** Demand, offered, allocated and unmet students in a region for an academic year. */
export async function getRegionOverview(regionId: string, year: number) {
  const [region, rawRequests, offers, stages] = await Promise.all([
    prisma.region.findUnique({ where: { id: regionId }, select: { name: true } }),
    prisma.placementRequest.findMany({
      where: demandRequestsWhere(regionId, year),
      select: { id: true, profession: true, startDate: true, students: true, studentsAllocated: true },
    }),
    prisma.offer.findMany({
      where: provisionOffersWhere(regionId, year),
      select: { profession: true, startDate: true, slots: true },
    }),
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
  const summary = summariseRegion(
    { requests: requests as (typeof requests)[number][] & { profession: ProfessionCode }[], offers: offers as { profession: ProfessionCode; startDate: Date; slots: number }[] },
    year,
    PROFESSION_LABELS,
  );
  return { regionName: region?.name ?? "Your region", ...summary };
}

/** The provider if it is an active provider in the region; null otherwise (the route answers 404). */
export async function findRegionProvider(regionId: string, providerId: string) {
  return prisma.organisation.findFirst({ where: { id: providerId, kind: "PROVIDER", regionId }, select: { id: true, name: true, regionId: true } });
}

/** One profession's providers, highest ratio first, and the professions that have any figures. */
export async function getRegionFairShareFor(regionId: string, year: number, chosen: ProfessionCode | null) {
  const { providers, demand, bands } = await loadRegionFairShare(regionId, year);
  const byProfession = new Map<ProfessionCode, ProviderRatioRow[]>();
  for (const provider of providers) {
    for (const row of provider.rows) {
      const list = byProfession.get(row.profession) ?? [];
      list.push({
        providerId: provider.id,
        providerName: provider.name,
        wte: row.wte,
        fairShare: row.fairShare,
        offered: row.offered,
        stages: row.stages,
        hosted: row.hosted,
        ratio: row.offeredRatio,
        band: row.offeredBand,
        weeksPerWte: row.offeredWeeksPerWte,
      });
      byProfession.set(row.profession, list);
    }
  }
  const professions = PROFESSIONS.filter((code) => byProfession.has(code) || (demand[code] ?? 0) > 0);
  const profession: ProfessionCode = chosen ?? professions[0] ?? "PT";
  return { profession, professions, demand: demand[profession] ?? 0, rows: sortByRatio(byProfession.get(profession) ?? []), bands };
}
