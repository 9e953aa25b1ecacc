import { prisma } from "~/platform/db/db.server";
import { academicYearOf, academicYearRange } from "~/fair-share/capacity-timeline";
import { apportionLargestRemainder, fairShareBand, fairShareRatio } from "~/fair-share/fair-share";
import type { ProfessionCode } from "~/vocabulary/roles";
import { scheduleDailyJob } from "~/platform/jobs/queue.server";
import { getSettings } from "~/settings/settings.server";
import { providerBelowFairShareNotification, requestUnmetNotification } from "./notifications";
import { pushNotifications, raiseNotification, type RaisedNotification } from "./notify.server";

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
  const horizon = new Date(now.getTime() + settings.unmetRequestWeeks * 7 * 86_400_000);
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

  const year = academicYearOf(now);
  const { start, end } = academicYearRange(year);
  const regions = await prisma.region.findMany({ select: { id: true } });
  for (const region of regions) {
    const [demand, workforce, offered, providers] = await Promise.all([
      prisma.placementRequest.groupBy({
        by: ["profession"],
        where: { status: { not: "CANCELLED" }, startDate: { gte: start, lte: end }, university: { regionId: region.id } },
        _sum: { students: true },
      }),
      prisma.workforce.findMany({ where: { year, organisation: { regionId: region.id, kind: "PROVIDER", active: true } }, select: { organisationId: true, profession: true, wte: true } }),
      prisma.offer.groupBy({
        by: ["providerId", "profession"],
        where: { status: "PUBLISHED", startDate: { lte: end }, endDate: { gte: start }, provider: { regionId: region.id } },
        _sum: { slots: true },
      }),
      prisma.organisation.findMany({ where: { regionId: region.id, kind: "PROVIDER" }, select: { id: true, name: true } }),
    ]);
    const names = new Map(providers.map((p) => [p.id, p.name]));
    const offeredBy = new Map(offered.map((row) => [`${row.providerId}:${row.profession}`, row._sum.slots ?? 0]));
    await prisma.$transaction(async (tx) => {
      for (const row of demand) {
        const profession = row.profession as ProfessionCode;
        const shares = apportionLargestRemainder(
          row._sum.students ?? 0,
          workforce.filter((w) => w.profession === profession).map((w) => ({ id: w.organisationId, weight: w.wte })),
        );
        for (const [providerId, share] of shares) {
          const provision = offeredBy.get(`${providerId}:${profession}`) ?? 0;
          const ratio = fairShareRatio(provision, share);
          const band = fairShareBand(ratio, { red: settings.fairShareRed, amber: settings.fairShareAmber });
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
