import { createOnce } from "~/cases/raise-cases.server";
import { addUtcDays } from "~/platform/utc-days";
import { nextDailyRun } from "~/platform/jobs/daily";
import { scheduleDailyJob } from "~/platform/jobs/queue.server";
import { prisma } from "~/platform/db/db.server";
import { pushNotifications, raiseNotification, type RaisedNotification } from "~/notifications/notify.server";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { formatDate } from "~/vocabulary/labels";
import { AWARD_TERMS_SELECT, placementsForAwards } from "./funding.server";
import { summariseAwardDelivery, warrantsCase } from "./funding-rules";
import { awardBehindNotification, formatUnits } from "./notifications";

export const FUNDING_SCAN_QUEUE = "funding-scan";
/** 06:15 UTC: after the case scan, before the 07:00 digest that carries these notifications. */
const FUNDING_SCAN_TIME_UTC = { hourUtc: 6, minuteUtc: 15 };

export function nextFundingScanTime(now: Date): Date {
  return nextDailyRun(now, FUNDING_SCAN_TIME_UTC.hourUtc, FUNDING_SCAN_TIME_UTC.minuteUtc);
}

/** Schedules the next scan once, however many nodes ask. */
export async function scheduleNextFundingScan(now = new Date()) {
  await scheduleDailyJob({ queue: FUNDING_SCAN_QUEUE, dedupePrefix: "funding-scan", ...FUNDING_SCAN_TIME_UTC }, now);
}

/**
 * Daily: every award whose period is running (or ended within the last month) and that is behind its
 * commitment tells its provider's educators and its region's facilitators, once a month; one behind
 * with half its period gone also raises a shortfall case, once per award.
 */
export async function runFundingScan(now = new Date()): Promise<{ notified: number; cases: number }> {
  const monthAgo = addUtcDays(now, -31);
  const awards = await prisma.fundingAward.findMany({
    where: { periodStart: { lte: now }, periodEnd: { gte: monthAgo }, provider: { active: true } },
    select: {
      ...AWARD_TERMS_SELECT,
      programme: { select: { name: true, regionId: true } },
      payments: { select: { payOn: true, amountPence: true } },
    },
  });
  const placements = await placementsForAwards(awards);
  const raised: RaisedNotification[] = [];
  let cases = 0;
  await prisma.$transaction(async (tx) => {
    for (const award of awards) {
      const delivery = summariseAwardDelivery(award, placements.get(award.id) ?? [], award.payments, now);
      if (!delivery.behind) continue;
      const described = { ...award, providerName: award.provider.name, regionId: award.programme.regionId, programmeName: award.programme.name };
      raised.push(...(await raiseNotification(tx, awardBehindNotification(described, delivery, now))));
      if (!warrantsCase(delivery)) continue;
      const created = await createOnce(
        tx,
        {
          sourceKey: `funding-behind:${award.id}`,
          regionId: award.programme.regionId,
          kind: "FUNDING_BEHIND",
          severity: "MEDIUM",
          title: `${award.provider.name}: ${PROFESSION_LABELS[award.profession]} expansion funding behind its commitment`,
          profession: award.profession,
          organisationIds: [award.providerId],
          dueOn: award.periodEnd,
        },
        `Raised by the daily funding scan: ${formatUnits(delivery.deliveredToDate)} delivered against ${formatUnits(delivery.expectedToDate)} expected by ${formatDate(now)} (${award.programme.name}).`,
      );
      if (created) cases += 1;
    }
  });
  await pushNotifications(raised);
  return { notified: raised.length, cases };
}
