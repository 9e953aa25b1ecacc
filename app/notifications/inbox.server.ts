import { paramOr } from "~/platform/form-fields";
import { z } from "zod";
import { prisma, Prisma, queryRows, sqlIn, sqlPage } from "~/platform/db/db.server";
import { NOTIFICATION_KIND_NAMES, NOTIFICATION_KINDS, type NotificationCategory, type NotificationChannelName, type NotificationKind } from "./notification-kinds";
import { pageWindow } from "~/platform/paging";

export const InboxFiltersSchema = z.object({
  show: paramOr(z.enum(["all", "unread"]), "all"),
  category: z.enum(["capacity", "quality", "marketplace"]).optional().catch(undefined),
  page: paramOr(z.coerce.number().int().min(1), 1),
});
export type InboxFilters = z.infer<typeof InboxFiltersSchema>;

function kindsIn(category: NotificationCategory): NotificationKind[] {
  return NOTIFICATION_KIND_NAMES.filter((kind) => NOTIFICATION_KINDS[kind].category === category);
}

export interface InboxNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  readAt: Date | null;
  createdAt: Date;
}

/**
 * One page of the user's notifications, newest first, with the count that pages them and the unread count.
 * Read on the driver (queryRows): through Prisma the count and the page cost ~4 ms of Node CPU a view;
 * tests/integration/notifications-sql.test.ts checks them against the Prisma query they replaced.
 */
export async function listNotifications(userId: string, filters: InboxFilters) {
  const shown = [Prisma.sql`TRUE`];
  if (filters.show === "unread") shown.push(Prisma.sql`"readAt" IS NULL`);
  if (filters.category) shown.push(sqlIn(Prisma.sql`"kind"`, kindsIn(filters.category)));
  const shownSql = Prisma.join(shown, " AND ");
  const where = Prisma.sql`"userId" = ${userId} AND ${shownSql}`;
  // Both counts in one scan of the user's notifications: one statement fewer for every view.
  const [counted] = await queryRows<{ total: number; unread: number }>(Prisma.sql`
    SELECT count(*) FILTER (WHERE ${shownSql})::int AS "total", count(*) FILTER (WHERE "readAt" IS NULL)::int AS "unread"
    FROM "Notification" WHERE "userId" = ${userId}`);
  const unreadCount = counted?.unread ?? 0;
  const window = pageWindow(counted?.total ?? 0, filters.page);
  const notifications = await queryRows<InboxNotification>(Prisma.sql`
    SELECT "id", "kind", "title", "body", "link", ("readAt" AT TIME ZONE 'UTC') AS "readAt", ("createdAt" AT TIME ZONE 'UTC') AS "createdAt"
    FROM "Notification" WHERE ${where}
    ORDER BY "createdAt" DESC, "id" DESC
    ${sqlPage(window.take, window.skip)}`);
  return { notifications, window, unreadCount };
}

/**
 * The user's unread notifications. Every signed-in page asks (the bell in the header), so this is one
 * plain SQL count on the driver (queryRows): a Prisma count costs about ten times the Node CPU of the same query.
 */
export async function countUnread(userId: string): Promise<number> {
  const [row] = await queryRows<{ unread: number }>(
    Prisma.sql`SELECT count(*)::int AS "unread" FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`,
  );
  return row?.unread ?? 0;
}

/** Marks the user's own notifications read; ids of other people's are ignored. */
export async function markRead(userId: string, ids: string[] | "all") {
  const { count } = await prisma.notification.updateMany({
    where: { userId, readAt: null, id: ids === "all" ? undefined : { in: ids } },
    data: { readAt: new Date() },
  });
  return count;
}

export async function getPreferences(userId: string) {
  const rows = await prisma.notificationPreference.findMany({ where: { userId }, select: { kind: true, channel: true } });
  return new Map(rows.map((row) => [row.kind, row.channel as NotificationChannelName]));
}

export async function setPreferences(userId: string, choices: Partial<Record<NotificationKind, NotificationChannelName>>) {
  await prisma.$transaction(
    Object.entries(choices).map(([kind, channel]) =>
      prisma.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, channel: channel! },
        update: { channel: channel! },
      }),
    ),
  );
}

/** From an email's unsubscribe link: stop emails for one kind, or stop the digest. */
export async function unsubscribe(userId: string, topic: NotificationKind | "digest") {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) return false;
  if (topic === "digest") {
    const current = await getPreferences(userId);
    const digestKinds = NOTIFICATION_KIND_NAMES.filter((kind) => (current.get(kind) ?? NOTIFICATION_KINDS[kind].defaultChannel) === "DIGEST");
    await setPreferences(userId, Object.fromEntries(digestKinds.map((kind) => [kind, "IN_APP"])));
  } else {
    await setPreferences(userId, { [topic]: "IN_APP" });
  }
  return true;
}
