// Load with one node and with two nodes behind the same PostgreSQL and Redis: England-scale data,
// autocannon against main pages and an action on every node at once, next to a trivial route.
//   npm run build && npx tsx bench/load/run.ts --postgres postgresql://postgres@127.0.0.1:5432/test --redis redis://127.0.0.1:6379
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { createSession } from "~/accounts/session.server";
import { csrfTokenFor } from "~/accounts/csrf.server";
import { hashToken } from "~/accounts/tokens.server";
import { installDatabase, openMigratedDatabase, prisma } from "~/platform/db/db.server";
import { resetEnv } from "~/platform/env.server";
import { generateSeedPlan } from "~/seed/generate";
import { writeSeedPlan } from "~/seed/seed.server";
import { startServerProcess, type ServerProcess } from "../../tests/helpers/server-process";

const { values } = parseArgs({
  options: {
    postgres: { type: "string", default: "postgresql://postgres@127.0.0.1:5432/test" },
    redis: { type: "string", default: "redis://127.0.0.1:6379" },
    seconds: { type: "string", default: "8" },
    connections: { type: "string", default: "10" },
  },
});
const SECRET = "load-bench-secret-load-bench-secret-00";
process.env.SESSION_SECRET = SECRET;
resetEnv();

const name = `px_load_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: values.postgres });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
await admin.end();
const url = new URL(values.postgres!);
url.pathname = `/${name}`;
const database = await openMigratedDatabase({ kind: "postgres", url: url.toString() });
installDatabase(database);
await writeSeedPlan(generateSeedPlan("england"));

const session = async (email: string) => {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const { token } = await createSession(user.id);
  return { cookie: `px_session=${token}`, csrf: csrfTokenFor(hashToken(token)) };
};
const student = await session("student@example.com");
const university = await session("university@example.com");

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** Drives every node at once with the same load and adds the figures up. */
async function drive(nodes: ServerProcess[], path: string, options: { cookie?: string; method?: "GET" | "POST"; body?: (node: ServerProcess) => string } = {}) {
  const times: number[] = [];
  let requests = 0;
  let non2xx = 0;
  await Promise.all(
    nodes.map(
      (node) =>
        new Promise<void>((resolve, reject) => {
          const instance = autocannon(
            {
              url: `${node.url}${path}`,
              connections: Number(values.connections),
              duration: Number(values.seconds),
              method: options.method ?? "GET",
              headers: {
                ...(options.cookie ? { cookie: options.cookie } : {}),
                ...(options.method === "POST" ? { origin: node.url, "content-type": "application/x-www-form-urlencoded" } : {}),
              },
              body: options.body?.(node),
            },
            (error, result) => {
              if (error) return reject(error);
              requests += result.requests.total;
              non2xx += result.non2xx;
              resolve();
            },
          );
          instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
        }),
    ),
  );
  times.sort((a, b) => a - b);
  return { rate: requests / Number(values.seconds), p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), non2xx };
}

const env = { DATABASE_URL: url.toString(), REDIS_URL: values.redis!, SESSION_SECRET: SECRET, LOG_LEVEL: "warn" };
const nodes: ServerProcess[] = [await startServerProcess(env)];
console.log(`England scale on PostgreSQL; ${values.connections} connections per node, ${values.seconds} s per target`);
console.log(`${"target".padEnd(34)} ${"nodes".padStart(5)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"non-2xx".padStart(8)}`);
const rates = new Map<string, number[]>();
for (const count of [1, 2]) {
  if (count === 2) nodes.push(await startServerProcess(env));
  const targets: [string, () => ReturnType<typeof drive>][] = [
    ["trivial route", () => drive(nodes, "/healthz")],
    ["opportunities", () => drive(nodes, "/opportunities", { cookie: student.cookie })],
    ["university requests", () => drive(nodes, "/university/requests", { cookie: university.cookie })],
    ["mark notifications read (POST)", () => drive(nodes, "/notifications", { cookie: university.cookie, method: "POST", body: () => `csrf=${encodeURIComponent(university.csrf)}&intent=mark-all-read` })],
  ];
  for (const [label, run] of targets) {
    const result = await run();
    rates.set(label, [...(rates.get(label) ?? []), result.rate]);
    console.log(
      `${label.padEnd(34)} ${String(count).padStart(5)} ${result.rate.toFixed(0).padStart(8)} ${result.p50.toFixed(1).padStart(8)} ${result.p95.toFixed(1).padStart(8)} ${result.p99.toFixed(1).padStart(8)} ${String(result.non2xx).padStart(8)}`,
    );
  }
}
for (const [label, [one, two]] of rates) console.log(`${label}: two nodes / one node = ${(two / one).toFixed(2)}x`);
await Promise.all(nodes.map((node) => node.stop()));
await database.close();
const cleanup = new pg.Client({ connectionString: values.postgres });
await cleanup.connect();
await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await cleanup.end();
process.exit(0);
