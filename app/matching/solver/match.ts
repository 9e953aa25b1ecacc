import { listProfessions } from "./build-network";
import { verifyAllocationsAgainstInput } from "./certificate";
import { computeFairShares, LEVEL_NAMES } from "./objective";
import { solveBatchesInWorkers, WorkerStartError } from "./parallel-solve";
import { PHASE_SPANS, type PhaseReporter, type ProfessionBatch, type ProfessionResult, solveProfessions } from "./pipeline";
import type { MatchingInput, MatchingPhase, MatchingResult, ObjectiveLevels, ProviderStanding, SolveMatchingOptions } from "./types";

export interface ParallelMatchingOptions extends SolveMatchingOptions {
  /** Worker threads to use; 1 solves in the calling thread. Default 2. */
  workers?: number;
  /**
   * Below this many request × offer pairs (summed per profession) worker start-up and
   * copying cost more than they save, so the instance is solved in the calling thread.
   */
  minCandidatePairsForWorkers?: number;
  /**
   * The calling thread solves the largest batch itself, with one worker thread fewer: for a command
   * line run, whose thread would otherwise only wait. A server keeps its thread free (the default).
   */
  useCallingThread?: boolean;
}

const DEFAULT_MIN_CANDIDATE_PAIRS_FOR_WORKERS = 5_000_000;

function reporterFor(onProgress: SolveMatchingOptions["onProgress"]): PhaseReporter | undefined {
  if (!onProgress) return undefined;
  return (phase, within, detail) => {
    const [from, to] = PHASE_SPANS[phase];
    onProgress({ phase, fraction: from + (to - from) * Math.min(1, Math.max(0, within)), detail });
  };
}

/**
 * Allocates students to offers: the most students possible; among those, the best
 * provider fair-share balance; then university shortfalls in proportion to demand;
 * then specialty and travel preferences (docs/matching.md). Every run is proved
 * optimal by a certificate and throws instead of returning an unproved result.
 * Runs in the calling thread; see solveMatchingInParallel to keep it free.
 */
export function solveMatching(input: MatchingInput, options: SolveMatchingOptions = {}): MatchingResult {
  const started = performance.now();
  const batch = solveProfessions(input, undefined, { separateLevels: options.separateLevels, report: reporterFor(options.onProgress) });
  return assembleResult(input, batch.results, started, batch.phaseMs, 0);
}

/** Request × offer pairs per profession: what the size of its network grows with. */
function candidatePairs(input: MatchingInput): Map<string, number> {
  const requests = new Map<string, number>();
  const offers = new Map<string, number>();
  for (const request of input.requests) requests.set(request.profession, (requests.get(request.profession) ?? 0) + 1);
  for (const offer of input.offers) offers.set(offer.profession, (offers.get(offer.profession) ?? 0) + 1);
  return new Map(listProfessions(input).map((profession) => [profession, (requests.get(profession) ?? 0) * (offers.get(profession) ?? 0) + 1]));
}

/** Longest-first greedy split of the professions into batches of similar size. */
function splitIntoBatches(sizes: Map<string, number>, batchCount: number): { professions: string[]; size: number }[] {
  const batches = Array.from({ length: batchCount }, () => ({ professions: [] as string[], size: 0 }));
  for (const [profession, size] of [...sizes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    const lightest = batches.reduce((best, batch) => (batch.size < best.size ? batch : best));
    lightest.professions.push(profession);
    lightest.size += size;
  }
  return batches.filter((batch) => batch.professions.length > 0);
}

/**
 * The same answer as solveMatching, computed on worker threads (one batch of professions
 * each) so that the calling thread - e.g. the web server running a background job - stays
 * responsive. Small instances, and environments where workers cannot start, are solved
 * in the calling thread instead.
 */
export async function solveMatchingInParallel(input: MatchingInput, options: ParallelMatchingOptions = {}): Promise<MatchingResult> {
  const started = performance.now();
  const sizes = candidatePairs(input);
  const totalPairs = [...sizes.values()].reduce((sum, size) => sum + size, 0);
  const workers = options.workers ?? 2;
  if (workers <= 1 || sizes.size <= 1 || totalPairs < (options.minCandidatePairsForWorkers ?? DEFAULT_MIN_CANDIDATE_PAIRS_FOR_WORKERS)) {
    return solveMatching(input, options);
  }

  const batches = splitIntoBatches(sizes, workers);
  const batchFraction = new Array<number>(batches.length).fill(0);
  const onProgress = options.onProgress;
  try {
    const reportBatch = (batch: number, phase: MatchingPhase, within: number, detail?: string) => {
      if (!onProgress) return;
      const [from, to] = PHASE_SPANS[phase];
      batchFraction[batch] = from + (to - from) * Math.min(1, Math.max(0, within));
      const fraction = batches.reduce((sum, entry, index) => sum + (entry.size / totalPairs) * batchFraction[index], 0);
      onProgress({ phase, fraction: Math.min(1, fraction), detail });
    };
    const parts = batches.map((batch) => instanceOfProfessions(input, batch.professions));
    // The largest batch comes first (splitIntoBatches); the calling thread takes it when asked to.
    const ownBatches = options.useCallingThread ? 1 : 0;
    const stopWorkers = new AbortController();
    const inWorkers = solveBatchesInWorkers(
      parts.slice(ownBatches).map((part) => part.input),
      batches.slice(ownBatches).map((batch) => batch.professions),
      { separateLevels: options.separateLevels, onProgress: (batch, ...progress) => reportBatch(batch + ownBatches, ...progress), signal: stopWorkers.signal },
    );
    const own: ProfessionBatch[] = [];
    if (ownBatches > 0) {
      try {
        own.push(
          solveProfessions(parts[0].input, batches[0].professions, {
            separateLevels: options.separateLevels,
            report: (...progress) => reportBatch(0, ...progress),
          }),
        );
      } catch (error) {
        stopWorkers.abort();
        inWorkers.catch(() => {});
        throw error;
      }
    }
    const done = [...own, ...(await inWorkers)];
    // Per-phase times of a parallel run are those of the slowest batch.
    const phaseMs: Record<MatchingPhase, number> = { build: 0, solve: 0, verify: 0, explain: 0 };
    for (const batch of done) for (const phase of Object.keys(phaseMs) as MatchingPhase[]) phaseMs[phase] = Math.max(phaseMs[phase], batch.phaseMs[phase]);
    done.forEach((batch, index) => batch.results.forEach((result) => renumberToWholeInstance(result, parts[index])));
    return assembleResult(
      input,
      done.flatMap((batch) => batch.results).sort((a, b) => a.profession.localeCompare(b.profession)),
      started,
      phaseMs,
      batches.length,
    );
  } catch (error) {
    if (error instanceof WorkerStartError) return solveMatching(input, options);
    throw error;
  }
}

interface ProfessionsPart {
  input: MatchingInput;
  /** Position in the whole instance of each of the part's requests and offers. */
  requestIndex: Int32Array;
  offerIndex: Int32Array;
}

/**
 * The instance a batch of professions needs: its requests and offers, and every provider (whose
 * workforce in each profession sets fair shares). Networks are per profession, so its answer is
 * the whole instance's; a worker then copies in about its share of the records instead of all.
 */
function instanceOfProfessions(input: MatchingInput, professions: readonly string[]): ProfessionsPart {
  const wanted = new Set(professions);
  const requestIndex: number[] = [];
  const offerIndex: number[] = [];
  input.requests.forEach((request, index) => wanted.has(request.profession) && requestIndex.push(index));
  input.offers.forEach((offer, index) => wanted.has(offer.profession) && offerIndex.push(index));
  return {
    input: {
      ...input,
      requests: requestIndex.map((index) => input.requests[index]),
      offers: offerIndex.map((index) => input.offers[index]),
    },
    requestIndex: Int32Array.from(requestIndex),
    offerIndex: Int32Array.from(offerIndex),
  };
}

function renumberToWholeInstance(result: ProfessionResult, part: ProfessionsPart): void {
  for (const allocation of result.allocations) {
    allocation.requestIndex = part.requestIndex[allocation.requestIndex];
    allocation.offerIndex = part.offerIndex[allocation.offerIndex];
  }
  for (const unmet of result.unmet) unmet.requestIndex = part.requestIndex[unmet.requestIndex];
}

function assembleResult(
  input: MatchingInput,
  results: ProfessionResult[],
  started: number,
  phaseMs: Record<MatchingPhase, number>,
  workerThreads: number,
): MatchingResult {
  const assemblyStarted = performance.now();
  const allocations = results.flatMap((result) => result.allocations).sort((a, b) => a.requestIndex - b.requestIndex || a.offerIndex - b.offerIndex);
  verifyAllocationsAgainstInput(input, allocations);
  const unmet = results.flatMap((result) => result.unmet).sort((a, b) => a.requestIndex - b.requestIndex);
  const providers = listProviderStandings(input, results);

  const levels = Object.fromEntries(LEVEL_NAMES.map((name) => [name, 0])) as unknown as ObjectiveLevels;
  for (const result of results) LEVEL_NAMES.forEach((name, level) => (levels[name] += result.levelValues[level]));
  const requested = input.requests.reduce((sum, request) => sum + request.students, 0);
  const explainMs = phaseMs.explain + Math.round(performance.now() - assemblyStarted);

  return {
    allocations: allocations.map(({ requestIndex: _requestIndex, offerIndex: _offerIndex, ...allocation }) => allocation),
    unmet: unmet.map(({ requestIndex: _requestIndex, ...rest }) => rest),
    providers,
    stats: {
      requested,
      placed: requested - levels.unplaced,
      objective: providers.reduce((sum, row) => sum + (row.placed - row.fairShare) ** 2 / Math.max(row.fairShare, 1), 0),
      levels,
      ms: Math.round(performance.now() - started),
      phaseMs: { ...phaseMs, explain: explainMs },
      nodes: results.reduce((sum, result) => sum + result.nodeCount, 0),
      arcs: results.reduce((sum, result) => sum + result.arcCount, 0),
      pivots: results.reduce((sum, result) => sum + result.pivots, 0),
      workerThreads,
      certificate: "verified",
    },
  };
}

function listProviderStandings(input: MatchingInput, results: ProfessionResult[]): ProviderStanding[] {
  const rows: ProviderStanding[] = [];
  for (const [profession, shares] of computeFairShares(input)) {
    const result = results.find((entry) => entry.profession === profession);
    const providerIndex = new Map(result?.providerIds.map((id, index) => [id, index]) ?? []);
    for (const provider of input.providers) {
      const index = providerIndex.get(provider.id);
      const placed = result && index !== undefined ? result.providerPlaced[index] : 0;
      const offered = result && index !== undefined ? result.providerOffered[index] : 0;
      if ((provider.workforce[profession] ?? 0) <= 0 && placed === 0) continue;
      const fairShare = shares.fairShares.get(provider.id) ?? 0;
      rows.push({ providerId: provider.id, profession, fairShare, placed, offered, fairShareRatio: fairShare > 0 ? placed / fairShare : null });
    }
  }
  return rows;
}
