import { createHmac, timingSafeEqual } from "node:crypto";
import { appUrl } from "~/platform/app-url.server";
import { prisma, Prisma } from "~/platform/db/db.server";
import { channelFor, NOTIFICATION_KINDS, type Audience, type NotificationChannelName, type NotificationEvent, type NotificationKind } from "./notification-kinds";
import { getSessionSecret } from "~/platform/env.server";
import { getLogger } from "~/platform/logger.server";
import { runAfterResponse } from "~/platform/after-response.server";
import { queueEmails } from "~/platform/mail.server";
import { emitToRoom } from "~/platform/realtime/realtime.server";
import { userRoom } from "~/platform/realtime/rooms";

type Tx = Prisma.TransactionClient;

export interface RaisedNotification {
  id: string;
  userId: string;
  title: string;
  link: string;
  kind: NotificationKind;
}

async function resolveAudience(tx: Tx, audience: Audience): Promise<{ id: string; email: string; name: string }[]> {
  const or: Prisma.UserWhereInput[] = [];
  if (audience.users?.length) or.push({ id: { in: audience.users } });
  for (const group of audience.organisations ?? []) {
    or.push({ organisationId: group.organisationId, ...(group.roles ? { role: { in: group.roles } } : {}) });
  }
  if (audience.regionFacilitators?.length) or.push({ role: "FACILITATOR", regionId: { in: audience.regionFacilitators } });
  if (or.length === 0) return [];
  return tx.user.findMany({
    where: { active: true, OR: or, id: audience.except?.length ? { notIn: audience.except } : undefined },
    select: { id: true, email: true, name: true },
  });
}

/**
 * Records a notification for each person who should see it, in the caller's transaction, and
 * queues the emails their preferences ask for. Push them to open browsers once the transaction has
 * committed: pushNotificationsAfterResponse from a request, pushNotifications from a background job.
 */
export async function raiseNotification(tx: Tx, event: NotificationEvent): Promise<RaisedNotification[]> {
  const recipients = await resolveAudience(tx, event.audience);
  if (recipients.length === 0) return [];
  const preferences = await tx.notificationPreference.findMany({
    where: { kind: event.kind, userId: { in: recipients.map((r) => r.id) } },
    select: { userId: true, channel: true },
  });
  const chosen = new Map(preferences.map((p) => [p.userId, p.channel as NotificationChannelName]));
  const wanted = recipients
    .map((recipient) => ({ recipient, channel: channelFor(event.kind, chosen.get(recipient.id)) }))
    .filter(({ channel }) => channel !== "OFF");
  if (wanted.length === 0) return [];

  const created = await tx.notification.createManyAndReturn({
    data: wanted.map(({ recipient }) => ({
      userId: recipient.id,
      kind: event.kind,
      title: event.title,
      body: event.body,
      link: event.link,
      eventKey: event.eventKey,
    })),
    skipDuplicates: true,
    select: { id: true, userId: true },
  });
  const createdFor = new Map(created.map((row) => [row.userId, row.id]));
  await queueEmails(
    tx,
    wanted.flatMap(({ recipient, channel }) => {
      const notificationId = createdFor.get(recipient.id);
      if (!notificationId || channel !== "IMMEDIATE") return [];
      return {
        to: recipient.email,
        email: {
          template: "notification" as const,
          props: {
            name: recipient.name,
            title: event.title,
            body: event.body,
            url: appUrl(event.link),
            kindLabel: NOTIFICATION_KINDS[event.kind].label,
            unsubscribeUrl: appUrl(unsubscribePath(recipient.id, event.kind)),
          },
        },
        dedupeKey: `notification-email:${notificationId}`,
      };
    }),
  );
  return created.map((row) => ({ id: row.id, userId: row.userId, title: event.title, link: event.link, kind: event.kind }));
}

/** Tells every open tab of each recipient (on any node) about its new notifications and unread count. */
export async function pushNotifications(raised: RaisedNotification[]) {
  if (raised.length === 0) return;
  try {
    const userIds = [...new Set(raised.map((n) => n.userId))];
    const counts = await prisma.notification.groupBy({ by: ["userId"], where: { userId: { in: userIds }, readAt: null }, _count: { _all: true } });
    const unread = new Map(counts.map((row) => [row.userId, row._count._all]));
    for (const notification of raised) {
      emitToRoom(userRoom(notification.userId), "notification", {
        id: notification.id,
        title: notification.title,
        link: notification.link,
        kind: notification.kind,
        unreadCount: unread.get(notification.userId) ?? 0,
      });
    }
  } catch (error) {
    // The notifications are saved; browsers catch up when they next load or reconnect.
    getLogger().warn({ err: error }, "could not push notifications");
  }
}

/**
 * The same push, off the request path: the unread counts and socket emits run after the response
 * has gone, so the person who acted does not wait for them. Call it once the transaction has committed.
 */
export function pushNotificationsAfterResponse(raised: RaisedNotification[]): void {
  if (raised.length === 0) return;
  runAfterResponse("pushing notifications", () => pushNotifications(raised));
}

/** Runs work in a transaction that may raise notifications, and pushes them after the response once it commits. */
export async function withNotifications<T>(work: (tx: Tx, raise: (event: NotificationEvent) => Promise<void>) => Promise<T>): Promise<T> {
  const raised: RaisedNotification[] = [];
  const result = await prisma.$transaction((tx) => work(tx, async (event) => void raised.push(...(await raiseNotification(tx, event)))));
  pushNotificationsAfterResponse(raised);
  return result;
}

function signUnsubscribe(userId: string, kind: string): string {
  return createHmac("sha256", getSessionSecret()).update(`unsubscribe:${userId}:${kind}`).digest("base64url");
}

/** "digest" stops the daily digest email (all kinds set to digest become in-portal only). */
export type UnsubscribeTopic = NotificationKind | "digest";

export function unsubscribePath(userId: string, kind: UnsubscribeTopic): string {
  return `/notifications/unsubscribe?${new URLSearchParams({ user: userId, kind, sig: signUnsubscribe(userId, kind) })}`;
}

export function verifyUnsubscribe(userId: string, kind: string, signature: string): boolean {
  const expected = Buffer.from(signUnsubscribe(userId, kind));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
