// List pages under load at England scale: seeds the england data set into a fresh database,
// serves the production build, and drives the main list pages with autocannon next to a trivial
// route measured in the same run.
//   npm run build && npx tsx bench/lists/run.ts [--connections 20] [--seconds 10] [--postgres postgresql://…]
//   [--database postgresql://…/already_seeded] reuses a database seeded with `npm run seed -- --scale england`
//   [--only text] runs only the rows whose name contains text (the two baseline rows always run).
//   [--build dir] serves another server build (default build/), e.g. a copy of the previous build for an A/B run.
//   [--warmup seconds] loads each row this long, unmeasured, before measuring it (default 1; 0 for none), so a cold
//   first view (compiling the page's code, filling its kept figures) is not counted as the page's steady state.
// Besides the lists: the matching review of a run with 2,000 proposals (made in the database on first use)
// and one action, booking an offer, posted over and over round 50 offers made for it.
import "../process-defaults";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { demoSessionCookie } from "./demo-sessions";
import autocannon from "autocannon";
import pg from "pg";
import { installDatabase, openMigratedDatabase, prisma, type Database } from "~/platform/db/db.server";
import { parseEnv } from "~/platform/env.server";
import { generateSeedPlan } from "~/seed/generate";
import { writeSeedPlan } from "~/seed/seed.server";
import { createPortalServer } from "../../server/app";
import { benchSession, bookablePairs, reviewRun } from "../actions/fixtures";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "20" },
    seconds: { type: "string", default: "10" },
    postgres: { type: "string" },
    database: { type: "string" },
    only: { type: "string" },
    build: { type: "string", default: "build" },
    warmup: { type: "string", default: "1" },
  },
});

async function openBenchDatabase(): Promise<Database> {
  if (values.database) return openMigratedDatabase({ kind: "postgres", url: values.database });
  if (!values.postgres) return openMigratedDatabase({ kind: "pglite", dataDir: null });
  const name = `px_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: values.postgres });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(values.postgres);
  url.pathname = `/${name}`;
  const database = await openMigratedDatabase({ kind: "postgres", url: url.toString() });
  const close = database.close;
  database.close = async () => {
    await close();
    const cleanup = new pg.Client({ connectionString: values.postgres });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await cleanup.end();
  };
  return database;
}

const database = await openBenchDatabase();
installDatabase(database);
const started = Date.now();
if (!values.database || (await prisma.offer.count()) === 0) await writeSeedPlan(generateSeedPlan("england"));
const counts = { offers: await prisma.offer.count(), requests: await prisma.placementRequest.count(), organisations: await prisma.organisation.count() };
console.log(`Seeded England scale on ${database.kind} in ${((Date.now() - started) / 1000).toFixed(0)} s: ${counts.offers} offers, ${counts.requests} requests, ${counts.organisations} organisations`);

const [student, educator, university, facilitator] = await Promise.all(
  ["student@example.com", "educator@example.com", "university@example.com", "facilitator@example.com"].map(demoSessionCookie),
);

const build = (await import(pathToFileURL(path.resolve(values.build!, "server/index.js")).href)) as unknown;
const portal = await createPortalServer({ env: parseEnv(), database, build: build as never });
const port = await portal.listen(0, "127.0.0.1");

// A finished matching run of the facilitator's region with 2,000 proposals, and offers the university can book again and again.
const universityForm = await benchSession("university@example.com");
const runId = await reviewRun(await benchSession("facilitator@example.com"), 2_000);
const pairs = await bookablePairs(50, await benchSession("educator@example.com"), universityForm);
let booking = 0;
/** One booking of one student per request, round the pairs; posted as the booking form with JavaScript posts it. */
function nextBooking(request: { method?: string; path?: string; body?: string | Buffer; headers?: Record<string, string> }) {
  const pair = pairs[booking++ % pairs.length];
  const body = new URLSearchParams({ csrf: universityForm.csrf, requestId: pair.requestId, students: "1" }).toString();
  return { ...request, method: "POST", path: `/university/book/${pair.offerId}.data`, body, headers: { ...request.headers, cookie: universityForm.cookie, origin: `http://127.0.0.1:${port}`, "content-type": "application/x-www-form-urlencoded" } };
}

const targets: { name: string; path: string; cookie?: string; post?: typeof nextBooking }[] = [
  // The two baselines: Express alone, and a page that renders with no queries (anonymous sign-in page).
  { name: "trivial route (/healthz)", path: "/healthz" },
  { name: "sign-in page, anonymous (render only)", path: "/sign-in" },
  { name: "account page, signed in", path: "/account", cookie: student },
  { name: "opportunities, first page", path: "/opportunities", cookie: student },
  { name: "opportunities, filtered + searched", path: "/opportunities?profession=PT&q=MSK&year=2", cookie: student },
  { name: "opportunities, page 200", path: "/opportunities?page=200&includeFull=on", cookie: student },
  { name: "provider offers", path: "/provider/offers", cookie: educator },
  { name: "provider allocations", path: "/provider/allocations", cookie: educator },
  { name: "university requests", path: "/university/requests", cookie: university },
  { name: "university requests, filtered", path: "/university/requests?status=OPEN&profession=OT", cookie: university },
  { name: "notifications", path: "/notifications", cookie: university },
  { name: "facilitator region overview", path: "/facilitator", cookie: facilitator },
  { name: "facilitator fair share", path: "/facilitator/fair-share", cookie: facilitator },
  { name: "matching review, 2,000 proposals", path: `/facilitator/matching/${runId}`, cookie: facilitator },
  { name: "book an offer (POST, action)", path: "/university/book", post: nextBooking },
].filter((target, index) => index < 2 || !values.only || target.name.includes(values.only));

/**
 * CPU time (ms) used so far by the machine's PostgreSQL processes, from /proc (Linux, local database):
 * the database's share of a page, which the process's own CPU time does not show. Null elsewhere.
 */
function databaseCpuMs(): number | null {
  try {
    const tick = 10; // USER_HZ is 100 on Linux: one tick is 10 ms
    let total = 0;
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const close = stat.lastIndexOf(")");
        if (!stat.slice(stat.indexOf("(") + 1, close).startsWith("postgres")) continue;
        const fields = stat.slice(close + 2).split(" ");
        total += (Number(fields[11]) + Number(fields[12])) * tick;
      } catch {
        // the process ended while it was read
      }
    }
    return total;
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** Runs autocannon and keeps every response time, so p95 is exact rather than autocannon's nearest bucket. */
function load(path: string, cookie: string | undefined, post?: typeof nextBooking, seconds = Number(values.seconds)) {
  return new Promise<{ rate: number; p50: number; p95: number; p99: number; non2xx: number; cpuMs: number; databaseMs: number | null; kilobytes: number }>((resolve, reject) => {
    const times: number[] = [];
    let bytes = 0;
    const cpuBefore = process.cpuUsage();
    const databaseBefore = databaseCpuMs();
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${path}`,
        connections: Number(values.connections),
        duration: seconds,
        headers: cookie ? { cookie } : {},
        ...(post ? { requests: [{ setupRequest: post as never }] } : {}),
      },
      (error, result) => {
        if (error) return reject(error);
        times.sort((a, b) => a - b);
        const cpu = process.cpuUsage(cpuBefore);
        // CPU time of this process (server and autocannon) per response: steadier than req/s on a busy machine.
        const cpuMs = (cpu.user + cpu.system) / 1000 / Math.max(1, times.length);
        resolve({ rate: result.requests.average, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), non2xx: result.non2xx, cpuMs, databaseMs: databaseBefore === null ? null : Math.max(0, databaseCpuMs()! - databaseBefore) / Math.max(1, times.length), kilobytes: bytes / 1024 / Math.max(1, times.length) });
      },
    );
    instance.on("response", (_client, _status, responseBytes, responseTime) => {
      times.push(responseTime);
      bytes += responseBytes;
    });
  });
}

console.log(`\n${values.connections} connections, ${values.seconds} s each, against http://127.0.0.1:${port}`);
console.log(
  `${"page".padEnd(38)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"non-2xx".padStart(8)} ${"vs trivial".padStart(10)} ${"vs render".padStart(10)} ${"CPU ms/req".padStart(10)} ${"DB CPU ms".padStart(9)} ${"KB/resp".padStart(8)}`,
);
let trivialRate = 0;
let renderRate = 0;
for (const target of targets) {
  if (Number(values.warmup) > 0) await load(target.path, target.cookie, target.post, Number(values.warmup));
  const result = await load(target.path, target.cookie, target.post);
  if (!trivialRate) trivialRate = result.rate;
  else if (!renderRate) renderRate = result.rate;
  console.log(
    `${target.name.padEnd(38)} ${result.rate.toFixed(0).padStart(8)} ${result.p50.toFixed(1).padStart(8)} ${result.p95.toFixed(1).padStart(8)} ${result.p99.toFixed(1).padStart(8)} ${String(result.non2xx).padStart(8)} ${`${(result.rate / trivialRate).toFixed(3)}x`.padStart(10)} ${(renderRate ? `${(result.rate / renderRate).toFixed(2)}x` : "").padStart(10)} ${result.cpuMs.toFixed(2).padStart(10)} ${(result.databaseMs === null ? "–" : result.databaseMs.toFixed(2)).padStart(9)} ${result.kilobytes.toFixed(1).padStart(8)}`,
  );
}
await portal.close();
await database.close();
process.exit(0);
