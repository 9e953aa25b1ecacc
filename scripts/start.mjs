#!/usr/bin/env node
// `npm start`: builds the Remix app when build/ is missing or older than its sources, then runs
// the production server (server/index.ts under tsx). For local use the session secret is generated
// once and kept in DATA_DIR/.session-secret, so sessions survive restarts.
// `node scripts/start.mjs --build-only` stops after the build step.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

/** Everything that ends up in build/: a change to any of these makes the build stale. */
const BUILD_INPUTS = ["app", "styles", "emails", "public", "vite.config.ts", "remix.config.js", "tsconfig.json", "package-lock.json"];
const BUILD_OUTPUT = path.join("build", "server", "index.js");

function newestMtime(entry) {
  let stats;
  try {
    stats = statSync(entry);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const name of readdirSync(entry)) {
    if (name === "node_modules" || name === ".cache") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

export function buildIsStale() {
  if (!existsSync(BUILD_OUTPUT) || !existsSync(path.join("build", "client"))) return true;
  const built = statSync(BUILD_OUTPUT).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(input) > built);
}

function buildApp() {
  for (let attempt = 1; ; attempt++) {
    console.log("Building the app (remix vite:build)…");
    const started = Date.now();
    const result = spawnSync(path.join("node_modules", ".bin", "remix"), ["vite:build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.error) throw result.error;
    if (result.status === 0) {
      console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)}s.`);
      return;
    }
    // A source edited while vite was reading it (say, a route added between the client and
    // server passes) fails the build spuriously; one that failed on an unchanged tree is real.
    const changedDuringBuild = BUILD_INPUTS.some((input) => newestMtime(input) >= started);
    if (!changedDuringBuild || attempt >= 3) {
      console.error(`The build failed (exit ${result.status ?? result.signal}).`);
      process.exit(result.status || 1);
    }
    console.log("Sources changed during the build; building again.");
  }
}

/** SESSION_SECRET from the environment, else one generated on first start and kept (0600). */
function sessionSecret(dataDir) {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const file = path.join(dataDir, ".session-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  console.log(`Generated a session secret in ${file}.`);
  return secret;
}

function main() {
  if (buildIsStale()) buildApp();
  // For the browser tests' setup, which runs the server itself from a copy of build/.
  if (process.argv.includes("--build-only")) return;

  const port = process.env.PORT || "3000";
  const dataDir = process.env.DATA_DIR || "./data";
  const env = {
    ...process.env,
    NODE_ENV: "production",
    PORT: port,
    SESSION_SECRET: sessionSecret(dataDir),
    APP_URL: process.env.APP_URL || `http://localhost:${port}`,
  };

  // Its own process group: a Ctrl-C reaches the server once (forwarded below), not twice;
  // close-with-grace treats a second signal as "exit now" and would skip the graceful close.
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    stdio: "inherit",
    env,
    detached: true,
  });

  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  // One Ctrl-C under `npm start` arrives twice (from the terminal and forwarded by npm); the
  // server must see it once. A signal sent a second later is meant: it makes the server stop now.
  let firstSignalAt = 0;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (firstSignalAt && Date.now() - firstSignalAt < 1_000) return;
      firstSignalAt ||= Date.now();
      forward(signal);
    });
  }
  process.on("exit", () => forward("SIGTERM"));

  child.on("error", (error) => {
    console.error(`Could not start the server: ${error.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    process.exit(code ?? 128 + (signal ? constants.signals[signal] : 1));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
