import { z } from "zod";
import { loadRegionFairShare } from "~/fair-share/fair-share.server";
import { withNotifications } from "~/notifications/notify.server";
import { prisma, type Prisma } from "~/platform/db/db.server";
import { nextDailyRun } from "~/platform/jobs/daily";
import { enqueueJob, scheduleDailyJob } from "~/platform/jobs/queue.server";
import { addUtcDays, startOfUtcDay } from "~/platform/utc-days";
import { getSettings } from "~/settings/settings.server";
import { academicYearOf, formatAcademicYear } from "~/vocabulary/academic-year";
import { formatDate, plural } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { ACTIVE_CASE_STATUSES, caseSeverity, daysUntil, scannedCaseChange, type ScannedCaseChange } from "./case-rules";
import { caseRaisedNotification, caseReopenedNotification } from "./notifications";
import { createOnce } from "./raise-cases.server";

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

/** One region's unmet demand scanned at once, outside the daily schedule (after a matching run is published). */
export const REGION_CASE_SCAN_QUEUE = "shortfall-case-scan-region";
const RegionCaseScanPayloadSchema = z.object({ regionId: z.string().min(1, "A region case scan needs a region id") });

/**
 * Queues a scan of one region's unmet requests, in the caller's transaction, so it exists exactly
 * when the change that calls for it commits and survives a restart as any job does. `cause` names
 * that change and dedupes the job (one scan per published run, however often this is called).
 */
export async function enqueueRegionCaseScan(tx: Prisma.TransactionClient, input: { regionId: string; cause: string }) {
  await enqueueJob(tx, { queue: REGION_CASE_SCAN_QUEUE, payload: { regionId: input.regionId }, dedupeKey: `case-scan:${input.cause}`, maxAttempts: 5 });
}

/**
 * Publishing a run changes allocations only, so only the region's unmet requests can have changed:
 * the fair-share bands read offers and workforce, which the daily scan keeps up to date.
 */
export async function runRegionCaseScan(payload: unknown, now = new Date()) {
  const { regionId } = RegionCaseScanPayloadSchema.parse(payload);
  return { regionId, changes: { unmet: await scanUnmetRequests(now, regionId) } };
}

export type ScanCounts = Record<Exclude<ScannedCaseChange, "none">, number>;

/**
 * The daily scan. Each source keeps one case (its sourceKey), opened, updated, resolved or reopened
 * as scannedCaseChange says:
 * - a request whose block starts within the administrator's "unmet request" lead time (Thresholds page,
 *   weeks) with students that have no live allocation, the same "unmet" as the dashboards and the matcher;
 * - a provider's profession in the red fair-share band for the current academic year.
 */
export async function raiseAutomaticCases(now = new Date()) {
  const unmet = await scanUnmetRequests(now);
  const red = await scanBelowFairShare(now);
  return { unmet: unmet.open, red: red.open, changes: { unmet, red } };
}

function emptyCounts(): ScanCounts {
  return { open: 0, update: 0, resolve: 0, reopen: 0 };
}

interface ScannedSource {
  sourceKey: string;
  /** Students short now (0: nobody). */
  short: number;
  /** The case as it would be opened now; its count is `short`. */
  draft: Omit<Prisma.ShortfallCaseCreateManyInput, "sourceKey" | "studentsAffected" | "severity">;
  /** Days to the start, for the severity (null: no start). */
  daysToStart: number | null;
  /** Why it is short, in a sentence or two: the case's raised and updated notes. */
  why: string;
  /** Why nobody is short any more. */
  settled: string;
  notification: "request-unmet-near-start" | "provider-below-fair-share";
}

/** Opens, updates, resolves or reopens the case of one source, in one transaction. */
export async function syncScannedCase(source: ScannedSource, now: Date): Promise<ScannedCaseChange> {
  return withNotifications(async (tx, raise) => {
    const existing = await tx.shortfallCase.findUnique({
      where: { sourceKey: source.sourceKey },
      select: { id: true, status: true, studentsAffected: true, regionId: true, ownerId: true },
    });
    const change = scannedCaseChange(existing, source.short);
    const severity = caseSeverity(source.short, source.daysToStart);
    if (change === "open") {
      const created = await createOnce(tx, { ...source.draft, sourceKey: source.sourceKey, studentsAffected: source.short, severity }, source.why);
      if (!created) return "none";
      await raise(caseRaisedNotification(source.notification, created));
      return "open";
    }
    if (!existing || change === "none") return "none";
    // An update stays silent, even when the severity rises: the case is still open on the facilitators'
    // list with its new count, and severity also rises with time alone (no update), so an alert on it
    // would come only sometimes; a reopen, like an opening, puts back work somebody thought was done.
    const data: Prisma.ShortfallCaseUpdateManyMutationInput =
      change === "update"
        ? { studentsAffected: source.short, severity, title: source.draft.title }
        : change === "resolve"
          ? { status: "RESOLVED", resolvedAt: now, studentsAffected: 0 }
          : { status: "IN_PROGRESS", resolvedAt: null, resolvedByOfferId: null, resolvedByAllocationId: null, studentsAffected: source.short, severity, title: source.draft.title };
    // Guarded by what was read, so a facilitator's change in between is never overwritten.
    const moved = await tx.shortfallCase.updateMany({ where: { id: existing.id, status: existing.status, studentsAffected: existing.studentsAffected }, data });
    if (moved.count !== 1) return "none";
    const body =
      change === "update"
        ? `Now ${source.short} short (was ${existing.studentsAffected}). ${source.why}`
        : change === "resolve"
          ? `Resolved automatically: ${source.settled}`
          : `Reopened automatically: ${source.why}`;
    const note = await tx.caseNote.create({ data: { caseId: existing.id, type: change === "update" ? "updated" : "status", body }, select: { id: true } });
    if (change === "reopen") {
      // An owner who has left the region or the portal cannot act on it: the region's facilitators hear instead.
      const owner = existing.ownerId
        ? await tx.user.findFirst({ where: { id: existing.ownerId, role: "FACILITATOR", regionId: existing.regionId, active: true }, select: { id: true } })
        : null;
      await raise(
        caseReopenedNotification({ caseId: existing.id, caseTitle: source.draft.title, regionId: existing.regionId, ownerId: owner?.id ?? null, why: source.why, stamp: note.id }),
      );
    }
    return change;
  });
}

/** One line per request the latest matching run left (partly) unmet: its reason, by request id. */
async function matcherReasons(regionIds: string[]): Promise<Map<string, string | null>> {
  const runs = await prisma.matchingRun.findMany({
    where: { regionId: { in: regionIds }, status: { in: ["SUCCEEDED", "PUBLISHED"] } },
    select: { result: true },
    orderBy: [{ finishedAt: "desc" }, { id: "asc" }],
    take: 10 * Math.max(1, regionIds.length),
  });
  // A run stores { proposals: [{ requestId }], unmet: [{ requestId, reason }] } (StoredMatchingResult).
  // The newest run that considered a request speaks for it: null when it left none of it unmet.
  const reasons = new Map<string, string | null>();
  for (const { result } of runs) {
    const stored = (result ?? {}) as { proposals?: { requestId?: unknown }[]; unmet?: { requestId?: unknown; reason?: unknown }[] };
    const unmetHere = new Map<string, string>();
    for (const row of stored.unmet ?? []) if (typeof row.requestId === "string" && typeof row.reason === "string") unmetHere.set(row.requestId, row.reason);
    for (const [requestId, reason] of unmetHere) if (!reasons.has(requestId)) reasons.set(requestId, reason);
    for (const row of stored.proposals ?? []) if (typeof row.requestId === "string" && !reasons.has(row.requestId)) reasons.set(row.requestId, null);
  }
  return reasons;
}

const UNMET_PREFIX = "unmet:";

/** Every region's requests, or only one region's. */
async function scanUnmetRequests(now: Date, regionId?: string): Promise<ScanCounts> {
  const settings = await getSettings();
  const today = startOfUtcDay(now);
  const horizon = addUtcDays(today, settings.unmetRequestWeeks * 7);
  // Requests starting within the lead time, and any whose case is still being worked (to update or resolve it).
  const tracked = await prisma.shortfallCase.findMany({
    where: { kind: "UNMET_DEMAND", regionId, status: { in: [...ACTIVE_CASE_STATUSES] }, sourceKey: { startsWith: UNMET_PREFIX } },
    select: { sourceKey: true },
  });
  const trackedIds = tracked.map((c) => c.sourceKey!.slice(UNMET_PREFIX.length));
  const requests = await prisma.placementRequest.findMany({
    where: {
      OR: [{ status: { not: "CANCELLED" }, startDate: { gte: today, lte: horizon } }, { id: { in: trackedIds } }],
      university: regionId ? { regionId } : undefined,
    },
    select: {
      id: true,
      students: true,
      studentsAllocated: true,
      status: true,
      profession: true,
      startDate: true,
      universityId: true,
      university: { select: { name: true, regionId: true } },
      programme: { select: { name: true } },
    },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  const reasons = await matcherReasons([...new Set(requests.map((r) => r.university.regionId))]);
  const counts = emptyCounts();
  for (const request of requests) {
    const cancelled = request.status === "CANCELLED";
    const short = cancelled ? 0 : Math.max(0, request.students - request.studentsAllocated);
    const profession = PROFESSION_LABELS[request.profession];
    const reason = reasons.get(request.id);
    const matcher =
      reason === undefined
        ? "No matching run has considered this request yet."
        : reason === null
          ? "The latest matching run proposed places for all of it; they have since been declined or cancelled."
          : `The matcher's reason: ${reason}`;
    const change = await syncScannedCase(
      {
        sourceKey: `${UNMET_PREFIX}${request.id}`,
        short,
        daysToStart: daysUntil(request.startDate, now),
        draft: {
          regionId: request.university.regionId,
          kind: "UNMET_DEMAND",
          title: `Unmet: ${short} ${profession} ${short === 1 ? "student" : "students"} of ${request.university.name} from ${formatDate(request.startDate)}`,
          profession: request.profession,
          organisationIds: [request.universityId],
          dueOn: request.startDate,
        },
        why:
          `${request.programme.name} (${request.university.name}): ${short} of ${plural(request.students, "student")} still ${short === 1 ? "has" : "have"} no placement, ` +
          `and the block starts on ${formatDate(request.startDate)}, within ${plural(settings.unmetRequestWeeks, "week")}. ${matcher}`,
        settled: cancelled ? "the university cancelled the request." : `every one of the ${plural(request.students, "student")} now has an allocation (proposed, confirmed or placed).`,
        notification: "request-unmet-near-start",
      },
      now,
    );
    if (change !== "none") counts[change] += 1;
  }
  return counts;
}

async function scanBelowFairShare(now: Date): Promise<ScanCounts> {
  const year = academicYearOf(now);
  const suffix = `:${year}`;
  const counts = emptyCounts();
  const regions = await prisma.region.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  for (const region of regions) {
    const tracked = new Set(
      (
        await prisma.shortfallCase.findMany({
          where: { regionId: region.id, kind: "BELOW_FAIR_SHARE", status: { in: [...ACTIVE_CASE_STATUSES] }, sourceKey: { startsWith: "red:", endsWith: suffix } },
          select: { sourceKey: true },
        })
      ).map((c) => c.sourceKey!),
    );
    const { providers } = await loadRegionFairShare(region.id, year);
    for (const provider of providers) {
      for (const row of provider.rows) {
        const sourceKey = `red:${provider.id}:${row.profession}${suffix}`;
        const red = row.offeredBand === "red";
        if (!red && !tracked.has(sourceKey)) continue;
        const profession = PROFESSION_LABELS[row.profession];
        const gap = red ? Math.max(1, row.fairShare - row.offered) : 0;
        const ratio = row.offeredRatio === null ? "no ratio" : `a ratio of ${row.offeredRatio.toFixed(2)}`;
        const change = await syncScannedCase(
          {
            sourceKey,
            short: gap,
            daysToStart: null,
            draft: {
              regionId: region.id,
              kind: "BELOW_FAIR_SHARE",
              title: `Below fair share: ${provider.name}, ${profession} ${formatAcademicYear(year)}`,
              profession: row.profession,
              organisationIds: [provider.id],
            },
            why: `${provider.name} offers ${row.offered} of its fair share of ${row.fairShare} ${profession} places for ${formatAcademicYear(year)} (${ratio}, red band): ${gap} short.`,
            settled: `${provider.name} now offers ${row.offered} of its fair share of ${row.fairShare} ${profession} places (${ratio}), out of the red band.`,
            notification: "provider-below-fair-share",
          },
          now,
        );
        if (change !== "none") counts[change] += 1;
      }
    }
  }
  return counts;
}
