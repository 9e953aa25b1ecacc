import type { Actor } from "~/accounts/policy";
import { recordAudit } from "~/platform/audit.server";
import { prisma, Prisma } from "~/platform/db/db.server";
import { Refusal } from "~/platform/refusal";
import { withNotifications } from "~/notifications/notify.server";
import type { TimesheetInput } from "./hours-forms";
import { isMonday, minutesFromHours, placementWeeks, recordableWeeks, type TimesheetStatusName } from "./hours-rules";
import { refreshStudentStandings } from "./hours-checks.server";
import { loadLedgers, RECORDING_STATUSES } from "./ledger.server";
import { timesheetQueriedNotification } from "./notifications";
import { canDecideTimesheet, requireHoursStudent, requireTimesheetProvider } from "./policy";

const isoDay = (iso: string) => new Date(`${iso}T00:00:00Z`);
const dayKey = (date: Date) => date.toISOString().slice(0, 10);

const TIMESHEET_SELECT = {
  id: true,
  weekStarting: true,
  days: true,
  inPersonMinutes: true,
  telehealthMinutes: true,
  simulationMinutes: true,
  status: true,
  submittedAt: true,
  decidedAt: true,
  queryReason: true,
} as const;

/** A student's own ledger and placements, week by week, with the weeks they may record now. */
export async function getStudentHours(actor: Actor, now = new Date()) {
  const studentId = requireHoursStudent(actor);
  const [ledgers, named] = await Promise.all([
    loadLedgers({ studentIds: [studentId] }, now),
    prisma.allocationStudent.findMany({
      where: { studentId, allocation: { status: { in: [...RECORDING_STATUSES] } } },
      orderBy: { allocation: { request: { startDate: "asc" } } },
      select: {
        allocation: {
          select: {
            id: true,
            status: true,
            offer: { select: { profession: true, provider: { select: { name: true } }, site: { select: { name: true } } } },
            request: { select: { startDate: true, endDate: true } },
            timesheets: { where: { studentId }, orderBy: { weekStarting: "asc" }, select: TIMESHEET_SELECT },
          },
        },
      },
    }),
  ]);
  const placements = named.map(({ allocation }) => {
    const sheets = new Map(allocation.timesheets.map((sheet) => [dayKey(sheet.weekStarting), sheet]));
    const confirmed = allocation.timesheets.filter((sheet) => sheet.status === "CONFIRMED").map((sheet) => sheet.weekStarting);
    return {
      allocationId: allocation.id,
      completed: allocation.status === "COMPLETED",
      profession: allocation.offer.profession,
      providerName: allocation.offer.provider.name,
      siteName: allocation.offer.site.name,
      startDate: allocation.request.startDate,
      endDate: allocation.request.endDate,
      weeks: placementWeeks(allocation.request.startDate, allocation.request.endDate).map((week) => ({
        weekStarting: dayKey(week.weekStarting),
        plannedMinutes: week.minutes,
        timesheet: sheets.get(dayKey(week.weekStarting)) ?? null,
      })),
      recordableWeeks: recordableWeeks(allocation.request.startDate, allocation.request.endDate, now, confirmed).map(dayKey),
    };
  });
  return { student: ledgers[0] ?? null, placements };
}

/**
 * Records (or corrects) one week. A confirmed week is final; a queried or waiting one is replaced
 * and waits for the educator again.
 */
export async function submitTimesheet(actor: Actor, input: TimesheetInput, now = new Date()) {
  const studentId = requireHoursStudent(actor);
  const named = await prisma.allocationStudent.findUnique({
    where: { allocationId_studentId: { allocationId: input.allocationId, studentId } },
    select: { allocation: { select: { id: true, status: true, offer: { select: { providerId: true } }, request: { select: { startDate: true, endDate: true } } } } },
  });
  if (!named) throw new Refusal(404, "Placement not found", "allocationId");
  const { allocation } = named;
  if (!(RECORDING_STATUSES as readonly string[]).includes(allocation.status)) {
    throw new Refusal(409, "Hours are recorded once you are named on the placement.", "allocationId");
  }
  const week = isoDay(input.weekStarting);
  if (!isMonday(week)) throw new Refusal(400, "Choose a week by its Monday.", "weekStarting");
  const allowed = recordableWeeks(allocation.request.startDate, allocation.request.endDate, now, []).map(dayKey);
  if (!allowed.includes(input.weekStarting)) throw new Refusal(400, "Choose a week of this placement that has started.", "weekStarting");
  const hours = {
    days: input.days,
    inPersonMinutes: minutesFromHours(input.inPersonHours),
    telehealthMinutes: minutesFromHours(input.telehealthHours),
    simulationMinutes: minutesFromHours(input.simulationHours),
  };
  const saved = await prisma.$transaction(async (tx) => {
    const existing = await tx.timesheet.findUnique({
      where: { allocationId_studentId_weekStarting: { allocationId: allocation.id, studentId, weekStarting: week } },
      select: { id: true, status: true },
    });
    if (existing?.status === "CONFIRMED") throw new Refusal(409, "The educator has confirmed that week: it can no longer be changed.", "weekStarting");
    const fields = { ...hours, status: "SUBMITTED" as const, submittedAt: now, decidedById: null, decidedAt: null, queryReason: null };
    const row = existing
      ? await tx.timesheet.update({ where: { id: existing.id }, data: fields, select: { id: true } })
      : await tx.timesheet.create({ data: { allocationId: allocation.id, studentId, providerId: allocation.offer.providerId, weekStarting: week, ...fields }, select: { id: true } });
    await recordAudit(tx, {
      actorId: studentId,
      action: "timesheet-submitted",
      entityType: "Timesheet",
      entityId: row.id,
      details: { weekStarting: input.weekStarting, ...hours, resubmitted: existing ? existing.status : null },
    });
    return { id: row.id, resubmitted: Boolean(existing) };
  });
  await refreshStudentStandings([studentId], now);
  return saved;
}

/** An educator's timesheets: those waiting first (oldest first), then recent decisions. */
export async function listProviderTimesheets(actor: Actor, status: TimesheetStatusName | undefined) {
  const providerId = requireTimesheetProvider(actor);
  const rows = await prisma.timesheet.findMany({
    where: { providerId, ...(status ? { status } : {}) },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      ...TIMESHEET_SELECT,
      student: { select: { name: true, email: true } },
      allocation: { select: { offer: { select: { profession: true, site: { select: { name: true } } } }, request: { select: { startDate: true, endDate: true, university: { select: { name: true } } } } } },
    },
  });
  const waiting = await prisma.timesheet.count({ where: { providerId, status: "SUBMITTED" } });
  return { rows, waiting };
}

async function decidable(actor: Actor, timesheetId: string) {
  requireTimesheetProvider(actor);
  const sheet = await prisma.timesheet.findUnique({
    where: { id: timesheetId },
    select: { id: true, providerId: true, studentId: true, status: true, weekStarting: true, allocation: { select: { offer: { select: { site: { select: { name: true } } } } } } },
  });
  if (!sheet || !canDecideTimesheet(actor, sheet)) throw new Refusal(404, "Timesheet not found");
  if (sheet.status !== "SUBMITTED") {
    throw new Refusal(409, sheet.status === "CONFIRMED" ? "That week is already confirmed." : "That week is queried: the student corrects it and submits it again.");
  }
  return sheet;
}

/** Only a waiting week changes, so two educators deciding at once cannot both win. */
async function decide(tx: Prisma.TransactionClient, id: string, data: Prisma.TimesheetUpdateManyMutationInput) {
  const { count } = await tx.timesheet.updateMany({ where: { id, status: "SUBMITTED" }, data });
  if (count === 0) throw new Refusal(409, "Someone has just decided on that week: reload the page.");
}

export async function confirmTimesheet(actor: Actor, timesheetId: string, now = new Date()) {
  const sheet = await decidable(actor, timesheetId);
  await prisma.$transaction(async (tx) => {
    await decide(tx, sheet.id, { status: "CONFIRMED", decidedById: actor.id, decidedAt: now, queryReason: null });
    await recordAudit(tx, { actorId: actor.id, action: "timesheet-confirmed", entityType: "Timesheet", entityId: sheet.id, details: { weekStarting: dayKey(sheet.weekStarting) } });
  });
  await refreshStudentStandings([sheet.studentId], now);
}

export async function queryTimesheet(actor: Actor, timesheetId: string, reason: string, now = new Date()) {
  const sheet = await decidable(actor, timesheetId);
  await withNotifications(async (tx, raise) => {
    await decide(tx, sheet.id, { status: "QUERIED", decidedById: actor.id, decidedAt: now, queryReason: reason });
    await recordAudit(tx, { actorId: actor.id, action: "timesheet-queried", entityType: "Timesheet", entityId: sheet.id, details: { weekStarting: dayKey(sheet.weekStarting), reason } });
    await raise(timesheetQueriedNotification({ id: sheet.id, studentId: sheet.studentId, weekStarting: sheet.weekStarting, siteName: sheet.allocation.offer.site.name, reason, decidedAt: now }));
  });
  await refreshStudentStandings([sheet.studentId], now);
}
