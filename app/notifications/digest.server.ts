import { prisma } from "~/platform/db/db.server";
import { channelFor, isNotificationKind, type NotificationChannelName } from "./notification-kinds";
import { scheduleDailyJob } from "~/platform/jobs/queue.server";
import { queueEmail } from "~/platform/mail.server";
import { appUrl } from "~/platform/app-url.server";
import { unsubscribePath } from "./notify.server";

export const DIGEST_QUEUE = "notification-digest";
/** Digests go out at 07:00 UTC (07:00 or 08:00 in London). */
const DIGEST_HOUR_UTC = 7;

/** Schedules the next digest run once, however many nodes ask. */
export async function scheduleNextDigest(now = new Date()) {
  await scheduleDailyJob({ queue: DIGEST_QUEUE, dedupePrefix: "digest-run", hourUtc: DIGEST_HOUR_UTC }, now);
}

/**
 * One email per person listing the notifications they chose to get as a digest since the last one.
 * Every notification up to `now` is marked digested, so nothing is listed twice.
 */
export async function sendDigests(now = new Date()): Promise<number> {
  const pending = await prisma.notification.findMany({
    where: { digestedAt: null, createdAt: { lte: now } },
    select: { id: true, userId: true, kind: true, title: true, body: true, link: true, user: { select: { email: true, name: true, active: true } } },
    orderBy: { createdAt: "asc" },
  });
  const preferences = await prisma.notificationPreference.findMany({
    where: { userId: { in: [...new Set(pending.map((n) => n.userId))] } },
    select: { userId: true, kind: true, channel: true },
  });
  const chosen = new Map(preferences.map((p) => [`${p.userId}:${p.kind}`, p.channel as NotificationChannelName]));
  const byUser = new Map<string, typeof pending>();
  for (const notification of pending) {
    if (!notification.user.active || !isNotificationKind(notification.kind)) continue;
    if (channelFor(notification.kind, chosen.get(`${notification.userId}:${notification.kind}`)) !== "DIGEST") continue;
    byUser.set(notification.userId, [...(byUser.get(notification.userId) ?? []), notification]);
  }
  const day = now.toISOString().slice(0, 10);
  await prisma.$transaction(async (tx) => {
    for (const [userId, items] of byUser) {
      const { email, name } = items[0].user;
      await queueEmail(
        tx,
        email,
        {
          template: "digest",
          props: {
            name,
            items: items.map((item) => ({ title: item.title, body: item.body, url: appUrl(item.link) })),
            preferencesUrl: appUrl("/notifications/preferences"),
            unsubscribeUrl: appUrl(unsubscribePath(userId, "digest")),
          },
        },
        `digest:${userId}:${day}`,
      );
    }
    await tx.notification.updateMany({ where: { id: { in: pending.map((n) => n.id) } }, data: { digestedAt: now } });
  });
  return byUser.size;
}
