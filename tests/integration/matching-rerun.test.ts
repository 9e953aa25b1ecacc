import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { jobHandlers } from "~/job-handlers.server";
import { startWorker } from "~/platform/jobs/worker.server";
import { decisionsOfRun, publishRun } from "~/matching/runs.server";
import { action as runAction, loader as runLoader } from "~/routes/facilitator.matching.$runId";
import { useTestDatabase } from "../helpers/database";
import { buildRequest, createRegion, createUser, settle, signInAs, testContext, type SignedIn } from "../helpers/fixtures";
import { createTwoTrustRegion, runsToCompletion, stored } from "./matching-fixtures";

useTestDatabase();
const worker = startWorker(jobHandlers, { autoStart: false });
const finishedRun = runsToCompletion(worker);



const post = (runId: string, as: SignedIn, form: Record<string, string | string[]>) =>
  settle(() => runAction({ request: buildRequest(`/facilitator/matching/${runId}`, { as, form }), params: { runId }, context: testContext }));

describe("excluding and locking proposals, then re-running", () => {
  it("re-optimises around the decisions, supersedes the old run, shows the difference, and only the new run publishes", async () => {
    const w = await createTwoTrustRegion();
    const first = await finishedRun(w.facilitator);
    const proposals = stored(first).proposals;
    const excluded = proposals.find((p) => p.requestId === w.request1.id && p.offerId === w.bigOffer.id)!;
    const locked = proposals.find((p) => p.requestId === w.request2.id)!;
    expect(excluded && locked).toBeTruthy();
    const facilitator = await signInAs(w.facilitator);

    const exclude = await post(first.id, facilitator, { intent: "mark", mark: "EXCLUDE", proposal: [`${excluded.requestId}:${excluded.offerId}`] });
    expect(exclude.status).toBe(302);
    const lock = await post(first.id, facilitator, { intent: "mark", mark: "LOCK", proposal: [`${locked.requestId}:${locked.offerId}`] });
    expect(lock.status).toBe(302);
    const marks = await prisma.matchingDecision.findMany({ where: { runId: first.id }, orderBy: { kind: "asc" } });
    expect(marks.map((m) => [m.kind, m.requestId, m.offerId, m.students])).toEqual([
      ["EXCLUDE", excluded.requestId, excluded.offerId, excluded.students],
      ["LOCK", locked.requestId, locked.offerId, locked.students],
    ]);
    expect(await prisma.auditEvent.count({ where: { entityId: first.id, action: "matching-proposals-marked", actorId: w.facilitator.id } })).toBe(2);
    // What the review shows beside each proposal.
    expect(await decisionsOfRun(first.id)).toEqual({ [`${excluded.requestId}:${excluded.offerId}`]: "EXCLUDE", [`${locked.requestId}:${locked.offerId}`]: "LOCK" });

    const rerun = await post(first.id, facilitator, { intent: "rerun" });
    expect(rerun.status).toBe(302);
    const second = await prisma.matchingRun.findFirstOrThrow({ where: { derivedFromId: first.id } });
    expect(rerun.response?.headers.get("Location")).toBe(`/facilitator/matching/${second.id}`);
    expect((await prisma.matchingRun.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("SUPERSEDED");
    await worker.drain();
    const done = await prisma.matchingRun.findUniqueOrThrow({ where: { id: second.id } });
    expect(done.status).toBe("SUCCEEDED");
    expect([done.periodStart, done.periodEnd, done.profession]).toEqual([first.periodStart, first.periodEnd, first.profession]);

    const now = stored(done).proposals;
    expect(now.some((p) => p.requestId === excluded.requestId && p.offerId === excluded.offerId)).toBe(false);
    const kept = now.find((p) => p.requestId === locked.requestId && p.offerId === locked.offerId);
    expect(kept?.locked).toBe(true);
    expect(kept!.students).toBeGreaterThanOrEqual(locked.students);
    // Request 1 can use only the small trust's 3 places now, request 2 both trusts: the most that
    // can be placed is 7, less the small trust's places request 2 keeps when locked there.
    expect(done.studentsPlaced).toBe(locked.offerId === w.bigOffer.id ? 7 : 7 - locked.students);

    const page = await settle(() => runLoader({ request: buildRequest(`/facilitator/matching/${second.id}`, { as: facilitator }), params: { runId: second.id }, context: testContext }));
    const view = page.data as { review: { difference: { placedBefore: number; placedAfter: number; decisions: { kind: string }[]; rows: { change: string }[]; fairShare: unknown[] } } };
    expect(view.review.difference.placedBefore).toBe(first.studentsPlaced);
    expect(view.review.difference.placedAfter).toBe(done.studentsPlaced);
    expect(view.review.difference.decisions.map((d) => d.kind).sort()).toEqual(["EXCLUDE", "LOCK"]);
    expect(view.review.difference.rows.some((row) => row.change === "removed")).toBe(true);
    expect(view.review.difference.fairShare.length).toBeGreaterThan(0);

    const refused = await post(first.id, facilitator, { intent: "publish" });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.data)).toContain("replaced by a re-run");
    await expect(publishRun(w.facilitator, first.id)).rejects.toThrow(/publish the newer run/);
    const markOld = await post(first.id, facilitator, { intent: "mark", mark: "LOCK", proposal: [`${locked.requestId}:${locked.offerId}`] });
    expect(markOld.status).toBe(409);
    const rerunOld = await post(first.id, facilitator, { intent: "rerun" });
    expect(rerunOld.status).toBe(409);

    expect((await post(second.id, facilitator, { intent: "publish" })).status).toBe(302);
    expect(await prisma.allocation.count({ where: { matchingRunId: first.id } })).toBe(0);
    const published = await prisma.allocation.findMany({ where: { matchingRunId: second.id } });
    expect(published.reduce((sum, a) => sum + a.students, 0)).toBe(done.studentsPlaced);
    expect(published.some((a) => a.requestId === excluded.requestId && a.offerId === excluded.offerId)).toBe(false);
  });

  it("refuses marks from people outside the run's region, bad input with a reason by the table, and a re-run with nothing marked", async () => {
    const w = await createTwoTrustRegion();
    const run = await finishedRun(w.facilitator);
    const proposal = stored(run).proposals[0];
    const pair = `${proposal.requestId}:${proposal.offerId}`;

    const outsider = await signInAs(await createUser("FACILITATOR", { regionId: (await createRegion()).id }));
    expect((await post(run.id, outsider, { intent: "mark", mark: "EXCLUDE", proposal: [pair] })).status).toBe(404);
    expect((await post(run.id, outsider, { intent: "rerun" })).status).toBe(404);
    const educator = await signInAs(w.educators.big);
    expect((await post(run.id, educator, { intent: "mark", mark: "EXCLUDE", proposal: [pair] })).status).toBe(403);

    const facilitator = await signInAs(w.facilitator);
    const none = await post(run.id, facilitator, { intent: "mark", mark: "EXCLUDE" });
    expect(none.status).toBe(400);
    expect(none.data).toEqual({ error: "Tick at least one proposal", field: "proposals" });
    const badMark = await post(run.id, facilitator, { intent: "mark", mark: "DELETE", proposal: [pair] });
    expect(badMark.status).toBe(400);
    expect(badMark.data).toMatchObject({ error: "Choose exclude, lock or clear" });
    const forged = await post(run.id, facilitator, { intent: "mark", mark: "LOCK", proposal: ["<script>:x"] });
    expect(forged.status).toBe(400);
    const notOfRun = await post(run.id, facilitator, { intent: "mark", mark: "LOCK", proposal: [`${proposal.requestId}:someotheroffer`] });
    expect(notOfRun.status).toBe(400);
    expect(notOfRun.data).toEqual({ error: "Choose proposals of this run", field: "proposals" });
    const nothing = await post(run.id, facilitator, { intent: "rerun" });
    expect(nothing.status).toBe(400);
    expect(JSON.stringify(nothing.data)).toContain("Mark at least one proposal");
    expect(await prisma.matchingDecision.count({ where: { runId: run.id } })).toBe(0);

    // Clearing a mark removes it; the run stays publishable.
    await post(run.id, facilitator, { intent: "mark", mark: "EXCLUDE", proposal: [pair] });
    expect((await post(run.id, facilitator, { intent: "mark", mark: "CLEAR", proposal: [pair] })).status).toBe(302);
    expect(await prisma.matchingDecision.count({ where: { runId: run.id } })).toBe(0);
    await publishRun(w.facilitator, run.id);
    expect((await post(run.id, facilitator, { intent: "mark", mark: "EXCLUDE", proposal: [pair] })).status).toBe(409);
  });

  it("drops a lock that no longer fits, says so, and matches the rest", async () => {
    const w = await createTwoTrustRegion();
    const first = await finishedRun(w.facilitator);
    const onSmall = stored(first).proposals.find((p) => p.offerId === w.smallOffer.id)!;
    await prisma.matchingDecision.create({ data: { runId: first.id, requestId: onSmall.requestId, offerId: onSmall.offerId, kind: "LOCK", students: onSmall.students } });
    const facilitator = await signInAs(w.facilitator);
    expect((await post(first.id, facilitator, { intent: "rerun" })).status).toBe(302);
    await prisma.offer.update({ where: { id: w.smallOffer.id }, data: { slots: 0 } });
    await worker.drain();
    const second = await prisma.matchingRun.findFirstOrThrow({ where: { derivedFromId: first.id } });
    expect(second.status).toBe("SUCCEEDED");
    expect(stored(second).warnings.some((text) => text.includes("was not kept") && text.includes("Small Trust"))).toBe(true);
    expect(stored(second).proposals.every((p) => !p.locked)).toBe(true);
  });
});
