import { availableParallelism, cpus, loadavg } from "node:os";
import { MatchingCertificateError } from "./certificate";
import { solveMatching, solveMatchingInParallel } from "./match";
import { NetworkSimplexError } from "./network-simplex";
import { MatchingInputError, parseMatchingInput } from "./parse-input";
import type { MatchingInput, MatchingResult, SolveMatchingOptions } from "./types";

/**
 * The file side of the matching command (docs/matching-format.md): arguments, reading, writing
 * and one-line failures. scripts/match.ts only wires it to the process.
 */

export const MATCH_USAGE = "usage: npm run match -- INPUT.json [--out RESULT.json] [--workers N|auto]";

/** `--workers auto`: two worker threads when a second core is idle, else the calling thread. */
export function workersForIdleCores(cores = availableParallelism(), oneMinuteLoad = loadavg()[0]): number {
  // This process is already one unit of the load average.
  return cores >= 2 && oneMinuteLoad <= cores - 1 ? 2 : 1;
}

/** Two threads when other processes kept at most `cores − 1.5` cores busy (on two cores: half a core). */
export function workersForOthersBusy(cores: number, othersBusyCores: number): number {
  return cores >= 2 && othersBusyCores <= cores - 1.5 ? 2 : 1;
}

export interface CpuReading {
  /** Milliseconds the machine's cores spent busy (niced work excluded: a second thread would take its core). */
  machineBusyMs: number;
  /** Milliseconds of CPU this process used. */
  ownMs: number;
  atMs: number;
}

export function readCpu(): CpuReading {
  let machineBusyMs = 0;
  for (const { times } of cpus()) machineBusyMs += times.user + times.sys + times.irq;
  const own = process.cpuUsage();
  return { machineBusyMs, ownMs: (own.user + own.system) / 1000, atMs: performance.now() };
}

/**
 * `--workers auto` takes a second thread only from this many request × offer pairs. On the 2-core machines
 * measured, two threads cost 40–70% more CPU for the same work, so England (111M pairs) and under-supply 100k
 * (82M) ran 0.2–0.5 s slower with two, dense and london 100k (~146M) 0.7–1.7 s faster, and the largest
 * (326M, 514M) a third faster (docs/matching.md, "The whole command").
 */
export const AUTO_MIN_CANDIDATE_PAIRS_FOR_WORKERS = 120_000_000;

/** Below this the kernel's 10 ms ticks say too little, and the one-minute load average decides. */
const MIN_SAMPLE_MS = 100;

/**
 * `--workers auto` decided on what the machine did while the input was read: the load average
 * alone lags a minute, so it still counts a run that has just finished as a busy core.
 */
export function workersForAuto(before: CpuReading, after: CpuReading, cores = availableParallelism()): number {
  const elapsedMs = after.atMs - before.atMs;
  if (elapsedMs < MIN_SAMPLE_MS) return workersForIdleCores(cores);
  const othersBusyMs = after.machineBusyMs - before.machineBusyMs - (after.ownMs - before.ownMs);
  return workersForOthersBusy(cores, Math.max(0, othersBusyMs) / elapsedMs);
}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_SOLVER_FAILED = 3;

export interface MatchArguments {
  inputPath: string;
  outPath: string | null;
  /** Worker threads for large instances; 1 solves in process; auto (the default) takes a second core when it is idle. */
  workers: number | "auto";
}

export class MatchUsageError extends Error {
  override name = "MatchUsageError";
}

export function parseMatchArguments(argv: readonly string[]): MatchArguments {
  let inputPath: string | null = null;
  let outPath: string | null = null;
  let workers: number | "auto" = "auto";
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--workers") {
      const value = argv[++index];
      workers = value === "auto" ? "auto" : Number(value);
      if (workers !== "auto" && (!Number.isInteger(workers) || workers < 1 || workers > 64)) {
        throw new MatchUsageError("--workers needs a whole number from 1 to 64, or auto");
      }
    } else if (argument === "--out" || argument === "-o") {
      const value = argv[++index];
      if (!value) throw new MatchUsageError("--out needs a file name");
      outPath = value;
    } else if (argument.startsWith("--out=")) {
      outPath = argument.slice("--out=".length);
      if (!outPath) throw new MatchUsageError("--out needs a file name");
    } else if (argument.startsWith("-") && argument !== "-") {
      throw new MatchUsageError(`unknown option ${argument}`);
    } else if (inputPath === null) {
      inputPath = argument;
    } else {
      throw new MatchUsageError(`unexpected argument ${argument}`);
    }
  }
  if (inputPath === null) throw new MatchUsageError("INPUT.json is required");
  return { inputPath, outPath, workers };
}

/** Validates a document already in memory (a file, or an export built from the database) and solves it. */
export function matchDocument(document: unknown, options: SolveMatchingOptions = {}): MatchingResult {
  return solveMatching(parseMatchingInput(document), options);
}

export function formatMatchingResult(result: MatchingResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Parses JSON text; a syntax error becomes a MatchingInputError naming the file. */
export function parseMatchingJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MatchingInputError(`${fileName} is not valid JSON: ${oneLine(error)}`);
  }
}

export interface MatchCommandIo {
  readText(path: string): Promise<string>;
  writeText(path: string, text: string): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0].trim();
}

/**
 * Reads and validates the input file. The text and the parsed JSON are garbage once this
 * returns, so they do not stay in memory beside the instance while it is solved.
 */
async function readMatchingFile(path: string, io: MatchCommandIo): Promise<MatchingInput> {
  let text: string;
  try {
    text = path === "-" ? await io.readText("/dev/stdin") : await io.readText(path);
  } catch (error) {
    throw new MatchingInputError(`cannot read ${path}: ${oneLine(error)}`);
  }
  return parseMatchingInput(parseMatchingJson(text, path));
}

/** Runs the command and returns its exit status; failures print one line to stderr, never a stack. */
export async function runMatchCommand(argv: readonly string[], io: MatchCommandIo): Promise<number> {
  let args: MatchArguments;
  try {
    args = parseMatchArguments(argv);
  } catch (error) {
    io.stderr(`match: ${oneLine(error)}\n${MATCH_USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    const beforeReading = readCpu();
    const input = await readMatchingFile(args.inputPath, io);
    const parallel =
      args.workers === "auto"
        ? { workers: workersForAuto(beforeReading, readCpu()), minCandidatePairsForWorkers: AUTO_MIN_CANDIDATE_PAIRS_FOR_WORKERS, useCallingThread: true }
        : { workers: args.workers, useCallingThread: true };
    const result = parallel.workers > 1 ? await solveMatchingInParallel(input, parallel) : solveMatching(input);
    const output = formatMatchingResult(result);
    if (args.outPath) {
      try {
        await io.writeText(args.outPath, output);
      } catch (error) {
        throw new MatchingInputError(`cannot write ${args.outPath}: ${oneLine(error)}`);
      }
    } else io.stdout(output);
    return EXIT_OK;
  } catch (error) {
    io.stderr(`match: ${oneLine(error)}\n`);
    if (error instanceof MatchingInputError) return EXIT_BAD_INPUT;
    if (error instanceof MatchingCertificateError || error instanceof NetworkSimplexError) return EXIT_SOLVER_FAILED;
    return EXIT_SOLVER_FAILED;
  }
}
