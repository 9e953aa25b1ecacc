import { nextDailyRun } from "~/platform/jobs/daily";
import { scheduleDailyJob } from "~/platform/jobs/queue.server";
import { raiseAutomaticCases } from "./cases.server";

export const CASE_SCAN_QUEUE = "shortfall-case-scan";
/** The daily scan runs at 06:00 UTC, before the 07:00 digest, so new cases make that morning's digest. */
const SCAN_HOUR_UTC = 6;

export function nextCaseScanTime(now: Date): Date {
  return nextDailyRun(now, SCAN_HOUR_UTC);
}

/** Schedules the next scan once, however many nodes ask. */
export async function scheduleNextCaseScan(now = new Date()) {
  await scheduleDailyJob({ queue: CASE_SCAN_QUEUE, dedupePrefix: "case-scan", hourUtc: SCAN_HOUR_UTC }, now);
}

export function runCaseScan() {
  return raiseAutomaticCases(new Date());
}
