import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { runQualityChecks } from "~/quality/quality-checks.server";
import { loader as providerDetailLoader } from "~/routes/facilitator.fair-share.$providerId";
import { loader as facilitatorQualityLoader } from "~/routes/facilitator.quality";
import { loader as auditsLoader } from "~/routes/provider.audits._index";
import { action as feedbackAction, loader as feedbackLoader } from "~/routes/student.placements.$allocationId.feedback";
import { loader as placementsLoader } from "~/routes/student.placements._index";
import { useTestDatabase } from "../helpers/database";
import { createUser, signInAs, type SignedIn } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";
import { call, createProviderWorld } from "./provider-fixtures";

useTestDatabase();

let world: Awaited<ReturnType<typeof createProviderWorld>>;
let offerId: string;
let requestId: string;
let facilitatorId: string;
let farFacilitatorId: string;
let facilitator: SignedIn;

interface Student {
  id: string;
  name: string;
  email: string;
  signedIn: SignedIn;
  allocationId: string;
}
const students: Student[] = [];

async function placedStudent(status: "COMPLETED" | "STUDENTS_NAMED" = "COMPLETED"): Promise<Student> {
  const user = await createUser("STUDENT", { organisationId: world.university.id });
  await prisma.user.update({ where: { id: user.id }, data: { name: `Priya Confidential ${students.length}` } });
  const allocation = await prisma.allocation.create({
    data: { offerId, requestId, students: 1, status, namedStudents: { create: { studentId: user.id } } },
  });
  return { id: user.id, name: `Priya Confidential ${students.length}`, email: user.email, signedIn: await signInAs(user), allocationId: allocation.id };
}

const ratings = (value: string, comments: string) => ({ overall: value, induction: value, supervision: value, learning: value, comments });
const give = (student: Student, form: Record<string, string>, allocationId = student.allocationId) =>
  call(feedbackAction, `/student/placements/${allocationId}/feedback`, { as: student.signedIn, form, params: { allocationId } });

beforeAll(async () => {
  world = await createProviderWorld();
  const offer = await createOffer(world.provider.id, { siteId: world.site.id, slots: 20 });
  offerId = offer.id;
  requestId = (await createRequest(world.university.id, { students: 20 })).id;
  const facilitatorUser = await createUser("FACILITATOR", { regionId: world.region.id });
  facilitatorId = facilitatorUser.id;
  facilitator = await signInAs(facilitatorUser);
  const far = await prisma.region.create({ data: { name: "Far region" } });
  farFacilitatorId = (await createUser("FACILITATOR", { regionId: far.id })).id;
  for (let i = 0; i < 3; i++) students.push(await placedStudent());
});

const siteFeedback = async () => {
  const result = await call(auditsLoader, "/provider/audits", { as: world.signedIn });
  return { json: JSON.stringify(result.data), site: (result.data as { sites: { siteId: string; feedback: Record<string, unknown> }[] }).sites.find((s) => s.siteId === world.site.id)!.feedback };
};

describe("giving feedback", () => {
  it("shows the form to the named student of a completed placement and lists it as awaiting feedback", async () => {
    const [first] = students;
    const page = await call(feedbackLoader, `/student/placements/${first.allocationId}/feedback`, { as: first.signedIn, params: { allocationId: first.allocationId } });
    expect(page.status).toBe(200);
    const placements = (await call(placementsLoader, "/student/placements", { as: first.signedIn })).data as { awaitingFeedback: string[] };
    expect(placements.awaitingFeedback).toEqual([first.allocationId]);
  });

  it("refuses out-of-range ratings and over-long comments with 400 and saves nothing", async () => {
    const [first] = students;
    for (const [form, field, message] of [
      [ratings("6", ""), "overall", "Rate the placement overall from 1 to 5"],
      [{ ...ratings("3", ""), induction: "0" }, "induction", "Rate the induction from 1 to 5"],
      [{ ...ratings("3", ""), learning: "" }, "learning", "Rate the learning opportunities"],
      [ratings("3", "long ".repeat(401)), "comments", "Comments must be 2,000 characters or fewer"],
    ] as const) {
      const result = await give(first, form);
      expect(result.status).toBe(400);
      expect((result.data as { result: { error: Record<string, string[]> } }).result.error[field]).toEqual([message]);
    }
    expect(await prisma.placementFeedback.count()).toBe(0);
  });

  it("refuses someone not named on the allocation (404), a placement not completed (409) and other roles (403)", async () => {
    const [first, second] = students;
    expect((await give(second, ratings("4", "x"), first.allocationId)).status).toBe(404);
    const current = await placedStudent("STUDENTS_NAMED");
    const notDone = await give(current, ratings("4", "x"));
    expect(notDone.status).toBe(409);
    expect(await notDone.response?.text()).toBe("You can give feedback once the placement is completed.");
    expect((await call(feedbackAction, `/student/placements/${first.allocationId}/feedback`, { as: world.signedIn, form: ratings("4", "x"), params: { allocationId: first.allocationId } })).status).toBe(403);
    expect(await prisma.placementFeedback.count()).toBe(0);
  });

  it("stores the feedback with the offer's provider and site, once (409 the second time)", async () => {
    const [first] = students;
    const result = await give(first, ratings("2", "Supervisor was often away"));
    expect(result.status).toBe(302);
    const saved = await prisma.placementFeedback.findFirstOrThrow({ where: { studentId: first.id } });
    expect(saved).toMatchObject({ allocationId: first.allocationId, providerId: world.provider.id, siteId: world.site.id, overall: 2, comments: "Supervisor was often away" });
    const again = await give(first, ratings("5", "Changed my mind"));
    expect(again.status).toBe(409);
    expect(await again.response?.text()).toBe("You have already given feedback on this placement. Thank you.");
    expect((await call(feedbackLoader, `/student/placements/${first.allocationId}/feedback`, { as: first.signedIn, params: { allocationId: first.allocationId } })).status).toBe(409);
    expect(await prisma.placementFeedback.count()).toBe(1);
    const placements = (await call(placementsLoader, "/student/placements", { as: first.signedIn })).data as { awaitingFeedback: string[] };
    expect(placements.awaitingFeedback).toEqual([]);
  });
});

describe("anonymity and low feedback", () => {
  it("shows the provider nothing but the count with 2 responses", async () => {
    expect((await give(students[1], ratings("2", "Induction was rushed"))).status).toBe(302);
    const { json, site } = await siteFeedback();
    expect(site).toEqual({ shown: false, count: 2, message: "Not enough responses yet to show without identifying students (2 of 3)" });
    expect(json).not.toContain("Supervisor was often away");
    expect(json).not.toContain("Induction was rushed");
    expect(await prisma.notification.count({ where: { kind: "feedback-low" } })).toBe(0);
  });

  it("shows the region's facilitators nothing but the count with 2 responses, in the quality list and the provider's page", async () => {
    const quality = (await call(facilitatorQualityLoader, "/facilitator/quality", { as: facilitator })).data as {
      providers: { id: string; feedback: Record<string, unknown> }[];
    };
    expect(quality.providers.find((p) => p.id === world.provider.id)!.feedback).toEqual({ count: 2, overall: null, induction: null, supervision: null, learning: null });
    const detail = await call(providerDetailLoader, `/facilitator/fair-share/${world.provider.id}`, { as: facilitator, params: { providerId: world.provider.id } });
    expect(detail.status).toBe(200);
    expect((detail.data as { feedback: unknown[] }).feedback).toEqual([
      { key: new Date().toISOString().slice(0, 7), responses: 2, overall: null, induction: null, supervision: null, learning: null },
    ]);
  });

  it("shows averages and comments at 3 responses, never a student's id, name or email, and raises feedback-low once", async () => {
    expect((await give(students[2], ratings("2", "Little to do"))).status).toBe(302);
    const { json, site } = await siteFeedback();
    expect(site).toMatchObject({ shown: true, count: 3, averages: { overall: 2, induction: 2, supervision: 2, learning: 2 } });
    expect(json).toContain("Supervisor was often away");
    expect(json).toContain("Little to do");
    for (const student of students) {
      expect(json).not.toContain(student.id);
      expect(json).not.toContain(student.name);
      expect(json).not.toContain(student.email);
      expect(json).not.toContain(student.allocationId);
    }
    const low = await prisma.notification.findMany({ where: { kind: "feedback-low" }, select: { userId: true, eventKey: true } });
    expect(low.map((n) => n.userId).sort()).toEqual([world.educator.id, facilitatorId].sort());
    expect(low[0].eventKey).toBe(`feedback-low:${world.site.id}:${new Date().toISOString().slice(0, 7)}`);
  });

  it("lets the facilitator see averages and flags, worst first, filtered by flag", async () => {
    const result = await call(facilitatorQualityLoader, "/facilitator/quality", { as: facilitator });
    expect(result.status).toBe(200);
    const data = result.data as {
      providers: { id: string; flags: { flag: string }[]; feedback: { count: number; overall: number | null } }[];
      counts: Record<string, number>;
    };
    expect(data.providers[0].id).toBe(world.provider.id);
    expect(data.providers[0].flags.map((f) => f.flag).sort()).toEqual(["feedback-low", "no-audit", "no-audit"]);
    expect(data.providers[0].feedback).toMatchObject({ count: 3, overall: 2 });
    expect(data.counts["feedback-low"]).toBe(1);
    const json = JSON.stringify(result.data);
    for (const student of students) expect(json).not.toContain(student.name);
    const filtered = (await call(facilitatorQualityLoader, "/facilitator/quality?flag=feedback-low", { as: facilitator })).data as { providers: { id: string }[] };
    expect(filtered.providers.map((p) => p.id)).toEqual([world.provider.id]);
    expect((await call(facilitatorQualityLoader, "/facilitator/quality", { as: world.signedIn })).status).toBe(403);
  });
});

describe("the daily quality checks", () => {
  it("tells the provider's educators and the region's facilitators about expiring and expired audits, once", async () => {
    const now = new Date();
    const day = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset));
    const expiring = await prisma.placementAudit.create({ data: { siteId: world.site.id, providerId: world.provider.id, rating: "SATISFACTORY", auditedOn: day(-700), expiresOn: day(20) } });
    const expired = await prisma.placementAudit.create({ data: { siteId: world.secondSite.id, providerId: world.provider.id, rating: "EXCELLENT", auditedOn: day(-800), expiresOn: day(-5) } });
    await prisma.placementAudit.create({ data: { siteId: world.otherSite.id, providerId: world.otherProvider.id, rating: "EXCELLENT", auditedOn: day(-10), expiresOn: day(700) } });

    const raised = await runQualityChecks(now);
    expect(raised).toBe(4);
    const audits = await prisma.notification.findMany({ where: { kind: "audit-expiring" }, select: { userId: true, eventKey: true } });
    expect(audits.map((n) => `${n.eventKey}>${n.userId}`).sort()).toEqual(
      [
        `audit-expiring:${expiring.id}:soon>${world.educator.id}`,
        `audit-expiring:${expiring.id}:soon>${facilitatorId}`,
        `audit-expiring:${expired.id}:expired>${world.educator.id}`,
        `audit-expiring:${expired.id}:expired>${facilitatorId}`,
      ].sort(),
    );
    expect(audits.some((n) => n.userId === world.otherEducator.id || n.userId === farFacilitatorId)).toBe(false);
    // The feedback-low raised at submission is not repeated this month.
    expect(await prisma.notification.count({ where: { kind: "feedback-low" } })).toBe(2);

    expect(await runQualityChecks(now)).toBe(0);
    expect(await prisma.notification.count({ where: { kind: { in: ["audit-expiring", "feedback-low"] } } })).toBe(6);
  });

  it("raises feedback-low from the daily run too, when no submission did", async () => {
    await prisma.notification.deleteMany({ where: { kind: "feedback-low" } });
    const now = new Date();
    expect(await runQualityChecks(now)).toBe(2);
    const low = await prisma.notification.findMany({ where: { kind: "feedback-low" }, select: { userId: true, eventKey: true, link: true } });
    expect(low.map((n) => n.userId).sort()).toEqual([world.educator.id, facilitatorId].sort());
    expect(new Set(low.map((n) => n.eventKey))).toEqual(new Set([`feedback-low:${world.site.id}:${now.toISOString().slice(0, 7)}`]));
    expect(await runQualityChecks(now)).toBe(0);
  });
});
