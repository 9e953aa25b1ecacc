import type { Highs } from "highs";
import type { ProfessionNetwork } from "../../app/matching/solver/build-network";
import { levelCostOfArc } from "../../app/matching/solver/lexicographic-solve";
import { INFINITE_CAPACITY } from "../../app/matching/solver/network-simplex";
import { LEVEL_COUNT } from "../../app/matching/solver/objective";

/**
 * The same network and the same four objective levels, solved by HiGHS (WebAssembly) as
 * an LP, level by level: minimise level l, then add "level l ≤ its optimum" as a row and
 * re-solve from the previous basis for level l + 1.
 */

export async function loadHighs(): Promise<Highs> {
  const loadHighsModule = (await import("highs")).default;
  return loadHighsModule();
}

export interface HighsRun {
  levelValues: number[];
  /** Time spent in HiGHS's solves, without building the model. */
  solveMs: number;
  /** CPU time of the same solves: steadier than wall time on a shared machine. */
  solveCpuMs: number;
  /** Time including passing the model to HiGHS. */
  totalMs: number;
}

export function solveNetworkWithHighs(highs: Highs, network: ProfessionNetwork): HighsRun {
  const started = performance.now();
  const { nodeCount, arcCount, source, target, capacity, supply } = network;
  const starts = new Int32Array(arcCount + 1);
  const indices = new Int32Array(2 * arcCount);
  const values = new Float64Array(2 * arcCount);
  for (let arc = 0; arc < arcCount; arc++) {
    starts[arc] = 2 * arc;
    const [first, second] = source[arc] < target[arc] ? [source[arc], target[arc]] : [target[arc], source[arc]];
    indices[2 * arc] = first;
    indices[2 * arc + 1] = second;
    values[2 * arc] = first === source[arc] ? 1 : -1;
    values[2 * arc + 1] = -values[2 * arc];
  }
  starts[arcCount] = 2 * arcCount;
  const costsOfLevel = (level: number) => {
    const costs = new Float64Array(arcCount);
    for (let arc = 0; arc < arcCount; arc++) costs[arc] = levelCostOfArc(network, level, arc);
    return costs;
  };
  const rowBounds = Float64Array.from(supply);

  const model = highs.createModel();
  try {
    model.options.set({ output_flag: false });
    model.passModel({
      numCols: arcCount,
      numRows: nodeCount,
      colCost: costsOfLevel(0),
      colLower: new Float64Array(arcCount),
      colUpper: Float64Array.from(capacity, (bound) => (bound === INFINITE_CAPACITY ? highs.infinity : bound)),
      rowLower: rowBounds,
      rowUpper: rowBounds,
      matrix: { format: "csc", numRows: nodeCount, numCols: arcCount, starts, indices, values },
    });
    let solveMs = 0;
    let solveCpuMs = 0;
    const levelValues: number[] = [];
    for (let level = 0; level < LEVEL_COUNT; level++) {
      const costs = costsOfLevel(level);
      if (level > 0) model.changeColsCost({ kind: "range", from: 0, to: arcCount - 1 }, costs);
      const solveStarted = performance.now();
      const cpuBefore = process.cpuUsage();
      const run = model.run();
      const cpu = process.cpuUsage(cpuBefore);
      solveMs += performance.now() - solveStarted;
      solveCpuMs += (cpu.user + cpu.system) / 1000;
      if (run.modelStatus !== highs.constants.modelStatus.optimal) {
        throw new Error(`HiGHS ended level ${level + 1} of ${network.profession} with status ${run.modelStatus}`);
      }
      const value = Math.round(model.getObjectiveValue());
      levelValues.push(value);
      if (level < LEVEL_COUNT - 1) {
        const columns: number[] = [];
        const coefficients: number[] = [];
        costs.forEach((cost, arc) => {
          if (cost !== 0) {
            columns.push(arc);
            coefficients.push(cost);
          }
        });
        if (columns.length > 0) model.addRow(-highs.infinity, value, { indices: Int32Array.from(columns), values: Float64Array.from(coefficients) });
      }
    }
    return { levelValues, solveMs, solveCpuMs, totalMs: performance.now() - started };
  } finally {
    model.dispose();
  }
}
