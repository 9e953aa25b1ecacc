import { describe, expect, it } from "vitest";
import { type FlowProblem, NetworkSimplex, NetworkSimplexError } from "./network-simplex";
import { seededRandom } from "../../../bench/matching/generate";
import { cancelCyclesOfFreeArcs } from "./greedy-start";

interface RandomProblem extends FlowProblem {
  costs: Float64Array[];
  /** A feasible flow the supplies were derived from. */
  feasibleFlow: Int32Array;
}

/** General graphs (parallel arcs, negative costs, zero capacities); feasible by construction. */
function randomProblem(seed: number, levels: number): RandomProblem {
  const random = seededRandom(seed);
  const integer = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const nodeCount = integer(4, 12);
  const arcCount = integer(nodeCount, 4 * nodeCount);
  const source = new Int32Array(arcCount);
  const target = new Int32Array(arcCount);
  const capacity = new Int32Array(arcCount);
  const feasibleFlow = new Int32Array(arcCount);
  const supply = new Int32Array(nodeCount);
  for (let arc = 0; arc < arcCount; arc++) {
    source[arc] = integer(0, nodeCount - 1);
    target[arc] = (source[arc] + integer(1, nodeCount - 1)) % nodeCount;
    capacity[arc] = integer(0, 6);
    feasibleFlow[arc] = integer(0, capacity[arc]);
    supply[source[arc]] += feasibleFlow[arc];
    supply[target[arc]] -= feasibleFlow[arc];
  }
  const costs = Array.from({ length: levels }, () => Float64Array.from({ length: arcCount }, () => integer(-6, 10)));
  return { nodeCount, arcCount, source, target, capacity, supply, costs, feasibleFlow };
}

/**
 * Independent oracle: start from the known feasible flow and cancel negative residual
 * cycles (Bellman–Ford), comparing cost vectors lexicographically.
 */
function lexicographicOptimumByCycleCancelling(problem: RandomProblem): number[] {
  const { nodeCount, arcCount, source, target, capacity, costs } = problem;
  const flow = Int32Array.from(problem.feasibleFlow);
  const levels = costs.length;
  const compare = (a: number[], b: number[]) => {
    for (let level = 0; level < levels; level++) if (a[level] !== b[level]) return a[level] - b[level];
    return 0;
  };
  for (;;) {
    // Residual arcs: 2·arc forward, 2·arc + 1 backward.
    const residual: Array<{ from: number; to: number; cost: number[]; id: number }> = [];
    for (let arc = 0; arc < arcCount; arc++) {
      const cost = costs.map((levelCosts) => levelCosts[arc]);
      if (flow[arc] < capacity[arc]) residual.push({ from: source[arc], to: target[arc], cost, id: 2 * arc });
      if (flow[arc] > 0) residual.push({ from: target[arc], to: source[arc], cost: cost.map((value) => -value), id: 2 * arc + 1 });
    }
    const distance = Array.from({ length: nodeCount }, () => new Array<number>(levels).fill(0));
    const previous = new Array<number>(nodeCount).fill(-1);
    let updated = -1;
    for (let round = 0; round < nodeCount; round++) {
      updated = -1;
      for (const [index, edge] of residual.entries()) {
        const candidate = distance[edge.from].map((value, level) => value + edge.cost[level]);
        if (compare(candidate, distance[edge.to]) < 0) {
          distance[edge.to] = candidate;
          previous[edge.to] = index;
          updated = edge.to;
        }
      }
      if (updated < 0) break;
    }
    if (updated < 0) break;
    let node = updated;
    for (let step = 0; step < nodeCount; step++) node = residual[previous[node]].from;
    const cycle: number[] = [];
    for (let current = node; ; ) {
      const edgeIndex = previous[current];
      cycle.push(edgeIndex);
      current = residual[edgeIndex].from;
      if (current === node) break;
    }
    const amount = Math.min(
      ...cycle.map((index) => {
        const arc = residual[index].id >> 1;
        return residual[index].id & 1 ? flow[arc] : capacity[arc] - flow[arc];
      }),
    );
    for (const index of cycle) {
      const arc = residual[index].id >> 1;
      flow[arc] += residual[index].id & 1 ? -amount : amount;
    }
  }
  return costs.map((levelCosts) => levelCosts.reduce((sum, cost, arc) => sum + cost * flow[arc], 0));
}

function costOf(costs: Float64Array, flow: Int32Array): number {
  return costs.reduce((sum, cost, arc) => sum + cost * flow[arc], 0);
}

function checkFeasible(problem: FlowProblem, flow: Int32Array): void {
  const balance = new Int32Array(problem.nodeCount);
  for (let arc = 0; arc < problem.arcCount; arc++) {
    expect(flow[arc]).toBeGreaterThanOrEqual(0);
    expect(flow[arc]).toBeLessThanOrEqual(problem.capacity[arc]);
    balance[problem.source[arc]] += flow[arc];
    balance[problem.target[arc]] -= flow[arc];
  }
  expect(Array.from(balance)).toEqual(Array.from(problem.supply));
}

const ARTIFICIAL_COST = 1e6;

describe("NetworkSimplex", () => {
  it("solves a textbook transportation problem", () => {
    // Two plants (supply 20, 30) to three markets (demand 10, 25, 15).
    const problem: FlowProblem = {
      nodeCount: 5,
      arcCount: 6,
      source: Int32Array.from([0, 0, 0, 1, 1, 1]),
      target: Int32Array.from([2, 3, 4, 2, 3, 4]),
      capacity: Int32Array.from([100, 100, 100, 100, 100, 100]),
      supply: Int32Array.from([20, 30, -10, -25, -15]),
    };
    const costs = Float64Array.from([8, 6, 10, 9, 12, 13]);
    const simplex = new NetworkSimplex(problem);
    simplex.setCosts(costs, ARTIFICIAL_COST);
    simplex.run();
    expect(simplex.artificialFlow()).toBe(0);
    const flow = simplex.flow.slice(0, problem.arcCount);
    checkFeasible(problem, flow);
    // Plant 0 serves market 1 (20 × 6); plant 1 serves 10 × 9 + 5 × 12 + 15 × 13.
    expect(costOf(costs, flow)).toBe(465);
  });

  it("reports infeasibility through artificial flow", () => {
    const problem: FlowProblem = {
      nodeCount: 2,
      arcCount: 1,
      source: Int32Array.from([0]),
      target: Int32Array.from([1]),
      capacity: Int32Array.from([1]),
      supply: Int32Array.from([3, -3]),
    };
    const simplex = new NetworkSimplex(problem);
    simplex.setCosts(Float64Array.from([1]), ARTIFICIAL_COST);
    simplex.run();
    // The 2 units that cannot travel go up one artificial arc to the root and down another.
    expect(simplex.artificialFlow()).toBe(4);
  });

  it("rejects supplies that do not balance", () => {
    expect(
      () =>
        new NetworkSimplex({ nodeCount: 2, arcCount: 0, source: new Int32Array(0), target: new Int32Array(0), capacity: new Int32Array(0), supply: Int32Array.from([1, 0]) }),
    ).toThrow(NetworkSimplexError);
  });

  it.each(Array.from({ length: 40 }, (_, index) => index + 1))("matches cycle cancelling on random graph %i", (seed) => {
    const problem = randomProblem(seed, 1);
    const simplex = new NetworkSimplex(problem);
    simplex.setCosts(problem.costs[0], ARTIFICIAL_COST);
    simplex.run();
    expect(simplex.artificialFlow()).toBe(0);
    const flow = simplex.flow.slice(0, problem.arcCount);
    checkFeasible(problem, flow);
    expect(costOf(problem.costs[0], flow)).toBe(lexicographicOptimumByCycleCancelling(problem)[0]);
  });

  it.each(Array.from({ length: 25 }, (_, index) => 100 + index))(
    "re-pricing after freezing gives the lexicographic optimum of three cost vectors (graph %i)",
    (seed) => {
      const problem = randomProblem(seed, 3);
      const simplex = new NetworkSimplex(problem);
      if (seed % 2 === 0) simplex.restrictSearch(Uint8Array.from({ length: problem.arcCount }, (_, arc) => arc % 3));
      problem.costs.forEach((costs, level) => {
        simplex.setCosts(costs, ARTIFICIAL_COST);
        simplex.run();
        if (level < problem.costs.length - 1) simplex.freezeArcsWithNonzeroReducedCost();
      });
      const flow = simplex.flow.slice(0, problem.arcCount);
      checkFeasible(problem, flow);
      expect(problem.costs.map((costs) => costOf(costs, flow))).toEqual(lexicographicOptimumByCycleCancelling(problem));
    },
  );

  it.each(Array.from({ length: 30 }, (_, index) => 200 + index))(
    "started from a feasible flow (its free cycles cancelled) reaches the same lexicographic optimum (graph %i)",
    (seed) => {
      const problem = randomProblem(seed, 3);
      const start = Int32Array.from(problem.feasibleFlow);
      cancelCyclesOfFreeArcs(problem, start);
      checkFeasible(problem, start);
      const simplex = new NetworkSimplex(problem);
      simplex.startFrom(start);
      if (seed % 2 === 0) simplex.restrictSearch(Uint8Array.from({ length: problem.arcCount }, (_, arc) => arc % 3));
      problem.costs.forEach((costs, level) => {
        simplex.setCosts(costs, ARTIFICIAL_COST);
        if (level === 0) expect(simplex.artificialFlow()).toBe(0);
        simplex.run();
        if (level < problem.costs.length - 1) simplex.freezeArcsWithNonzeroReducedCost();
      });
      const flow = simplex.flow.slice(0, problem.arcCount);
      checkFeasible(problem, flow);
      expect(problem.costs.map((costs) => costOf(costs, flow))).toEqual(lexicographicOptimumByCycleCancelling(problem));
    },
  );

  it("started from a flow that does not balance, carries the difference on artificial arcs and still finds the optimum", () => {
    const problem = randomProblem(7, 1);
    const simplex = new NetworkSimplex(problem);
    simplex.startFrom(new Int32Array(problem.arcCount));
    simplex.setCosts(problem.costs[0], ARTIFICIAL_COST);
    simplex.run();
    expect(simplex.artificialFlow()).toBe(0);
    expect(costOf(problem.costs[0], simplex.flow.slice(0, problem.arcCount))).toBe(lexicographicOptimumByCycleCancelling(problem)[0]);
  });

  /** Four students from node 0 to node 3, by node 1 (arcs 0, 1) or node 2 (arcs 2, 3). */
  const squareWithCapacities = (capacities: number[]): FlowProblem => ({
    nodeCount: 4,
    arcCount: 4,
    source: Int32Array.from([0, 1, 0, 2]),
    target: Int32Array.from([1, 3, 2, 3]),
    capacity: Int32Array.from(capacities),
    supply: Int32Array.from([4, 0, 0, -4]),
  });

  it("refuses a start whose free arcs close a cycle, or whose flow leaves an arc's bounds, or that comes too late", () => {
    const square = squareWithCapacities([5, 5, 5, 5]);
    expect(() => new NetworkSimplex(square).startFrom(Int32Array.from([2, 2, 2, 2]))).toThrow(/cycle/);
    expect(() => new NetworkSimplex(square).startFrom(Int32Array.from([6, 6, 0, 0]))).toThrow(/outside its bounds/);
    // Nodes 0 and 1 are out of balance and joined by a free arc.
    expect(() => new NetworkSimplex(square).startFrom(Int32Array.from([1, 0, 0, 0]))).toThrow(/two nodes out of balance/);
    const cancelled = Int32Array.from([2, 2, 2, 2]);
    expect(cancelCyclesOfFreeArcs(square, Int32Array.from(cancelled), 0)).toBe(false);
    expect(cancelCyclesOfFreeArcs(square, cancelled)).toBe(true);
    checkFeasible(square, cancelled);
    expect(Array.from(cancelled).filter((amount) => amount > 0 && amount < 5).length).toBeLessThan(4);
    const late = new NetworkSimplex(square);
    late.restrictSearch(new Uint8Array(4).fill(1));
    expect(() => late.startFrom(cancelled)).toThrow(NetworkSimplexError);
  });

  it("hangs a tree from its one node out of balance, whichever node that is", () => {
    const problem = squareWithCapacities([5, 3, 5, 5]);
    // Arc 0 is free (4 of 5) and arc 1 full: node 1 holds one student too many, node 3 lacks one.
    const simplex = new NetworkSimplex(problem);
    simplex.startFrom(Int32Array.from([4, 3, 0, 0]));
    simplex.setCosts(Float64Array.from([1, 1, 2, 2]), ARTIFICIAL_COST);
    expect(simplex.artificialFlow()).toBe(2);
    simplex.run();
    expect(simplex.artificialFlow()).toBe(0);
    const flow = simplex.flow.slice(0, problem.arcCount);
    checkFeasible(problem, flow);
    expect(costOf(Float64Array.from([1, 1, 2, 2]), flow)).toBe(10);
  });
});
