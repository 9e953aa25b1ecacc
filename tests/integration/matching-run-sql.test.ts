import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { getRunSummaryForUser } from "~/matching/runs.server";
import { useTestDatabase } from "../helpers/database";
import { createRegion, createUser } from "../helpers/fixtures";

useTestDatabase();

/*
 * The review pages read a run's summary on the driver. Each run here, from a bare queued one to a published
 * re-run with every column filled, is read both ways and compared field by field, in two time zones.
 */
describe("a matching run's summary on the driver", () => {
  it("is the row Prisma reads, without the result, in any time zone", async () => {
    const region = await createRegion();
    const facilitator = await createUser("FACILITATOR", { regionId: region.id });
    const queued = await prisma.matchingRun.create({
      data: { regionId: region.id, periodStart: new Date("2026-09-01"), periodEnd: new Date("2027-08-31"), startedById: facilitator.id },
    });
    const published = await prisma.matchingRun.create({
      data: {
        regionId: region.id,
        periodStart: new Date("2027-01-04"),
        periodEnd: new Date("2027-03-28"),
        profession: "OT",
        status: "PUBLISHED",
        progress: 0.625,
        phase: "explain",
        startedById: facilitator.id,
        inputSummary: { requests: 12, offers: 30, note: "caf\u00e9 \u2013 \u{1F600}", nested: { list: [1, 2.5, null] } },
        result: { proposals: [], unmet: [] },
        studentsPlaced: 41,
        studentsUnmet: 0,
        error: "a line\nand another",
        startedAt: new Date("2026-11-30T23:59:59.123Z"),
        finishedAt: new Date("2026-12-01T00:00:01.999Z"),
        publishedAt: new Date("2026-12-01T08:15:00.001Z"),
        publishedById: facilitator.id,
        derivedFromId: queued.id,
      },
    });
    const zone = process.env.TZ;
    try {
      for (const tz of ["UTC", "America/New_York", "Pacific/Kiritimati"]) {
        process.env.TZ = tz;
        for (const run of [queued, published]) {
          const reference = await prisma.matchingRun.findUnique({ where: { id: run.id }, omit: { result: true } });
          expect(await getRunSummaryForUser(facilitator, run.id), `${tz} ${run.status}`).toEqual(reference);
        }
      }
    } finally {
      process.env.TZ = zone;
    }
    const summary = await getRunSummaryForUser(facilitator, published.id);
    expect(summary?.publishedAt?.toISOString()).toBe("2026-12-01T08:15:00.001Z");
    expect(summary?.periodStart.toISOString()).toBe("2027-01-04T00:00:00.000Z");
    expect(summary && "result" in summary).toBe(false);
  });

  it("is nothing to a facilitator of another region, or for an unknown run", async () => {
    const [region, elsewhere] = await Promise.all([createRegion(), createRegion()]);
    const facilitator = await createUser("FACILITATOR", { regionId: region.id });
    const outsider = await createUser("FACILITATOR", { regionId: elsewhere.id });
    const run = await prisma.matchingRun.create({
      data: { regionId: region.id, periodStart: new Date("2026-09-01"), periodEnd: new Date("2027-08-31"), startedById: facilitator.id },
    });
    expect(await getRunSummaryForUser(outsider, run.id)).toBeNull();
    expect(await getRunSummaryForUser(facilitator, "no-such-run")).toBeNull();
    expect((await getRunSummaryForUser(facilitator, run.id))?.id).toBe(run.id);
  });
});
