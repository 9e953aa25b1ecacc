/**
 * npx tsx bench/matching/parse.ts [--cases england,10x,dense-1m] [--repeat N]
 *
 * Times reading a matching document from JSON text: JSON.parse alone (the floor), then
 * JSON.parse followed by the zod schema's validation (parseMatchingInputWithSchema, the way
 * every document was read before) and by parseMatchingInput (the single-pass reader). Each
 * way runs in its own child process on the same file, so that its peak RSS is its own; the
 * fastest of N runs is shown, with its CPU time. The children also hash the instance they
 * built, to show both readers returned the same one. The first run is shown too: the command
 * reads one document per process, before the code is warm.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parseMatchingInput, parseMatchingInputWithSchema } from "../../app/matching/solver/parse-input";
import type { MatchingInput } from "../../app/matching/solver/types";
import { generateInstance, toMatchingDocument } from "./generate";
import { generateShapedInstance } from "./generate-shapes";

const CASES = { england: () => generateInstance("england"), "10x": () => generateInstance("10x"), "dense-1m": () => generateShapedInstance("dense", 1_000_000) };
type CaseName = keyof typeof CASES;
const MODES = ["json", "schema", "fast"] as const;
type Mode = (typeof MODES)[number];

interface ChildReport {
  jsonMs: number;
  jsonCpuMs: number;
  validateMs: number;
  validateCpuMs: number;
  /** The first run's wall and CPU, as the command (one document per process) sees it. */
  firstMs: number;
  firstCpuMs: number;
  peakRssMegabytes: number;
  digest: string | null;
}

function cpuMsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function runChild(file: string, mode: Mode, repeat: number): ChildReport {
  const text = readFileSync(file, "utf8");
  const validate = mode === "schema" ? parseMatchingInputWithSchema : mode === "fast" ? parseMatchingInput : null;
  let best: Omit<ChildReport, "firstMs" | "firstCpuMs" | "peakRssMegabytes" | "digest"> | null = null;
  let first: { ms: number; cpuMs: number } | null = null;
  let last: MatchingInput | null = null;
  for (let run = 0; run < repeat; run++) {
    last = null;
    let started = performance.now();
    let cpu = process.cpuUsage();
    const document: unknown = JSON.parse(text);
    const jsonMs = performance.now() - started;
    const jsonCpuMs = cpuMsSince(cpu);
    started = performance.now();
    cpu = process.cpuUsage();
    if (validate) last = validate(document);
    const validateMs = performance.now() - started;
    const validateCpuMs = cpuMsSince(cpu);
    first ??= { ms: jsonMs + validateMs, cpuMs: jsonCpuMs + validateCpuMs };
    if (!best || jsonMs + validateMs < best.jsonMs + best.validateMs) best = { jsonMs, jsonCpuMs, validateMs, validateCpuMs };
  }
  return {
    ...best!,
    firstMs: first!.ms,
    firstCpuMs: first!.cpuMs,
    peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
    digest: last ? createHash("sha1").update(JSON.stringify(last)).digest("hex").slice(0, 12) : null,
  };
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") {
    process.stdout.write(`${JSON.stringify(runChild(argv[1], argv[2] as Mode, Number(argv[3])))}\n`);
    return;
  }
  let cases: CaseName[] = ["england", "10x", "dense-1m"];
  let repeat = 3;
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === "--cases") cases = argv[++index].split(",") as CaseName[];
    else if (argv[index] === "--repeat") repeat = Math.max(1, Number(argv[++index]));
    else throw new Error(`unknown argument ${argv[index]}`);
  }
  for (const name of cases) if (!(name in CASES)) throw new Error(`--cases takes a list of ${Object.keys(CASES).join(", ")}`);

  const run = promisify(execFile);
  const self = fileURLToPath(import.meta.url);
  const folder = mkdtempSync(join(tmpdir(), "matching-parse-"));
  console.log(`matching input reading, Node ${process.version}, fastest of ${repeat} run(s), each way in its own process`);
  try {
    for (const name of cases) {
      const input = CASES[name]();
      const text = JSON.stringify(toMatchingDocument(input));
      const file = join(folder, `${name}.json`);
      writeFileSync(file, text);
      console.log(
        `== ${name}: ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB of JSON; ${input.providers.length.toLocaleString("en-GB")} providers, ` +
          `${input.offers.length.toLocaleString("en-GB")} offers, ${input.requests.length.toLocaleString("en-GB")} requests`,
      );
      const reports = {} as Record<Mode, ChildReport>;
      for (const mode of MODES) {
        const { stdout } = await run(process.execPath, [...process.execArgv, self, "--child", file, mode, String(repeat)], { maxBuffer: 1 << 20 });
        reports[mode] = JSON.parse(stdout.trim().split("\n").at(-1)!) as ChildReport;
      }
      const floor = reports.json.jsonMs;
      const floorCpu = reports.json.jsonCpuMs;
      const label: Record<Mode, string> = {
        json: "JSON.parse alone",
        schema: "JSON.parse + zod schema (before)",
        fast: "JSON.parse + parseMatchingInput",
      };
      for (const mode of MODES) {
        const report = reports[mode];
        const total = report.jsonMs + report.validateMs;
        const totalCpu = report.jsonCpuMs + report.validateCpuMs;
        const validation = mode === "json" ? "" : `; validation ${seconds(report.validateMs)} (CPU ${seconds(report.validateCpuMs)})`;
        console.log(
          `  ${label[mode].padEnd(34)} ${seconds(total).padStart(8)} (CPU ${seconds(totalCpu)}), ${(total / floor).toFixed(2)}× JSON.parse (CPU ${(totalCpu / floorCpu).toFixed(2)}×)` +
            `${validation}; first run ${seconds(report.firstMs)} (CPU ${seconds(report.firstCpuMs)}); peak RSS ${report.peakRssMegabytes.toFixed(0)} MB`,
        );
      }
      const schemaValidation = reports.schema.validateMs;
      console.log(
        `  validation alone: ${(schemaValidation / reports.fast.validateMs).toFixed(1)}× faster; same instance: ${reports.schema.digest === reports.fast.digest ? "yes" : "NO"}`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
