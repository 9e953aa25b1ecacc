// `npm run match`: runs scripts/match.ts from one bundled JavaScript file instead of through the
// TypeScript loader, which cost about a second of start-up per run (and again in each worker
// thread) against a command whose goal is two seconds in all.
//
// The bundle (and the solver's worker thread file next to it) lives in node_modules/.cache and is
// rebuilt with esbuild whenever a file it was built from has changed since, so it never runs stale
// code. Where it cannot be built, and for `--export` (which reads the database), the TypeScript
// source runs as before.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundleDir = path.join(root, "node_modules", ".cache", "placement-exchange", "match");
const entryPoints = { match: "scripts/match.ts", "solve-worker": "app/matching/solver/solve-worker.ts" };

function bundleIsCurrent() {
  let built;
  try {
    built = JSON.parse(readFileSync(path.join(bundleDir, "inputs.json"), "utf8"));
  } catch {
    return false;
  }
  try {
    return built.inputs.every((input) => statSync(path.join(root, input)).mtimeMs <= built.builtAt);
  } catch {
    return false;
  }
}

async function buildBundle() {
  const esbuild = await import("esbuild");
  const builtAt = Date.now();
  const staging = `${bundleDir}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir: staging,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    external: ["./match-export"], // --export runs from source
    metafile: true,
    logLevel: "error",
  });
  writeFileSync(path.join(staging, "package.json"), '{ "type": "module" }\n');
  const inputs = Object.keys(result.metafile.inputs);
  writeFileSync(path.join(staging, "inputs.json"), JSON.stringify({ builtAt, inputs }));
  rmSync(bundleDir, { recursive: true, force: true });
  try {
    renameSync(staging, bundleDir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another run put its bundle there first
  }
}

async function loadMatchScript(argv) {
  const wantsExport = argv.some((argument) => argument === "--export" || argument.startsWith("--export="));
  if (!wantsExport) {
    try {
      if (!bundleIsCurrent()) await buildBundle();
      return await import(pathToFileURL(path.join(bundleDir, "match.js")).href);
    } catch (error) {
      process.stderr.write(`match: running from source (bundle unavailable: ${error instanceof Error ? error.message.split("\n")[0] : String(error)})\n`);
    }
  }
  const { register } = await import("tsx/esm/api");
  register();
  return import(pathToFileURL(path.join(root, entryPoints.match)).href);
}

const argv = process.argv.slice(2);
const { runMatchScript } = await loadMatchScript(argv);
await runMatchScript(argv);
