import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { pageWindow } from "~/platform/paging";
import { listNotifications, type InboxFilters } from "~/notifications/inbox.server";
import { NOTIFICATION_KIND_NAMES, NOTIFICATION_KINDS } from "~/notifications/notification-kinds";
import { useTestDatabase } from "../helpers/database";
import { seededGenerator } from "../helpers/seeded-random";
import { createUser } from "../helpers/fixtures";

useTestDatabase();

/*
 * The notification centre reads on the driver. Every filter (all or unread, each category) and every page
 * are checked here against the Prisma query the page used before (written out below as the reference), on
 * generated notifications of two users, read and unread, several made in the same instant (so the order's
 * last key, the id, decides).
 */

async function prismaReference(userId: string, filters: InboxFilters) {
  const where = {
    userId,
    readAt: filters.show === "unread" ? null : undefined,
    kind: filters.category ? { in: NOTIFICATION_KIND_NAMES.filter((kind) => NOTIFICATION_KINDS[kind].category === filters.category) } : undefined,
  };
  const [total, unreadCount] = await Promise.all([prisma.notification.count({ where }), prisma.notification.count({ where: { userId, readAt: null } })]);
  const window = pageWindow(total, filters.page);
  const notifications = await prisma.notification.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: window.skip,
    take: window.take,
    select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
  });
  return { notifications, window, unreadCount };
}

describe("the notification centre on the driver", () => {
  it("answers every filter and page as the Prisma query did, in any time zone", async () => {
    const random = seededGenerator(11);
    const [reader, other] = [await createUser("EDUCATOR"), await createUser("UNIVERSITY")];
    const instant = new Date("2026-10-01T08:00:00.123Z");
    const data = Array.from({ length: 260 }, (_, index) => {
      const createdAt = new Date(instant.getTime() + random.int(0, 40) * 60_000);
      return {
        userId: random.int(0, 4) === 0 ? other.id : reader.id,
        kind: random.pick(NOTIFICATION_KIND_NAMES),
        title: `Title ${index} with "quotes" & <angles>`,
        body: index % 7 === 0 ? "" : `Body ${index}\nsecond line`,
        link: `/somewhere/${index}`,
        eventKey: `event-${index}`,
        readAt: random.int(0, 2) === 0 ? new Date(createdAt.getTime() + 3_600_456) : null,
        createdAt,
      };
    });
    await prisma.notification.createMany({ data });
    const zone = process.env.TZ;
    let compared = 0;
    try {
      for (const tz of ["UTC", "America/New_York"]) {
        process.env.TZ = tz;
        for (const show of ["all", "unread"] as const) {
          for (const category of [undefined, "capacity", "quality", "marketplace"] as const) {
            for (const page of [1, 2, 3, 9]) {
              const filters: InboxFilters = { show, category, page };
              const [driver, reference] = await Promise.all([listNotifications(reader.id, filters), prismaReference(reader.id, filters)]);
              expect(driver, `${tz} ${show} ${category} page ${page}`).toEqual(reference);
              compared += driver.notifications.length;
            }
          }
        }
      }
    } finally {
      process.env.TZ = zone;
    }
    expect(compared).toBeGreaterThan(400);
    const everything = await listNotifications(reader.id, { show: "all", page: 1 });
    expect(everything.window.total).toBeGreaterThan(150);
    expect(everything.notifications.every((notification) => notification.createdAt instanceof Date)).toBe(true);
    expect(everything.notifications.some((notification) => notification.readAt instanceof Date)).toBe(true);
  });
});
