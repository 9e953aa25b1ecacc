import { addUtcDays } from "~/platform/utc-days";
import { prisma } from "~/platform/db/db.server";
import { academicYearOf } from "~/vocabulary/academic-year";
import { loadRegionFairShare } from "~/fair-share/fair-share.server";
import { scheduleDailyJob } from "~/platform/jobs/queue.server";
import { getSettings } from "~/settings/settings.server";
import { providerBelowFairShareNotification,requestUnmetNotification } from "./notifications";
import { pushNotifications,raiseNotification,type RaisedNotification } from "./notify.server";

export const CAPACITY_CHECKS_QUEUE = "capacity-checks";
const CAPACITY_CHECKS_HOUR_UTC = 6;

/** Schedules the next checks once, however many nodes ask. */
export async function scheduleNextCapacityChecks(now = new Date()) {
  await scheduleDailyJob({ queue: CAPACITY_CHECKS_QUEUE, dedupePrefix: "capacity-checks", hourUtc: CAPACITY_CHECKS_HOUR_UTC }, now);
}

/**
 * Daily: requests still short of placements within the warning window, and providers whose offers
 * have fallen into amber or red against their fair share. Each (request, provider band) is told once.
 */
export async function runCapacityChecks(now = new Date()) {
  const settings = await getSettings();
  const raised: RaisedNotification[] = [];
  const horizon = addUtcDays(now, settings.unmetRequestWeeks * 7);
  const unmet = await prisma.placementRequest.findMany({
    where: { status: { in: ["OPEN", "PARTLY_ALLOCATED"] }, startDate: { gte: now, lte: horizon } },
    select: { id: true, students: true, studentsAllocated: true, startDate: true, profession: true, universityId: true, university: { select: { name: true, regionId: true } }, programme: { select: { name: true } } },
  });
  await prisma.$transaction(async (tx) => {
    for (const request of unmet) {
      const short = request.students - request.studentsAllocated;
      if (short <= 0) continue;
      raised.push(
        ...(await raiseNotification(
          tx,
          requestUnmetNotification({
            ...request,
            universityName: request.university.name,
            programmeName: request.programme.name,
            regionId: request.university.regionId,
          }),
        )),
      );
    }
  });

  // The same figures as the provider's capacity and fair-share pages (docs/fair-share.md).
  const year = academicYearOf(now);
  const regions = await prisma.region.findMany({ select: { id: true } });
  for (const region of regions) {
    const { providers } = await loadRegionFairShare(region.id, year);
    const names = new Map(providers.map((p) => [p.id, p.name]));
    await prisma.$transaction(async (tx) => {
      for (const { id: providerId, rows } of providers) {
        for (const { profession, fairShare: share, offered: provision, offeredRatio: ratio, offeredBand: band } of rows) {
          if (band !== "red" && band !== "amber") continue;
          raised.push(
            ...(await raiseNotification(
              tx,
              providerBelowFairShareNotification({
                providerId,
                providerName: names.get(providerId)!,
                regionId: region.id,
                profession,
                year,
                band,
                offered: provision,
                fairShare: share,
                ratio,
              }),
            )),
          );
        }
      }
    });
  }
  await pushNotifications(raised);
  return raised.length;
}
