import { prisma } from "~/platform/db/db.server";
import { auditStatus, averageIsLow } from "./quality-rules";
import { formatDate } from "~/vocabulary/labels";
import { scheduleDailyJob } from "~/platform/jobs/queue.server";
import { pushNotifications, raiseNotification, type NotificationEvent, type RaisedNotification } from "~/notifications/notify.server";
import { getSettings } from "~/settings/settings.server";
import { loadSiteQuality } from "./quality.server";

export const QUALITY_CHECKS_QUEUE = "quality-checks";
const QUALITY_CHECKS_TIME_UTC = { hourUtc: 6, minuteUtc: 30 };

/** Schedules the next checks once, however many nodes ask. */
export async function scheduleNextQualityChecks(now = new Date()) {
  await scheduleDailyJob({ queue: QUALITY_CHECKS_QUEUE, dedupePrefix: "quality-checks", ...QUALITY_CHECKS_TIME_UTC }, now);
}

interface SiteOf {
  siteId: string;
  siteName: string;
  providerId: string;
  providerName: string;
  regionId: string;
}

/** One notification per site per month, however often it is raised (daily job or a new submission). */
export function feedbackLowEvent(site: SiteOf, feedback: { count: number; average: number }, threshold: number, now: Date): NotificationEvent {
  return {
    kind: "feedback-low",
    eventKey: `feedback-low:${site.siteId}:${now.toISOString().slice(0, 7)}`,
    title: `Student feedback for ${site.siteName} is below ${threshold}`,
    body: `${site.providerName}: average overall rating ${feedback.average.toFixed(1)} from ${feedback.count} responses.`,
    link: "/provider/audits",
    audience: { organisations: [{ organisationId: site.providerId, roles: ["EDUCATOR"] }], regionFacilitators: [site.regionId] },
  };
}

/**
 * Daily: the latest audit of each site that expires within the warning window or has expired, and
 * sites whose average overall feedback is below the threshold. Each is told once per state (or month).
 */
export async function runQualityChecks(now = new Date()): Promise<number> {
  const settings = await getSettings();
  const providers = await prisma.organisation.findMany({ where: { kind: "PROVIDER", active: true }, select: { id: true, name: true, regionId: true } });
  const byId = new Map(providers.map((p) => [p.id, p]));
  const sites = await loadSiteQuality([...byId.keys()], now);
  const raised: RaisedNotification[] = [];
  await prisma.$transaction(async (tx) => {
    for (const { providerId, input } of sites) {
      const provider = byId.get(providerId)!;
      const audience = { organisations: [{ organisationId: providerId, roles: ["EDUCATOR" as const] }], regionFacilitators: [provider.regionId] };
      if (input.latestAudit) {
        const status = auditStatus(input.latestAudit.expiresOn, now, settings.auditWarningDays);
        if (status !== "valid") {
          raised.push(
            ...(await raiseNotification(tx, {
              kind: "audit-expiring",
              eventKey: `audit-expiring:${input.latestAudit.id}:${status === "expired" ? "expired" : "soon"}`,
              title: status === "expired" ? `The placement audit of ${input.siteName} has expired` : `The placement audit of ${input.siteName} expires soon`,
              body: `${provider.name}: the audit ${status === "expired" ? "expired" : "expires"} on ${formatDate(input.latestAudit.expiresOn)}.`,
              link: `/provider/audits/${input.latestAudit.id}`,
              audience,
            })),
          );
        }
      }
      if (averageIsLow(input.feedbackCount, input.averageOverall, settings.feedbackThreshold) && input.averageOverall !== null) {
        raised.push(
          ...(await raiseNotification(
            tx,
            feedbackLowEvent(
              { siteId: input.siteId, siteName: input.siteName, providerId, providerName: provider.name, regionId: provider.regionId },
              { count: input.feedbackCount, average: input.averageOverall },
              settings.feedbackThreshold,
              now,
            ),
          )),
        );
      }
    }
  });
  await pushNotifications(raised);
  return raised.length;
}
