import { describe, expect, it } from "vitest";
import { nextCaseScanTime, raiseAutomaticCases, REGION_CASE_SCAN_QUEUE } from "~/cases/case-scan.server";
import { raiseCaseForCancellation } from "~/cases/raise-cases.server";
import { prisma } from "~/platform/db/db.server";
import { jobHandlers } from "~/job-handlers.server";
import { bookOffer, cancelAllocationsOfOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { publishRun, startMatchingRun } from "~/matching/runs.server";
import { startWorker } from "~/platform/jobs/worker.server";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation } from "../helpers/fixtures";
import { createOffer, createRequest, isoFromToday } from "../helpers/marketplace";
import { createCaseWorld, notificationsOf, type CaseWorld } from "./cases-fixtures";

useTestDatabase();
const worker = startWorker(jobHandlers, { autoStart: false });

// 2026/27 academic year; the PT block below starts 22 days later, inside the default 6-week window.
const NOW = new Date("2026-12-20T09:00:00Z");

describe("raiseAutomaticCases", () => {
  it("raises unmet-demand and red-band cases once each, and tells the region's facilitators", async () => {
    const world = await createCaseWorld();
    await prisma.workforce.createMany({
      data: [
        { organisationId: world.provider.id, profession: "PT", year: 2026, wte: 10 },
        { organisationId: world.lowProvider.id, profession: "PT", year: 2026, wte: 10 },
      ],
    });
    const near = await createRequest(world.university.id, { students: 10, start: "2027-01-11", end: "2027-02-05" });
    const far = await createRequest(world.university.id, { students: 2, start: "2027-05-03", end: "2027-05-28" });
    await createOffer(world.provider.id, { siteId: world.site.id, slots: 6 });
    const lowOffer = await createOffer(world.lowProvider.id, { siteId: world.lowSite.id, slots: 2 });
    // Two of the near request's students are placed: eight are still unmet.
    await bookOffer(world.universityUser.user, { offerId: lowOffer.id, requestId: near.id, students: 2 });

    await raiseAutomaticCases(NOW);
    const cases = await prisma.shortfallCase.findMany({ where: { regionId: world.region.id }, orderBy: { kind: "asc" } });
    expect(cases.map((c) => c.sourceKey).sort()).toEqual([`red:${world.lowProvider.id}:PT:2026`, `unmet:${near.id}`].sort());
    expect(cases.find((c) => c.sourceKey === `unmet:${far.id}`)).toBeUndefined();
    const unmet = cases.find((c) => c.kind === "UNMET_DEMAND");
    expect(unmet).toMatchObject({ studentsAffected: 8, profession: "PT", severity: "HIGH", organisationIds: [world.university.id], status: "OPEN" });
    expect(unmet?.dueOn?.toISOString()).toBe("2027-01-11T00:00:00.000Z");
    const red = cases.find((c) => c.kind === "BELOW_FAIR_SHARE");
    // Fair share 6 of the 12 students requested in the year; offered 2.
    expect(red).toMatchObject({ studentsAffected: 4, organisationIds: [world.lowProvider.id] });

    for (const facilitator of [world.facilitator, world.colleague]) {
      expect(await notificationsOf(facilitator.user.id, "request-unmet-near-start")).toEqual([expect.objectContaining({ link: `/facilitator/cases/${unmet?.id}` })]);
      expect(await notificationsOf(facilitator.user.id, "provider-below-fair-share")).toHaveLength(1);
    }
    expect(await notificationsOf(world.otherFacilitator.user.id, "request-unmet-near-start")).toHaveLength(0);

    // A second run (the next day) raises nothing new and notifies nobody again.
    const again = await raiseAutomaticCases(new Date(NOW.getTime() + 86_400_000));
    expect(again).toMatchObject({ unmet: 0, red: 0, changes: { unmet: { open: 0, update: 0, resolve: 0, reopen: 0 }, red: { open: 0, update: 0, resolve: 0, reopen: 0 } } });
    expect(await prisma.shortfallCase.count({ where: { regionId: world.region.id } })).toBe(2);
    expect(await notificationsOf(world.facilitator.user.id, "request-unmet-near-start")).toHaveLength(1);
  });

  it("keeps one case per request: states the matcher's reason, follows the count, resolves when all are placed and reopens if places are lost", async () => {
    const world = await createCaseWorld();
    const request = await createRequest(world.university.id, { students: 5, start: "2027-01-11", end: "2027-02-05" });
    const offer = await createOffer(world.provider.id, { siteId: world.site.id, slots: 10 });
    const januaryRunFinished = (finishedAt: string, result: object) =>
      prisma.matchingRun.create({
        data: {
          regionId: world.region.id,
          periodStart: new Date("2027-01-01"),
          periodEnd: new Date("2027-01-31"),
          startedById: world.facilitator.user.id,
          status: "SUCCEEDED",
          finishedAt: new Date(finishedAt),
          result,
        },
      });
    await januaryRunFinished("2026-12-19T10:00:00Z", {
      proposals: [],
      unmet: [{ requestId: request.id, students: 5, reason: "No physiotherapy offer within 45 minutes' travel covers the block" }],
    });
    // An older run that placed it says nothing: the newest run that considered the request speaks for it.
    await januaryRunFinished("2026-12-01T10:00:00Z", { proposals: [{ requestId: request.id, offerId: offer.id, students: 5 }], unmet: [] });
    const caseOf = () => prisma.shortfallCase.findUniqueOrThrow({ where: { sourceKey: `unmet:${request.id}` }, include: { notes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } });

    await raiseAutomaticCases(NOW);
    await raiseAutomaticCases(NOW);
    expect(await prisma.shortfallCase.count({ where: { kind: "UNMET_DEMAND", regionId: world.region.id } })).toBe(1);
    let raised = await caseOf();
    expect(raised).toMatchObject({ status: "OPEN", studentsAffected: 5 });
    expect(raised.notes).toHaveLength(1);
    expect(raised.notes[0].body).toContain("5 of 5 students still have no placement");
    expect(raised.notes[0].body).toContain("The matcher's reason: No physiotherapy offer within 45 minutes' travel covers the block");
    expect(await notificationsOf(world.facilitator.user.id, "request-unmet-near-start")).toHaveLength(1);

    // Three are booked: the case now says 2, once, however often the scan runs.
    const first = await bookOffer(world.universityUser.user, { offerId: offer.id, requestId: request.id, students: 3 });
    expect((await raiseAutomaticCases(NOW)).changes.unmet).toMatchObject({ update: 1 });
    expect((await raiseAutomaticCases(NOW)).changes.unmet).toMatchObject({ update: 0 });
    raised = await caseOf();
    expect(raised).toMatchObject({ status: "OPEN", studentsAffected: 2 });
    expect(raised.title).toMatch(/^Unmet: 2 Physiotherapy students of /);
    expect(raised.notes.map((n) => n.type)).toEqual(["raised", "updated"]);
    expect(raised.notes[1].body).toMatch(/^Now 2 short \(was 5\)\. .*2 of 5 students still have no placement/);

    // The last two are booked: resolved automatically, with a note saying why.
    await bookOffer(world.universityUser.user, { offerId: offer.id, requestId: request.id, students: 2 });
    expect((await raiseAutomaticCases(NOW)).changes.unmet).toMatchObject({ resolve: 1 });
    raised = await caseOf();
    expect(raised).toMatchObject({ status: "RESOLVED", studentsAffected: 0 });
    expect(raised.resolvedAt).toBeInstanceOf(Date);
    expect(raised.notes.at(-1)?.body).toBe("Resolved automatically: every one of the 5 students now has an allocation (proposed, confirmed or placed).");
    expect((await raiseAutomaticCases(NOW)).changes.unmet).toMatchObject({ resolve: 0, reopen: 0 });

    // The provider declines three: the same case reopens with the new count; no second case, no second notification.
    await transitionAllocation(world.educator.user, { allocationId: first.id, to: "DECLINED", reason: "Ward closed" });
    expect((await raiseAutomaticCases(NOW)).changes.unmet).toMatchObject({ reopen: 1 });
    raised = await caseOf();
    expect(raised).toMatchObject({ status: "IN_PROGRESS", studentsAffected: 3, resolvedAt: null });
    expect(raised.notes.at(-1)?.body).toMatch(/^Reopened automatically: .*3 of 5 students still have no placement/);
    expect(await prisma.shortfallCase.count({ where: { sourceKey: `unmet:${request.id}` } })).toBe(1);
    expect(await notificationsOf(world.facilitator.user.id, "request-unmet-near-start")).toHaveLength(1);
  });

  it("leaves a case a facilitator closed alone, and says when no matching run has looked at a request", async () => {
    const world = await createCaseWorld();
    const request = await createRequest(world.university.id, { students: 2, start: "2027-01-11", end: "2027-02-05" });
    await raiseAutomaticCases(NOW);
    const raised = await prisma.shortfallCase.findUniqueOrThrow({ where: { sourceKey: `unmet:${request.id}` }, include: { notes: true } });
    expect(raised.notes[0].body).toContain("No matching run has considered this request yet.");
    await prisma.shortfallCase.update({ where: { id: raised.id }, data: { status: "CLOSED" } });
    await prisma.placementRequest.update({ where: { id: request.id }, data: { students: 4 } });
    expect((await raiseAutomaticCases(NOW)).changes.unmet).toEqual({ open: 0, update: 0, resolve: 0, reopen: 0 });
    expect(await prisma.shortfallCase.findUniqueOrThrow({ where: { id: raised.id } })).toMatchObject({ status: "CLOSED", studentsAffected: 2 });
  });

  it("keeps one below-fair-share case per provider and profession, and resolves it once the provider leaves the red band", async () => {
    const world = await createCaseWorld();
    await prisma.workforce.createMany({
      data: [
        { organisationId: world.provider.id, profession: "PT", year: 2026, wte: 10 },
        { organisationId: world.lowProvider.id, profession: "PT", year: 2026, wte: 10 },
        { organisationId: world.otherProvider.id, profession: "PT", year: 2026, wte: 10 },
      ],
    });
    await createRequest(world.university.id, { students: 10, start: "2027-05-03", end: "2027-05-28" });
    await createOffer(world.provider.id, { siteId: world.site.id, slots: 6, start: "2027-05-03", end: "2027-05-28" });
    const key = `red:${world.lowProvider.id}:PT:2026`;

    await raiseAutomaticCases(NOW);
    await raiseAutomaticCases(NOW);
    const cases = await prisma.shortfallCase.findMany({ where: { kind: "BELOW_FAIR_SHARE", regionId: { in: [world.region.id, world.otherRegion.id] } } });
    // Only the low provider of region A: the other region has no demand, so no share to fall below.
    expect(cases.map((c) => c.sourceKey)).toEqual([key]);
    expect(cases[0]).toMatchObject({ regionId: world.region.id, studentsAffected: 5, profession: "PT" });
    expect(await notificationsOf(world.otherFacilitator.user.id, "provider-below-fair-share")).toHaveLength(0);

    // It posts three places (3 of 5: still red) and then two more (5 of 5: green).
    await createOffer(world.lowProvider.id, { siteId: world.lowSite.id, slots: 3, start: "2027-05-03", end: "2027-05-28" });
    expect((await raiseAutomaticCases(NOW)).changes.red).toMatchObject({ update: 1 });
    expect(await prisma.shortfallCase.findUniqueOrThrow({ where: { sourceKey: key } })).toMatchObject({ studentsAffected: 2, status: "OPEN" });
    await createOffer(world.lowProvider.id, { siteId: world.lowSite.id, slots: 2, start: "2027-05-03", end: "2027-05-28" });
    expect((await raiseAutomaticCases(NOW)).changes.red).toMatchObject({ resolve: 1 });
    const resolved = await prisma.shortfallCase.findUniqueOrThrow({ where: { sourceKey: key }, include: { notes: { orderBy: { createdAt: "asc" } } } });
    expect(resolved.status).toBe("RESOLVED");
    expect(resolved.notes.at(-1)?.body).toMatch(/now offers 5 of its fair share of 5 Physiotherapy places .*out of the red band/);
    expect(await prisma.shortfallCase.count({ where: { kind: "BELOW_FAIR_SHARE", regionId: world.region.id } })).toBe(1);
  });

  it("runs from the daily queue, which schedules its next run", async () => {
    expect(nextCaseScanTime(new Date("2026-12-20T05:00:00Z")).toISOString()).toBe("2026-12-20T06:00:00.000Z");
    expect(nextCaseScanTime(new Date("2026-12-20T06:00:00Z")).toISOString()).toBe("2026-12-21T06:00:00.000Z");
    const result = await jobHandlers["shortfall-case-scan"]({ id: "job", queue: "shortfall-case-scan", payload: {}, attempts: 1 } as never);
    expect(result).toMatchObject({ unmetCasesRaised: expect.any(Number), belowFairShareCasesRaised: expect.any(Number) });
    expect(await prisma.job.count({ where: { queue: "shortfall-case-scan", status: "pending" } })).toBeGreaterThanOrEqual(1);
  });
});

describe("a case the scan reopens", () => {
  /** A request of three whose case the scan opened and then resolved once all three were booked. */
  async function resolvedByTheScan(world: CaseWorld) {
    const request = await createRequest(world.university.id, { students: 3, start: "2027-01-11", end: "2027-02-05" });
    const offer = await createOffer(world.provider.id, { siteId: world.site.id, slots: 10 });
    await raiseAutomaticCases(NOW);
    const caseOf = () => prisma.shortfallCase.findUniqueOrThrow({ where: { sourceKey: `unmet:${request.id}` } });
    /** Books all three, lets the scan resolve the case, then the provider declines them all. */
    const resolveThenLose = async () => {
      const allocation = await bookOffer(world.universityUser.user, { offerId: offer.id, requestId: request.id, students: 3 });
      expect((await raiseAutomaticCases(NOW)).changes.unmet).toMatchObject({ resolve: 1 });
      expect(await caseOf()).toMatchObject({ status: "RESOLVED", studentsAffected: 0 });
      await transitionAllocation(world.educator.user, { allocationId: allocation.id, to: "DECLINED", reason: "Ward closed" });
    };
    await resolveThenLose();
    return { caseOf, resolveThenLose };
  }
  const reopenedOf = (userId: string) => notificationsOf(userId, "case-reopened");

  it("tells the region's facilitators when it has no owner, once however often the scan runs, and again on a later reopening", async () => {
    const world = await createCaseWorld();
    const { caseOf, resolveThenLose } = await resolvedByTheScan(world);

    expect((await raiseAutomaticCases(NOW)).changes.unmet).toMatchObject({ reopen: 1 });
    expect((await raiseAutomaticCases(NOW)).changes.unmet).toMatchObject({ reopen: 0 });
    const reopened = await caseOf();
    expect(reopened).toMatchObject({ status: "IN_PROGRESS", studentsAffected: 3, ownerId: null });
    const expected = {
      title: `Shortfall case reopened: ${reopened.title}`,
      body: expect.stringMatching(/^The shortfall is back, so the case was reopened automatically\. .*3 of 3 students still have no placement/),
      link: `/facilitator/cases/${reopened.id}`,
    };
    expect(reopened.title).toMatch(/^Unmet: 3 Physiotherapy students of /);
    for (const facilitator of [world.facilitator, world.colleague]) expect(await reopenedOf(facilitator.user.id)).toEqual([expected]);
    expect(await reopenedOf(world.otherFacilitator.user.id)).toEqual([]);
    expect(await reopenedOf(world.educator.user.id)).toEqual([]);
    // Wanted at once by default: each facilitator's email is queued with the notification.
    const sent = await prisma.notification.findMany({ where: { kind: "case-reopened", link: expected.link }, select: { id: true } });
    expect(await prisma.job.count({ where: { queue: "mail", dedupeKey: { in: sent.map((n) => `notification-email:${n.id}`) } } })).toBe(2);

    // Resolved and short again later: a new reopening, told again.
    await resolveThenLose();
    expect((await raiseAutomaticCases(NOW)).changes.unmet).toMatchObject({ reopen: 1 });
    expect(await reopenedOf(world.facilitator.user.id)).toHaveLength(2);
    expect(await reopenedOf(world.colleague.user.id)).toHaveLength(2);
  });

  it("tells only its owner, or the region's facilitators once the owner has left", async () => {
    const world = await createCaseWorld();
    const { caseOf, resolveThenLose } = await resolvedByTheScan(world);
    await prisma.shortfallCase.update({ where: { id: (await caseOf()).id }, data: { ownerId: world.colleague.user.id } });

    expect((await raiseAutomaticCases(NOW)).changes.unmet).toMatchObject({ reopen: 1 });
    await raiseAutomaticCases(NOW);
    expect(await reopenedOf(world.colleague.user.id)).toHaveLength(1);
    expect(await reopenedOf(world.facilitator.user.id)).toEqual([]);

    // The owner's account is deactivated: nobody would see it, so the region's facilitators hear instead.
    await resolveThenLose();
    await prisma.user.update({ where: { id: world.colleague.user.id }, data: { active: false } });
    expect((await raiseAutomaticCases(NOW)).changes.unmet).toMatchObject({ reopen: 1 });
    expect(await reopenedOf(world.facilitator.user.id)).toHaveLength(1);
    expect(await reopenedOf(world.colleague.user.id)).toHaveLength(1);
  });
});

describe("publishing a matching run", () => {
  it("queues a scan of the run's region, which opens a case for a request the run leaves unmet near its start", async () => {
    const world = await createCaseWorld();
    const start = isoFromToday(14);
    const end = isoFromToday(40);
    await createOffer(world.provider.id, { siteId: world.site.id, slots: 2, start: isoFromToday(7), end: isoFromToday(60) });
    const request = await createRequest(world.university.id, { students: 5, start, end });
    // Just as short in another region: the queued scan looks at the run's region only.
    const otherUniversity = await createOrganisation({ kind: "UNIVERSITY", regionId: world.otherRegion.id });
    const otherRequest = await createRequest(otherUniversity.id, { students: 2, start, end });
    const started = await startMatchingRun(world.facilitator.user, {
      periodStart: new Date(`${isoFromToday(0)}T00:00:00Z`),
      periodEnd: new Date(`${isoFromToday(120)}T00:00:00Z`),
      profession: null,
    });
    await worker.drain();
    expect(await prisma.matchingRun.findUniqueOrThrow({ where: { id: started.id } })).toMatchObject({ status: "SUCCEEDED", studentsPlaced: 2, studentsUnmet: 3 });

    await publishRun(world.facilitator.user, started.id);
    // Nothing is scanned on the request: the job committed with the publication does it.
    expect(await prisma.shortfallCase.count({ where: { sourceKey: `unmet:${request.id}` } })).toBe(0);
    const job = await prisma.job.findUniqueOrThrow({ where: { dedupeKey: `case-scan:published-run:${started.id}` } });
    expect(job).toMatchObject({ queue: REGION_CASE_SCAN_QUEUE, status: "pending", payload: { regionId: world.region.id } });

    await worker.drain();
    expect(await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", result: { regionId: world.region.id, changes: { unmet: { open: 1 } } } });
    const raised = await prisma.shortfallCase.findUniqueOrThrow({ where: { sourceKey: `unmet:${request.id}` }, include: { notes: true } });
    expect(raised).toMatchObject({ kind: "UNMET_DEMAND", regionId: world.region.id, status: "OPEN", studentsAffected: 3 });
    expect(raised.notes[0].body).toContain("3 of 5 students still have no placement");
    expect(raised.notes[0].body).toContain("The matcher's reason: ");
    for (const facilitator of [world.facilitator, world.colleague]) {
      expect(await notificationsOf(facilitator.user.id, "request-unmet-near-start")).toEqual([expect.objectContaining({ link: `/facilitator/cases/${raised.id}` })]);
    }
    expect(await prisma.shortfallCase.count({ where: { sourceKey: `unmet:${otherRequest.id}` } })).toBe(0);
    // A one-off: it queues no run after itself.
    expect(await prisma.job.count({ where: { queue: REGION_CASE_SCAN_QUEUE } })).toBe(1);
  });
});

describe("cancellations raise cases", () => {
  it("raises a case when a provider declines, inside the same transaction, once", async () => {
    const world = await createCaseWorld();
    const offer = await createOffer(world.provider.id, { siteId: world.site.id, slots: 4 });
    const request = await createRequest(world.university.id, { students: 3 });
    const allocation = await bookOffer(world.universityUser.user, { offerId: offer.id, requestId: request.id, students: 3 });
    await transitionAllocation(world.educator.user, { allocationId: allocation.id, to: "DECLINED", reason: "No educator available" });

    const raised = await prisma.shortfallCase.findUniqueOrThrow({ where: { sourceKey: `cancellation:${allocation.id}` }, include: { notes: true } });
    expect(raised).toMatchObject({ kind: "CANCELLATION", regionId: world.region.id, studentsAffected: 3, profession: "PT", organisationIds: [world.provider.id, world.university.id] });
    expect(raised.notes[0].body).toContain("No educator available");
    // The facilitators hear of it once, through the allocation's own notification.
    expect(await notificationsOf(world.facilitator.user.id, "allocation-declined")).toHaveLength(1);

    // Raising again for the same allocation changes nothing.
    expect(await prisma.$transaction((tx) => raiseCaseForCancellation(tx, { allocationId: allocation.id, status: "DECLINED" }))).toBeNull();
    expect(await prisma.shortfallCase.count({ where: { sourceKey: `cancellation:${allocation.id}` } })).toBe(1);
  });

  it("is rolled back with the cancellation when the transaction fails", async () => {
    const world = await createCaseWorld();
    const offer = await createOffer(world.provider.id, { siteId: world.site.id, slots: 4 });
    const request = await createRequest(world.university.id, { students: 2 });
    const allocation = await bookOffer(world.universityUser.user, { offerId: offer.id, requestId: request.id, students: 2 });
    await expect(
      prisma.$transaction(async (tx) => {
        await cancelAllocationsOfOffer(tx, world.educator.user.id, offer.id, "Ward closed");
        expect(await tx.shortfallCase.count({ where: { sourceKey: `cancellation:${allocation.id}` } })).toBe(1);
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect(await prisma.shortfallCase.count({ where: { sourceKey: `cancellation:${allocation.id}` } })).toBe(0);
    expect((await prisma.allocation.findUniqueOrThrow({ where: { id: allocation.id } })).status).toBe("PROPOSED");

    // Committed, the withdrawal raises the case.
    await prisma.$transaction((tx) => cancelAllocationsOfOffer(tx, world.educator.user.id, offer.id, "Ward closed"));
    const raised = await prisma.shortfallCase.findUniqueOrThrow({ where: { sourceKey: `cancellation:${allocation.id}` } });
    expect(raised.title).toMatch(/^Cancelled: 2 /);
  });
});
