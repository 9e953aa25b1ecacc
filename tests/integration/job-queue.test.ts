import { describe, expect, it } from "vitest";
import { enqueueJob } from "~/platform/jobs/queue.server";
import { useTestDatabase } from "../helpers/database";

const database = useTestDatabase();

describe("enqueueing with a dedupe key", () => {
  it("gives one job however many callers race to enqueue it", async () => {
    const jobs = await Promise.all(Array.from({ length: 8 }, () => enqueueJob(database.current.prisma, { queue: "digest", payload: {}, dedupeKey: "race:1" })));
    expect(new Set(jobs.map((job) => job.id)).size).toBe(1);
    expect(await database.current.prisma.job.count({ where: { dedupeKey: "race:1" } })).toBe(1);
  });
});
