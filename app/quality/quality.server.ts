import { prisma } from "~/platform/db/db.server";
import { startOfUtcDay } from "~/platform/utc-days";
import { ANONYMITY_THRESHOLD, countFlags, isOverdue, providerFlags, sortWorstFirst, type QualityFlag, type SiteFlag, type SiteQualityInput } from "./quality-rules";
import type { PortalSettings } from "~/settings/settings";

/** Per site of these providers: its latest audit, overdue action items and overall feedback. */
export async function loadSiteQuality(providerIds: string[], now: Date) {
  const [sites, audits, overdue, feedback] = await Promise.all([
    prisma.site.findMany({ where: { organisationId: { in: providerIds } }, select: { id: true, name: true, organisationId: true }, orderBy: { name: "asc" } }),
    prisma.placementAudit.findMany({
      where: { providerId: { in: providerIds } },
      orderBy: [{ auditedOn: "desc" }, { createdAt: "desc" }],
      select: { id: true, siteId: true, expiresOn: true },
    }),
    prisma.auditActionItem.findMany({
      where: { completedOn: null, dueOn: { lt: startOfUtcDay(now) }, audit: { providerId: { in: providerIds } } },
      select: { dueOn: true, completedOn: true, audit: { select: { siteId: true } } },
    }),
    prisma.placementFeedback.groupBy({ by: ["siteId"], where: { providerId: { in: providerIds } }, _count: { _all: true }, _avg: { overall: true } }),
  ]);
  const latest = new Map<string, { id: string; expiresOn: Date }>();
  for (const audit of audits) if (!latest.has(audit.siteId)) latest.set(audit.siteId, { id: audit.id, expiresOn: audit.expiresOn });
  const overdueBySite = new Map<string, number>();
  for (const item of overdue) if (isOverdue(item, now)) overdueBySite.set(item.audit.siteId, (overdueBySite.get(item.audit.siteId) ?? 0) + 1);
  const feedbackBySite = new Map(feedback.map((row) => [row.siteId, { count: row._count._all, average: row._avg.overall }]));
  return sites.map((site) => ({
    providerId: site.organisationId,
    input: {
      siteId: site.id,
      siteName: site.name,
      latestAudit: latest.get(site.id) ?? null,
      overdueActions: overdueBySite.get(site.id) ?? 0,
      feedbackCount: feedbackBySite.get(site.id)?.count ?? 0,
      averageOverall: feedbackBySite.get(site.id)?.average ?? null,
    } satisfies SiteQualityInput,
  }));
}

/** Flags of each provider, keyed by provider id (providers without sites have none). */
export async function flagsByProvider(providerIds: string[], now: Date, settings: PortalSettings) {
  const sites = await loadSiteQuality(providerIds, now);
  const result = new Map<string, SiteFlag[]>(providerIds.map((id) => [id, []]));
  for (const site of sites) result.get(site.providerId)!.push(...providerFlags([site.input], now, settings));
  return { sites, flags: result };
}

/** The region's providers with their quality flags, worst first, optionally only those with one flag. */
export async function listRegionQuality(regionId: string, now: Date, settings: PortalSettings, only?: QualityFlag) {
  const providers = await prisma.organisation.findMany({ where: { regionId, kind: "PROVIDER", active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const { flags } = await flagsByProvider(providers.map((p) => p.id), now, settings);
  const [feedback, all] = [
    await prisma.placementFeedback.groupBy({
      by: ["providerId"],
      where: { providerId: { in: providers.map((p) => p.id) } },
      _count: { _all: true },
      _avg: { overall: true, induction: true, supervision: true, learning: true },
    }),
    providers.map((p) => ({ id: p.id, name: p.name, flags: flags.get(p.id) ?? [] })),
  ];
  const feedbackBy = new Map(feedback.map((row) => [row.providerId, row]));
  const rows = sortWorstFirst(all)
    .filter((p) => !only || p.flags.some((f) => f.flag === only))
    .map((p) => {
      const f = feedbackBy.get(p.id);
      const count = f?._count._all ?? 0;
      // Below the threshold one student's ratings could be read off the averages: only the count is shown.
      const round = (value: number | null | undefined) => (value == null || count < ANONYMITY_THRESHOLD ? null : Math.round(value * 10) / 10);
      return {
        ...p,
        feedback: {
          count,
          overall: round(f?._avg.overall),
          induction: round(f?._avg.induction),
          supervision: round(f?._avg.supervision),
          learning: round(f?._avg.learning),
        },
      };
    });
  return { providers: rows, counts: countFlags(all.flatMap((p) => p.flags)), providersFlagged: all.filter((p) => p.flags.length > 0).length, totalProviders: all.length };
}
