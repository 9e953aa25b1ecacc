/**
 * npm run bench:matching -- [--scale london|england|10x ...] [--shapes dense,london,... --sizes 10k,30k,100k,1m]
 *                            [--repeat N] [--no-highs] [--highs-max-arcs N]
 *
 * Generates each instance deterministically, solves it with our matcher and, on the same
 * networks in the same process, with HiGHS level by level, and prints sizes, times, peak
 * memory and the ratio. Each instance runs in a child process so that its peak RSS is its own.
 * Two families: the original scales (generate.ts) and the region shapes of issue #12
 * (generate-shapes.ts). With no argument: london, england, then every shape at 10k and 30k.
 * HiGHS runs only up to --highs-max-arcs arcs (default 1,500,000: England's 1.3M arcs take it
 * about four minutes), and never at 10x (its WebAssembly heap cannot exceed 4 GB).
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildProfessionNetworks } from "../../app/matching/solver/build-network";
import { solveMatching, solveMatchingInParallel } from "../../app/matching/solver/match";
import { parseMatchingInput } from "../../app/matching/solver/parse-input";
import type { MatchingResult } from "../../app/matching/solver/types";
import { type BenchScale, generateInstance, toMatchingDocument } from "./generate";
import { BENCH_SHAPES, BENCH_SIZES, type BenchShape, generateShapedInstance } from "./generate-shapes";
import { loadHighs, solveNetworkWithHighs } from "./highs-lexicographic";

const SCALES: BenchScale[] = ["london", "england", "10x"];

/** One bench instance: an original scale, or a shape at a size. */
type BenchCase = { scale: BenchScale } | { shape: BenchShape; size: string };

function caseLabel(benchCase: BenchCase): string {
  return "scale" in benchCase ? benchCase.scale : `${benchCase.shape} ${benchCase.size}`;
}

interface ScaleReport {
  label: string;
  providers: number;
  offers: number;
  requests: number;
  students: number;
  placed: number;
  nodes: number;
  arcs: number;
  pivots: number;
  jsonMegabytes: number;
  parseMs: number;
  phaseMs: MatchingResult["stats"]["phaseMs"];
  /** Fastest of the repeats. */
  totalMs: number;
  solveMs: number;
  cpuMs: number;
  peakRssMegabytes: number;
  parallel: { totalMs: number; phaseMs: MatchingResult["stats"]["phaseMs"]; sameAnswer: boolean; workerThreads: number } | null;
  highs: { solveMs: number; solveCpuMs: number; totalMs: number; wasmMegabytes: number; agrees: boolean } | { skipped: string };
}

function listOption<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T[] {
  const items = (value ?? "").split(",").filter((item) => item.length > 0);
  for (const item of items) if (!allowed.includes(item as T)) throw new Error(`${name} takes a list of ${allowed.join(", ")}`);
  return items as T[];
}

function parseOptions(argv: string[]) {
  const scales: BenchScale[] = [];
  let shapes: BenchShape[] = [];
  let sizes: string[] = [];
  let repeat = 3;
  let highs = true;
  let highsMaxArcs = 1_500_000;
  let child = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--scale") {
      const scale = argv[++index] as BenchScale;
      if (!SCALES.includes(scale)) throw new Error(`--scale must be one of ${SCALES.join(", ")}`);
      scales.push(scale);
    } else if (argument === "--shapes") shapes = listOption(argv[++index], BENCH_SHAPES, "--shapes");
    else if (argument === "--sizes") sizes = listOption(argv[++index], Object.keys(BENCH_SIZES), "--sizes");
    else if (argument === "--repeat") repeat = Math.max(1, Number(argv[++index]));
    else if (argument === "--no-highs") highs = false;
    else if (argument === "--highs-max-arcs") highsMaxArcs = Number(argv[++index]);
    else if (argument === "--child") child = true;
    else throw new Error(`unknown argument ${argument}`);
  }
  const cases: BenchCase[] = scales.map((scale) => ({ scale }));
  if (shapes.length > 0 || sizes.length > 0 || scales.length === 0) {
    if (scales.length === 0 && shapes.length === 0 && sizes.length === 0) cases.push({ scale: "london" }, { scale: "england" });
    for (const shape of shapes.length > 0 ? shapes : BENCH_SHAPES) {
      for (const size of sizes.length > 0 ? sizes : ["10k", "30k"]) cases.push({ shape, size });
    }
  }
  return { cases, repeat, highs, highsMaxArcs, child };
}

function generateCase(benchCase: BenchCase) {
  return "scale" in benchCase ? generateInstance(benchCase.scale) : generateShapedInstance(benchCase.shape, BENCH_SIZES[benchCase.size]);
}

async function measureCase(benchCase: BenchCase, repeat: number, withHighs: boolean, highsMaxArcs: number): Promise<ScaleReport> {
  const generated = generateCase(benchCase);
  const huge = generated.requests.length > 100_000;
  const document = toMatchingDocument(generated);
  // At 10x the JSON text alone would take hundreds of MB; validate the object instead.
  const json = huge ? null : JSON.stringify(document);
  const parseStarted = performance.now();
  const input = parseMatchingInput(json === null ? document : JSON.parse(json));
  const parseMs = performance.now() - parseStarted;

  let best: { result: MatchingResult; cpuMs: number } | null = null;
  for (let run = 0; run < repeat; run++) {
    const cpuBefore = process.cpuUsage();
    const result = solveMatching(input);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (!best || result.stats.ms < best.result.stats.ms) best = { result, cpuMs };
  }
  const { result, cpuMs } = best!;
  const peakRssMegabytes = process.resourceUsage().maxRSS / 1024;

  // Worker threads are compared on the original scales only; shapes measure the solver.
  let parallel: ScaleReport["parallel"] = null;
  if ("scale" in benchCase) {
    let parallelBest: MatchingResult | null = null;
    for (let run = 0; run < repeat; run++) {
      const parallelResult = await solveMatchingInParallel(input, { workers: 2 });
      if (!parallelBest || parallelResult.stats.ms < parallelBest.stats.ms) parallelBest = parallelResult;
    }
    const sameAnswer =
      JSON.stringify(parallelBest!.allocations) === JSON.stringify(result.allocations) &&
      JSON.stringify(parallelBest!.stats.levels) === JSON.stringify(result.stats.levels);
    parallel = { totalMs: parallelBest!.stats.ms, phaseMs: parallelBest!.stats.phaseMs, sameAnswer, workerThreads: parallelBest!.stats.workerThreads };
  }

  let highs: ScaleReport["highs"];
  if (!withHighs) highs = { skipped: "not requested" };
  else if (huge || ("scale" in benchCase && benchCase.scale === "10x")) highs = { skipped: "would exceed the 4 GB WebAssembly heap" };
  else if (result.stats.arcs > highsMaxArcs) highs = { skipped: `${result.stats.arcs} arcs > --highs-max-arcs ${highsMaxArcs}` };
  else {
    const solver = await loadHighs();
    const networks = buildProfessionNetworks(input);
    let solveMs = 0;
    let solveCpuMs = 0;
    let totalMs = 0;
    const levels = [0, 0, 0, 0];
    for (const network of networks) {
      const run = solveNetworkWithHighs(solver, network);
      solveMs += run.solveMs;
      solveCpuMs += run.solveCpuMs;
      totalMs += run.totalMs;
      run.levelValues.forEach((value, level) => (levels[level] += value));
    }
    const ours = result.stats.levels;
    const agrees =
      levels[0] === ours.unplaced && levels[1] === ours.fairShareCost && levels[2] === ours.universityShortfallCost && levels[3] === ours.preferenceCost;
    highs = { solveMs, solveCpuMs, totalMs, wasmMegabytes: solver.memoryBytes / 2 ** 20, agrees };
  }

  return {
    label: caseLabel(benchCase),
    providers: input.providers.length,
    offers: input.offers.length,
    requests: input.requests.length,
    students: result.stats.requested,
    placed: result.stats.placed,
    nodes: result.stats.nodes,
    arcs: result.stats.arcs,
    pivots: result.stats.pivots,
    jsonMegabytes: json === null ? 0 : json.length / 2 ** 20,
    parseMs,
    phaseMs: result.stats.phaseMs,
    totalMs: result.stats.ms,
    solveMs: result.stats.phaseMs.solve,
    cpuMs,
    peakRssMegabytes,
    parallel,
    highs,
  };
}

function formatReport(report: ScaleReport): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    `== ${report.label}: ${report.providers} providers, ${report.offers} offers, ${report.requests} requests, ${report.students} students (${report.placed} placed)`,
    `   network: ${report.nodes} nodes, ${report.arcs} arcs, ${report.pivots} pivots; ${
      report.jsonMegabytes > 0 ? `input JSON ${report.jsonMegabytes.toFixed(1)} MB parsed and validated` : "input object validated"
    } in ${seconds(report.parseMs)}`,
    `   ours: total ${seconds(report.totalMs)} = build ${seconds(report.phaseMs.build)} + solve ${seconds(report.phaseMs.solve)} + certificate ${seconds(
      report.phaseMs.verify,
    )} + explain ${seconds(report.phaseMs.explain)}; CPU ${seconds(report.cpuMs)}; peak RSS ${report.peakRssMegabytes.toFixed(0)} MB`,
  ];
  const parallel = report.parallel;
  if (parallel) {
    lines.push(
      `   ours on ${parallel.workerThreads} worker threads: total ${seconds(parallel.totalMs)} (slowest thread: build ${seconds(parallel.phaseMs.build)}, solve ${seconds(
        parallel.phaseMs.solve,
      )}, certificate ${seconds(parallel.phaseMs.verify)}, explain ${seconds(parallel.phaseMs.explain)}); ${parallel.sameAnswer ? "same answer" : "DIFFERENT answer"}`,
    );
  }
  if ("skipped" in report.highs) lines.push(`   HiGHS: skipped (${report.highs.skipped})`);
  else {
    lines.push(
      `   HiGHS (same networks, level by level, warm-started): ${seconds(report.highs.solveMs)} solving, ${seconds(report.highs.totalMs)} with model set-up; WASM heap ${report.highs.wasmMegabytes.toFixed(0)} MB; ${
        report.highs.agrees ? "same optimum at every level" : "DISAGREES with our optimum"
      }`,
      `   ratio: HiGHS solve / our solve = ${(report.highs.solveMs / report.solveMs).toFixed(1)}x; / our whole run = ${(report.highs.solveMs / report.totalMs).toFixed(1)}x; in CPU time, HiGHS solve / our whole run = ${(report.highs.solveCpuMs / report.cpuMs).toFixed(1)}x`,
    );
  }
  return lines.join("\n");
}

function summaryRow(report: ScaleReport): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const highs =
    "skipped" in report.highs
      ? ["not run", "–", "–"]
      : [
          `${seconds(report.highs.solveMs)} (CPU ${seconds(report.highs.solveCpuMs)})`,
          `${(report.highs.solveMs / report.solveMs).toFixed(1)}×${report.highs.agrees ? "" : " DISAGREES"}`,
          `${(report.highs.solveCpuMs / report.cpuMs).toFixed(1)}×`,
        ];
  return `| ${report.label} | ${report.arcs.toLocaleString("en-GB")} | ${report.pivots.toLocaleString("en-GB")} | ${seconds(report.totalMs)} (${seconds(report.solveMs)}); CPU ${seconds(report.cpuMs)} | ${report.peakRssMegabytes.toFixed(0)} MB | ${highs.join(" | ")} |`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.child) {
    const report = await measureCase(options.cases[0], options.repeat, options.highs, options.highsMaxArcs);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const run = promisify(execFile);
  const self = fileURLToPath(import.meta.url);
  console.log(`matching bench, Node ${process.version}, ${options.repeat} run(s) of our solver per instance (fastest shown)`);
  const summary: string[] = [];
  for (const benchCase of options.cases) {
    const caseArgs = "scale" in benchCase ? ["--scale", benchCase.scale] : ["--shapes", benchCase.shape, "--sizes", benchCase.size];
    const args = [self, "--child", ...caseArgs, "--repeat", String(options.repeat), "--highs-max-arcs", String(options.highsMaxArcs), ...(options.highs ? [] : ["--no-highs"])];
    let stdout: string;
    try {
      ({ stdout } = await run(process.execPath, [...process.execArgv, ...args], { maxBuffer: 1 << 24 }));
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim().split("\n").at(-1) ?? String(error);
      console.log(`== ${caseLabel(benchCase)}: not solved: ${stderr}`);
      summary.push(`| ${caseLabel(benchCase)} | not solved: ${stderr} | | | | | | |`);
      continue;
    }
    const report = JSON.parse(stdout.trim().split("\n").at(-1)!) as ScaleReport;
    console.log(formatReport(report));
    summary.push(summaryRow(report));
  }
  console.log(["", "| instance | arcs | pivots | ours: total (solve); CPU of the whole run | peak RSS | HiGHS solve | HiGHS ÷ our solve (wall) | HiGHS solve CPU ÷ our whole run's CPU |", "|---|---|---|---|---|---|---|---|", ...summary].join("\n"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
