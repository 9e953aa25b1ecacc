import { prisma } from "~/platform/db/db.server";
import { enqueueJob } from "~/platform/jobs/queue.server";
import { raiseAutomaticCases } from "./cases.server";

export const CASE_SCAN_QUEUE = "shortfall-case-scan";
/** The daily scan runs at 06:00 UTC, before the 07:00 digest, so new cases make that morning's digest. */
const SCAN_HOUR_UTC = 6;

export function nextCaseScanTime(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), SCAN_HOUR_UTC));
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/** Schedules the next scan once, however many nodes ask. */
export async function scheduleNextCaseScan(now = new Date()) {
  const runAt = nextCaseScanTime(now);
  await enqueueJob(prisma, { queue: CASE_SCAN_QUEUE, payload: {}, dedupeKey: `case-scan:${runAt.toISOString()}`, runAt });
}

export async function runCaseScan() {
  const raised = await raiseAutomaticCases(new Date());
  await scheduleNextCaseScan();
  return raised;
}
