import { prisma } from "~/platform/db/db.server";
import { addUtcDays } from "~/platform/utc-days";
import { mondayOf, placementWeeks } from "~/practice-hours/hours-rules";

const HOUR = 60;

interface DemoPlacement {
  name: string;
  /** Weeks from this week's Monday to the placement's first Monday (negative: in the past). */
  startWeek: number;
  weeks: number;
  students: string[];
}

/** How a student recorded a placement's weeks that have started: status per week, then hours. */
type WeekPlan = { status: "CONFIRMED" | "SUBMITTED" | "QUERIED"; inPerson: number; telehealth?: number; simulation?: number; submittedDaysAgo?: number; query?: string } | null;

/**
 * Practice hours for the demo: a few students of the demo university's programme on placements at
 * the second demo trust (educator2@example.com), dated around today: two finished blocks, one under
 * way, one ahead. One student is on track, others are at risk; one week waits for the educator past
 * the chase date and one is queried. The current block's latest weeks are left for people to record.
 */
export async function addDemoPracticeHours(now = new Date()) {
  const university = await prisma.user.findUniqueOrThrow({ where: { email: "university@example.com" }, select: { organisationId: true } });
  const educator = await prisma.user.findUniqueOrThrow({ where: { email: "educator2@example.com" }, select: { id: true, organisationId: true } });
  const universityId = university.organisationId!;
  const providerId = educator.organisationId!;
  const programmes = await prisma.programme.findMany({ where: { universityId }, orderBy: { name: "asc" }, select: { id: true, profession: true } });
  const programme = programmes.find((candidate) => candidate.profession === "PT") ?? programmes[0];
  const site = await prisma.site.findFirst({ where: { organisationId: providerId }, orderBy: { name: "asc" }, select: { id: true } });
  if (!programme || !site) return 0;

  const emails = ["student.0.0@example.com", "student.0.1@example.com", "student.0.2@example.com", "student.0.3@example.com"];
  const students = await prisma.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  const id = new Map(students.map((student) => [student.email, student.id]));
  if (students.length !== emails.length) return 0;
  await prisma.user.updateMany({ where: { id: { in: students.map((student) => student.id) } }, data: { programmeId: programme.id, yearOfStudy: 3 } });
  // The demo student joins the programme of the placement they are named on.
  const sam = await prisma.user.findUnique({ where: { email: "student@example.com" }, select: { id: true, placements: { take: 1, select: { allocation: { select: { request: { select: { programmeId: true, yearOfStudy: true } } } } } } } });
  const samRequest = sam?.placements[0]?.allocation.request;
  if (sam && samRequest) await prisma.user.update({ where: { id: sam.id }, data: { programmeId: samRequest.programmeId, yearOfStudy: samRequest.yearOfStudy } });

  const [s0, s1, s2] = emails;
  const thisMonday = mondayOf(now);
  const placements: (DemoPlacement & { plan: Record<string, WeekPlan[]> })[] = [
    {
      name: "earlier",
      startWeek: -40,
      weeks: 8,
      students: [s0, s2],
      plan: {
        [s0]: Array(8).fill({ status: "CONFIRMED", inPerson: 37.5 }),
        [s2]: [...Array(6).fill({ status: "CONFIRMED", inPerson: 30, simulation: 7.5 }), ...Array(2).fill({ status: "CONFIRMED", inPerson: 37.5 })],
      },
    },
    { name: "later", startWeek: -22, weeks: 8, students: [s0], plan: { [s0]: Array(8).fill({ status: "CONFIRMED", inPerson: 35, telehealth: 2.5 }) } },
    {
      name: "current",
      startWeek: -3,
      weeks: 6,
      students: [s0, s1, s2],
      plan: {
        [s0]: [{ status: "CONFIRMED", inPerson: 37.5 }, { status: "CONFIRMED", inPerson: 37.5 }],
        [s1]: [{ status: "CONFIRMED", inPerson: 37.5 }, { status: "SUBMITTED", inPerson: 37.5, submittedDaysAgo: 9 }],
        [s2]: [{ status: "CONFIRMED", inPerson: 37.5 }, { status: "QUERIED", inPerson: 45, query: "We recorded 4 days that week: please check the hours." }],
      },
    },
    { name: "next", startWeek: 8, weeks: 8, students: [s0, s2], plan: {} },
  ];

  let sheets = 0;
  for (const placement of placements) {
    const start = addUtcDays(thisMonday, placement.startWeek * 7);
    const end = addUtcDays(start, placement.weeks * 7 - 3);
    const completed = end.getTime() < now.getTime();
    const count = placement.students.length;
    const block = await prisma.placementBlock.create({
      data: { programmeId: programme.id, name: `Year 3 placement from ${start.toISOString().slice(0, 10)}`, yearOfStudy: 3, startDate: start, endDate: end },
    });
    const offer = await prisma.offer.create({
      data: { providerId, siteId: site.id, profession: programme.profession, startDate: start, endDate: end, slots: count, slotsTaken: count, supervisionModel: "ONE_TO_ONE", yearsOfStudy: [3], status: "PUBLISHED", publishedAt: addUtcDays(start, -60) },
    });
    const request = await prisma.placementRequest.create({
      data: { universityId, programmeId: programme.id, blockId: block.id, profession: programme.profession, yearOfStudy: 3, startDate: start, endDate: end, students: count, studentsAllocated: count, status: "FULLY_ALLOCATED" },
    });
    const allocation = await prisma.allocation.create({
      data: { offerId: offer.id, requestId: request.id, students: count, status: completed ? "COMPLETED" : "STUDENTS_NAMED", namedStudents: { create: placement.students.map((email) => ({ studentId: id.get(email)! })) } },
    });
    const weeks = placementWeeks(start, end);
    for (const email of placement.students) {
      for (const [index, week] of (placement.plan[email] ?? []).entries()) {
        if (!week) continue;
        const monday = weeks[index].weekStarting;
        const submittedAt = week.submittedDaysAgo !== undefined ? addUtcDays(now, -week.submittedDaysAgo) : addUtcDays(monday, 4);
        const decided = week.status !== "SUBMITTED";
        await prisma.timesheet.create({
          data: {
            allocationId: allocation.id,
            studentId: id.get(email)!,
            providerId,
            weekStarting: monday,
            days: 5,
            inPersonMinutes: week.inPerson * HOUR,
            telehealthMinutes: (week.telehealth ?? 0) * HOUR,
            simulationMinutes: (week.simulation ?? 0) * HOUR,
            status: week.status,
            submittedAt,
            decidedById: decided ? educator.id : null,
            decidedAt: decided ? addUtcDays(submittedAt, 2) : null,
            queryReason: week.query ?? null,
          },
        });
        sheets += 1;
      }
    }
  }
  return sheets;
}
