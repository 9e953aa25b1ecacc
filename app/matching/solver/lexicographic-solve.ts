import { ARC_PROVIDER_UNIT, ARC_REQUEST_OFFER, ARC_SHORTFALL_UNIT, type ProfessionNetwork } from "./build-network";
import { greedyStartFlow } from "./greedy-start";
import { LEVEL_COUNT } from "./objective";
import { NetworkSimplex, NetworkSimplexError } from "./network-simplex";

// Module-local copies: under tsx an imported binding is read through a getter, which cost
// 1.5 s of 24 in the per-arc loops below at 100k students.
const SHORTFALL_UNIT = ARC_SHORTFALL_UNIT;
const PROVIDER_UNIT = ARC_PROVIDER_UNIT;
const REQUEST_OFFER = ARC_REQUEST_OFFER;

/**
 * Keeps every potential, reduced cost and path sum an exact integer in a double:
 * potentials are at most artificial cost + path bound ≈ 2 × bound, reduced costs
 * at most 5 × bound, comfortably below 2^53.
 */
export const PATH_COST_LIMIT = 2 ** 49;

/** Cost of an arc at one level of the lexicographic objective (0-based: L1 = 0). */
export function levelCostOfArc(network: ProfessionNetwork, level: number, arc: number): number {
  switch (network.kind[arc]) {
    case SHORTFALL_UNIT:
      return level === 0 ? 1 : level === 2 ? network.levelCost[arc] : 0;
    case PROVIDER_UNIT:
      return level === 1 ? network.levelCost[arc] : 0;
    case REQUEST_OFFER:
      return level === 3 ? network.levelCost[arc] : 0;
    default:
      return 0;
  }
}

/** Σ over levels of weightByLevel[level] × the arc's cost at that level, for every arc. */
export function weightedCosts(network: ProfessionNetwork, weightByLevel: readonly number[]): Float64Array {
  const [unplaced, fairShare, university, preference] = weightByLevel;
  const { kind, levelCost, arcCount } = network;
  const costs = new Float64Array(arcCount);
  for (let arc = 0; arc < arcCount; arc++) {
    switch (kind[arc]) {
      case SHORTFALL_UNIT:
        costs[arc] = unplaced + university * levelCost[arc];
        break;
      case PROVIDER_UNIT:
        costs[arc] = fairShare * levelCost[arc];
        break;
      case REQUEST_OFFER:
        costs[arc] = preference * levelCost[arc];
        break;
    }
  }
  return costs;
}

/**
 * For each level, a bound on |cost| of any simple path or cycle at that level alone: such
 * a path has at most 2 arcs at the sink and at most nodeCount arcs in all. A weighted sum
 * of levels is bounded by the same weighted sum of these bounds.
 */
export function levelPathBounds(network: ProfessionNetwork): number[] {
  const atSink = new Array<number>(LEVEL_COUNT).fill(0);
  const elsewhere = new Array<number>(LEVEL_COUNT).fill(0);
  const { source, target, sinkNode, arcCount, kind, levelCost } = network;
  const record = (level: number, arc: number, cost: number) => {
    const magnitude = Math.abs(cost);
    if (source[arc] === sinkNode || target[arc] === sinkNode) {
      if (magnitude > atSink[level]) atSink[level] = magnitude;
    } else if (magnitude > elsewhere[level]) elsewhere[level] = magnitude;
  };
  for (let arc = 0; arc < arcCount; arc++) {
    switch (kind[arc]) {
      case SHORTFALL_UNIT:
        record(0, arc, 1);
        record(2, arc, levelCost[arc]);
        break;
      case PROVIDER_UNIT:
        record(1, arc, levelCost[arc]);
        break;
      case REQUEST_OFFER:
        record(3, arc, levelCost[arc]);
        break;
    }
  }
  return atSink.map((value, level) => 2 * value + network.nodeCount * elsewhere[level]);
}

/** Consecutive levels solved together, levels[i] weighted by weights[i]. */
export interface SolveStage {
  levels: number[];
  weights: number[];
}

export function stageWeightByLevel(stage: SolveStage): number[] {
  const weightByLevel = new Array<number>(LEVEL_COUNT).fill(0);
  stage.levels.forEach((level, index) => (weightByLevel[level] = stage.weights[index]));
  return weightByLevel;
}

/** Bound on |cost| of any simple path or cycle under the stage's combined costs. */
export function stagePathBound(stage: SolveStage, bounds: readonly number[]): number {
  return stage.levels.reduce((sum, level, index) => sum + stage.weights[index] * bounds[level], 0);
}

/**
 * Weights that make one stage lexicographic: a level's weight exceeds the largest
 * possible cost of a cycle under the levels below it, so no cycle can trade a whole
 * unit of a higher level for any gain below. Null when the costs would not stay exact.
 */
export function weighStage(levels: number[], bounds: readonly number[]): SolveStage | null {
  const weights = new Array<number>(levels.length);
  let lowerBound = 0;
  for (let index = levels.length - 1; index >= 0; index--) {
    weights[index] = index === levels.length - 1 ? 1 : lowerBound + 1;
    lowerBound += weights[index] * bounds[levels[index]];
    if (lowerBound > PATH_COST_LIMIT) return null;
  }
  return { levels, weights };
}

/** Splits the levels into as few consecutive stages as exact arithmetic allows. */
export function planStages(network: ProfessionNetwork, separateLevels: boolean, bounds = levelPathBounds(network)): SolveStage[] {
  const partitions: number[][][] = [];
  // Every way to cut the level list into consecutive groups, fewest groups first.
  for (let mask = 0; mask < 1 << (LEVEL_COUNT - 1); mask++) {
    const groups: number[][] = [[0]];
    for (let level = 1; level < LEVEL_COUNT; level++) {
      if (mask & (1 << (level - 1))) groups.push([level]);
      else groups[groups.length - 1].push(level);
    }
    partitions.push(groups);
  }
  // Fewest stages first; among equals, the largest first stage: the first stage starts from
  // scratch, later ones from a warm basis, and stage 1 then sees distinct university costs.
  partitions.sort((a, b) => a.length - b.length || b[0].length - a[0].length || (b[1]?.length ?? 0) - (a[1]?.length ?? 0));
  for (const groups of partitions) {
    if (separateLevels && groups.length < LEVEL_COUNT) continue;
    const stages = groups.map((group) => weighStage(group, bounds));
    if (stages.every((stage) => stage !== null)) return stages as SolveStage[];
  }
  throw new NetworkSimplexError(`profession ${network.profession}: costs too large to solve exactly in double precision`);
}

export interface LexicographicSolution {
  stages: SolveStage[];
  /** Flow on the network's arcs. */
  flow: Int32Array;
  /** Optimal node potentials at the end of each stage (the dual certificate). */
  potentials: Float64Array[];
  levelValues: number[];
  pivots: number;
}

export function computeLevelValues(network: ProfessionNetwork, flow: Int32Array): number[] {
  const values = new Array<number>(LEVEL_COUNT).fill(0);
  const { kind, levelCost } = network;
  for (let arc = 0; arc < network.arcCount; arc++) {
    const amount = flow[arc];
    if (amount === 0) continue;
    switch (kind[arc]) {
      case SHORTFALL_UNIT:
        values[0] += amount;
        values[2] += amount * levelCost[arc];
        break;
      case PROVIDER_UNIT:
        values[1] += amount * levelCost[arc];
        break;
      case REQUEST_OFFER:
        values[3] += amount * levelCost[arc];
        break;
    }
  }
  return values;
}

/**
 * Each request's offers priced from the start: its cheapest few on preferences, and a few
 * others spread pseudo-randomly over the rest. The rest join when a full pricing shows
 * they could improve. The cheapest alone suit the last level, but the first stage has no
 * preference costs: there a request restricted to its nearest offers cannot reach the
 * providers that fair shares send it to, and a dense region then admits most arcs in
 * bulk after a wasted optimum. The spread offers give every request distant options.
 */
export const CHEAPEST_OFFERS_PRICED_FIRST = 8;
export const SPREAD_OFFERS_PRICED_FIRST = 8;

/** Inserts (key, arc) into the k smallest kept in keys/arcs (ascending; ties keep the earlier arc). */
function keepSmallest(keys: Float64Array, arcs: Int32Array, count: number, key: number, arc: number): number {
  const k = keys.length;
  if (count === k && key >= keys[k - 1]) return count;
  let position = count < k ? count++ : k - 1;
  while (position > 0 && keys[position - 1] > key) {
    keys[position] = keys[position - 1];
    arcs[position] = arcs[position - 1];
    position--;
  }
  keys[position] = key;
  arcs[position] = arc;
  return count;
}

function spreadKey(arc: number): number {
  let hash = Math.imul(arc ^ (arc >>> 16), 0x45d9f3b);
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export function initialSearchArcs(network: ProfessionNetwork): Uint8Array {
  const isCandidate = new Uint8Array(network.arcCount).fill(1);
  const { requestArcStart, levelCost } = network;
  const cheapestKeys = new Float64Array(CHEAPEST_OFFERS_PRICED_FIRST);
  const cheapestArcs = new Int32Array(CHEAPEST_OFFERS_PRICED_FIRST);
  const spreadKeys = new Float64Array(SPREAD_OFFERS_PRICED_FIRST);
  const spreadArcs = new Int32Array(SPREAD_OFFERS_PRICED_FIRST);
  for (let request = 0; request < network.requestCount; request++) {
    const first = requestArcStart[request];
    const end = requestArcStart[request + 1];
    if (end - first <= CHEAPEST_OFFERS_PRICED_FIRST + SPREAD_OFFERS_PRICED_FIRST) continue;
    let cheapestCount = 0;
    for (let arc = first; arc < end; arc++) cheapestCount = keepSmallest(cheapestKeys, cheapestArcs, cheapestCount, levelCost[arc], arc);
    isCandidate.fill(0, first, end);
    for (let index = 0; index < cheapestCount; index++) isCandidate[cheapestArcs[index]] = 1;
    let spreadCount = 0;
    for (let arc = first; arc < end; arc++) {
      if (!isCandidate[arc]) spreadCount = keepSmallest(spreadKeys, spreadArcs, spreadCount, spreadKey(arc), arc);
    }
    for (let index = 0; index < spreadCount; index++) isCandidate[spreadArcs[index]] = 1;
  }
  return isCandidate;
}

/**
 * Minimises the levels in order. The first stage starts from a greedy placement
 * (greedy-start.ts; `greedyStart: false` starts from artificial arcs instead, same optimum),
 * each later stage from the previous stage's optimal basis. Arcs whose reduced cost is
 * non-zero are frozen at their bound, which leaves exactly the previous stages' optimal face
 * for the next stage to search.
 */
export function solveLexicographic(
  network: ProfessionNetwork,
  options: {
    separateLevels?: boolean;
    greedyStart?: boolean;
    /** Arcs the greedy start places first, with their students (greedy-start.ts). */
    startPairings?: readonly { arc: number; students: number }[];
    onStageDone?: (stageIndex: number, stageCount: number) => void;
  } = {},
): LexicographicSolution {
  const bounds = levelPathBounds(network);
  const stages = planStages(network, options.separateLevels ?? false, bounds);
  const simplex = new NetworkSimplex(network);
  if (options.greedyStart ?? true) simplex.startFrom(greedyStartFlow(network, options.startPairings));
  simplex.restrictSearch(initialSearchArcs(network));
  const potentials: Float64Array[] = [];
  const maxPivots = 50 * (network.arcCount + network.nodeCount) + 1_000_000;
  stages.forEach((stage, index) => {
    simplex.setCosts(weightedCosts(network, stageWeightByLevel(stage)), stagePathBound(stage, bounds) + 1);
    simplex.run(maxPivots);
    if (index === 0 && simplex.artificialFlow() !== 0) {
      throw new NetworkSimplexError(`profession ${network.profession}: no feasible flow`);
    }
    potentials.push(simplex.potential.slice(0, network.nodeCount));
    if (index < stages.length - 1) simplex.freezeArcsWithNonzeroReducedCost();
    options.onStageDone?.(index, stages.length);
  });
  const flow = simplex.flow.slice(0, network.arcCount);
  return { stages, flow, potentials, levelValues: computeLevelValues(network, flow), pivots: simplex.pivots };
}
