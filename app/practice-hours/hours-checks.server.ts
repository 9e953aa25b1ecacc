import { millisecondsInDay } from "date-fns/constants";
import { addUtcDays } from "~/platform/utc-days";
import { prisma } from "~/platform/db/db.server";
import { scheduleDailyJob } from "~/platform/jobs/queue.server";
import { pushNotifications, pushNotificationsAfterResponse, raiseNotification, type RaisedNotification } from "~/notifications/notify.server";
import { TIMESHEET_WAIT_DAYS } from "./hours-rules";
import { loadLedgers, type StudentLedger } from "./ledger.server";
import { studentAtRiskNotification, timesheetWaitingNotification } from "./notifications";

export const HOURS_CHECKS_QUEUE = "practice-hours-checks";
const HOURS_CHECKS_TIME_UTC = { hourUtc: 6, minuteUtc: 45 };

/** Schedules the next checks once, however many nodes ask. */
export async function scheduleNextHoursChecks(now = new Date()) {
  await scheduleDailyJob({ queue: HOURS_CHECKS_QUEUE, dedupePrefix: "practice-hours-checks", ...HOURS_CHECKS_TIME_UTC }, now);
}

/**
 * Records each student's standing and tells their university team once when a student becomes at
 * risk (a student first seen at risk counts as becoming so). Returns the notifications raised.
 */
export async function refreshStandings(ledgers: readonly StudentLedger[], now = new Date()): Promise<RaisedNotification[]> {
  const judged = ledgers.filter((row) => row.ledger !== null);
  if (judged.length === 0) return [];
  const known = await prisma.studentHoursStanding.findMany({ where: { studentId: { in: judged.map((row) => row.studentId) } }, select: { studentId: true, atRisk: true } });
  const before = new Map(known.map((row) => [row.studentId, row.atRisk]));
  const raised: RaisedNotification[] = [];
  await prisma.$transaction(async (tx) => {
    for (const row of judged) {
      const atRisk = row.ledger!.atRisk;
      if (before.get(row.studentId) === atRisk) continue;
      await tx.studentHoursStanding.upsert({
        where: { studentId: row.studentId },
        create: { studentId: row.studentId, atRisk, since: now },
        update: { atRisk, since: now },
      });
      if (atRisk && row.universityId) {
        raised.push(
          ...(await raiseNotification(
            tx,
            studentAtRiskNotification({ id: row.studentId, name: row.name, universityId: row.universityId, programmeId: row.programmeId, uncoveredMinutes: row.ledger!.uncovered, since: now }),
          )),
        );
      }
    }
  });
  return raised;
}

/** Re-judges some students after their hours changed, and pushes what it raised. */
export async function refreshStudentStandings(studentIds: string[], now = new Date()) {
  pushNotificationsAfterResponse(await refreshStandings(await loadLedgers({ studentIds }, now), now));
}

/**
 * Daily: chases timesheets waiting for their educator for TIMESHEET_WAIT_DAYS or more, and re-judges
 * every student on a programme, a university at a time.
 */
export async function runHoursChecks(now = new Date()): Promise<{ waiting: number; atRisk: number }> {
  const cutoff = addUtcDays(now, -TIMESHEET_WAIT_DAYS);
  const waiting = await prisma.timesheet.findMany({
    where: { status: "SUBMITTED", submittedAt: { lte: cutoff } },
    select: {
      id: true,
      providerId: true,
      weekStarting: true,
      submittedAt: true,
      student: { select: { name: true } },
      allocation: { select: { offer: { select: { site: { select: { name: true } } } } } },
    },
  });
  const raised: RaisedNotification[] = [];
  await prisma.$transaction(async (tx) => {
    for (const sheet of waiting) {
      raised.push(
        ...(await raiseNotification(
          tx,
          timesheetWaitingNotification({
            id: sheet.id,
            providerId: sheet.providerId,
            studentName: sheet.student.name,
            siteName: sheet.allocation.offer.site.name,
            weekStarting: sheet.weekStarting,
            submittedAt: sheet.submittedAt,
            waitedDays: Math.floor((now.getTime() - sheet.submittedAt.getTime()) / millisecondsInDay),
          }),
        )),
      );
    }
  });
  const waitingRaised = raised.length;
  const universities = await prisma.organisation.findMany({ where: { kind: "UNIVERSITY", active: true }, select: { id: true } });
  for (const university of universities) {
    raised.push(...(await refreshStandings(await loadLedgers({ universityIds: [university.id] }, now), now)));
  }
  await pushNotifications(raised);
  return { waiting: waitingRaised, atRisk: raised.length - waitingRaised };
}
