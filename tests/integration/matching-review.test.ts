import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { jobHandlers } from "~/job-handlers.server";
import { startWorker } from "~/platform/jobs/worker.server";
import { FLASH_COOKIE, takeFlash } from "~/platform/flash.server";
import { startMatchingRun } from "~/matching/runs.server";
import { action as runAction, loader as runLoader } from "~/routes/facilitator.matching.$runId";
import { loader as runFairShareLoader } from "~/routes/facilitator.matching.$runId_.fair-share";
import { loader as runsLoader } from "~/routes/facilitator.matching._index";
import { useTestDatabase } from "../helpers/database";
import { buildRequest, createOrganisation, createRegion, createUser, settle, signInAs, testContext, type SignedIn } from "../helpers/fixtures";
import { createOffer, createRequest, createSite } from "../helpers/marketplace";
import { asSession, period, runsToCompletion } from "./matching-fixtures";

useTestDatabase();
const worker = startWorker(jobHandlers, { autoStart: false });
const finishedRun = runsToCompletion(worker);

/**
 * 60 single-student PT requests from two universities, one OT request nobody offers for, and PT
 * places at two trusts (one with two educators): enough proposals for more than one page.
 */
async function busyRegion() {
  const r = await createRegion();
  const north = await createOrganisation({ regionId: r.id, name: `North Trust ${r.id}` });
  const south = await createOrganisation({ regionId: r.id, name: `South Trust ${r.id}` });
  await prisma.workforce.createMany({
    data: [
      { organisationId: north.id, profession: "PT", year: 2026, wte: 30 },
      { organisationId: south.id, profession: "PT", year: 2026, wte: 30 },
    ],
  });
  await createOffer(north.id, { slots: 40, siteId: (await createSite(north.id, { name: "North General" })).id });
  await createOffer(south.id, { slots: 40, siteId: (await createSite(south.id, { name: "South Infirmary" })).id });
  const leeds = await createOrganisation({ kind: "UNIVERSITY", regionId: r.id, name: `Leeds ${r.id}` });
  const york = await createOrganisation({ kind: "UNIVERSITY", regionId: r.id, name: `York ${r.id}` });
  for (let index = 0; index < 30; index++) {
    await createRequest(leeds.id, { students: 1 });
    await createRequest(york.id, { students: 1 });
  }
  const ot = await createRequest(york.id, { students: 3, profession: "OT" });
  const facilitator = asSession(await createUser("FACILITATOR", { regionId: r.id }));
  await createUser("EDUCATOR", { organisationId: north.id });
  await createUser("EDUCATOR", { organisationId: north.id });
  await createUser("EDUCATOR", { organisationId: south.id });
  return { r, north, south, leeds, york, ot, facilitator };
}


type RunPage = Awaited<ReturnType<typeof runLoader>>;
async function openRun(as: SignedIn, runId: string, query = "") {
  const page = await settle(() => runLoader({ request: buildRequest(`/facilitator/matching/${runId}${query}`, { as }), params: { runId }, context: testContext }));
  expect(page.status).toBe(200);
  return page.data as RunPage;
}

async function flashOf(response: Response | null) {
  const cookie = response?.headers.getSetCookie().find((value) => value.startsWith(`${FLASH_COOKIE}=`));
  const { flash } = await takeFlash(new Request("http://localhost/", { headers: { Cookie: cookie?.split(";")[0] ?? "" } }));
  return flash?.message;
}

describe("the run page", () => {
  it("shows the run's true state whenever it is opened: finished runs show their review, not progress", async () => {
    const w = await busyRegion();
    const run = await startMatchingRun(w.facilitator, period);
    const facilitator = await signInAs(w.facilitator);
    expect((await openRun(facilitator, run.id)).run.status).toBe("QUEUED");
    await worker.drain();
    const after = await openRun(facilitator, run.id);
    expect(after.run.status).toBe("SUCCEEDED");
    expect(after.review?.placed).toBe(60);
  });
});

describe("the review table", () => {
  it("pages, filters, searches and sorts proposals on the server, with names for every id and code", async () => {
    const w = await busyRegion();
    const run = await finishedRun(w.facilitator);
    const facilitator = await signInAs(w.facilitator);
    const first = (await openRun(facilitator, run.id)).review!;
    expect(first.proposalCount).toBeGreaterThan(50);
    expect(first.table.proposals).toHaveLength(25);
    expect(first.table.window).toMatchObject({ page: 1, pageCount: Math.ceil(first.proposalCount / 25), total: first.proposalCount });
    const second = (await openRun(facilitator, run.id, "?page=2")).review!;
    expect(second.table.proposals).toHaveLength(25);
    const last = (await openRun(facilitator, run.id, `?page=${first.table.window.pageCount}`)).review!;
    expect(last.table.proposals).toHaveLength(first.proposalCount - 25 * (first.table.window.pageCount - 1));
    const firstKeys = new Set(first.table.proposals.map((p) => p.requestId + p.offerId));
    expect(second.table.proposals.some((p) => firstKeys.has(p.requestId + p.offerId))).toBe(false);

    const row = first.table.proposals[0];
    expect(row.provider).toMatch(/North Trust|South Trust/);
    expect(row.site).toMatch(/North General|South Infirmary/);
    expect(row.programme).toMatch(/^BSc PT/);
    expect(row.start).toBe("2027-01-11");
    expect(first.table.providers.map(([, name]) => name)).toEqual([`North Trust ${w.r.id}`, `South Trust ${w.r.id}`]);

    const york = (await openRun(facilitator, run.id, `?university=${w.york.id}`)).review!;
    expect(york.table.proposalTotal).toBe(30);
    expect(york.table.proposals.every((p) => p.universityId === w.york.id)).toBe(true);
    const searched = (await openRun(facilitator, run.id, "?q=south+infirmary")).review!;
    expect(searched.table.proposalTotal).toBeGreaterThan(0);
    expect(searched.table.proposals.every((p) => p.site === "South Infirmary")).toBe(true);
    const byUniversityDesc = (await openRun(facilitator, run.id, "?sort=university&dir=desc")).review!;
    expect(byUniversityDesc.table.proposals[0].university).toBe(`York ${w.r.id}`);
  });

  it("lists every request it could not place by university with the matcher's reason", async () => {
    const w = await busyRegion();
    const run = await finishedRun(w.facilitator);
    const facilitator = await signInAs(w.facilitator);
    const unmet = (await openRun(facilitator, run.id, "?view=unmet")).review!;
    expect(unmet.table.unmetTotal).toBe(1);
    expect(unmet.table.unmet[0]).toMatchObject({ requestId: w.ot.id, university: `York ${w.r.id}`, profession: "OT", students: 3 });
    expect(unmet.table.unmet[0].reason.length).toBeGreaterThan(10);
    expect(unmet.table.unmet[0].reason).not.toContain(w.ot.id);
    // The matcher says "OT"; people read the profession's name.
    expect(unmet.table.unmet[0].reason).toMatch(/occupational therapy/);
    expect(unmet.table.unmet[0].reason).not.toMatch(/\bOT\b/);
    expect(unmet.unmetByUniversity.find((row) => row.profession === "OT")).toMatchObject({ university: `York ${w.r.id}`, unmet: 3 });
    // Fair share before → after: the chart's providers (those the run moves) on the page…
    expect(unmet.charted.find((s) => s.providerId === w.north.id)).toMatchObject({ provider: `North Trust ${w.r.id}`, before: 0 });
    expect(unmet.changedCount).toBe(unmet.charted.length);
    // …and every provider and profession on the table's own page, by name.
    const tablePage = await settle(() => runFairShareLoader({ request: buildRequest(`/facilitator/matching/${run.id}/fair-share`, { as: facilitator }), params: { runId: run.id }, context: testContext }));
    expect(tablePage.status).toBe(200);
    const table = tablePage.data as Awaited<ReturnType<typeof runFairShareLoader>>;
    expect(table.finished).toBe(true);
    expect(table.standings).toHaveLength(unmet.standingsCount);
    expect(table.standings.map((s) => s.provider)).toEqual([...table.standings.map((s) => s.provider)].sort((a, b) => a.localeCompare(b, "en-GB")));
    expect(table.standings.find((s) => s.providerId === w.north.id)).toMatchObject({ provider: `North Trust ${w.r.id}`, before: 0 });
  });
});

// Publishing 60 proposals writes 60 allocations with their events and notifications: slower than the default timeout on a busy machine.
describe("publishing a run", () => {
  it("says what will happen before it happens, then publishes with a message saying what it did", async () => {
    const w = await busyRegion();
    const run = await finishedRun(w.facilitator);
    const facilitator = await signInAs(w.facilitator);
    expect((await openRun(facilitator, run.id)).review?.preview).toBeNull();
    const confirming = (await openRun(facilitator, run.id, "?confirm=publish")).review!;
    expect(confirming.preview).toEqual({ proposals: confirming.proposalCount, students: 60, providers: 2, people: 3 });
    const published = await settle(() => runAction({ request: buildRequest(`/facilitator/matching/${run.id}`, { as: facilitator, form: { intent: "publish" } }), params: { runId: run.id }, context: testContext }));
    expect(published.status).toBe(302);
    expect(published.response?.headers.get("location")).toBe(`/facilitator/matching/${run.id}`);
    expect(await flashOf(published.response)).toBe(`Published ${confirming.proposalCount} proposals to 2 providers; 3 people notified.`);
    expect(await prisma.allocation.count({ where: { matchingRunId: run.id } })).toBe(confirming.proposalCount);
  }, 120_000);

  it("publishes once when two facilitators publish at the same moment; the other is told, not shown an error page", async () => {
    const w = await busyRegion();
    const run = await finishedRun(w.facilitator);
    const one = await signInAs(w.facilitator);
    const two = await signInAs(await createUser("FACILITATOR", { regionId: w.r.id }));
    const publish = (as: SignedIn) => settle(() => runAction({ request: buildRequest(`/facilitator/matching/${run.id}`, { as, form: { intent: "publish" } }), params: { runId: run.id }, context: testContext }));
    const results = await Promise.all([publish(one), publish(two)]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
    expect(JSON.stringify(results.find((r) => r.status === 409)?.data)).toContain("already been published");
    const allocations = await prisma.allocation.findMany({ where: { matchingRunId: run.id } });
    expect(allocations.reduce((sum, a) => sum + a.students, 0)).toBe(60);
    expect((await prisma.matchingRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("PUBLISHED");
  }, 120_000);
});

describe("a run that placed nobody", () => {
  it("says so instead of asking to review and publish, and can be discarded", async () => {
    const r = await createRegion();
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: r.id });
    await createRequest(university.id, { students: 2, profession: "SLT" });
    const user = asSession(await createUser("FACILITATOR", { regionId: r.id }));
    const run = await finishedRun(user);
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: user.id, kind: "matching-run-finished" } });
    expect(note.title).toContain("0 of 2 students placed");
    expect(note.body).not.toMatch(/publish/i);
    expect(note.body).toMatch(/placed no students/);
    const facilitator = await signInAs(user);
    const page = (await openRun(facilitator, run.id)).review!;
    expect(page.placed).toBe(0);
    expect(page.table.unmetTotal).toBe(1);
    const discarded = await settle(() => runAction({ request: buildRequest(`/facilitator/matching/${run.id}`, { as: facilitator, form: { intent: "discard" } }), params: { runId: run.id }, context: testContext }));
    expect(discarded.status).toBe(302);
    expect(await flashOf(discarded.response)).toMatch(/discarded/);
    expect((await prisma.matchingRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("DISCARDED");
  });
});

describe("a new run's window", () => {
  it("defaults to blocks that start after the administrator's lead time", async () => {
    await prisma.setting.upsert({ where: { key: "portal" }, create: { key: "portal", value: { matchingLeadDays: 21 } }, update: { value: { matchingLeadDays: 21 } } });
    const facilitator = await signInAs(await createUser("FACILITATOR", { regionId: (await createRegion()).id }));
    const page = await settle(() => runsLoader({ request: buildRequest("/facilitator/matching", { as: facilitator }), params: {}, context: testContext }));
    const defaults = (page.data as { defaults: { periodStart: string; periodEnd: string } }).defaults;
    const expected = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    expect(defaults.periodStart).toBe(expected);
    expect(defaults.periodEnd > defaults.periodStart).toBe(true);
    await prisma.setting.deleteMany({ where: { key: "portal" } });
  });
});
