import { describe, expect, it } from "vitest";
import { programmeDashboard } from "~/funding/funding.server";
import { prisma } from "~/platform/db/db.server";
import { DEMO_ACCOUNT_EMAILS, generateSeedPlan } from "~/seed/generate";
import { seedDemoDataIfEmpty } from "~/seed/seed.server";
import { loadLedgers } from "~/practice-hours/ledger.server";
import { PROFESSIONS } from "~/vocabulary/roles";
import { useTestDatabase } from "../helpers/database";

useTestDatabase();

describe("seed data", () => {
  it("is deterministic: the same seed gives the same plan, another seed a different one", () => {
    expect(JSON.stringify(generateSeedPlan("demo", 7))).toBe(JSON.stringify(generateSeedPlan("demo", 7)));
    expect(JSON.stringify(generateSeedPlan("demo", 7))).not.toBe(JSON.stringify(generateSeedPlan("demo", 8)));
  });

  it("reaches England scale: about 100k students requested and 30k offers", () => {
    const plan = generateSeedPlan("england");
    const students = plan.requests.reduce((sum, request) => sum + request.students, 0);
    expect(students).toBeGreaterThan(80_000);
    expect(plan.offers.length).toBeGreaterThan(25_000);
    expect(plan.organisations.filter((o) => o.kind === "UNIVERSITY")).toHaveLength(60);
  });

  it("seeds the demo once, with every demo account, and not again on the next start", async () => {
    const accounts = await seedDemoDataIfEmpty();
    expect(accounts?.map((account) => account.email).sort()).toEqual([...DEMO_ACCOUNT_EMAILS].sort());
    const counts = { organisations: await prisma.organisation.count(), offers: await prisma.offer.count(), requests: await prisma.placementRequest.count() };
    expect(counts.offers).toBeGreaterThan(100);
    expect(counts.requests).toBeGreaterThan(100);
    expect(await seedDemoDataIfEmpty()).toBeNull();
    expect(await prisma.organisation.count()).toBe(counts.organisations);
    expect(await prisma.offer.count()).toBe(counts.offers);
    // Every student is on one of their own university's programmes, in a year that programme has.
    const students = await prisma.user.findMany({ where: { role: "STUDENT" }, select: { organisationId: true, yearOfStudy: true, programme: { select: { universityId: true, years: true } } } });
    expect(students.length).toBeGreaterThan(10);
    for (const student of students) {
      expect(student.programme?.universityId).toBe(student.organisationId);
      expect(student.yearOfStudy).toBeGreaterThanOrEqual(1);
      expect(student.yearOfStudy).toBeLessThanOrEqual(student.programme!.years);
    }
  });
});

describe("demo activity", () => {
  it("gives the demo trust and university allocations in several states, and the demo student a placement", async () => {
    const educator = await prisma.user.findUniqueOrThrow({ where: { email: "educator@example.com" } });
    const statuses = await prisma.allocation.groupBy({ by: ["status"], where: { offer: { providerId: educator.organisationId! } }, _count: { _all: true } });
    expect(statuses.map((row) => row.status).sort()).toEqual(["ACCEPTED", "CONFIRMED", "DECLINED", "PROPOSED", "STUDENTS_NAMED"]);
    const student = await prisma.user.findUniqueOrThrow({ where: { email: "student@example.com" } });
    expect(await prisma.allocationStudent.count({ where: { studentId: student.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: educator.id } })).toBeGreaterThan(0);
  });
});

describe("demo funding", () => {
  it("has London's £1,199,633 programme with an award on track and awards behind", async () => {
    const facilitator = await prisma.user.findUniqueOrThrow({ where: { email: "facilitator@example.com" } });
    const programme = await prisma.fundingProgramme.findFirstOrThrow({ where: { regionId: facilitator.regionId! } });
    expect(programme.amountPence).toBe(119_963_300);
    const today = new Date(Math.max(Date.now(), Date.parse("2026-12-15T12:00:00Z")));
    const { awards } = await programmeDashboard(facilitator, programme.id, today);
    expect(awards.filter((row) => !row.delivery.behind).length).toBeGreaterThanOrEqual(1);
    expect(awards.filter((row) => row.delivery.behind).length).toBeGreaterThanOrEqual(1);
    expect(awards.some((row) => row.delivery.additional.weeks > 0)).toBe(true);
  });
});

describe("demo practice hours", () => {
  it("has a requirement for every profession, timesheets in every state, and students both on track and at risk", async () => {
    const professions = await prisma.hoursRequirement.findMany({ distinct: ["profession"], select: { profession: true } });
    expect(professions.map((row) => row.profession).sort()).toEqual([...PROFESSIONS].sort());
    const slt = await prisma.hoursRequirement.findFirstOrThrow({ where: { profession: "SLT" } });
    expect(slt.minimumMinutes).toBe(562.5 * 60);
    const states = await prisma.timesheet.groupBy({ by: ["status"], _count: { _all: true } });
    expect(states.map((row) => row.status).sort()).toEqual(["CONFIRMED", "QUERIED", "SUBMITTED"]);
    const university = await prisma.user.findUniqueOrThrow({ where: { email: "university@example.com" } });
    const ledgers = await loadLedgers({ universityIds: [university.organisationId!] });
    const judged = ledgers.filter((row) => row.ledger);
    expect(judged.some((row) => row.ledger!.atRisk)).toBe(true);
    expect(judged.some((row) => !row.ledger!.atRisk)).toBe(true);
  });
});
