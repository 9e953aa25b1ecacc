/**
 * Primal network simplex for min-cost flow with integer data (after Ahuja, Magnanti
 * & Orlin ch. 11 and the spanning-tree layout popularised by LEMON): a strongly
 * feasible spanning tree stored as parent / predecessor arc / preorder thread /
 * subtree size / last successor arrays, block-search pricing, no per-arc objects.
 *
 * Costs may change between runs (the lexicographic driver re-prices the same basis
 * level by level) and arcs may be frozen at their bound; frozen arcs never re-enter.
 * All arithmetic is on integers held in doubles: callers must keep every simple path's
 * cost below 2^49 (lexicographic-solve.ts checks this) so that potentials and reduced
 * costs stay exact.
 */

export interface FlowProblem {
  nodeCount: number;
  arcCount: number;
  source: Int32Array;
  target: Int32Array;
  capacity: Int32Array;
  /** Positive = supply, negative = demand; must sum to zero. */
  supply: Int32Array;
}

const STATE_UPPER = -1;
const STATE_TREE = 0;
const STATE_LOWER = 1;
const DIR_UP = 1;
const DIR_DOWN = -1;
/** Capacity of an arc without a bound of its own (the artificial arcs, and arcs bounded by their tail's supply). */
export const INFINITE_CAPACITY = 0x7fffffff;
const MIN_BLOCK_SIZE = 10;

function blockSizeFor(arcCount: number): number {
  return Math.max(Math.ceil(Math.sqrt(arcCount)), MIN_BLOCK_SIZE);
}

export class NetworkSimplexError extends Error {
  override name = "NetworkSimplexError";
}

export class NetworkSimplex {
  readonly nodeCount: number;
  readonly arcCount: number;
  /** Flow on every arc; entries from arcCount on belong to the artificial arcs. */
  readonly flow: Int32Array;
  /** Node potentials; reduced cost of arc (u, v) = cost + potential[u] − potential[v]. */
  readonly potential: Float64Array;
  pivots = 0;

  private readonly root: number;
  private readonly source: Int32Array;
  private readonly target: Int32Array;
  private readonly capacity: Int32Array;
  private readonly cost: Float64Array;
  private readonly state: Int8Array;
  private readonly supply: Int32Array;

  private readonly parent: Int32Array;
  private readonly predArc: Int32Array;
  private readonly predDir: Int8Array;
  private readonly thread: Int32Array;
  private readonly revThread: Int32Array;
  private readonly subtreeSize: Int32Array;
  private readonly lastSuccessor: Int32Array;
  /**
   * Flow and capacity of each node's tree arc, kept by node: the cycle walks of a pivot then
   * read small node-indexed arrays instead of arc-indexed ones spread over megabytes. While an
   * arc is in the tree these are its true values; flow[] is brought up to date after each run.
   */
  private readonly predFlow: Int32Array;
  private readonly predCapacity: Int32Array;

  // The block search scans "slots": the free arcs copied into contiguous arrays, so that
  // pricing streams through memory instead of chasing arc ids. A slot is oriented so that
  // its arc is admissible exactly when cost + potential[source] − potential[target] < 0:
  // an arc at its upper bound is stored reversed with its cost negated, a tree arc costs +∞.
  private readonly slotArc: Int32Array;
  private readonly slotSource: Int32Array;
  private readonly slotTarget: Int32Array;
  private readonly slotCost: Float64Array;
  /** Slot of each arc, or −1 when the arc is frozen, artificial or in the reserve. */
  private readonly arcSlot: Int32Array;
  private slotCount = 0;
  /** Free arcs left out of the block search; all at flow 0, priced only between rounds. */
  private reserveArcs: Int32Array;
  private reserveCount = 0;
  private nextSearch = 0;
  private blockSize: number;
  private initialised = false;

  // Scratch for tree updates, sized once.
  private readonly stem: Int32Array;
  private readonly stemLast: Int32Array;
  private readonly stemSize: Int32Array;
  private readonly stemPredArc: Int32Array;
  private readonly stemPredDir: Int8Array;
  private readonly stemPredFlow: Int32Array;
  private readonly stemPredCapacity: Int32Array;
  private readonly stemBefore: Int32Array;
  private readonly stemAfterChild: Int32Array;

  constructor(problem: FlowProblem) {
    const n = problem.nodeCount;
    const m = problem.arcCount;
    let total = 0;
    for (let node = 0; node < n; node++) total += problem.supply[node];
    if (total !== 0) throw new NetworkSimplexError(`supplies sum to ${total}, not 0`);

    this.nodeCount = n;
    this.arcCount = m;
    this.root = n;
    const allArcs = m + n;
    this.source = new Int32Array(allArcs);
    this.target = new Int32Array(allArcs);
    this.capacity = new Int32Array(allArcs);
    this.source.set(problem.source.subarray(0, m));
    this.target.set(problem.target.subarray(0, m));
    this.capacity.set(problem.capacity.subarray(0, m));
    this.cost = new Float64Array(allArcs);
    this.flow = new Int32Array(allArcs);
    this.state = new Int8Array(allArcs);
    this.supply = problem.supply.slice(0, n);
    this.potential = new Float64Array(n + 1);

    this.parent = new Int32Array(n + 1);
    this.predArc = new Int32Array(n + 1);
    this.predDir = new Int8Array(n + 1);
    this.thread = new Int32Array(n + 1);
    this.revThread = new Int32Array(n + 1);
    this.subtreeSize = new Int32Array(n + 1);
    this.lastSuccessor = new Int32Array(n + 1);
    this.predFlow = new Int32Array(n + 1);
    this.predCapacity = new Int32Array(n + 1);

    this.stem = new Int32Array(n + 1);
    this.stemLast = new Int32Array(n + 1);
    this.stemSize = new Int32Array(n + 1);
    this.stemPredArc = new Int32Array(n + 1);
    this.stemPredDir = new Int8Array(n + 1);
    this.stemPredFlow = new Int32Array(n + 1);
    this.stemPredCapacity = new Int32Array(n + 1);
    this.stemBefore = new Int32Array(n + 1);
    this.stemAfterChild = new Int32Array(n + 1);

    for (let arc = 0; arc < m; arc++) {
      if (this.capacity[arc] < 0) throw new NetworkSimplexError(`arc ${arc} has negative capacity`);
      this.state[arc] = STATE_LOWER;
    }
    this.slotArc = new Int32Array(m);
    this.slotSource = new Int32Array(m);
    this.slotTarget = new Int32Array(m);
    this.slotCost = new Float64Array(m);
    this.arcSlot = new Int32Array(allArcs).fill(-1);
    this.reserveArcs = new Int32Array(0);
    this.blockSize = blockSizeFor(m);
    this.initialiseTree(problem.supply);
  }

  /** Slots are laid out once, on first use: every arc, unless restrictSearch chose some first. */
  private slotsLaidOut = false;

  private layOutSlots(): void {
    if (this.slotsLaidOut) return;
    this.slotsLaidOut = true;
    for (let arc = 0; arc < this.arcCount; arc++) this.addSlot(arc);
    this.shuffleSlots();
    this.blockSize = blockSizeFor(this.slotCount);
  }

  /**
   * Arcs arrive grouped by request, so a pricing block would see only near-identical
   * alternatives of a few requests; a fixed pseudo-random order lets each block sample
   * the whole network, which halves the pivots on our instances. Deterministic.
   */
  private shuffleSlots(): void {
    let seed = 0x9e3779b9;
    for (let slot = this.slotCount - 1; slot > 0; slot--) {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      const other = (seed >>> 0) % (slot + 1);
      const arc = this.slotArc[slot];
      const otherArc = this.slotArc[other];
      this.slotArc[slot] = otherArc;
      this.slotArc[other] = arc;
    }
    for (let slot = 0; slot < this.slotCount; slot++) {
      const arc = this.slotArc[slot];
      this.arcSlot[arc] = slot;
      this.orientSlot(slot, arc);
    }
  }

  private addSlot(arc: number): void {
    const slot = this.slotCount++;
    this.slotArc[slot] = arc;
    this.arcSlot[arc] = slot;
    this.orientSlot(slot, arc);
  }

  private orientSlot(slot: number, arc: number): void {
    const state = this.state[arc];
    if (state === STATE_UPPER) {
      this.slotSource[slot] = this.target[arc];
      this.slotTarget[slot] = this.source[arc];
      this.slotCost[slot] = -this.cost[arc];
    } else {
      this.slotSource[slot] = this.source[arc];
      this.slotTarget[slot] = this.target[arc];
      this.slotCost[slot] = state === STATE_LOWER ? this.cost[arc] : Number.POSITIVE_INFINITY;
    }
  }

  private setState(arc: number, state: number): void {
    this.state[arc] = state;
    const slot = this.arcSlot[arc];
    if (slot >= 0) this.orientSlot(slot, arc);
  }

  /** Every node hangs from an artificial root; supplies travel on artificial arcs. */
  private initialiseTree(supply: Int32Array): void {
    const n = this.nodeCount;
    const m = this.arcCount;
    const root = this.root;
    this.parent[root] = -1;
    this.predArc[root] = -1;
    this.thread[root] = n > 0 ? 0 : root;
    this.revThread[root] = n > 0 ? n - 1 : root;
    this.subtreeSize[root] = n + 1;
    this.lastSuccessor[root] = n > 0 ? n - 1 : root;
    for (let node = 0; node < n; node++) {
      const arc = m + node;
      this.parent[node] = root;
      this.predArc[node] = arc;
      this.thread[node] = node + 1 < n ? node + 1 : root;
      this.revThread[node] = node > 0 ? node - 1 : root;
      this.subtreeSize[node] = 1;
      this.lastSuccessor[node] = node;
      this.capacity[arc] = INFINITE_CAPACITY;
      this.predCapacity[node] = INFINITE_CAPACITY;
      this.state[arc] = STATE_TREE;
      if (supply[node] >= 0) {
        this.predDir[node] = DIR_UP;
        this.source[arc] = node;
        this.target[arc] = root;
        this.flow[arc] = supply[node];
        this.predFlow[node] = supply[node];
      } else {
        this.predDir[node] = DIR_DOWN;
        this.source[arc] = root;
        this.target[arc] = node;
        this.flow[arc] = -supply[node];
        this.predFlow[node] = -supply[node];
      }
    }
  }

  /**
   * Starts from a given flow instead of the artificial start. The arcs strictly between their
   * bounds must form a forest (greedy-start.ts cancels cycles); each of its trees hangs from the
   * artificial root by one node's artificial arc. A node out of balance (supply + inflow ≠
   * outflow) may have no other node of its tree out of balance; it is the one that hangs, and
   * its artificial arc carries the difference. Every node can then still send flow to the root
   * (free arcs both ways, an artificial arc upwards, or downwards with flow), so the tree is
   * strongly feasible. Must precede restrictSearch and setCosts.
   */
  startFrom(startFlow: Int32Array): void {
    if (this.initialised || this.slotsLaidOut) throw new NetworkSimplexError("startFrom must precede restrictSearch, setCosts and the first run");
    const n = this.nodeCount;
    const m = this.arcCount;
    const root = this.root;
    const { source, target, capacity, state, flow, parent, predArc, predDir, predFlow, predCapacity, thread, revThread, subtreeSize, lastSuccessor } = this;
    // What each node still has to send to the root: its supply plus inflow minus outflow.
    const imbalance = Float64Array.from(this.supply);
    const freeDegree = new Int32Array(n + 1);
    for (let arc = 0; arc < m; arc++) {
      const amount = startFlow[arc];
      if (!(amount >= 0 && amount <= capacity[arc])) throw new NetworkSimplexError(`start flow on arc ${arc} is outside its bounds`);
      flow[arc] = amount;
      imbalance[source[arc]] -= amount;
      imbalance[target[arc]] += amount;
      if (amount === 0) state[arc] = STATE_LOWER;
      else if (amount === capacity[arc]) state[arc] = STATE_UPPER;
      else {
        state[arc] = STATE_TREE;
        freeDegree[source[arc] + 1]++;
        freeDegree[target[arc] + 1]++;
      }
    }
    for (let node = 0; node < n; node++) freeDegree[node + 1] += freeDegree[node];
    const adjacencyStart = freeDegree;
    const fill = adjacencyStart.slice(0, n);
    const adjacentArc = new Int32Array(adjacencyStart[n]);
    for (let arc = 0; arc < m; arc++) {
      if (state[arc] !== STATE_TREE) continue;
      adjacentArc[fill[source[arc]]++] = arc;
      adjacentArc[fill[target[arc]]++] = arc;
    }

    // Preorder of each free tree by depth-first search; the trees follow each other in the thread.
    const visited = new Uint8Array(n);
    const preorder = new Int32Array(n);
    const stack = new Int32Array(n);
    let ordered = 0;
    // A node out of balance must hang from the root by its own artificial arc, so it starts its tree.
    const startOrder = new Int32Array(n);
    let starts = 0;
    for (let node = 0; node < n; node++) if (imbalance[node] !== 0) startOrder[starts++] = node;
    for (let node = 0; node < n; node++) if (imbalance[node] === 0) startOrder[starts++] = node;
    for (const start of startOrder) {
      if (visited[start]) continue;
      const arc = m + start;
      visited[start] = 1;
      parent[start] = root;
      predArc[start] = arc;
      predCapacity[start] = INFINITE_CAPACITY;
      state[arc] = STATE_TREE;
      const treeStart = ordered;
      let top = 0;
      stack[top++] = start;
      while (top > 0) {
        const node = stack[--top];
        preorder[ordered++] = node;
        for (let index = adjacencyStart[node]; index < adjacencyStart[node + 1]; index++) {
          const free = adjacentArc[index];
          const next = source[free] === node ? target[free] : source[free];
          if (visited[next]) {
            if (free !== predArc[node]) throw new NetworkSimplexError("start flow: the arcs between their bounds contain a cycle");
            continue;
          }
          visited[next] = 1;
          parent[next] = node;
          predArc[next] = free;
          predDir[next] = source[free] === next ? DIR_UP : DIR_DOWN;
          predFlow[next] = flow[free];
          predCapacity[next] = capacity[free];
          stack[top++] = next;
        }
      }
      const treeImbalance = imbalance[start];
      for (let index = treeStart + 1; index < ordered; index++) {
        const node = preorder[index];
        if (imbalance[node] !== 0) throw new NetworkSimplexError("start flow: a tree of free arcs holds two nodes out of balance");
      }
      if (treeImbalance >= 0) {
        predDir[start] = DIR_UP;
        source[arc] = start;
        target[arc] = root;
        flow[arc] = treeImbalance;
      } else {
        predDir[start] = DIR_DOWN;
        source[arc] = root;
        target[arc] = start;
        flow[arc] = -treeImbalance;
      }
      predFlow[start] = flow[arc];
    }
    for (let node = 0; node < n; node++) {
      const arc = m + node;
      if (parent[node] === root) continue;
      state[arc] = STATE_LOWER;
      source[arc] = node;
      target[arc] = root;
      flow[arc] = 0;
    }

    // Thread, sizes and last successors from the preorder (a stack-built preorder is still a preorder).
    thread[root] = n > 0 ? preorder[0] : root;
    revThread[root] = n > 0 ? preorder[n - 1] : root;
    for (let index = 0; index < n; index++) {
      const node = preorder[index];
      thread[node] = index + 1 < n ? preorder[index + 1] : root;
      revThread[node] = index > 0 ? preorder[index - 1] : root;
      subtreeSize[node] = 1;
      lastSuccessor[node] = node;
    }
    for (let index = n - 1; index >= 0; index--) {
      const node = preorder[index];
      const up = parent[node];
      if (up === root) continue;
      subtreeSize[up] += subtreeSize[node];
    }
    for (let index = 0; index < n; index++) {
      const node = preorder[index];
      lastSuccessor[node] = preorder[index + subtreeSize[node] - 1];
    }
    subtreeSize[root] = n + 1;
    lastSuccessor[root] = n > 0 ? preorder[n - 1] : root;
  }

  /**
   * Sets the real arcs' costs and re-derives potentials along the current tree.
   * On the first call the artificial arcs into demand nodes cost artificialCost,
   * which must exceed the cost of every simple path of real arcs.
   */
  setCosts(costs: Float64Array, artificialCost: number): void {
    const m = this.arcCount;
    this.cost.set(costs.subarray(0, m));
    this.layOutSlots();
    for (let slot = 0; slot < this.slotCount; slot++) this.orientSlot(slot, this.slotArc[slot]);
    if (!this.initialised) {
      for (let node = 0; node < this.nodeCount; node++) {
        const arc = m + node;
        this.cost[arc] = this.source[arc] === this.root ? artificialCost : 0;
      }
      this.initialised = true;
    }
    this.recomputePotentials();
  }

  private recomputePotentials(): void {
    const { parent, predArc, predDir, thread, cost, potential, root } = this;
    potential[root] = 0;
    for (let node = thread[root]; node !== root; node = thread[node]) {
      potential[node] = potential[parent[node]] - predDir[node] * cost[predArc[node]];
    }
  }

  /**
   * Restricts the block search to the marked arcs (and any carrying flow) before the first
   * run. The others wait in a reserve at flow 0 and are priced in full whenever the search
   * runs dry; any with a negative reduced cost join the search. Optimality is only declared
   * after a full pricing of every free arc, so the answer is the same, usually found faster.
   */
  restrictSearch(isCandidate: Uint8Array): void {
    if (this.pivots > 0) throw new NetworkSimplexError("restrictSearch must precede the first run");
    this.slotsLaidOut = true;
    const reserve = new Int32Array(this.arcCount);
    let reserveCount = 0;
    this.slotCount = 0;
    for (let arc = 0; arc < this.arcCount; arc++) {
      // The reserve holds only arcs at flow 0: after startFrom, arcs with flow are searched from the start.
      if (isCandidate[arc] || this.state[arc] !== STATE_LOWER) this.addSlot(arc);
      else {
        this.arcSlot[arc] = -1;
        reserve[reserveCount++] = arc;
      }
    }
    this.reserveArcs = reserve;
    this.reserveCount = reserveCount;
    this.shuffleSlots();
    this.nextSearch = 0;
    this.blockSize = blockSizeFor(this.slotCount);
  }

  /** Runs pivots until no free arc is admissible. Returns the number of pivots made. */
  run(maxPivots = Number.POSITIVE_INFINITY): number {
    this.layOutSlots();
    let pivotsThisRun = 0;
    for (;;) {
      while (this.findEnteringArc()) {
        this.pivot();
        pivotsThisRun++;
        if (pivotsThisRun > maxPivots) throw new NetworkSimplexError(`no optimum after ${maxPivots} pivots`);
      }
      if (this.admitReserveArcs() === 0) break;
    }
    this.pivots += pivotsThisRun;
    const { flow, predArc, predFlow } = this;
    for (let node = 0; node < this.nodeCount; node++) flow[predArc[node]] = predFlow[node];
    return pivotsThisRun;
  }

  private admitReserveArcs(): number {
    const { cost, potential, source, target, reserveArcs } = this;
    let kept = 0;
    let admitted = 0;
    for (let index = 0; index < this.reserveCount; index++) {
      const arc = reserveArcs[index];
      if (cost[arc] + potential[source[arc]] - potential[target[arc]] < 0) {
        this.addSlot(arc);
        admitted++;
      } else reserveArcs[kept++] = arc;
    }
    this.reserveCount = kept;
    if (admitted > 0) this.blockSize = blockSizeFor(this.slotCount);
    return admitted;
  }

  private enteringArc = -1;

  private findEnteringArc(): boolean {
    const { slotCost, slotSource, slotTarget, potential } = this;
    const count = this.slotCount;
    const blockSize = this.blockSize;
    let best = -1;
    let min = 0;
    let remaining = blockSize;
    let slot = this.nextSearch;
    for (; slot < count; slot++) {
      const reduced = slotCost[slot] + potential[slotSource[slot]] - potential[slotTarget[slot]];
      if (reduced < min) {
        min = reduced;
        best = slot;
      }
      if (--remaining === 0) {
        if (min < 0) {
          this.nextSearch = slot + 1;
          this.enteringArc = this.slotArc[best];
          return true;
        }
        remaining = blockSize;
      }
    }
    for (slot = 0; slot < this.nextSearch; slot++) {
      const reduced = slotCost[slot] + potential[slotSource[slot]] - potential[slotTarget[slot]];
      if (reduced < min) {
        min = reduced;
        best = slot;
      }
      if (--remaining === 0) {
        if (min < 0) {
          this.nextSearch = slot + 1;
          this.enteringArc = this.slotArc[best];
          return true;
        }
        remaining = blockSize;
      }
    }
    if (min >= 0) return false;
    this.enteringArc = this.slotArc[best];
    return true;
  }

  private pivot(): void {
    const { state, flow, capacity, source, target, parent, predArc, predDir, predFlow, predCapacity, subtreeSize } = this;
    const inArc = this.enteringArc;
    let first: number;
    let second: number;
    if (state[inArc] === STATE_LOWER) {
      first = source[inArc];
      second = target[inArc];
    } else {
      first = target[inArc];
      second = source[inArc];
    }

    // One walk up both sides to their join also finds the leaving arc: the last blocking arc
    // met when walking the cycle in the flow's direction from the join, which keeps the tree
    // strongly feasible. On the first side (walked towards the join, against the flow) that is
    // the first arc of least residual met; on the second side, the last one.
    let u = first;
    let v = second;
    let firstDelta = Number.POSITIVE_INFINITY;
    let firstNode = -1;
    let secondDelta = Number.POSITIVE_INFINITY;
    let secondNode = -1;
    while (u !== v) {
      if (subtreeSize[u] < subtreeSize[v]) {
        const residual = predDir[u] === DIR_UP ? predFlow[u] : predCapacity[u] - predFlow[u];
        if (residual < firstDelta) {
          firstDelta = residual;
          firstNode = u;
        }
        u = parent[u];
      } else {
        const residual = predDir[v] === DIR_UP ? predCapacity[v] - predFlow[v] : predFlow[v];
        if (residual <= secondDelta) {
          secondDelta = residual;
          secondNode = v;
        }
        v = parent[v];
      }
    }
    const join = u;
    let delta = capacity[inArc];
    let leavingNode = -1;
    let leavingSide = 0;
    if (firstDelta < delta) {
      delta = firstDelta;
      leavingNode = firstNode;
      leavingSide = 1;
    }
    if (secondDelta <= delta) {
      delta = secondDelta;
      leavingNode = secondNode;
      leavingSide = 2;
    }
    if (delta >= INFINITE_CAPACITY) throw new NetworkSimplexError("unbounded: a negative cycle of unlimited capacity");

    if (delta > 0) {
      const change = state[inArc] * delta;
      flow[inArc] += change;
      for (let node = source[inArc]; node !== join; node = parent[node]) predFlow[node] -= predDir[node] * change;
      for (let node = target[inArc]; node !== join; node = parent[node]) predFlow[node] += predDir[node] * change;
    }

    if (leavingSide === 0) {
      this.setState(inArc, -state[inArc]);
      return;
    }
    this.setState(inArc, STATE_TREE);
    const outArc = predArc[leavingNode];
    flow[outArc] = predFlow[leavingNode];
    this.setState(outArc, flow[outArc] === 0 ? STATE_LOWER : STATE_UPPER);

    const enteringChild = leavingSide === 1 ? first : second;
    const enteringParent = leavingSide === 1 ? second : first;
    this.rehangSubtree(enteringChild, enteringParent, leavingNode, inArc, join);
  }

  /**
   * The subtree T below the leaving arc (rooted at leavingNode) is cut off and hung
   * from enteringParent by the entering arc, re-rooted at enteringChild. The stem is
   * the old tree path enteringChild = w0, w1, …, wk = leavingNode. T's new preorder is
   * the old block of w0, then for each wi the old block of wi minus the old block of
   * w(i−1); each piece keeps its internal thread links.
   */
  private rehangSubtree(enteringChild: number, enteringParent: number, leavingNode: number, inArc: number, join: number): void {
    const { parent, predArc, predDir, predFlow, predCapacity, thread, revThread, subtreeSize, lastSuccessor, potential, cost, source } = this;
    const { stem, stemLast, stemSize, stemPredArc, stemPredDir, stemPredFlow, stemPredCapacity, stemBefore, stemAfterChild } = this;

    let k = 0;
    stem[0] = enteringChild;
    while (stem[k] !== leavingNode) {
      stem[k + 1] = parent[stem[k]];
      k++;
    }
    for (let i = 0; i <= k; i++) {
      const node = stem[i];
      stemLast[i] = lastSuccessor[node];
      stemSize[i] = subtreeSize[node];
      stemPredArc[i] = predArc[node];
      stemPredDir[i] = predDir[node];
      stemPredFlow[i] = predFlow[node];
      stemPredCapacity[i] = predCapacity[node];
      if (i > 0) {
        stemBefore[i] = revThread[stem[i - 1]];
        stemAfterChild[i] = thread[stemLast[i - 1]];
      }
    }
    const treeSize = stemSize[k];
    const oldParent = parent[leavingNode];

    // Cut T out of the thread.
    const lastOfTree = stemLast[k];
    const before = revThread[leavingNode];
    const after = thread[lastOfTree];
    thread[before] = after;
    revThread[after] = before;
    for (let node = oldParent; node !== -1 && lastSuccessor[node] === lastOfTree; node = parent[node]) lastSuccessor[node] = before;
    for (let node = oldParent; node !== join; node = parent[node]) subtreeSize[node] -= treeSize;

    // Re-link T in its new preorder.
    let tail = stemLast[0];
    for (let i = 1; i <= k; i++) {
      const node = stem[i];
      thread[tail] = node;
      revThread[node] = tail;
      tail = stemBefore[i];
      if (stemLast[i - 1] !== stemLast[i]) {
        const resume = stemAfterChild[i];
        thread[tail] = resume;
        revThread[resume] = tail;
        tail = stemLast[i];
      }
    }
    const newLast = tail;

    // Insert T right after its new parent.
    const next = thread[enteringParent];
    thread[enteringParent] = enteringChild;
    revThread[enteringChild] = enteringParent;
    thread[newLast] = next;
    revThread[next] = newLast;

    for (let i = 0; i <= k; i++) {
      const node = stem[i];
      lastSuccessor[node] = newLast;
      if (i === 0) {
        parent[node] = enteringParent;
        predArc[node] = inArc;
        predDir[node] = source[inArc] === node ? DIR_UP : DIR_DOWN;
        predFlow[node] = this.flow[inArc];
        predCapacity[node] = this.capacity[inArc];
        subtreeSize[node] = treeSize;
      } else {
        parent[node] = stem[i - 1];
        predArc[node] = stemPredArc[i - 1];
        predDir[node] = -stemPredDir[i - 1] as -1 | 1;
        predFlow[node] = stemPredFlow[i - 1];
        predCapacity[node] = stemPredCapacity[i - 1];
        subtreeSize[node] = treeSize - stemSize[i - 1];
      }
    }
    for (let node = enteringParent; node !== -1 && lastSuccessor[node] === enteringParent; node = parent[node]) lastSuccessor[node] = newLast;
    for (let node = enteringParent; node !== join; node = parent[node]) subtreeSize[node] += treeSize;

    const shift = potential[enteringParent] - predDir[enteringChild] * cost[inArc] - potential[enteringChild];
    if (shift !== 0) {
      let node = enteringChild;
      for (let visited = 0; visited < treeSize; visited++) {
        potential[node] += shift;
        node = thread[node];
      }
    }
  }

  /**
   * Total flow left on artificial arcs; zero means the real arcs alone carry a feasible
   * flow. Once zero it stays zero: the artificial arcs still in the tree then all point
   * to the root with no flow, and any cycle through the root needs to push flow back
   * down one of them, so such a pivot is degenerate.
   */
  artificialFlow(): number {
    let total = 0;
    for (let node = 0; node < this.nodeCount; node++) total += this.flow[this.arcCount + node];
    return total;
  }

  /**
   * Fixes every non-tree arc whose reduced cost is not zero at its current bound:
   * with the current potentials those arcs are exactly the ones that no optimal flow
   * of the current costs may move, so later runs optimise within the optimal face.
   */
  freezeArcsWithNonzeroReducedCost(): number {
    this.layOutSlots();
    const { state, cost, potential, source, target, arcSlot, slotArc } = this;
    let kept = 0;
    let frozen = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      const arc = slotArc[slot];
      arcSlot[arc] = -1;
      if (state[arc] !== STATE_TREE && cost[arc] + potential[source[arc]] - potential[target[arc]] !== 0) {
        state[arc] = STATE_TREE; // never admissible again; never in the tree either
        frozen++;
        continue;
      }
      this.slotArc[kept] = arc;
      this.slotSource[kept] = this.slotSource[slot];
      this.slotTarget[kept] = this.slotTarget[slot];
      this.slotCost[kept] = this.slotCost[slot];
      arcSlot[arc] = kept;
      kept++;
    }
    this.slotCount = kept;
    this.nextSearch = 0;
    this.blockSize = blockSizeFor(kept);
    let keptInReserve = 0;
    for (let index = 0; index < this.reserveCount; index++) {
      const arc = this.reserveArcs[index];
      if (cost[arc] + potential[source[arc]] - potential[target[arc]] !== 0) {
        state[arc] = STATE_TREE;
        frozen++;
      } else this.reserveArcs[keptInReserve++] = arc;
    }
    this.reserveCount = keptInReserve;
    return frozen;
  }

  activeArcCount(): number {
    this.layOutSlots();
    return this.slotCount + this.reserveCount;
  }
}
