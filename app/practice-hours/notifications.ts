import type { NotificationEvent } from "~/notifications/notification-kinds";
import { formatDate, plural } from "~/vocabulary/labels";
import { formatHours } from "./hours-rules";

/** Told once per submission: a resubmitted week that waits again is chased again. */
export function timesheetWaitingNotification(timesheet: {
  id: string;
  providerId: string;
  studentName: string;
  siteName: string;
  weekStarting: Date;
  submittedAt: Date;
  waitedDays: number;
}): NotificationEvent<"timesheet-waiting"> {
  return {
    kind: "timesheet-waiting",
    eventKey: `timesheet-waiting:${timesheet.id}:${timesheet.submittedAt.toISOString()}`,
    title: `${timesheet.studentName}'s timesheet waits for you`,
    body: `The week of ${formatDate(timesheet.weekStarting)} at ${timesheet.siteName} was submitted ${plural(timesheet.waitedDays, "day")} ago and is not yet confirmed.`,
    link: "/provider/timesheets",
    audience: { organisations: [{ organisationId: timesheet.providerId, roles: ["EDUCATOR"] }] },
  };
}

export function timesheetQueriedNotification(timesheet: { id: string; studentId: string; weekStarting: Date; siteName: string; reason: string; decidedAt: Date }): NotificationEvent<"timesheet-queried"> {
  return {
    kind: "timesheet-queried",
    eventKey: `timesheet-queried:${timesheet.id}:${timesheet.decidedAt.toISOString()}`,
    title: `Your timesheet for the week of ${formatDate(timesheet.weekStarting)} was queried`,
    body: `${timesheet.siteName}: ${timesheet.reason}`,
    link: "/student/hours",
    audience: { users: [timesheet.studentId] },
  };
}

/** Told once each time a student becomes at risk (not again while they stay so). */
export function studentAtRiskNotification(student: {
  id: string;
  name: string;
  universityId: string;
  programmeId: string;
  uncoveredMinutes: number;
  since: Date;
}): NotificationEvent<"student-at-risk"> {
  return {
    kind: "student-at-risk",
    eventKey: `student-at-risk:${student.id}:${student.since.toISOString()}`,
    title: `${student.name} is at risk of missing the required practice hours`,
    body: `${formatHours(student.uncoveredMinutes)} hours are not covered by recorded or planned placements.`,
    link: `/university/hours?programmeId=${student.programmeId}`,
    audience: { organisations: [{ organisationId: student.universityId, roles: ["UNIVERSITY"] }] },
  };
}
