import type { SessionUser } from "~/accounts/session.server";
import { prisma, Prisma, queryRows, type MatchingRun } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import { MatchingInputError, parseMatchingInput } from "~/matching/solver/parse-input";
import { solveMatchingInParallel } from "~/matching/solver/match";
import type { MatchingProgress, MatchingResult } from "~/matching/solver/types";
import { CHART_ROWS, mostMovedStandings, standingsBeforeAndAfter, unmetByUniversity } from "./review";
import { reviewChoices, sortUnmet, type ProposalRow, type ReviewChoices, type UnmetRow } from "./review-table";
import { PROFESSION_LABELS, PROFESSIONS, type ProfessionCode } from "~/vocabulary/roles";
import { enqueueJob, extendJobLock, type ClaimedJob } from "~/platform/jobs/queue.server";
import { academicYearOf } from "~/vocabulary/academic-year";
import { createAllocationInTransaction } from "~/marketplace/allocations.server";
import { enqueueRegionCaseScan } from "~/cases/case-scan.server";
import { Refusal } from "~/platform/refusal";
import { plural } from "~/vocabulary/labels";
import { pushNotifications, pushNotificationsAfterResponse, raiseNotification, type RaisedNotification } from "~/notifications/notify.server";
import { emitToRoom } from "~/platform/realtime/realtime.server";
import { regionFacilitatorsRoom } from "~/platform/realtime/rooms";
import { getSettings } from "~/settings/settings.server";
import { loadWorkforce } from "~/fair-share/fair-share.server";
import { shortLivedCache } from "~/platform/short-lived-cache.server";
import { toIsoDate } from "~/platform/utc-days";
import { loadMatchingDocument, type MatchingScope } from "./instance.server";
import { canViewMatchingRun, matchingRunScope, requireMatchingRegion } from "./policy";
import { matchingRunFinishedNotification } from "./notifications";
import { matchingPeriodProblem } from "./period-rules";
import { getLogger } from "~/platform/logger.server";
import { verifyAllocationsAgainstInput } from "~/matching/solver/certificate";
import { compareProposals, decisionsForInstance, pairKey, type DecisionKind } from "./review-decisions";
import { newReference } from "~/platform/reference";

export const MATCHING_QUEUE = "matching";

/** What a run stores for its review screen. */
export interface StoredMatchingResult {
  proposals: {
    requestId: string;
    offerId: string;
    providerId: string;
    universityId: string;
    profession: string;
    students: number;
    explanation: string;
    /** Absent in runs stored before these were kept. */
    travelMinutes?: number | null;
    specialtyMatched?: boolean;
    /** Kept from the run this re-run came from, as the facilitator locked it. */
    locked?: boolean;
  }[];
  unmet: { requestId: string; students: number; reason: string }[];
  stats: MatchingResult["stats"];
  warnings: string[];
  empty: string | null;
}

export interface InputSummary {
  providers: number;
  offers: number;
  requests: number;
  studentsToPlace: number;
  placesFree: number;
}

/** Queues a run; the worker does the solving. One run at a time per region. */
export async function startMatchingRun(
  user: SessionUser,
  input: { periodStart: Date; periodEnd: Date; profession: ProfessionCode | null; regionId?: string | null },
) {
  const regionId = requireMatchingRegion(user, input.regionId ?? null);
  const periodProblem = matchingPeriodProblem(input.periodStart, input.periodEnd, new Date());
  if (periodProblem) throw new Refusal(400, periodProblem.message, periodProblem.field);
  return prisma.$transaction(async (tx) => {
    const busy = await tx.matchingRun.findFirst({ where: { regionId, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
    if (busy) throw new Refusal(409, "A matching run for this region is already under way: wait for it to finish");
    const run = await tx.matchingRun.create({
      data: { regionId, periodStart: input.periodStart, periodEnd: input.periodEnd, profession: input.profession, startedById: user.id },
    });
    await enqueueJob(tx, { queue: MATCHING_QUEUE, payload: { runId: run.id }, dedupeKey: `matching-run:${run.id}`, maxAttempts: 3 });
    return run;
  });
}

function progressReporter(runId: string, regionId: string, jobId: string) {
  let last = 0;
  return (progress: MatchingProgress) => {
    emitToRoom(regionFacilitatorsRoom(regionId), "matching-progress", { runId, ...progress });
    const now = Date.now();
    if (now - last < 500 && progress.fraction < 1) return;
    last = now;
    void prisma.matchingRun.update({ where: { id: runId }, data: { progress: progress.fraction, phase: progress.phase } }).catch(() => {});
    void extendJobLock(jobId).catch(() => {});
  };
}

/**
 * The background job: builds the instance from the database, solves it, stores the proposals
 * with their explanations and the before/after standings. Running it again (after a crash) just
 * recomputes: nothing is published until a facilitator says so.
 */
export async function runMatchingJob(job: ClaimedJob) {
  const { runId } = job.payload as { runId: string };
  const run = await prisma.matchingRun.findUnique({ where: { id: runId } });
  if (!run || !["QUEUED", "RUNNING"].includes(run.status)) return { skipped: true };
  await prisma.matchingRun.update({ where: { id: runId }, data: { status: "RUNNING", startedAt: new Date(), progress: 0, phase: "load", error: null } });
  const report = progressReporter(runId, run.regionId, job.id);
  report({ phase: "build", fraction: 0, detail: "Reading offers and requests" });
  try {
    const scope: MatchingScope = { regionId: run.regionId, periodStart: run.periodStart, periodEnd: run.periodEnd, profession: run.profession };
    const { document, warnings } = await loadMatchingDocument(scope);
    const summary: InputSummary = {
      providers: document.providers.length,
      offers: document.offers.length,
      requests: document.requests.length,
      studentsToPlace: document.requests.reduce((sum, request) => sum + request.students, 0),
      placesFree: document.offers.reduce((sum, offer) => sum + offer.capacity - offer.taken, 0),
    };
    if (document.requests.length === 0) {
      return finish(run, summary, {
        proposals: [],
        unmet: [],
        stats: null as never,
        warnings,
        empty: "There are no open requests with students still to place in this period: there is nothing to match.",
      });
    }
    const input = parseMatchingInput(document);
    const readable = await nameResolver(document);
    const rerun = run.derivedFromId ? await decisionsOfRerun(run.id, run.derivedFromId) : null;
    if (rerun) {
      const { apply, dropped } = decisionsForInstance(input, rerun.decisions);
      input.decisions = apply;
      warnings.push(...dropped.map(readable));
      // The earlier run's proposals are mostly still optimal: starting from them saves most of the search.
      input.startPairings = [...rerun.parentProposals.values()].map(({ requestId, offerId, students }) => ({ requestId, offerId, students }));
    }
    const result = await solveMatchingInParallel(input, { onProgress: report });
    const locked = input.decisions?.locked ?? [];
    // The locked students and the re-optimised rest together still obey every hard rule.
    verifyAllocationsAgainstInput(input, [...result.allocations, ...locked]);
    const offerProvider = new Map(document.offers.map((offer) => [offer.id, offer]));
    const requestInfo = new Map(document.requests.map((request) => [request.id, request]));
    // A locked pairing holds at least its students; the solver may add more of the same request there.
    const added = new Map(result.allocations.map((allocation) => [pairKey(allocation.requestId, allocation.offerId), allocation]));
    const lockedProposals = locked.map((lock) => {
      const earlier = rerun?.parentProposals.get(pairKey(lock.requestId, lock.offerId));
      const more = added.get(pairKey(lock.requestId, lock.offerId));
      added.delete(pairKey(lock.requestId, lock.offerId));
      return {
        requestId: lock.requestId,
        offerId: lock.offerId,
        providerId: offerProvider.get(lock.offerId)!.providerId,
        universityId: requestInfo.get(lock.requestId)!.universityId,
        profession: requestInfo.get(lock.requestId)!.profession,
        students: lock.students + (more?.students ?? 0),
        explanation: more
          ? `Locked in review: ${plural(lock.students, "student")} kept from the earlier run, ${more.students} more placed here again. ${readable(more.explanation)}`
          : `Locked in review: kept from the earlier run. ${earlier?.explanation ?? ""}`.trim(),
        travelMinutes: earlier?.travelMinutes ?? null,
        specialtyMatched: earlier?.specialtyMatched,
        locked: true,
      };
    });
    return finish(run, summary, {
      proposals: [...lockedProposals, ...[...added.values()].map((allocation) => ({
        requestId: allocation.requestId,
        offerId: allocation.offerId,
        providerId: offerProvider.get(allocation.offerId)!.providerId,
        universityId: requestInfo.get(allocation.requestId)!.universityId,
        profession: requestInfo.get(allocation.requestId)!.profession,
        students: allocation.students,
        explanation: readable(allocation.explanation),
        travelMinutes: allocation.travelMinutes,
        specialtyMatched: allocation.specialtyMatched,
      }))],
      unmet: result.unmet.map(({ requestId, students, reason }) => ({ requestId, students, reason: readable(reason) })),
      stats: result.stats,
      warnings,
      empty: null,
    });
  } catch (error) {
    // The run's page shows this message: a fault's own text (a database error, say) goes only to the log.
    let message: string;
    if (error instanceof MatchingInputError) {
      message = `The data cannot be matched: ${error.message}`;
    } else {
      const reference = newReference();
      getLogger().error({ err: error, reference, runId }, "matching run failed");
      message = `The run could not be finished. Try again; if it fails again, contact support quoting reference ${reference}.`;
    }
    await prisma.matchingRun.update({ where: { id: runId }, data: { status: "FAILED", error: message, finishedAt: new Date() } });
    emitToRoom(regionFacilitatorsRoom(run.regionId), "matching-progress", { runId, phase: "failed", fraction: 1, detail: message });
    return { failed: message };
  }
}

const PROFESSION_CODE = new RegExp(`\\b(${PROFESSIONS.join("|")})\\b`, "g");
const RECORD_ID = /\b(c[a-z0-9]{20,30}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g;

/** The solver speaks in ids and codes; people read names: professions, organisations, offers by site and provider. */
async function nameResolver(document: { offers: { id: string; providerId: string; siteId: string }[] }) {
  const [organisations, sites] = await Promise.all([
    prisma.organisation.findMany({ select: { id: true, name: true } }),
    prisma.site.findMany({ where: { id: { in: [...new Set(document.offers.map((offer) => offer.siteId))] } }, select: { id: true, name: true } }),
  ]);
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const siteNames = new Map(sites.map((site) => [site.id, site.name]));
  for (const offer of document.offers) {
    names.set(offer.id, `the offer at ${siteNames.get(offer.siteId) ?? "a site"} (${names.get(offer.providerId) ?? "provider"})`);
  }
  // Professions first, so an organisation's name is never rewritten.
  return (text: string) => text.replace(PROFESSION_CODE, (code) => PROFESSION_LABELS[code as ProfessionCode].toLowerCase()).replace(RECORD_ID, (id) => names.get(id) ?? id);
}

async function finish(run: { id: string; regionId: string; startedById: string }, summary: InputSummary, stored: StoredMatchingResult) {
  const raised = await prisma.$transaction(async (tx) => {
    await tx.matchingRun.update({
      where: { id: run.id },
      data: {
        status: "SUCCEEDED",
        progress: 1,
        phase: "done",
        finishedAt: new Date(),
        inputSummary: summary as unknown as Prisma.InputJsonValue,
        result: stored as unknown as Prisma.InputJsonValue,
        studentsPlaced: stored.proposals.reduce((sum, p) => sum + p.students, 0),
        studentsUnmet: stored.unmet.reduce((sum, u) => sum + u.students, 0),
      },
    });
    const placed = stored.proposals.reduce((sum, p) => sum + p.students, 0);
    return raiseNotification(
      tx,
      matchingRunFinishedNotification({
        id: run.id,
        regionId: run.regionId,
        startedById: run.startedById,
        studentsPlaced: placed,
        studentsToPlace: summary.studentsToPlace,
        empty: stored.empty,
      }),
    );
  });
  await pushNotifications(raised);
  emitToRoom(regionFacilitatorsRoom(run.regionId), "matching-progress", { runId: run.id, phase: "done", fraction: 1 });
  return { proposals: stored.proposals.length };
}

export async function getRunForUser(user: SessionUser, runId: string) {
  const run = await prisma.matchingRun.findUnique({ where: { id: runId } });
  if (!run || !canViewMatchingRun(user, run)) return null;
  return run;
}

/**
 * The review page pages, sorts and filters a finished run's proposals on the server, request after request.
 * A finished run's result is written once and never changes, so it and its rows with names are kept a
 * minute; the before/after fair share reads live holdings and is kept only briefly, keyed by the run's
 * status so that publishing shows at once.
 */
const FINISHED_RESULT_CACHE_MS = 60_000;
const REVIEW_FIGURES_CACHE_MS = 10_000;
const finishedResults = shortLivedCache<StoredMatchingResult | null>(FINISHED_RESULT_CACHE_MS, 8);
const finishedRows = shortLivedCache<ReviewTableRows>(FINISHED_RESULT_CACHE_MS, 8);
const reviewFigures = shortLivedCache<Awaited<ReturnType<typeof reviewWithPageFigures>>>(REVIEW_FIGURES_CACHE_MS, 8);

/** A run without its result (a large run's result is megabytes of JSON), as the review pages start from it. */
export type RunSummary = Omit<MatchingRun, "result">;

/**
 * The run as getRunForUser gives it, without its result. Read on the driver: each review page starts here, and
 * through Prisma compiling this one query was about a tenth of the page's CPU. The columns are the model's, dates
 * as instants; matching-run-sql.test.ts checks the row against Prisma's.
 */
export async function getRunSummaryForUser(user: SessionUser, runId: string): Promise<RunSummary | null> {
  const [run] = await queryRows<RunSummary>(Prisma.sql`
    SELECT "id", "regionId", ("periodStart"::timestamp AT TIME ZONE 'UTC') AS "periodStart",
      ("periodEnd"::timestamp AT TIME ZONE 'UTC') AS "periodEnd", "profession"::text AS "profession", "status"::text AS "status",
      "progress", "phase", "startedById", "inputSummary", "studentsPlaced", "studentsUnmet", "error",
      ("startedAt" AT TIME ZONE 'UTC') AS "startedAt", ("finishedAt" AT TIME ZONE 'UTC') AS "finishedAt",
      ("publishedAt" AT TIME ZONE 'UTC') AS "publishedAt", "publishedById", "derivedFromId",
      ("createdAt" AT TIME ZONE 'UTC') AS "createdAt", ("updatedAt" AT TIME ZONE 'UTC') AS "updatedAt"
    FROM "MatchingRun" WHERE "id" = ${runId}`);
  if (!run || !canViewMatchingRun(user, run)) return null;
  return run;
}

export function finishedRunResult(runId: string): Promise<StoredMatchingResult | null> {
  return finishedResults.get(runId, async () => {
    const row = await prisma.matchingRun.findUnique({ where: { id: runId }, select: { result: true } });
    return (row?.result ?? null) as unknown as StoredMatchingResult | null;
  });
}

/** A finished run's rows with names, the unmet ones in the table's order, and the filters' options. */
export interface ReviewTableRows {
  proposals: ProposalRow[];
  unmet: UnmetRow[];
  choices: ReviewChoices;
}

export function finishedRunRows(runId: string, stored: StoredMatchingResult): Promise<ReviewTableRows> {
  return finishedRows.get(runId, async () => {
    const { proposals, unmet } = await reviewRows(stored);
    return { proposals, unmet: sortUnmet(unmet), choices: reviewChoices(proposals, unmet) };
  });
}

export function finishedRunReview(run: Parameters<typeof reviewRun>[0], earlierProposals?: StoredMatchingResult["proposals"]) {
  return reviewFigures.get(`${run.id}:${run.status}`, () => reviewWithPageFigures(run, earlierProposals));
}

/**
 * The review with what its page shows of it: totals, the charted providers and unmet students by university,
 * with names. Kept with the review (`finishedRunReview`), so worked out once rather than on every view.
 */
async function reviewWithPageFigures(run: Parameters<typeof reviewRun>[0], earlierProposals?: StoredMatchingResult["proposals"]) {
  const review = await reviewRun(run, earlierProposals);
  if (!review) return null;
  const name = (id: string) => review.names[id] ?? "Unknown";
  const page = {
    placed: review.stored.proposals.reduce((sum, p) => sum + p.students, 0),
    unmetStudents: review.stored.unmet.reduce((sum, u) => sum + u.students, 0),
    standingsCount: review.standings.length,
    ...mostMovedStandings(
      review.standings.map((row) => ({ ...row, provider: name(row.providerId) })),
      CHART_ROWS,
    ),
    unmetByUniversity: review.unmet.map((row) => ({ ...row, university: name(row.universityId) })),
  };
  return { ...review, page };
}

/**
 * A run as its review pages read it: with its result, what a re-run changed, and the review figures, once it
 * has finished (succeeded, published or superseded); without them otherwise.
 */
export async function runWithReview(summary: RunSummary) {
  const finished = summary.status === "SUCCEEDED" || summary.status === "PUBLISHED" || summary.status === "SUPERSEDED";
  const run = { ...summary, result: finished ? await finishedRunResult(summary.id) : null };
  const difference = finished ? await rerunDifference(run) : null;
  const review = finished && run.result ? await finishedRunReview(run, difference?.parentProposals) : null;
  return { run, difference, review };
}

/** The review screen: before/after fair share, unmet demand by university, proposals with names. */
export async function reviewRun(
  run: Pick<NonNullable<Awaited<ReturnType<typeof getRunForUser>>>, "id" | "regionId" | "periodStart" | "periodEnd" | "profession" | "status"> & { result: unknown },
  earlierProposals?: StoredMatchingResult["proposals"]) {
  const stored = run.result as unknown as StoredMatchingResult | null;
  if (!stored) return null;
  const scope: MatchingScope = { regionId: run.regionId, periodStart: run.periodStart, periodEnd: run.periodEnd, profession: run.profession };
  const year = academicYearOf(run.periodStart);
  const requests = await prisma.placementRequest.findMany({
    where: { status: { not: "CANCELLED" }, profession: scope.profession ?? undefined, startDate: { gte: scope.periodStart, lte: scope.periodEnd }, university: { regionId: run.regionId } },
    select: { id: true, universityId: true, profession: true, students: true },
  });
  const demand: Record<string, number> = {};
  for (const request of requests) demand[request.profession] = (demand[request.profession] ?? 0) + request.students;
  const [workforce, held, settings] = await Promise.all([
    loadWorkforce(run.regionId, year, Object.keys(demand) as ProfessionCode[]),
    // The request ids go as one array parameter: as thousands of Prisma parameters they cost the page more than the query.
    prisma.$queryRaw<{ students: number; providerId: string; profession: ProfessionCode }[]>`
      SELECT a."students", o."providerId", o."profession"::text AS "profession"
      FROM "Allocation" a JOIN "Offer" o ON o."id" = a."offerId"
      WHERE a."status" IN ('PROPOSED', 'CONFIRMED', 'ACCEPTED', 'STUDENTS_NAMED', 'COMPLETED') AND a."requestId" = ANY(${requests.map((r) => r.id)}::text[])`,
    getSettings(),
  ]);
  const standingsWith = (proposed: StoredMatchingResult["proposals"]) =>
    standingsBeforeAndAfter(
      {
        demand,
        workforce: workforce.map((w) => ({ providerId: w.organisationId, profession: w.profession, wte: w.wte })),
        held,
        proposed,
      },
      { red: settings.fairShareRed, amber: settings.fairShareAmber },
    );
  const standings = standingsWith(run.status === "PUBLISHED" ? [] : stored.proposals);
  // A re-run's page compares the two runs' proposals on today's holdings, so only their difference shows.
  const earlierStandings = earlierProposals && run.status !== "PUBLISHED" ? standingsWith(earlierProposals) : null;
  const unmet = unmetByUniversity(
    requests.map((r) => ({ id: r.id, universityId: r.universityId, profession: r.profession, students: r.students })),
    stored.unmet,
  );
  const organisationIds = [...new Set([...standings.map((s) => s.providerId), ...(earlierStandings ?? []).map((s) => s.providerId), ...unmet.map((u) => u.universityId), ...stored.proposals.flatMap((p) => [p.providerId, p.universityId])])];
  const names = new Map(
    (await prisma.$queryRaw<{ id: string; name: string }[]>`SELECT "id", "name" FROM "Organisation" WHERE "id" = ANY(${organisationIds}::text[])`).map((o) => [o.id, o.name]),
  );
  return { stored, standings, earlierStandings, unmet, names: Object.fromEntries(names) };
}

/** Requests share a handful of blocks' dates: each distinct date is written out once. */
function isoDays() {
  const written = new Map<number, string>();
  return (date: Date) => {
    let day = written.get(date.getTime());
    if (day === undefined) written.set(date.getTime(), (day = toIsoDate(date)));
    return day;
  };
}

/**
 * Every proposal and every unplaced request of a run with names for ids, for the review table to
 * filter, sort and page on the server. Thousands of rows are two queries and a map.
 */
export async function reviewRows(stored: StoredMatchingResult): Promise<{ proposals: ProposalRow[]; unmet: UnmetRow[] }> {
  const requestIds = [...new Set([...stored.proposals.map((p) => p.requestId), ...stored.unmet.map((u) => u.requestId)])];
  const offerIds = [...new Set(stored.proposals.map((p) => p.offerId))];
  // Joined in SQL with the ids as one array parameter: Prisma's nested selects over thousands of ids were most of the page's time.
  const [requests, offers] = await Promise.all([
    prisma.$queryRaw<{ id: string; universityId: string; profession: string; startDate: Date; endDate: Date; university: string; programme: string }[]>`
      SELECT r."id", r."universityId", r."profession"::text AS "profession", r."startDate", r."endDate", u."name" AS "university", p."name" AS "programme"
      FROM "PlacementRequest" r JOIN "Organisation" u ON u."id" = r."universityId" JOIN "Programme" p ON p."id" = r."programmeId"
      WHERE r."id" = ANY(${requestIds}::text[])`,
    prisma.$queryRaw<{ id: string; providerId: string; provider: string; site: string }[]>`
      SELECT o."id", o."providerId", org."name" AS "provider", s."name" AS "site"
      FROM "Offer" o JOIN "Organisation" org ON org."id" = o."providerId" JOIN "Site" s ON s."id" = o."siteId"
      WHERE o."id" = ANY(${offerIds}::text[])`,
  ]);
  const requestById = new Map(requests.map((request) => [request.id, request]));
  const day = isoDays();
  const offerById = new Map(offers.map((offer) => [offer.id, offer]));
  const proposals: ProposalRow[] = stored.proposals.map((proposal) => {
    const request = requestById.get(proposal.requestId);
    const offer = offerById.get(proposal.offerId);
    return {
      requestId: proposal.requestId,
      offerId: proposal.offerId,
      providerId: proposal.providerId,
      provider: offer?.provider ?? "A provider no longer listed",
      site: offer?.site ?? "",
      universityId: proposal.universityId,
      university: request?.university ?? "A university no longer listed",
      programme: request?.programme ?? "",
      profession: proposal.profession,
      start: request ? day(request.startDate) : "",
      end: request ? day(request.endDate) : "",
      students: proposal.students,
      travelMinutes: proposal.travelMinutes ?? null,
      specialtyMatched: proposal.specialtyMatched ?? null,
      explanation: proposal.explanation,
      locked: proposal.locked ?? false,
    };
  });
  const unmet: UnmetRow[] = stored.unmet.map((row) => {
    const request = requestById.get(row.requestId);
    return {
      requestId: row.requestId,
      universityId: request?.universityId ?? "",
      university: request?.university ?? "A university no longer listed",
      programme: request?.programme ?? "",
      profession: request?.profession ?? "",
      start: request ? day(request.startDate) : "",
      end: request ? day(request.endDate) : "",
      students: row.students,
      reason: row.reason,
    };
  });
  return { proposals, unmet };
}

/** What publishing would do, said before it is done: proposals, the providers they go to, the people told. */
export async function publishPreview(run: { startedById: string; result: unknown }, publisherId: string) {
  const stored = run.result as StoredMatchingResult | null;
  const providerIds = [...new Set((stored?.proposals ?? []).map((p) => p.providerId))];
  // The audience of "allocation-proposed": each provider's active educators, never the publisher.
  const people = providerIds.length
    ? await prisma.user.count({ where: { active: true, role: "EDUCATOR", organisationId: { in: providerIds }, id: { not: publisherId } } })
    : 0;
  return {
    proposals: stored?.proposals.length ?? 0,
    students: (stored?.proposals ?? []).reduce((sum, p) => sum + p.students, 0),
    providers: providerIds.length,
    people,
  };
}

/**
 * Publishes every proposal as a proposed allocation, all or nothing. If capacity changed since the
 * run (a booking took the places), nothing is published and the facilitator runs matching again.
 * The status flip SUCCEEDED → PUBLISHED is compared-and-set: two facilitators cannot both publish.
 */
export async function publishRun(user: SessionUser, runId: string) {
  const run = await getRunForUser(user, runId);
  if (!run) throw new Refusal(404, "Matching run not found");
  const stored = run.result as unknown as StoredMatchingResult | null;
  if (run.status === "SUPERSEDED") throw new Refusal(409, "This run was replaced by a re-run with your decisions: publish the newer run instead");
  if (run.status !== "SUCCEEDED" || !stored) throw new Refusal(409, run.status === "PUBLISHED" ? "This run has already been published" : "Only a finished run can be published");
  if (stored.proposals.length === 0) throw new Refusal(409, "This run has no proposals to publish");
  const notifications: RaisedNotification[] = [];
  try {
    await prisma.$transaction(
      async (tx) => {
        const claimed = await tx.matchingRun.updateMany({ where: { id: runId, status: "SUCCEEDED" }, data: { status: "PUBLISHED", publishedAt: new Date(), publishedById: user.id } });
        if (claimed.count !== 1) throw new Refusal(409, "This run has already been published");
        for (const proposal of stored.proposals) {
          const allocation = await createAllocationInTransaction(tx, user.id, {
            offerId: proposal.offerId,
            requestId: proposal.requestId,
            students: proposal.students,
            source: "MATCHING",
            explanation: proposal.explanation,
            matchingRunId: runId,
          });
          notifications.push(...allocation.notifications);
        }
        await recordAudit(tx, { actorId: user.id, action: "matching-run-published", entityType: "MatchingRun", entityId: runId, details: { proposals: stored.proposals.length } });
        // What the run leaves unmet is known now: its region's shortfall cases are brought up to date in the
        // background as soon as this commits, rather than at the next daily scan.
        await enqueueRegionCaseScan(tx, { regionId: run.regionId, cause: `published-run:${runId}` });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (error instanceof Refusal && error.message !== "This run has already been published" && error.status === 409) {
      throw new Refusal(409, `Nothing was published: offers or requests changed since this run (${error.message.toLowerCase()}). Run matching again.`);
    }
    throw error;
  }
  pushNotificationsAfterResponse(notifications);
  return {
    published: stored.proposals.length,
    providers: new Set(stored.proposals.map((p) => p.providerId)).size,
    people: new Set(notifications.map((n) => n.userId)).size,
  };
}

/** The decisions a re-run applies (copied to it when it was started) and what its parent proposed. */
async function decisionsOfRerun(runId: string, parentId: string) {
  const [decisions, parent] = await Promise.all([
    prisma.matchingDecision.findMany({ where: { runId }, select: { requestId: true, offerId: true, kind: true, students: true } }),
    prisma.matchingRun.findUnique({ where: { id: parentId }, select: { result: true } }),
  ]);
  const parentProposals = new Map(((parent?.result as StoredMatchingResult | null)?.proposals ?? []).map((p) => [pairKey(p.requestId, p.offerId), p]));
  return { decisions, parentProposals };
}

/** Only a finished run that nobody has published or replaced takes decisions. */
async function requireUndecidedRun(user: SessionUser, runId: string) {
  const run = await getRunForUser(user, runId);
  if (!run) throw new Refusal(404, "Matching run not found");
  if (run.status === "SUPERSEDED") throw new Refusal(409, "This run was replaced by a re-run: mark proposals on the newer run");
  if (run.status !== "SUCCEEDED" || !run.result) throw new Refusal(409, "Proposals can be marked only on a finished run that has not been published");
  return run;
}

export type ProposalMark = DecisionKind | "CLEAR";

/**
 * Marks proposals of a run to be excluded or locked by a re-run, or clears their marks. A lock
 * keeps the proposal's student count. Every pair must be a proposal of the run (or, to clear, a
 * decision the run carries from an earlier one).
 */
export async function markProposals(user: SessionUser, runId: string, input: { pairs: { requestId: string; offerId: string }[]; mark: ProposalMark }) {
  const run = await requireUndecidedRun(user, runId);
  const stored = run.result as unknown as StoredMatchingResult;
  const proposals = new Map(stored.proposals.map((proposal) => [pairKey(proposal.requestId, proposal.offerId), proposal]));
  const carried = new Set((await prisma.matchingDecision.findMany({ where: { runId }, select: { requestId: true, offerId: true } })).map((d) => pairKey(d.requestId, d.offerId)));
  const pairs = [...new Map(input.pairs.map((pair) => [pairKey(pair.requestId, pair.offerId), pair])).values()];
  const unknown = pairs.filter((pair) => !proposals.has(pairKey(pair.requestId, pair.offerId)) && !(input.mark === "CLEAR" && carried.has(pairKey(pair.requestId, pair.offerId))));
  if (unknown.length > 0) throw new Refusal(400, "Choose proposals of this run", "proposals");
  await prisma.$transaction(async (tx) => {
    const open = await tx.matchingRun.count({ where: { id: runId, status: "SUCCEEDED" } });
    if (open !== 1) throw new Refusal(409, "Proposals can be marked only on a finished run that has not been published");
    for (const pair of pairs) {
      const where = { runId, requestId: pair.requestId, offerId: pair.offerId };
      if (input.mark === "CLEAR") {
        await tx.matchingDecision.deleteMany({ where });
        continue;
      }
      const students = proposals.get(pairKey(pair.requestId, pair.offerId))!.students;
      await tx.matchingDecision.upsert({
        where: { runId_requestId_offerId: where },
        create: { ...where, kind: input.mark, students },
        update: { kind: input.mark, students },
      });
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "matching-proposals-marked",
      entityType: "MatchingRun",
      entityId: runId,
      details: { mark: input.mark, proposals: pairs.map((pair) => ({ requestId: pair.requestId, offerId: pair.offerId })) },
    });
  });
  return pairs.length;
}

/**
 * Starts a run of the same period and profession that applies this run's decisions, as a
 * background job like any run. This run is superseded at once (compare-and-set), so only one of
 * the two can ever be published; the decisions are copied to the new run for further rounds.
 */
export async function rerunWithDecisions(user: SessionUser, runId: string) {
  const run = await requireUndecidedRun(user, runId);
  const decisions = await prisma.matchingDecision.findMany({ where: { runId }, select: { requestId: true, offerId: true, kind: true, students: true } });
  if (decisions.length === 0) throw new Refusal(400, "Mark at least one proposal to exclude or lock before re-running", "proposals");
  return prisma.$transaction(async (tx) => {
    const busy = await tx.matchingRun.findFirst({ where: { regionId: run.regionId, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
    if (busy) throw new Refusal(409, "A matching run for this region is already under way: wait for it to finish");
    const claimed = await tx.matchingRun.updateMany({ where: { id: runId, status: "SUCCEEDED" }, data: { status: "SUPERSEDED" } });
    if (claimed.count !== 1) throw new Refusal(409, "This run has just been published or replaced");
    const child = await tx.matchingRun.create({
      data: { regionId: run.regionId, periodStart: run.periodStart, periodEnd: run.periodEnd, profession: run.profession, startedById: user.id, derivedFromId: run.id },
    });
    await tx.matchingDecision.createMany({ data: decisions.map((decision) => ({ ...decision, runId: child.id })) });
    await enqueueJob(tx, { queue: MATCHING_QUEUE, payload: { runId: child.id }, dedupeKey: `matching-run:${child.id}`, maxAttempts: 3 });
    await recordAudit(tx, {
      actorId: user.id,
      action: "matching-run-rerun",
      entityType: "MatchingRun",
      entityId: child.id,
      details: { derivedFrom: runId, excluded: decisions.filter((d) => d.kind === "EXCLUDE").length, locked: decisions.filter((d) => d.kind === "LOCK").length },
    });
    return child;
  });
}

/** The marks on a run's proposals, by pair, for its review table. */
export async function decisionsOfRun(runId: string): Promise<Record<string, DecisionKind>> {
  // On the driver (queryRows): the run review asks on every view.
  const rows = await queryRows<{ requestId: string; offerId: string; kind: DecisionKind }>(
    Prisma.sql`SELECT "requestId", "offerId", "kind"::text AS "kind" FROM "MatchingDecision" WHERE "runId" = ${runId}`,
  );
  return Object.fromEntries(rows.map((row) => [`${row.requestId}:${row.offerId}`, row.kind]));
}

const DIFFERENCE_ROWS = 200;

/**
 * A re-run against the run it came from: the decisions it applied, the proposals added, removed
 * and changed (with names), and the placed count.
 */
export async function rerunDifference(run: { derivedFromId: string | null; result: unknown }) {
  if (!run.derivedFromId) return null;
  const parent = await prisma.matchingRun.findUnique({
    where: { id: run.derivedFromId },
    select: { id: true, createdAt: true, result: true, decisions: { select: { requestId: true, offerId: true, kind: true, students: true } } },
  });
  const before = parent?.result as StoredMatchingResult | null;
  const after = run.result as StoredMatchingResult | null;
  if (!parent || !before || !after) return null;
  const difference = compareProposals(before.proposals, after.proposals);
  const asProposal = (pair: { requestId: string; offerId: string; students: number }) => ({
    requestId: pair.requestId,
    offerId: pair.offerId,
    providerId: "",
    universityId: "",
    profession: "",
    students: pair.students,
    explanation: "",
  });
  const named = await reviewRows({
    proposals: [...difference.added, ...difference.removed, ...difference.changed.map((c) => c.after), ...parent.decisions.map(asProposal)],
    unmet: [],
    stats: null as never,
    warnings: [],
    empty: null,
  });
  const rowOf = new Map(named.proposals.map((row) => [pairKey(row.requestId, row.offerId), row]));
  const describe = (pair: { requestId: string; offerId: string }) => {
    const row = rowOf.get(pairKey(pair.requestId, pair.offerId));
    return { provider: row?.provider ?? "", site: row?.site ?? "", university: row?.university ?? "", programme: row?.programme ?? "", start: row?.start ?? "", end: row?.end ?? "" };
  };
  const rows = [
    ...difference.added.map((p) => ({ ...describe(p), change: "added" as const, before: 0, after: p.students })),
    ...difference.removed.map((p) => ({ ...describe(p), change: "removed" as const, before: p.students, after: 0 })),
    ...difference.changed.map((c) => ({ ...describe(c.after), change: "changed" as const, before: c.before.students, after: c.after.students })),
  ];
  return {
    parentProposals: before.proposals,
    shown: {
      parentId: parent.id,
      placedBefore: difference.placedBefore,
      placedAfter: difference.placedAfter,
      decisions: parent.decisions.map((d) => ({ ...describe(d), kind: d.kind, students: d.students })),
      counts: { added: difference.added.length, removed: difference.removed.length, changed: difference.changed.length },
      // A page of changes is enough to judge a re-run by; the counts say how many there are.
      rows: rows.slice(0, DIFFERENCE_ROWS),
    },
  };
}

export async function discardRun(user: SessionUser, runId: string) {
  const run = await getRunForUser(user, runId);
  if (!run) throw new Refusal(404, "Matching run not found");
  const { count } = await prisma.matchingRun.updateMany({ where: { id: runId, status: { in: ["SUCCEEDED", "FAILED"] } }, data: { status: "DISCARDED" } });
  if (count !== 1) throw new Refusal(409, "Only a finished run that has not been published can be discarded");
}

export async function listRuns(user: SessionUser) {
  const scope = matchingRunScope(user);
  if (!scope) return [];
  return prisma.matchingRun.findMany({
    where: scope,
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      status: true,
      periodStart: true,
      periodEnd: true,
      profession: true,
      progress: true,
      phase: true,
      createdAt: true,
      inputSummary: true,
      studentsPlaced: true,
      studentsUnmet: true,
      error: true,
    },
  });
}

/** The re-run that replaced a superseded run. */
export async function replacementOf(runId: string) {
  return prisma.matchingRun.findFirst({ where: { derivedFromId: runId }, orderBy: { createdAt: "desc" }, select: { id: true } });
}
