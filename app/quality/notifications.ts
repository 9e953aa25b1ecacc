import type { Audience, NotificationEvent } from "~/notifications/notification-kinds";
import { formatDate } from "~/vocabulary/labels";

export interface SiteOf {
  siteId: string;
  siteName: string;
  providerId: string;
  providerName: string;
  regionId: string;
}

/** A site's quality concerns its provider's educators and its region's facilitators. */
function siteAudience(site: { providerId: string; regionId: string }): Audience {
  return { organisations: [{ organisationId: site.providerId, roles: ["EDUCATOR"] }], regionFacilitators: [site.regionId] };
}

/** Told once when the latest audit of a site nears expiry, and once more when it has expired. */
export function auditExpiringNotification(
  site: { siteName: string; providerId: string; providerName: string; regionId: string },
  audit: { id: string; expiresOn: Date; expired: boolean },
): NotificationEvent<"audit-expiring"> {
  return {
    kind: "audit-expiring",
    eventKey: `audit-expiring:${audit.id}:${audit.expired ? "expired" : "soon"}`,
    title: audit.expired ? `The placement audit of ${site.siteName} has expired` : `The placement audit of ${site.siteName} expires soon`,
    body: `${site.providerName}: the audit ${audit.expired ? "expired" : "expires"} on ${formatDate(audit.expiresOn)}.`,
    link: `/provider/audits/${audit.id}`,
    audience: siteAudience(site),
  };
}

/** Told once per overdue action item, however many daily checks find it still open. */
export function auditActionOverdueNotification(
  site: { siteName: string; providerId: string; providerName: string; regionId: string },
  item: { id: string; auditId: string; description: string; dueOn: Date },
): NotificationEvent<"audit-action-overdue"> {
  return {
    kind: "audit-action-overdue",
    eventKey: `audit-action-overdue:${item.id}`,
    title: `An audit action for ${site.siteName} is overdue`,
    body: `${site.providerName}: "${item.description}" was due on ${formatDate(item.dueOn)} and is not marked done.`,
    link: `/provider/audits/${item.auditId}`,
    audience: siteAudience(site),
  };
}

/** One notification per site per month, however often it is raised (daily job or a new submission). */
export function feedbackLowNotification(site: SiteOf, feedback: { count: number; average: number }, threshold: number, now: Date): NotificationEvent<"feedback-low"> {
  return {
    kind: "feedback-low",
    eventKey: `feedback-low:${site.siteId}:${now.toISOString().slice(0, 7)}`,
    title: `Student feedback for ${site.siteName} is below ${threshold}`,
    body: `${site.providerName}: average overall rating ${feedback.average.toFixed(1)} from ${feedback.count} responses.`,
    link: "/provider/audits",
    audience: siteAudience(site),
  };
}
