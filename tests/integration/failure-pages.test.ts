import { describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server";
import { jobHandlers } from "~/job-handlers.server";
import { startMatchingRun } from "~/matching/runs.server";
import { prisma } from "~/platform/db/db.server";
import { startWorker } from "~/platform/jobs/worker.server";
import RunPage, { loader as runLoader } from "~/routes/facilitator.matching.$runId";
import { useTestDatabase } from "../helpers/database";
import { useCapturedLog } from "../helpers/log-capture";
import { usePortalServer } from "../helpers/portal";
import { createRegion, createUser, signInAs } from "../helpers/fixtures";
import { createRequest } from "../helpers/marketplace";
import { renderRoute } from "../helpers/render-route";
import { call } from "./provider-fixtures";

/** When something inside fails, people see a kind message with a reference; the fault's own text goes only to the log. */
const database = useTestDatabase();
const worker = startWorker(jobHandlers, { autoStart: false });
const log = useCapturedLog();

/** A real database fault: the table is away while the work runs. */
async function withTableAway<T>(table: string, run: () => Promise<T>): Promise<T> {
  await prisma.$executeRawUnsafe(`ALTER TABLE "${table}" RENAME TO "${table}Away"`);
  try {
    return await run();
  } finally {
    await prisma.$executeRawUnsafe(`ALTER TABLE "${table}Away" RENAME TO "${table}"`);
  }
}

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("a matching run whose job failed inside", () => {
  it("shows a kind message with a reference, not the database's error, and logs the error under that reference", async () => {
    const region = await createRegion();
    const university = await prisma.organisation.create({ data: { name: "Fault University", kind: "UNIVERSITY", regionId: region.id } });
    await createRequest(university.id, { students: 2 });
    const facilitator = await createUser("FACILITATOR", { regionId: region.id });
    const run = await startMatchingRun(facilitator as SessionUser, {
      periodStart: new Date("2026-09-01T00:00:00Z"),
      periodEnd: new Date("2027-08-31T00:00:00Z"),
      profession: null,
    });
    const before = log.text.length;
    await withTableAway("Offer", () => worker.drain());

    const stored = await prisma.matchingRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored.status).toBe("FAILED");
    const reference = /reference ([A-Z0-9]+)/.exec(stored.error ?? "")?.[1];
    expect(reference).toBeTruthy();
    const logLine = log.text.slice(before).split("\n").find((line) => line.includes("matching run failed")) ?? "";
    expect(logLine).toContain(`"reference":"${reference}"`);
    expect(logLine).toMatch(/Offer/);

    const page = await call(runLoader, `/facilitator/matching/${run.id}`, { as: await signInAs(facilitator), params: { runId: run.id } });
    expect(page.status).toBe(200);
    const html = text(await renderRoute(RunPage, page.data, `/facilitator/matching/${run.id}`));
    expect(html).toContain(`The run could not be finished. Try again; if it fails again, contact support quoting reference ${reference}.`);
    expect(html).not.toMatch(/Offer"?\s*does not exist|prisma|Invalid `|relation|P20\d\d/i);
  });
});

describe("the 500 page", () => {
  const server = usePortalServer(database);

  it("shows a reference id that is also in the log line of the fault, and not the fault's text", async () => {
    const region = await createRegion();
    const university = await prisma.organisation.create({ data: { name: "Reader University", kind: "UNIVERSITY", regionId: region.id } });
    const lead = await signInAs(await createUser("UNIVERSITY", { organisationId: university.id }));
    const before = log.text.length;
    const response = await withTableAway("Resource", () => fetch(`${server.base}/resources`, { headers: { Cookie: lead.cookie } }));
    expect(response.status).toBe(500);
    const html = await response.text();
    const reference = /data-testid="error-reference"[^>]*>([^<]+)</.exec(html)?.[1];
    expect(reference).toMatch(/^[A-Za-z0-9-]{6,}$/);
    const failure = log.text.slice(before).split("\n").find((line) => line.includes("request failed")) ?? "";
    expect(failure).toContain(`"reference":"${reference}"`);
    expect(failure).toContain('"path":"/resources"');
    // What a person reads; the development server also streams the error to its own debugging scripts.
    const shown = text(html.replace(/<script[\s\S]*?<\/script>/g, ""));
    expect(shown).toContain(`quote reference ${reference}`);
    expect(shown).not.toMatch(/does not exist|Invalid `prisma|Resource"/);
  });
});
