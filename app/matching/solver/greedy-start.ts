import type { ProfessionNetwork } from "./build-network";
import type { FlowProblem } from "./network-simplex";

/**
 * A feasible flow to start the simplex from instead of the artificial start: every student
 * is routed, placed greedily or sent to their university's shortfall node, so no artificial
 * flow has to be driven out. Requests with the fewest compatible offers go first (fewer left
 * stranded), and each student goes to the compatible offer with room whose provider's next
 * place has the lowest fair-share cost, the best for the request's preferences (travel, specialty)
 * on ties. Unit arcs fill in order.
 *
 * Pairings given first (`first`: a re-run's earlier proposals, each an arc and its students)
 * are placed before anything else, as far as their request, offer and provider still have
 * room; they only shape the start, never the optimum.
 *
 * The arcs strictly between their bounds then form a forest (cycles among them are cancelled
 * by pushing flow round until an arc reaches a bound), which is what a spanning-tree basis
 * needs (`NetworkSimplex.startFrom`).
 */
export function greedyStartFlow(network: ProfessionNetwork, first: readonly { arc: number; students: number }[] = []): Int32Array {
  const { requestCount, offerCount, providerCount, universityCount, requestArcStart, source, target, capacity, supply, firstOfferNode } = network;
  const { firstOfferProviderArc, offerProvider, levelCost, providerUnitArcStart, firstRequestShortfallArc } = network;
  const { universityUnitArcStart, universityOfRequest } = network;
  const flow = new Int32Array(network.arcCount);
  const room = new Int32Array(offerCount);
  for (let offer = 0; offer < offerCount; offer++) room[offer] = capacity[firstOfferProviderArc + offer];
  const load = new Int32Array(providerCount);
  const loadLimit = new Int32Array(providerCount);
  const nextPlaceCost = new Float64Array(providerCount);
  for (let provider = 0; provider < providerCount; provider++) {
    loadLimit[provider] = providerUnitArcStart[provider + 1] - providerUnitArcStart[provider];
    nextPlaceCost[provider] = loadLimit[provider] > 0 ? levelCost[providerUnitArcStart[provider]] : Number.POSITIVE_INFINITY;
  }
  const shortfall = new Int32Array(universityCount);
  const left = supply.slice(0, requestCount);
  const place = (arc: number, offer: number, provider: number) => {
    flow[arc]++;
    flow[firstOfferProviderArc + offer]++;
    room[offer]--;
    const placed = ++load[provider];
    nextPlaceCost[provider] = placed < loadLimit[provider] ? levelCost[providerUnitArcStart[provider] + placed] : Number.POSITIVE_INFINITY;
    left[source[arc]]--;
  };
  for (const { arc, students } of first) {
    if (arc < 0 || capacity[arc] === 0) continue;
    const offer = target[arc] - firstOfferNode;
    const provider = offerProvider[offer];
    for (let student = 0; student < students && left[source[arc]] > 0 && room[offer] > 0 && load[provider] < loadLimit[provider]; student++) {
      place(arc, offer, provider);
    }
  }

  const order = new Int32Array(requestCount);
  for (let request = 0; request < requestCount; request++) order[request] = request;
  order.sort((a, b) => requestArcStart[a + 1] - requestArcStart[a] - (requestArcStart[b + 1] - requestArcStart[b]) || a - b);

  for (const request of order) {
    const end = requestArcStart[request + 1];
    while (left[request] > 0) {
      let best = -1;
      let bestPlaceCost = Number.POSITIVE_INFINITY;
      let bestPreference = Number.POSITIVE_INFINITY;
      let runnerUpPlaceCost = Number.POSITIVE_INFINITY;
      for (let arc = requestArcStart[request]; arc < end; arc++) {
        if (capacity[arc] === 0) continue;
        const offer = target[arc] - firstOfferNode;
        if (room[offer] === 0) continue;
        const placeCost = nextPlaceCost[offerProvider[offer]];
        if (placeCost < bestPlaceCost || (placeCost === bestPlaceCost && levelCost[arc] < bestPreference)) {
          runnerUpPlaceCost = bestPlaceCost;
          best = arc;
          bestPlaceCost = placeCost;
          bestPreference = levelCost[arc];
        } else if (placeCost < runnerUpPlaceCost) runnerUpPlaceCost = placeCost;
      }
      if (best < 0 || bestPlaceCost === Number.POSITIVE_INFINITY) break;
      // More students go the same way while its provider's next place is still no dearer than any other offer's.
      const offer = target[best] - firstOfferNode;
      const provider = offerProvider[offer];
      do place(best, offer, provider);
      while (left[request] > 0 && room[offer] > 0 && nextPlaceCost[provider] <= runnerUpPlaceCost);
    }
    if (left[request] > 0) {
      flow[firstRequestShortfallArc + request] = left[request];
      shortfall[universityOfRequest[request]] += left[request];
    }
  }
  for (let provider = 0; provider < providerCount; provider++) flow.fill(1, providerUnitArcStart[provider], providerUnitArcStart[provider] + load[provider]);
  for (let university = 0; university < universityCount; university++) {
    flow.fill(1, universityUnitArcStart[university], universityUnitArcStart[university] + shortfall[university]);
  }
  // Cycles are few and a handful of passes cancel them; should some odd instance need more, the
  // all-zero flow is the artificial start, which needs none.
  return cancelCyclesOfFreeArcs(network, flow) ? flow : new Int32Array(network.arcCount);
}

/** An arc strictly between its bounds: the arcs a spanning-tree basis must hold. */
function isFree(flow: Int32Array, capacity: Int32Array, arc: number): boolean {
  return flow[arc] > 0 && flow[arc] < capacity[arc];
}

/** England and the bench's shapes at 100k need 0–27. */
export const MAX_CYCLE_CANCELLING_PASSES = 200;

/**
 * Pushes flow round every cycle of arcs strictly between their bounds until one of its arcs
 * reaches a bound, so that those arcs form a forest. Costs are ignored: this only shapes a
 * starting point. Each pass takes a spanning forest of the free arcs and cancels the cycle
 * each remaining free arc closes, if that cycle is still intact; a pass cancels at least one.
 * Returns false, with cycles left, if maxPasses did not suffice.
 */
export function cancelCyclesOfFreeArcs(
  network: Pick<FlowProblem, "nodeCount" | "arcCount" | "source" | "target" | "capacity">,
  flow: Int32Array,
  maxPasses = MAX_CYCLE_CANCELLING_PASSES,
): boolean {
  const { nodeCount, arcCount, source, target, capacity } = network;
  let freeCount = 0;
  for (let arc = 0; arc < arcCount; arc++) if (isFree(flow, capacity, arc)) freeCount++;
  let freeArcs = new Int32Array(freeCount);
  freeCount = 0;
  for (let arc = 0; arc < arcCount; arc++) if (isFree(flow, capacity, arc)) freeArcs[freeCount++] = arc;
  const forest = new ForestOfFreeArcs(nodeCount, source, target);
  const isForestArc = new Uint8Array(arcCount);
  for (let pass = 0; ; pass++) {
    let kept = 0;
    for (let index = 0; index < freeCount; index++) {
      const arc = freeArcs[index];
      if (isFree(flow, capacity, arc)) freeArcs[kept++] = arc;
    }
    freeCount = kept;
    freeArcs = freeArcs.subarray(0, freeCount);
    const closingCount = forest.span(freeArcs, isForestArc);
    if (closingCount === 0) return true;
    if (pass === maxPasses) return false;
    for (let index = 0; index < freeCount; index++) {
      const closing = freeArcs[index];
      if (isForestArc[closing] || !isFree(flow, capacity, closing)) continue;
      forest.cancelCycle(closing, flow, capacity);
    }
  }
}

/** A spanning forest of some arcs, rooted by breadth-first search, and the cycles its other arcs close. */
class ForestOfFreeArcs {
  private readonly unionParent: Int32Array;
  private readonly unionSize: Int32Array;
  private readonly adjacencyStart: Int32Array;
  private readonly parent: Int32Array;
  private readonly parentArc: Int32Array;
  private readonly depth: Int32Array;
  private readonly queue: Int32Array;
  // A forest path has fewer arcs than there are nodes.
  private readonly pathArcs: Int32Array;
  private readonly pathForward: Int8Array;
  private readonly tailArcs: Int32Array;
  private readonly tailForward: Int8Array;

  constructor(
    private readonly nodeCount: number,
    private readonly source: Int32Array,
    private readonly target: Int32Array,
  ) {
    this.unionParent = new Int32Array(nodeCount);
    this.unionSize = new Int32Array(nodeCount);
    this.adjacencyStart = new Int32Array(nodeCount + 1);
    this.parent = new Int32Array(nodeCount);
    this.parentArc = new Int32Array(nodeCount);
    this.depth = new Int32Array(nodeCount);
    this.queue = new Int32Array(nodeCount);
    this.pathArcs = new Int32Array(nodeCount);
    this.pathForward = new Int8Array(nodeCount);
    this.tailArcs = new Int32Array(nodeCount);
    this.tailForward = new Int8Array(nodeCount);
  }

  private find(node: number): number {
    const unionParent = this.unionParent;
    while (unionParent[node] !== node) {
      unionParent[node] = unionParent[unionParent[node]];
      node = unionParent[node];
    }
    return node;
  }

  /** Marks a spanning forest of the arcs in isForestArc, roots it, and returns how many arcs close a cycle. */
  span(arcs: Int32Array, isForestArc: Uint8Array): number {
    const { nodeCount, source, target, unionParent, unionSize, adjacencyStart, parent, parentArc, depth, queue } = this;
    for (let node = 0; node < nodeCount; node++) {
      unionParent[node] = node;
      unionSize[node] = 1;
    }
    adjacencyStart.fill(0);
    let closing = 0;
    for (let index = 0; index < arcs.length; index++) {
      const arc = arcs[index];
      let a = this.find(source[arc]);
      let b = this.find(target[arc]);
      if (a === b) {
        isForestArc[arc] = 0;
        closing++;
        continue;
      }
      if (unionSize[a] > unionSize[b]) [a, b] = [b, a];
      unionParent[a] = b;
      unionSize[b] += unionSize[a];
      isForestArc[arc] = 1;
      adjacencyStart[source[arc] + 1]++;
      adjacencyStart[target[arc] + 1]++;
    }
    if (closing === 0) return 0;
    for (let node = 0; node < nodeCount; node++) adjacencyStart[node + 1] += adjacencyStart[node];
    const fill = adjacencyStart.slice(0, nodeCount);
    const adjacentArc = new Int32Array(adjacencyStart[nodeCount]);
    for (let index = 0; index < arcs.length; index++) {
      const arc = arcs[index];
      if (!isForestArc[arc]) continue;
      adjacentArc[fill[source[arc]]++] = arc;
      adjacentArc[fill[target[arc]]++] = arc;
    }
    parent.fill(-2);
    for (let start = 0; start < nodeCount; start++) {
      if (parent[start] !== -2) continue;
      parent[start] = -1;
      parentArc[start] = -1;
      depth[start] = 0;
      let head = 0;
      let tail = 0;
      queue[tail++] = start;
      while (head < tail) {
        const node = queue[head++];
        for (let index = adjacencyStart[node]; index < adjacencyStart[node + 1]; index++) {
          const arc = adjacentArc[index];
          const next = source[arc] === node ? target[arc] : source[arc];
          if (parent[next] !== -2) continue;
          parent[next] = node;
          parentArc[next] = arc;
          depth[next] = depth[node] + 1;
          queue[tail++] = next;
        }
      }
    }
    return closing;
  }

  /**
   * Cancels the cycle the closing arc makes with the forest, unless an arc of the forest path
   * has reached a bound since the forest was spanned. The cycle is the closing arc backwards
   * (target → source), then the forest path source → … → target; flow pushed round it lowers
   * the closing arc, which carries flow, so the push is positive.
   */
  cancelCycle(closing: number, flow: Int32Array, capacity: Int32Array): void {
    const { source, target, parent, parentArc, depth, pathArcs, pathForward, tailArcs, tailForward } = this;
    let u = source[closing];
    let v = target[closing];
    let pathCount = 0;
    let tailCount = 0;
    while (u !== v) {
      if (depth[u] >= depth[v]) {
        const arc = parentArc[u];
        if (!isFree(flow, capacity, arc)) return;
        pathArcs[pathCount] = arc;
        pathForward[pathCount++] = source[arc] === u ? 1 : 0; // walking u → its parent
        u = parent[u];
      } else {
        const arc = parentArc[v];
        if (!isFree(flow, capacity, arc)) return;
        tailArcs[tailCount] = arc;
        tailForward[tailCount++] = target[arc] === v ? 1 : 0; // walked later as parent → v
        v = parent[v];
      }
    }
    let push = flow[closing];
    for (let index = 0; index < pathCount; index++) {
      const arc = pathArcs[index];
      push = Math.min(push, pathForward[index] ? capacity[arc] - flow[arc] : flow[arc]);
    }
    for (let index = 0; index < tailCount; index++) {
      const arc = tailArcs[index];
      push = Math.min(push, tailForward[index] ? capacity[arc] - flow[arc] : flow[arc]);
    }
    flow[closing] -= push;
    for (let index = 0; index < pathCount; index++) flow[pathArcs[index]] += pathForward[index] ? push : -push;
    for (let index = 0; index < tailCount; index++) flow[tailArcs[index]] += tailForward[index] ? push : -push;
  }
}
