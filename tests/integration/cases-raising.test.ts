import { describe, expect, it } from "vitest";
import { nextCaseScanTime } from "~/cases/case-scan.server";
import { raiseAutomaticCases } from "~/cases/cases.server";
import { raiseCaseForCancellation } from "~/cases/raise-cases.server";
import { prisma } from "~/platform/db/db.server";
import { jobHandlers } from "~/job-handlers.server";
import { bookOffer, cancelAllocationsOfOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { useTestDatabase } from "../helpers/database";
import { createOffer, createRequest } from "../helpers/marketplace";
import { createCaseWorld, notificationsOf } from "./cases-fixtures";

useTestDatabase();

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
    expect(again).toEqual({ unmet: 0, red: 0 });
    expect(await prisma.shortfallCase.count({ where: { regionId: world.region.id } })).toBe(2);
    expect(await notificationsOf(world.facilitator.user.id, "request-unmet-near-start")).toHaveLength(1);
  });

  it("runs from the daily queue, which schedules its next run", async () => {
    expect(nextCaseScanTime(new Date("2026-12-20T05:00:00Z")).toISOString()).toBe("2026-12-20T06:00:00.000Z");
    expect(nextCaseScanTime(new Date("2026-12-20T06:00:00Z")).toISOString()).toBe("2026-12-21T06:00:00.000Z");
    const result = await jobHandlers["shortfall-case-scan"]({ id: "job", queue: "shortfall-case-scan", payload: {}, attempts: 1 } as never);
    expect(result).toMatchObject({ unmetCasesRaised: expect.any(Number), belowFairShareCasesRaised: expect.any(Number) });
    expect(await prisma.job.count({ where: { queue: "shortfall-case-scan", status: "pending" } })).toBeGreaterThanOrEqual(1);
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
