import { describe, expect, it } from "vitest";
import { BENCH_SHAPES, generateShapedInstance } from "../../../bench/matching/generate-shapes";
import { buildProfessionNetworks, type ProfessionNetwork } from "./build-network";
import { applyDecisions } from "./decisions";
import { greedyStartFlow } from "./greedy-start";
import { solveLexicographic } from "./lexicographic-solve";
import { solveMatching, solveMatchingInParallel } from "./match";

function expectFeasible(network: ProfessionNetwork, flow: Int32Array): void {
  const balance = new Int32Array(network.nodeCount);
  for (let arc = 0; arc < network.arcCount; arc++) {
    if (flow[arc] < 0 || flow[arc] > network.capacity[arc]) throw new Error(`arc ${arc} carries ${flow[arc]} of ${network.capacity[arc]}`);
    balance[network.source[arc]] += flow[arc];
    balance[network.target[arc]] -= flow[arc];
  }
  expect(Array.from(balance)).toEqual(Array.from(network.supply));
}

/** True when the arcs strictly between their bounds contain no cycle (union–find). */
function freeArcsFormAForest(network: ProfessionNetwork, flow: Int32Array): boolean {
  const parent = Int32Array.from({ length: network.nodeCount }, (_, node) => node);
  const find = (node: number): number => (parent[node] === node ? node : (parent[node] = find(parent[node])));
  for (let arc = 0; arc < network.arcCount; arc++) {
    if (!(flow[arc] > 0 && flow[arc] < network.capacity[arc])) continue;
    const a = find(network.source[arc]);
    const b = find(network.target[arc]);
    if (a === b) return false;
    parent[a] = b;
  }
  return true;
}

describe("the greedy start", () => {
  const networks = BENCH_SHAPES.flatMap((shape, index) => buildProfessionNetworks(generateShapedInstance(shape, 1_500, 40 + index)).map((network) => ({ shape, network })));

  it.each(networks.map(({ shape, network }) => [`${shape} ${network.profession}`, network] as const))(
    "routes every student within the arcs' bounds, its free arcs a forest (%s)",
    (_, network) => {
      const flow = greedyStartFlow(network);
      expectFeasible(network, flow);
      expect(freeArcsFormAForest(network, flow)).toBe(true);
      let placed = 0;
      for (let offer = 0; offer < network.offerCount; offer++) placed += flow[network.firstOfferProviderArc + offer];
      expect(placed).toBeGreaterThan(0);
    },
  );

  it.each(networks.filter((_, index) => index % 3 === 0).map(({ shape, network }) => [`${shape} ${network.profession}`, network] as const))(
    "leads to the same optimum at every level as the artificial start (%s)",
    (_, network) => {
      const fromGreedy = solveLexicographic(network, { greedyStart: true });
      const fromArtificial = solveLexicographic(network, { greedyStart: false });
      expect(fromGreedy.levelValues).toEqual(fromArtificial.levelValues);
    },
  );

  it("respects a re-run's decisions: no flow on an excluded pairing, and locked students already taken out", () => {
    const input = generateShapedInstance("dense", 800, 7);
    const [network] = buildProfessionNetworks(input, ["PT"]);
    const untouched = greedyStartFlow(network);
    const used: number[] = [];
    for (let arc = 0; arc < network.firstOfferProviderArc && used.length < 6; arc++) if (untouched[arc] > 0) used.push(arc);
    const pairOf = (arc: number) => ({
      requestId: input.requests[network.requestInputIndex[network.source[arc]]].id,
      offerId: input.offers[network.offerInputIndex[network.target[arc] - network.firstOfferNode]].id,
    });
    const excluded = used.slice(0, 3).map(pairOf);
    const locked = used.slice(3).map((arc) => ({ ...pairOf(arc), students: 1 }));
    const [decided] = buildProfessionNetworks(input, ["PT"]);
    applyDecisions(decided, input, { excluded, locked });
    const flow = greedyStartFlow(decided);
    expectFeasible(decided, flow);
    for (const arc of used.slice(0, 3)) expect(flow[arc]).toBe(0);
    expect(solveLexicographic(decided, { greedyStart: true }).levelValues).toEqual(solveLexicographic(decided, { greedyStart: false }).levelValues);
  });

  it("places a re-run's earlier pairings first: from an optimum it starts at that optimum and needs fewer pivots", () => {
    const input = generateShapedInstance("dense", 3_000, 12);
    for (const network of buildProfessionNetworks(input)) {
      const earlier = solveLexicographic(network);
      const pairings: { arc: number; students: number }[] = [];
      for (let arc = 0; arc < network.firstOfferProviderArc; arc++) if (earlier.flow[arc] > 0) pairings.push({ arc, students: earlier.flow[arc] });
      const start = greedyStartFlow(network, pairings);
      expectFeasible(network, start);
      expect(Array.from(start.subarray(0, network.firstOfferProviderArc)), network.profession).toEqual(Array.from(earlier.flow.subarray(0, network.firstOfferProviderArc)));
      const again = solveLexicographic(network, { startPairings: pairings });
      expect(again.levelValues).toEqual(earlier.levelValues);
      expect(again.pivots, network.profession).toBeLessThan(earlier.pivots);
    }
  });

  it("reaches the solver from the input's start pairings, on worker threads too, without changing the result", async () => {
    const input = generateShapedInstance("dense", 3_000, 13);
    const earlier = solveMatching(input);
    const startPairings = earlier.allocations.map(({ requestId, offerId, students }) => ({ requestId, offerId, students }));
    for (const again of [solveMatching({ ...input, startPairings }), await solveMatchingInParallel({ ...input, startPairings }, { workers: 2, minCandidatePairsForWorkers: 0 })]) {
      expect(again.stats.levels).toEqual(earlier.stats.levels);
      expect(again.stats.pivots).toBeLessThan(earlier.stats.pivots);
    }
  });
});
