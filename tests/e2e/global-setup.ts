import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, readFileSync, type WriteStream } from "node:fs";
import { cp, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const READY_TIMEOUT_MS = 2 * 60_000;

/**
 * Builds when build/ is stale (scripts/start.mjs --build-only), then runs the production server
 * on a free port against a fresh PGlite directory, so the demo seed runs and nothing from a
 * developer's ./data leaks in. The server runs from a private copy of build/: another `npm run
 * build` in the same tree replaces build/client, and a running server would then 404 its assets.
 */
export default async function setup(project: TestProject) {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "px-e2e-"));
  const logFile = path.join(workDir, "server.log");
  const log = createWriteStream(logFile);
  const appRoot = await prepareAppRoot(workDir, log, logFile);

  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const dataDir = path.join(workDir, "data");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: baseURL,
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    DATA_DIR: dataDir,
    OUTBOX_DIR: path.join(dataDir, "outbox"),
    SEED_DEMO: "true",
    RUN_WORKERS: "true",
    // The linked app/ and emails/ resolve to their real paths, which the copy's tsconfig does not
    // include: without the repository's own, tsx compiles their JSX for the classic runtime and
    // every email fails to render ("React is not defined").
    TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"),
  };
  // The journeys run on the embedded database with no external services, whatever the shell says.
  for (const name of ["DATABASE_URL", "REDIS_URL", "SMTP_URL", "VITEST"]) delete env[name];

  const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: appRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.pipe(log, { end: false });
  server.stderr!.pipe(log, { end: false });
  // If vitest exits without running the teardown (Ctrl-C), the server still gets its signal.
  const stopOnExit = () => server.kill("SIGTERM");
  process.once("exit", stopOnExit);

  try {
    await waitUntilReady(baseURL, server, logFile);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  console.log(`[e2e] production server ready at ${baseURL} (data and log in ${workDir})`);
  project.provide("baseURL", baseURL);

  return async () => {
    process.off("exit", stopOnExit);
    await stopServer(server);
    log.end();
    const problems = readLog(logFile)
      .split("\n")
      .filter((line) => /"level":(50|60)/.test(line));
    if (problems.length > 0) {
      console.error(`[e2e] the server logged ${problems.length} error(s):\n${problems.slice(0, 20).join("\n")}`);
    }
    if (process.env.E2E_KEEP_DATA) console.log(`[e2e] kept ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  };
}

/**
 * A directory that looks like the repository to server/index.ts (which imports ../build/server
 * and serves ./build/client): its own copies of build/ and server/, links to everything else.
 */
async function prepareAppRoot(workDir: string, log: WriteStream, logFile: string): Promise<string> {
  const appRoot = path.join(workDir, "app-root");
  await mkdir(appRoot);
  for (const entry of ["app", "emails", "styles", "public", "prisma", "node_modules", "package.json", "tsconfig.json"]) {
    if (existsSync(path.join(root, entry))) await symlink(path.join(root, entry), path.join(appRoot, entry));
  }
  await cp(path.join(root, "server"), path.join(appRoot, "server"), { recursive: true });

  const copy = path.join(appRoot, "build");
  for (let attempt = 1; ; attempt++) {
    await buildIfStale(log, logFile);
    await rm(copy, { recursive: true, force: true });
    await cp(path.join(root, "build"), copy, { recursive: true });
    const missing = missingAssets(copy);
    if (missing.length === 0) return appRoot;
    // Copied while someone else's build was writing build/: wait for it and copy again.
    if (attempt === 5) throw new Error(`build/ stays inconsistent (assets missing: ${missing.slice(0, 5).join(", ")})`);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
}

function buildIfStale(log: WriteStream, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const build = spawn(process.execPath, [path.join(root, "scripts", "start.mjs"), "--build-only"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    build.stdout!.pipe(log, { end: false });
    build.stderr!.pipe(log, { end: false });
    build.once("error", reject);
    build.once("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`The build failed (exit ${code}):\n${tail(logFile, 60)}`));
    });
  });
}

/** Assets the server bundle names that the client build does not have. */
function missingAssets(buildDir: string): string[] {
  const serverBundle = path.join(buildDir, "server", "index.js");
  if (!existsSync(serverBundle)) return ["server/index.js"];
  const named = new Set([...readFileSync(serverBundle, "utf8").matchAll(/"\/assets\/([^"/]+)"/g)].map((match) => match[1]));
  return [...named].filter((asset) => !existsSync(path.join(buildDir, "client", "assets", asset)));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(baseURL: string, server: ChildProcess, logFile: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`The server exited (${server.exitCode ?? server.signalCode}) before it was ready:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server was not ready within ${READY_TIMEOUT_MS / 1000}s:\n${tail(logFile)}`);
}

/** SIGTERM for a graceful close; SIGKILL if that hangs. */
async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  server.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), 15_000);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    server.kill("SIGKILL");
    await exited;
  }
}

function readLog(logFile: string): string {
  try {
    return readFileSync(logFile, "utf8");
  } catch {
    return "";
  }
}

function tail(logFile: string, lines = 40): string {
  return readLog(logFile).split("\n").slice(-lines).join("\n");
}
