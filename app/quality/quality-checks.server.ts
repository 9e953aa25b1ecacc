import { prisma } from "~/platform/db/db.server";
import { startOfUtcDay } from "~/platform/utc-days";
import { auditStatus, averageIsLow } from "./quality-rules";
import { scheduleDailyJob } from "~/platform/jobs/queue.server";
import { pushNotifications, raiseNotification, type RaisedNotification } from "~/notifications/notify.server";
import { getSettings } from "~/settings/settings.server";
import { auditActionOverdueNotification, auditExpiringNotification, feedbackLowNotification } from "./notifications";
import { loadSiteQuality } from "./quality.server";

export const QUALITY_CHECKS_QUEUE = "quality-checks";
const QUALITY_CHECKS_TIME_UTC = { hourUtc: 6, minuteUtc: 30 };

/** Schedules the next checks once, however many nodes ask. */
export async function scheduleNextQualityChecks(now = new Date()) {
  await scheduleDailyJob({ queue: QUALITY_CHECKS_QUEUE, dedupePrefix: "quality-checks", ...QUALITY_CHECKS_TIME_UTC }, now);
}

/**
 * Daily: the latest audit of each site that expires within the warning window or has expired, action
 * items past their due date and not done, and sites whose average overall feedback is below the
 * threshold. Each is told once per state (or item, or month). The quality flags themselves are worked
 * out from the same records whenever a quality page is shown (siteFlags), so they appear at once.
 */
export async function runQualityChecks(now = new Date()): Promise<number> {
  const settings = await getSettings();
  const providers = await prisma.organisation.findMany({ where: { kind: "PROVIDER", active: true }, select: { id: true, name: true, regionId: true } });
  const byId = new Map(providers.map((p) => [p.id, p]));
  const sites = await loadSiteQuality([...byId.keys()], now);
  const overdue = await prisma.auditActionItem.findMany({
    where: { completedOn: null, dueOn: { lt: startOfUtcDay(now) }, audit: { providerId: { in: [...byId.keys()] } } },
    select: { id: true, auditId: true, description: true, dueOn: true, audit: { select: { providerId: true, siteId: true } } },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
  });
  const siteNames = new Map(sites.map(({ input }) => [input.siteId, input.siteName]));
  const raised: RaisedNotification[] = [];
  await prisma.$transaction(async (tx) => {
    for (const { providerId, input } of sites) {
      const provider = byId.get(providerId)!;
      const site = { siteId: input.siteId, siteName: input.siteName, providerId, providerName: provider.name, regionId: provider.regionId };
      if (input.latestAudit) {
        const status = auditStatus(input.latestAudit.expiresOn, now, settings.auditWarningDays);
        if (status !== "valid") {
          raised.push(
            ...(await raiseNotification(
              tx,
              auditExpiringNotification(site, { id: input.latestAudit.id, expiresOn: input.latestAudit.expiresOn, expired: status === "expired" }),
            )),
          );
        }
      }
      if (averageIsLow(input.feedbackCount, input.averageOverall, settings.feedbackThreshold) && input.averageOverall !== null) {
        raised.push(
          ...(await raiseNotification(
            tx,
            feedbackLowNotification(site, { count: input.feedbackCount, average: input.averageOverall }, settings.feedbackThreshold, now),
          )),
        );
      }
    }
    for (const item of overdue) {
      const provider = byId.get(item.audit.providerId)!;
      const site = { siteName: siteNames.get(item.audit.siteId) ?? "a site", providerId: provider.id, providerName: provider.name, regionId: provider.regionId };
      raised.push(...(await raiseNotification(tx, auditActionOverdueNotification(site, item))));
    }
  });
  await pushNotifications(raised);
  return raised.length;
}
