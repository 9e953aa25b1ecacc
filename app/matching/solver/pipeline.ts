import { buildProfessionNetworks } from "./build-network";
import { verifyLexicographicOptimality } from "./certificate";
import { applyDecisions, pairingArcs } from "./decisions";
import { describeProfessionOutcome, type PlacedAllocation, type UnplacedRequest } from "./explain";
import { solveLexicographic } from "./lexicographic-solve";
import type { MatchingInput, MatchingPhase } from "./types";

/** Everything the result needs from one profession, as plain data that can cross a worker boundary. */
export interface ProfessionResult {
  profession: string;
  allocations: PlacedAllocation[];
  unmet: UnplacedRequest[];
  providerIds: string[];
  providerPlaced: Int32Array;
  providerOffered: Int32Array;
  levelValues: number[];
  pivots: number;
  nodeCount: number;
  arcCount: number;
}

export interface ProfessionBatch {
  results: ProfessionResult[];
  phaseMs: Record<MatchingPhase, number>;
}

export const PHASE_SPANS: Record<MatchingPhase, [number, number]> = {
  build: [0, 0.1],
  solve: [0.1, 0.85],
  verify: [0.85, 0.93],
  explain: [0.93, 1],
};

export type PhaseReporter = (phase: MatchingPhase, within: number, detail?: string) => void;

/**
 * Builds, solves, certifies and explains the professions asked for (all when omitted),
 * in this thread. Throws if a certificate fails.
 */
export function solveProfessions(
  input: MatchingInput,
  professions: readonly string[] | undefined,
  options: { separateLevels?: boolean; report?: PhaseReporter } = {},
): ProfessionBatch {
  const report: PhaseReporter = options.report ?? (() => {});
  const phaseMs: Record<MatchingPhase, number> = { build: 0, solve: 0, verify: 0, explain: 0 };
  let phaseStarted = performance.now();
  const endPhase = (phase: MatchingPhase) => {
    const now = performance.now();
    phaseMs[phase] = Math.round(now - phaseStarted);
    phaseStarted = now;
  };

  report("build", 0);
  const networks = buildProfessionNetworks(input, professions);
  // Decisions and start pairings name request → offer pairs; each network's lookup is built once for both.
  const startPairings = networks.map((network) => {
    if (!input.decisions && !input.startPairings?.length) return [];
    const arcs = pairingArcs(network, input);
    if (input.decisions) applyDecisions(network, input, input.decisions, arcs);
    return (input.startPairings ?? []).map(({ requestId, offerId, students }) => ({ arc: arcs.arcOf(requestId, offerId), students })).filter((pairing) => pairing.arc >= 0);
  });
  report("build", 1, `${networks.length} professions`);
  endPhase("build");

  const totalWork = networks.reduce((sum, network) => sum + network.arcCount + network.nodeCount, 0) || 1;
  let workDone = 0;
  const solutions = networks.map((network, index) => {
    const work = network.arcCount + network.nodeCount;
    const solution = solveLexicographic(network, {
      separateLevels: options.separateLevels,
      startPairings: startPairings[index],
      onStageDone: (stage, stageCount) => report("solve", (workDone + (work * (stage + 1)) / stageCount) / totalWork, network.profession),
    });
    workDone += work;
    return solution;
  });
  endPhase("solve");

  networks.forEach((network, index) => {
    verifyLexicographicOptimality(network, solutions[index]);
    report("verify", (index + 1) / networks.length, network.profession);
  });
  endPhase("verify");

  const results = networks.map((network, index): ProfessionResult => {
    const outcome = describeProfessionOutcome(input, network, solutions[index].flow);
    report("explain", (index + 1) / networks.length, network.profession);
    return {
      profession: network.profession,
      allocations: outcome.allocations,
      unmet: outcome.unmet,
      providerIds: network.providerIds,
      providerPlaced: outcome.providerPlaced,
      providerOffered: outcome.providerOffered,
      levelValues: solutions[index].levelValues,
      pivots: solutions[index].pivots,
      nodeCount: network.nodeCount,
      arcCount: network.arcCount,
    };
  });
  endPhase("explain");
  return { results, phaseMs };
}
