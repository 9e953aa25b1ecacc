/**
 * npx tsx bench/matching/run.ts [--scale london|england|10x ...] [--repeat N] [--no-highs]
 *
 * Generates each instance deterministically, solves it with our matcher and, on the same
 * networks in the same process, with HiGHS level by level, and prints sizes, times, peak
 * memory and the ratio. Each scale runs in a child process so that its peak RSS is its own.
 * Default: london and england. 10x only when asked (HiGHS is skipped there: its WebAssembly
 * heap cannot exceed 4 GB).
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildProfessionNetworks } from "../../app/matching/solver/build-network";
import { solveMatching, solveMatchingInParallel } from "../../app/matching/solver/match";
import { parseMatchingInput } from "../../app/matching/solver/parse-input";
import type { MatchingResult } from "../../app/matching/solver/types";
import { type BenchScale, generateInstance } from "./generate";
import { loadHighs, solveNetworkWithHighs } from "./highs-lexicographic";

const SCALES: BenchScale[] = ["london", "england", "10x"];

interface ScaleReport {
  scale: BenchScale;
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
  parallel: { totalMs: number; phaseMs: MatchingResult["stats"]["phaseMs"]; sameAnswer: boolean; workerThreads: number };
  highs: { solveMs: number; totalMs: number; wasmMegabytes: number; agrees: boolean } | { skipped: string };
}

function parseOptions(argv: string[]) {
  const scales: BenchScale[] = [];
  let repeat = 3;
  let highs = true;
  let child = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--scale") {
      const scale = argv[++index] as BenchScale;
      if (!SCALES.includes(scale)) throw new Error(`--scale must be one of ${SCALES.join(", ")}`);
      scales.push(scale);
    } else if (argument === "--repeat") repeat = Math.max(1, Number(argv[++index]));
    else if (argument === "--no-highs") highs = false;
    else if (argument === "--child") child = true;
    else throw new Error(`unknown argument ${argument}`);
  }
  return { scales: scales.length > 0 ? scales : (["london", "england"] as BenchScale[]), repeat, highs, child };
}

async function measureScale(scale: BenchScale, repeat: number, withHighs: boolean): Promise<ScaleReport> {
  const generated = generateInstance(scale);
  const document = {
    providers: generated.providers.map((provider) => ({
      id: provider.id,
      workforce: provider.workforce,
      sites: provider.sites.map((site) => ({ id: site.id, lat: site.location?.lat, lon: site.location?.lon })),
    })),
    offers: generated.offers,
    requests: generated.requests,
  };
  // At 10x the JSON text alone would take hundreds of MB; validate the object instead.
  const json = scale === "10x" ? null : JSON.stringify(document);
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

  let parallelBest: MatchingResult | null = null;
  for (let run = 0; run < repeat; run++) {
    const parallelResult = await solveMatchingInParallel(input, { workers: 2 });
    if (!parallelBest || parallelResult.stats.ms < parallelBest.stats.ms) parallelBest = parallelResult;
  }
  const sameAnswer =
    JSON.stringify(parallelBest!.allocations) === JSON.stringify(result.allocations) &&
    JSON.stringify(parallelBest!.stats.levels) === JSON.stringify(result.stats.levels);

  let highs: ScaleReport["highs"];
  if (!withHighs) highs = { skipped: "not requested" };
  else if (scale === "10x") highs = { skipped: "would exceed the 4 GB WebAssembly heap" };
  else {
    const solver = await loadHighs();
    const networks = buildProfessionNetworks(input);
    let solveMs = 0;
    let totalMs = 0;
    const levels = [0, 0, 0, 0];
    for (const network of networks) {
      const run = solveNetworkWithHighs(solver, network);
      solveMs += run.solveMs;
      totalMs += run.totalMs;
      run.levelValues.forEach((value, level) => (levels[level] += value));
    }
    const ours = result.stats.levels;
    const agrees =
      levels[0] === ours.unplaced && levels[1] === ours.fairShareCost && levels[2] === ours.universityShortfallCost && levels[3] === ours.preferenceCost;
    highs = { solveMs, totalMs, wasmMegabytes: solver.memoryBytes / 2 ** 20, agrees };
  }

  return {
    scale,
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
    parallel: { totalMs: parallelBest!.stats.ms, phaseMs: parallelBest!.stats.phaseMs, sameAnswer, workerThreads: parallelBest!.stats.workerThreads },
    highs,
  };
}

function formatReport(report: ScaleReport): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    `== ${report.scale}: ${report.providers} providers, ${report.offers} offers, ${report.requests} requests, ${report.students} students (${report.placed} placed)`,
    `   network: ${report.nodes} nodes, ${report.arcs} arcs, ${report.pivots} pivots; ${
      report.jsonMegabytes > 0 ? `input JSON ${report.jsonMegabytes.toFixed(1)} MB parsed and validated` : "input object validated"
    } in ${seconds(report.parseMs)}`,
    `   ours: total ${seconds(report.totalMs)} = build ${seconds(report.phaseMs.build)} + solve ${seconds(report.phaseMs.solve)} + certificate ${seconds(
      report.phaseMs.verify,
    )} + explain ${seconds(report.phaseMs.explain)}; CPU ${seconds(report.cpuMs)}; peak RSS ${report.peakRssMegabytes.toFixed(0)} MB`,
    `   ours on ${report.parallel.workerThreads} worker threads: total ${seconds(report.parallel.totalMs)} (slowest thread: build ${seconds(
      report.parallel.phaseMs.build,
    )}, solve ${seconds(report.parallel.phaseMs.solve)}, certificate ${seconds(report.parallel.phaseMs.verify)}, explain ${seconds(report.parallel.phaseMs.explain)}); ${
      report.parallel.sameAnswer ? "same answer" : "DIFFERENT answer"
    }`,
  ];
  if ("skipped" in report.highs) lines.push(`   HiGHS: skipped (${report.highs.skipped})`);
  else {
    lines.push(
      `   HiGHS (same networks, level by level, warm-started): ${seconds(report.highs.solveMs)} solving, ${seconds(report.highs.totalMs)} with model set-up; WASM heap ${report.highs.wasmMegabytes.toFixed(0)} MB; ${
        report.highs.agrees ? "same optimum at every level" : "DISAGREES with our optimum"
      }`,
      `   ratio: HiGHS solve / our solve = ${(report.highs.solveMs / report.solveMs).toFixed(1)}x; / our whole run = ${(report.highs.solveMs / report.totalMs).toFixed(1)}x`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.child) {
    const report = await measureScale(options.scales[0], options.repeat, options.highs);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const run = promisify(execFile);
  const self = fileURLToPath(import.meta.url);
  console.log(`matching bench, Node ${process.version}, ${options.repeat} run(s) of our solver per scale (fastest shown)`);
  for (const scale of options.scales) {
    const args = [self, "--child", "--scale", scale, "--repeat", String(options.repeat), ...(options.highs ? [] : ["--no-highs"])];
    const { stdout } = await run(process.execPath, [...process.execArgv, ...args], { maxBuffer: 1 << 24 });
    console.log(formatReport(JSON.parse(stdout.trim().split("\n").at(-1)!) as ScaleReport));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
