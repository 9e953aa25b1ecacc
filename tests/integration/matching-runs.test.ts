import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { jobHandlers } from "~/job-handlers.server";
import { claimJob } from "~/platform/jobs/queue.server";
import { startWorker } from "~/platform/jobs/worker.server";
import { bookOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { MATCHING_QUEUE, publishRun, reviewRun, startMatchingRun } from "~/matching/runs.server";
import { action as startAction } from "~/routes/facilitator.matching._index";
import { loader as runLoader } from "~/routes/facilitator.matching.$runId";
import { useTestDatabase } from "../helpers/database";
import { buildRequest, createRegion, createUser, settle, signInAs, testContext } from "../helpers/fixtures";
import { createRequest } from "../helpers/marketplace";
import { createTwoTrustRegion, period, runsToCompletion, stored } from "./matching-fixtures";

useTestDatabase();
const worker = startWorker(jobHandlers, { autoStart: false });
const runToCompletion = runsToCompletion(worker);




describe("a matching run", () => {
  it("runs in the background, places every student capacity allows, explains itself and notifies the facilitator", async () => {
    const w = await createTwoTrustRegion();
    const run = await runToCompletion(w.facilitator);
    expect(run.status).toBe("SUCCEEDED");
    expect(run.studentsPlaced).toBe(8);
    expect(run.studentsUnmet).toBe(2);
    const result = stored(run);
    expect(result.proposals.every((p) => p.explanation.length > 10)).toBe(true);
    // Explanations name providers, not database ids.
    expect(result.proposals.some((p) => p.explanation.includes("Big Trust") || p.explanation.includes("Small Trust"))).toBe(true);
    expect(result.proposals.every((p) => !p.explanation.includes(w.big.id) && !p.explanation.includes(w.bigOffer.id))).toBe(true);
    expect(result.unmet.reduce((sum, u) => sum + u.students, 0)).toBe(2);
    expect(result.unmet.every((u) => u.reason.length > 10)).toBe(true);
    // Scarce places are shared in proportion to demand: 6:4 of 8 is about 5:3.
    const placedFor = (requestId: string) => result.proposals.filter((p) => p.requestId === requestId).reduce((s, p) => s + p.students, 0);
    expect(placedFor(w.request1.id) + placedFor(w.request2.id)).toBe(8);
    expect(Math.abs(placedFor(w.request1.id) - 4.8)).toBeLessThanOrEqual(1);
    const note = await prisma.notification.findFirst({ where: { userId: w.facilitator.id, kind: "matching-run-finished" } });
    expect(note?.link).toBe(`/facilitator/matching/${run.id}`);
    const review = await reviewRun(run);
    expect(review?.standings.find((s) => s.providerId === w.big.id)).toMatchObject({ fairShare: 8, before: 0 });
    expect(review?.unmet.reduce((sum, u) => sum + u.unmet, 0)).toBe(2);
  });

  it("publishes every proposal as a proposed allocation at once, and only once", async () => {
    const w = await createTwoTrustRegion();
    const run = await runToCompletion(w.facilitator);
    const results = await Promise.allSettled([publishRun(w.facilitator, run.id), publishRun(w.facilitator, run.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const allocations = await prisma.allocation.findMany({ where: { matchingRunId: run.id } });
    expect(allocations.reduce((sum, a) => sum + a.students, 0)).toBe(8);
    expect(allocations.every((a) => a.status === "PROPOSED" && a.source === "MATCHING" && a.explanation)).toBe(true);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: w.bigOffer.id } })).slotsTaken).toBe(5);
    expect(await prisma.notification.count({ where: { userId: w.educators.big.id, kind: "allocation-proposed" } })).toBeGreaterThan(0);
    expect(await prisma.job.count({ where: { dedupeKey: `case-scan:published-run:${run.id}` } })).toBe(1);
  });

  it("publishes nothing when capacity changed since the run", async () => {
    const w = await createTwoTrustRegion();
    const run = await runToCompletion(w.facilitator);
    const extra = await createRequest(w.u1.id, { students: 3 });
    await bookOffer(w.lead, { offerId: w.smallOffer.id, requestId: extra.id, students: 3 });
    await expect(publishRun(w.facilitator, run.id)).rejects.toThrow(/Nothing was published/);
    expect(await prisma.allocation.count({ where: { matchingRunId: run.id } })).toBe(0);
    expect((await prisma.matchingRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("SUCCEEDED");
    // The case scan a publication queues is rolled back with it.
    expect(await prisma.job.count({ where: { dedupeKey: `case-scan:published-run:${run.id}` } })).toBe(0);
  });

  it("never moves confirmed allocations: a later run only fills what is left", async () => {
    const w = await createTwoTrustRegion();
    const first = await runToCompletion(w.facilitator);
    await publishRun(w.facilitator, first.id);
    for (const allocation of await prisma.allocation.findMany({ where: { matchingRunId: first.id } })) {
      const educator = allocation.offerId === w.bigOffer.id ? w.educators.big : w.educators.small;
      await transitionAllocation(educator, { allocationId: allocation.id, to: "CONFIRMED" });
    }
    await prisma.offer.update({ where: { id: w.smallOffer.id }, data: { slots: 5 } });
    const second = await runToCompletion(w.facilitator);
    expect(second.studentsPlaced).toBe(2);
    expect(stored(second).proposals.every((p) => p.offerId === w.smallOffer.id)).toBe(true);
    expect(await prisma.allocation.count({ where: { matchingRunId: first.id, status: "CONFIRMED" } })).toBe(
      await prisma.allocation.count({ where: { matchingRunId: first.id } }),
    );
  });

  it("says so when the period has nothing to match, and cannot be published", async () => {
    const w = await createTwoTrustRegion();
    const run = await runToCompletion(w.facilitator, { periodStart: new Date("2029-06-01T00:00:00Z"), periodEnd: new Date("2029-07-01T00:00:00Z"), profession: null });
    expect(run.status).toBe("SUCCEEDED");
    expect(stored(run).empty).toMatch(/nothing to match/);
    await expect(publishRun(w.facilitator, run.id)).rejects.toThrow(/no proposals/);
  });

  it("finishes a run whose node died mid-way: the lapsed job is taken again", async () => {
    const w = await createTwoTrustRegion();
    const run = await startMatchingRun(w.facilitator, period);
    const claimed = await claimJob(MATCHING_QUEUE);
    expect(claimed).not.toBeNull();
    await prisma.matchingRun.update({ where: { id: run.id }, data: { status: "RUNNING", progress: 0.3 } });
    await prisma.job.update({ where: { id: claimed!.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await worker.drain();
    const after = await prisma.matchingRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(after.status).toBe("SUCCEEDED");
    expect(after.studentsPlaced).toBe(8);
  });
});

describe("who may run matching", () => {
  it("one run per region at a time; educators refused; other regions' runs are not found", async () => {
    const w = await createTwoTrustRegion();
    await startMatchingRun(w.facilitator, period);
    await expect(startMatchingRun(w.facilitator, period)).rejects.toThrow(/already under way/);
    await worker.drain();
    const educator = await signInAs(w.educators.big);
    const refused = await settle(() => startAction({ request: buildRequest("/facilitator/matching", { as: educator, form: { periodStart: "2026-09-01", periodEnd: "2027-08-31" } }), params: {}, context: testContext }));
    expect(refused.status).toBe(403);
    const run = await prisma.matchingRun.findFirstOrThrow({ where: { regionId: w.r.id } });
    const outsider = await signInAs(await createUser("FACILITATOR", { regionId: (await createRegion()).id }));
    const view = await settle(() => runLoader({ request: buildRequest(`/facilitator/matching/${run.id}`, { as: outsider }), params: { runId: run.id }, context: testContext }));
    expect(view.status).toBe(404);
    const facilitator = await signInAs(w.facilitator);
    const bad = await settle(() => startAction({ request: buildRequest("/facilitator/matching", { as: facilitator, form: { periodStart: "2027-09-01", periodEnd: "2027-01-01" } }), params: {}, context: testContext }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data)).toContain("The period must end after it starts");
  });
});
