import { prisma } from "~/platform/db/db.server";
import { academicYearRange } from "~/vocabulary/academic-year";
import { addUtcDays } from "~/platform/utc-days";
import { feedbackByMonth } from "./dashboard-rules";
import { loadProviderFairShare } from "~/fair-share/fair-share.server";

const OFFER_LIMIT = 50;

/**
 * One provider of the facilitator's region for the drill-down: fair share by profession, offers
 * starting in the year, allocations by status, each site's latest audit, and feedback averages by
 * month. Returns null when the provider is not in the region (the route answers 404).
 */
export async function getProviderDrillDown(regionId: string, providerId: string, year: number) {
  const provider = await prisma.organisation.findFirst({ where: { id: providerId, kind: "PROVIDER", regionId }, select: { id: true, name: true, regionId: true } });
  if (!provider) return null;
  const { start, end } = academicYearRange(year);
  const offerWhere = { providerId, startDate: { gte: start, lte: end } };
  const [fairShare, offerTotal, offers, allocations, sites, audits, feedback] = await Promise.all([
    loadProviderFairShare(provider.regionId, provider.id, year),
    prisma.offer.count({ where: offerWhere }),
    prisma.offer.findMany({
      where: offerWhere,
      select: { id: true, profession: true, specialty: true, startDate: true, endDate: true, slots: true, slotsTaken: true, status: true, site: { select: { name: true } } },
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
      take: OFFER_LIMIT,
    }),
    prisma.allocation.groupBy({
      by: ["status"],
      where: { offer: { providerId }, request: { startDate: { gte: start, lte: end } } },
      _count: { _all: true },
      _sum: { students: true },
    }),
    prisma.site.findMany({ where: { organisationId: providerId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.placementAudit.findMany({
      where: { providerId },
      select: { siteId: true, rating: true, auditedOn: true, expiresOn: true },
      orderBy: [{ auditedOn: "desc" }, { id: "desc" }],
    }),
    prisma.placementFeedback.findMany({
      where: { providerId, createdAt: { gte: start, lt: addUtcDays(end, 1) } },
      select: { createdAt: true, overall: true, induction: true, supervision: true, learning: true },
    }),
  ]);
  const latest = new Map<string, (typeof audits)[number]>();
  for (const audit of audits) if (!latest.has(audit.siteId)) latest.set(audit.siteId, audit);
  return {
    provider: { id: provider.id, name: provider.name },
    fairShare,
    offers,
    offerTotal,
    offerLimit: OFFER_LIMIT,
    allocations: allocations.map((row) => ({ status: row.status, count: row._count._all, students: row._sum.students ?? 0 })),
    audits: sites.map((site) => {
      const audit = latest.get(site.id);
      return { siteId: site.id, siteName: site.name, rating: audit?.rating ?? null, auditedOn: audit?.auditedOn ?? null, expiresOn: audit?.expiresOn ?? null };
    }),
    feedback: feedbackByMonth(feedback),
  };
}
