import { prisma } from "~/platform/db/db.server";
import { academicYearOf } from "~/vocabulary/academic-year";
import { loadRegionFairShare } from "~/fair-share/fair-share.server";
import { formatDate } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { enqueueJob } from "~/platform/jobs/queue.server";
import { getSettings } from "~/settings/settings.server";
import { pushNotifications, raiseNotification, type RaisedNotification } from "./notify.server";

export const CAPACITY_CHECKS_QUEUE = "capacity-checks";

export async function scheduleNextCapacityChecks(now = new Date()) {
  const runAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 6));
  await enqueueJob(prisma, { queue: CAPACITY_CHECKS_QUEUE, payload: {}, dedupeKey: `capacity-checks:${runAt.toISOString()}`, runAt });
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
        ...(await raiseNotification(tx, {
          kind: "request-unmet-near-start",
          eventKey: `request-unmet:${request.id}:${request.startDate.toISOString().slice(0, 10)}`,
          title: `${short} ${PROFESSION_LABELS[request.profession].toLowerCase()} ${short === 1 ? "student has" : "students have"} no placement yet: block starts ${formatDate(request.startDate)}`,
          body: `${request.university.name}, ${request.programme.name}. ${request.studentsAllocated} of ${request.students} placed.`,
          link: `/university/requests/${request.id}`,
          audience: { organisations: [{ organisationId: request.universityId, roles: ["UNIVERSITY"] }], regionFacilitators: [request.university.regionId] },
        })),
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
            ...(await raiseNotification(tx, {
              kind: "provider-below-fair-share",
              eventKey: `below-fair-share:${providerId}:${profession}:${year}:${band}`,
              title: `${names.get(providerId)} is ${band === "red" ? "well below" : "below"} its fair share of ${PROFESSION_LABELS[profession].toLowerCase()} placements`,
              body: `Offering ${provision} against a fair share of ${share} for ${year}/${String(year + 1).slice(2)} (ratio ${ratio?.toFixed(2)}, ${band}).`,
              link: "/provider/capacity",
              audience: { organisations: [{ organisationId: providerId, roles: ["EDUCATOR"] }], regionFacilitators: [region.id] },
            })),
          );
        }
      }
    });
  }
  await pushNotifications(raised);
  return raised.length;
}
