import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { Refusal } from "~/platform/refusal";
import { runHoursChecks, refreshStandings } from "~/practice-hours/hours-checks.server";
import { getProgrammeHours, getRegionAtRisk, programmeHoursCsv, regionAtRiskCsv } from "~/practice-hours/hours-views.server";
import { loadLedgers } from "~/practice-hours/ledger.server";
import { addRequirement, requirementsInForce, seedBaselineRequirements } from "~/practice-hours/requirements.server";
import { confirmTimesheet, getStudentHours, queryTimesheet, submitTimesheet } from "~/practice-hours/timesheets.server";
import { action as adminHoursAction } from "~/routes/admin.hours";
import { action as timesheetsAction } from "~/routes/provider.timesheets";
import { action as studentHoursAction } from "~/routes/student.hours";
import { useTestDatabase } from "../helpers/database";
import { buildRequest, createOrganisation, createRegion, createUser, settle, signInAs, testContext } from "../helpers/fixtures";
import { createSite } from "../helpers/marketplace";

useTestDatabase();

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const h = (hours: number) => hours * 60;
/** A Wednesday in the placement's third week. */
const NOW = day("2027-01-27");

type User = Awaited<ReturnType<typeof createUser>>;
let regionId: string;
let providerId: string;
let universityId: string;
let users: Record<"admin" | "educator" | "otherEducator" | "university" | "otherUniversity" | "facilitator" | "student" | "sltStudent" | "stranger", User>;
let ptProgramme: string;
let sltProgramme: string;
let otherProgramme: string;
let ptPlacement: string;


async function programme(university: string, profession: "PT" | "SLT", blockEnd?: string) {
  return prisma.programme.create({
    data: {
      universityId: university,
      name: `BSc ${profession} ${Math.random().toString(36).slice(2, 7)}`,
      profession,
      years: 3,
      blocks: blockEnd ? { create: { name: "Final block", yearOfStudy: 3, startDate: day("2027-06-07"), endDate: day(blockEnd) } } : undefined,
    },
  });
}

/** A named placement of some students at the provider, 6 weeks from 11 January 2027. */
async function placement(programmeId: string, profession: "PT" | "SLT", studentIds: string[], dates = { start: "2027-01-11", end: "2027-02-19" }, status: "STUDENTS_NAMED" | "COMPLETED" = "STUDENTS_NAMED") {
  const site = await createSite(providerId);
  const block = await prisma.placementBlock.create({ data: { programmeId, name: `Block ${Math.random()}`, yearOfStudy: 3, startDate: day(dates.start), endDate: day(dates.end) } });
  const offer = await prisma.offer.create({
    data: { providerId, siteId: site.id, profession, startDate: day(dates.start), endDate: day(dates.end), slots: 5, supervisionModel: "ONE_TO_ONE", yearsOfStudy: [], status: "PUBLISHED" },
  });
  const request = await prisma.placementRequest.create({
    data: { universityId, programmeId, blockId: block.id, profession, yearOfStudy: 3, startDate: day(dates.start), endDate: day(dates.end), students: studentIds.length },
  });
  const allocation = await prisma.allocation.create({
    data: { offerId: offer.id, requestId: request.id, students: studentIds.length, status, namedStudents: { create: studentIds.map((studentId) => ({ studentId })) } },
  });
  return allocation.id;
}

async function confirmedWeek(allocationId: string, studentId: string, weekStarting: string, minutes: { inPerson?: number; telehealth?: number; simulation?: number }, status: "CONFIRMED" | "SUBMITTED" = "CONFIRMED") {
  return prisma.timesheet.create({
    data: {
      allocationId,
      studentId,
      providerId,
      weekStarting: day(weekStarting),
      days: 5,
      inPersonMinutes: minutes.inPerson ?? 0,
      telehealthMinutes: minutes.telehealth ?? 0,
      simulationMinutes: minutes.simulation ?? 0,
      status,
      submittedAt: day(weekStarting),
    },
  });
}

async function ledgerOf(studentId: string, now = NOW) {
  const [row] = await loadLedgers({ studentIds: [studentId] }, now);
  return row.ledger!;
}

beforeAll(async () => {
  regionId = (await createRegion()).id;
  providerId = (await createOrganisation({ regionId })).id;
  const otherProviderId = (await createOrganisation({ regionId })).id;
  universityId = (await createOrganisation({ kind: "UNIVERSITY", regionId, name: "Thames University" })).id;
  const otherUniversityId = (await createOrganisation({ kind: "UNIVERSITY", regionId })).id;
  users = {
    admin: await createUser("ADMIN"),
    educator: await createUser("EDUCATOR", { organisationId: providerId }),
    otherEducator: await createUser("EDUCATOR", { organisationId: otherProviderId }),
    university: await createUser("UNIVERSITY", { organisationId: universityId }),
    otherUniversity: await createUser("UNIVERSITY", { organisationId: otherUniversityId }),
    facilitator: await createUser("FACILITATOR", { regionId }),
    student: await createUser("STUDENT", { organisationId: universityId }),
    sltStudent: await createUser("STUDENT", { organisationId: universityId }),
    stranger: await createUser("STUDENT", { organisationId: universityId }),
  };
  await seedBaselineRequirements();
  ptProgramme = (await programme(universityId, "PT", "2027-07-30")).id;
  sltProgramme = (await programme(universityId, "SLT")).id;
  otherProgramme = (await programme(otherUniversityId, "PT")).id;
  await prisma.user.update({ where: { id: users.student.id }, data: { programmeId: ptProgramme, yearOfStudy: 3 } });
  await prisma.user.update({ where: { id: users.sltStudent.id }, data: { programmeId: sltProgramme, yearOfStudy: 3 } });
  ptPlacement = await placement(ptProgramme, "PT", [users.student.id]);
  await placement(sltProgramme, "SLT", [users.sltStudent.id]);
});

describe("the ledger against each profession's rule", () => {
  it("plans the unrecorded weeks of a named placement at 37.5 hours and measures them against 1,000 hours for physiotherapy", async () => {
    const ledger = await ledgerOf(users.student.id);
    expect(ledger.required).toBe(h(1000));
    expect(ledger.planned.inPerson).toBe(h(6 * 37.5));
    expect(ledger.atRisk).toBe(true);
    expect(ledger.uncovered).toBe(h(1000 - 225));
  });

  it("holds the same hours to 562.5 for speech and language therapy: completed earlier placements make the student on track", async () => {
    const earlier = await placement(sltProgramme, "SLT", [users.sltStudent.id], { start: "2026-03-02", end: "2026-04-24" }, "COMPLETED");
    for (let week = 0; week < 8; week += 1) {
      const monday = new Date(day("2026-03-02").getTime() + week * 7 * 86_400_000).toISOString().slice(0, 10);
      await confirmedWeek(earlier, users.sltStudent.id, monday, { inPerson: h(37.5) });
    }
    const ledger = await ledgerOf(users.sltStudent.id);
    expect(ledger.required).toBe(h(562.5));
    expect(ledger.confirmedCounted).toBe(h(300));
    expect(ledger.plannedCounted).toBe(h(225));
    expect(ledger.atRisk).toBe(true);
    expect(ledger.uncovered).toBe(h(37.5));
    // One more confirmed week closes the gap exactly: 337.5 confirmed + 225 planned.
    const extra = await placement(sltProgramme, "SLT", [users.sltStudent.id], { start: "2026-05-04", end: "2026-05-08" }, "COMPLETED");
    await confirmedWeek(extra, users.sltStudent.id, "2026-05-04", { inPerson: h(37.5) });
    expect((await ledgerOf(users.sltStudent.id)).atRisk).toBe(false);
  });

  it("counts simulation only up to the cap (25% of 1,000 hours for physiotherapy), the later hours over it not counting", async () => {
    const sim = await createUser("STUDENT", { organisationId: universityId });
    await prisma.user.update({ where: { id: sim.id }, data: { programmeId: ptProgramme } });
    const lab = await placement(ptProgramme, "PT", [sim.id], { start: "2026-01-05", end: "2026-03-27" }, "COMPLETED");
    for (let week = 0; week < 8; week += 1) {
      const monday = new Date(day("2026-01-05").getTime() + week * 7 * 86_400_000).toISOString().slice(0, 10);
      await confirmedWeek(lab, sim.id, monday, { simulation: h(37.5) }, week < 7 ? "CONFIRMED" : "SUBMITTED");
    }
    const ledger = await ledgerOf(sim.id);
    expect(ledger.confirmed.simulation).toBe(h(262.5));
    expect(ledger.confirmedCounted).toBe(h(250));
    expect(ledger.recordedCounted).toBe(h(250));
    expect(ledger.notCounted).toBe(h(50));
  });

  it("applies a revised requirement only from its date, keeping the old one before it", async () => {
    await addRequirement(users.admin, {
      profession: "SLT",
      minimumHours: 600,
      countsInPerson: true,
      countsTelehealth: true,
      countsSimulation: true,
      simulationCapHours: 60,
      simulationCapPercent: undefined,
      source: "A revised guidance",
      sourceUrl: undefined,
      notes: undefined,
      effectiveFrom: "2028-09-01",
    });
    expect((await requirementsInForce(day("2028-08-31"))).get("SLT")?.minimumMinutes).toBe(h(562.5));
    expect((await requirementsInForce(day("2028-09-01"))).get("SLT")?.minimumMinutes).toBe(h(600));
    expect((await ledgerOf(users.sltStudent.id, day("2028-09-02"))).required).toBe(h(600));
    await expect(addRequirement(users.educator, { profession: "SLT" } as never)).rejects.toMatchObject({ status: 403 });
    expect(await prisma.auditEvent.count({ where: { action: "hours-requirement-added", actorId: users.admin.id } })).toBe(1);
  });
});

describe("timesheets: submitted, then confirmed or queried", () => {
  it("counts a submitted week as waiting and, once the educator confirms it, as confirmed", async () => {
    const before = await ledgerOf(users.student.id);
    await submitTimesheet(users.student, { allocationId: ptPlacement, weekStarting: "2027-01-11", days: 5, inPersonHours: 30, telehealthHours: 7.5, simulationHours: 0 }, NOW);
    const waiting = await ledgerOf(users.student.id);
    expect(waiting.awaiting).toEqual({ inPerson: h(30), telehealth: h(7.5), simulation: 0 });
    expect(waiting.confirmedCounted).toBe(0);
    expect(waiting.planned.inPerson).toBe(before.planned.inPerson - h(37.5));
    const sheet = await prisma.timesheet.findFirstOrThrow({ where: { studentId: users.student.id, weekStarting: day("2027-01-11") } });
    await expect(confirmTimesheet(users.otherEducator, sheet.id, NOW)).rejects.toMatchObject({ status: 404 });
    await expect(confirmTimesheet(users.student, sheet.id, NOW)).rejects.toMatchObject({ status: 403 });
    await confirmTimesheet(users.educator, sheet.id, NOW);
    const confirmed = await ledgerOf(users.student.id);
    expect(confirmed.confirmedCounted).toBe(h(37.5));
    expect(confirmed.awaiting).toEqual({ inPerson: 0, telehealth: 0, simulation: 0 });
    await expect(confirmTimesheet(users.educator, sheet.id, NOW)).rejects.toMatchObject({ status: 409 });
    await expect(
      submitTimesheet(users.student, { allocationId: ptPlacement, weekStarting: "2027-01-11", days: 5, inPersonHours: 40, telehealthHours: 0, simulationHours: 0 }, NOW),
    ).rejects.toMatchObject({ status: 409, field: "weekStarting" });
    const audit = await prisma.auditEvent.findMany({ where: { entityType: "Timesheet", entityId: sheet.id }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true } });
    expect(audit).toEqual([
      { action: "timesheet-submitted", actorId: users.student.id },
      { action: "timesheet-confirmed", actorId: users.educator.id },
    ]);
  });

  it("a query tells the student why; the student corrects the week and it waits for the educator again", async () => {
    await submitTimesheet(users.student, { allocationId: ptPlacement, weekStarting: "2027-01-18", days: 5, inPersonHours: 45, telehealthHours: 0, simulationHours: 0 }, NOW);
    const sheet = await prisma.timesheet.findFirstOrThrow({ where: { studentId: users.student.id, weekStarting: day("2027-01-18") } });
    await queryTimesheet(users.educator, sheet.id, "You were with us four days that week", NOW);
    const told = await prisma.notification.findFirstOrThrow({ where: { userId: users.student.id, kind: "timesheet-queried" } });
    expect(told.body).toContain("You were with us four days that week");
    expect((await ledgerOf(users.student.id)).queried.inPerson).toBe(h(45));
    const page = await getStudentHours(users.student, NOW);
    expect(page.placements.find((p) => p.allocationId === ptPlacement)!.recordableWeeks).toEqual(["2027-01-18", "2027-01-25"]);
    const corrected = await submitTimesheet(users.student, { allocationId: ptPlacement, weekStarting: "2027-01-18", days: 4, inPersonHours: 30, telehealthHours: 0, simulationHours: 0 }, NOW);
    expect(corrected).toEqual({ id: sheet.id, resubmitted: true });
    const again = await prisma.timesheet.findUniqueOrThrow({ where: { id: sheet.id } });
    expect(again).toMatchObject({ status: "SUBMITTED", queryReason: null, days: 4, inPersonMinutes: h(30) });
  });

  it("refuses weeks that have not started, placements the student is not named on, and other people's students", async () => {
    await expect(
      submitTimesheet(users.student, { allocationId: ptPlacement, weekStarting: "2027-02-01", days: 5, inPersonHours: 37.5, telehealthHours: 0, simulationHours: 0 }, NOW),
    ).rejects.toMatchObject({ status: 400, field: "weekStarting" });
    await expect(
      submitTimesheet(users.student, { allocationId: ptPlacement, weekStarting: "2027-01-12", days: 5, inPersonHours: 37.5, telehealthHours: 0, simulationHours: 0 }, NOW),
    ).rejects.toMatchObject({ status: 400, field: "weekStarting" });
    await expect(
      submitTimesheet(users.stranger, { allocationId: ptPlacement, weekStarting: "2027-01-11", days: 5, inPersonHours: 37.5, telehealthHours: 0, simulationHours: 0 }, NOW),
    ).rejects.toMatchObject({ status: 404 });
    await expect(submitTimesheet(users.educator, { allocationId: ptPlacement } as never, NOW)).rejects.toBeInstanceOf(Refusal);
    await expect(getProgrammeHours(users.university, otherProgramme, NOW)).rejects.toMatchObject({ status: 404 });
    await expect(getProgrammeHours(users.educator, undefined, NOW)).rejects.toMatchObject({ status: 403 });
    await expect(getRegionAtRisk(users.university, NOW)).rejects.toMatchObject({ status: 403 });
  });
});

describe("the forms answer bad input with a 4xx and a reason", () => {
  async function post(action: (args: ActionFunctionArgs) => unknown, path: string, as: User, form: Record<string, string>) {
    const request = buildRequest(path, { as: await signInAs(as), form });
    return settle(() => action({ request, params: {}, context: testContext }));
  }
  const errorsOf = (data: unknown) => (data as { result: { error: Record<string, string[]> } }).result.error;

  it("the student's week", async () => {
    const base = { allocationId: ptPlacement, weekStarting: "2027-01-25", days: "5" };
    let answer = await post(studentHoursAction, "/student/hours", users.student, { ...base, days: "many", inPersonHours: "7" });
    expect(answer.status).toBe(400);
    expect(errorsOf(answer.data).days).toEqual(["Enter the days as a whole number from 1 to 7"]);
    answer = await post(studentHoursAction, "/student/hours", users.student, { ...base, inPersonHours: "7.1" });
    expect(errorsOf(answer.data).inPersonHours?.[0]).toMatch(/quarter hours/);
    answer = await post(studentHoursAction, "/student/hours", users.student, { ...base, days: "1", inPersonHours: "20" });
    expect(errorsOf(answer.data).days?.[0]).toMatch(/more than 13 a day/);
    answer = await post(studentHoursAction, "/student/hours", users.student, { ...base, weekStarting: "2027-02-30", inPersonHours: "7" });
    expect(answer.status).toBe(400);
    expect(errorsOf(answer.data).weekStarting).toBeDefined();
    answer = await post(studentHoursAction, "/student/hours", users.student, { ...base, weekStarting: "2027-03-01", inPersonHours: "7" });
    expect(answer.status).toBe(400);
    expect(errorsOf(answer.data).weekStarting).toEqual(["Choose a week of this placement that has started."]);
  });

  it("the educator's query needs a reason", async () => {
    const sheet = await prisma.timesheet.findFirstOrThrow({ where: { studentId: users.student.id, status: "SUBMITTED" } });
    const answer = await post(timesheetsAction, "/provider/timesheets", users.educator, { intent: "query", timesheetId: sheet.id, reason: " " });
    expect(answer.status).toBe(400);
    expect(errorsOf(answer.data).reason?.[0]).toMatch(/Say what the student should check/);
    expect((await post(timesheetsAction, "/provider/timesheets", users.educator, { intent: "approve", timesheetId: sheet.id })).status).toBe(400);
    expect((await prisma.timesheet.findUniqueOrThrow({ where: { id: sheet.id } })).status).toBe("SUBMITTED");
  });

  it("the administrator's requirement", async () => {
    const base = { profession: "OT", minimumHours: "1000", countsInPerson: "on", countsSimulation: "on", source: "RCOT standards", effectiveFrom: "2029-09-01" };
    let answer = await post(adminHoursAction, "/admin/hours", users.admin, { ...base, simulationCapHours: "100", simulationCapPercent: "10" });
    expect(answer.status).toBe(400);
    expect(errorsOf(answer.data).simulationCapPercent).toEqual(["Give the cap in hours or as a percentage, not both"]);
    answer = await post(adminHoursAction, "/admin/hours", users.admin, { ...base, profession: "VET" });
    expect(errorsOf(answer.data).profession).toEqual(["Choose the profession"]);
    answer = await post(adminHoursAction, "/admin/hours", users.admin, { ...base, countsInPerson: "", countsSimulation: "" });
    expect(errorsOf(answer.data).countsInPerson).toEqual(["At least one kind of practice must count"]);
    answer = await post(adminHoursAction, "/admin/hours", users.admin, { ...base, sourceUrl: "javascript:alert(1)" });
    expect(errorsOf(answer.data).sourceUrl).toBeDefined();
    answer = await post(adminHoursAction, "/admin/hours", users.admin, { ...base, effectiveFrom: "2019-09-01" });
    expect(answer.status).toBe(409);
    expect(errorsOf(answer.data).effectiveFrom?.[0]).toMatch(/already has a requirement from this date/);
    expect((await post(adminHoursAction, "/admin/hours", users.admin, base)).status).toBe(302);
  });
});

describe("at risk", () => {
  it("leaves out planned placements that end after the programme's last block", async () => {
    const late = await createUser("STUDENT", { organisationId: universityId });
    await prisma.user.update({ where: { id: late.id }, data: { programmeId: ptProgramme } });
    // Its block belongs to another programme, so the student's programme still ends on 30 July 2027.
    await placement(sltProgramme, "PT", [late.id], { start: "2027-09-06", end: "2027-10-01" });
    expect((await ledgerOf(late.id)).planned.inPerson).toBe(0);
  });

  it("tells the university team once when a student becomes at risk, and again only after they recover and fall back", async () => {
    const ledgers = await loadLedgers({ studentIds: [users.student.id] }, NOW);
    expect(ledgers[0].ledger!.atRisk).toBe(true);
    await refreshStandings(ledgers, day("2027-01-27"));
    await refreshStandings(ledgers, day("2027-01-28"));
    const count = () => prisma.notification.count({ where: { userId: users.university.id, kind: "student-at-risk" } });
    expect(await count()).toBe(1);
    expect(await prisma.notification.count({ where: { userId: users.otherUniversity.id, kind: "student-at-risk" } })).toBe(0);
    const recovered = [{ ...ledgers[0], ledger: { ...ledgers[0].ledger!, atRisk: false } }];
    await refreshStandings(recovered, day("2027-02-01"));
    await refreshStandings(ledgers, day("2027-02-02"));
    expect(await count()).toBe(2);
  });

  it("shows the university every student of a programme, with CSV, and the facilitator the region's counts", async () => {
    const { students } = await getProgrammeHours(users.university, ptProgramme, NOW);
    expect(students.map((row) => row.studentId)).toContain(users.student.id);
    // Unasked, the page opens on a programme with students, passing over one without.
    const empty = await prisma.programme.create({ data: { universityId: users.university.organisationId!, name: "A programme nobody is on yet", profession: "PT", years: 3 } });
    const opened = await getProgrammeHours(users.university, undefined, NOW);
    expect(opened.programmes[0]).toMatchObject({ id: empty.id, students: 0 });
    expect(opened.programme!.students).toBeGreaterThan(0);
    expect(opened.students.length).toBeGreaterThan(0);
    await prisma.programme.delete({ where: { id: empty.id } });
    const csv = programmeHoursCsv(students);
    expect(csv.split("\n")[0]).toContain("at_risk");
    expect(csv).toContain(`${users.student.email},`);
    const rows = await getRegionAtRisk(users.facilitator, NOW);
    const pt = rows.find((row) => row.profession === "PT" && row.universityName === "Thames University")!;
    expect(pt.students).toBe(students.length);
    expect(pt.atRisk).toBe(students.filter((row) => row.ledger?.atRisk).length);
    expect(pt.atRisk).toBeGreaterThan(0);
    const regionCsv = regionAtRiskCsv(rows).split(/\r?\n/);
    expect(regionCsv[0]).toBe("university,profession,students,at_risk,uncovered_hours");
    expect(regionCsv.some((line) => line.startsWith(`Thames University,Physiotherapy,${pt.students},${pt.atRisk},`))).toBe(true);
  });

  it("chases a timesheet waiting 7 days or more, once per submission", async () => {
    const sheet = await prisma.timesheet.findFirstOrThrow({ where: { studentId: users.student.id, status: "SUBMITTED" } });
    const chased = () => prisma.notification.count({ where: { userId: users.educator.id, kind: "timesheet-waiting", eventKey: { startsWith: `timesheet-waiting:${sheet.id}:` } } });
    await runHoursChecks(new Date(sheet.submittedAt.getTime() + 6 * 86_400_000));
    expect(await chased()).toBe(0);
    const result = await runHoursChecks(new Date(sheet.submittedAt.getTime() + 7 * 86_400_000));
    expect(result.waiting).toBeGreaterThan(0);
    expect(await chased()).toBe(1);
    await runHoursChecks(new Date(sheet.submittedAt.getTime() + 8 * 86_400_000));
    expect(await chased()).toBe(1);
    expect(await prisma.notification.count({ where: { userId: users.otherEducator.id, kind: "timesheet-waiting" } })).toBe(0);
  });
});
