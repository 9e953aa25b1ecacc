// The Node CPU of a page's loaders (root and page) without HTTP or rendering, one call at a time: steadier
// than req/s when the machine is shared, and it names whose cost a page is. Each build given is measured in
// turn, page by page, so an A/B comparison alternates within one run.
//   npm run build && npx tsx bench/lists/loaders.ts --database postgresql://…/seeded [--build build --build old-build]
//   [--calls 60] [--only text]
import "../process-defaults";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { demoSessionCookie } from "./demo-sessions";
import pg from "pg";
import { installDatabase, openMigratedDatabase } from "~/platform/db/db.server";

const { values } = parseArgs({
  options: {
    database: { type: "string" },
    build: { type: "string", multiple: true },
    calls: { type: "string", default: "60" },
    only: { type: "string" },
  },
});
if (!values.database) throw new Error("Give --database postgresql://… (a database seeded with `npm run seed -- --scale england`)");

// Statements sent per call, counted where every query (Prisma's adapter and the driver reads) reaches pg.
let statements = 0;
const sendQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (sendQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof sendQuery;

const database = await openMigratedDatabase({ kind: "postgres", url: values.database });
installDatabase(database);
const [student, educator, university, facilitator] = await Promise.all(
  ["student@example.com", "educator@example.com", "university@example.com", "facilitator@example.com"].map(demoSessionCookie),
);
const pages = [
  { name: "account page", route: "routes/account", path: "/account", cookie: student },
  { name: "opportunities, first page", route: "routes/opportunities._index", path: "/opportunities", cookie: student },
  { name: "provider offers", route: "routes/provider.offers._index", path: "/provider/offers", cookie: educator },
  { name: "provider allocations", route: "routes/provider.allocations", path: "/provider/allocations", cookie: educator },
  { name: "university requests", route: "routes/university.requests._index", path: "/university/requests", cookie: university },
  { name: "notifications", route: "routes/notifications._index", path: "/notifications", cookie: university },
  { name: "facilitator region overview", route: "routes/facilitator._index", path: "/facilitator", cookie: facilitator },
  { name: "facilitator fair share", route: "routes/facilitator.fair-share._index", path: "/facilitator/fair-share", cookie: facilitator },
].filter((page) => !values.only || page.name.includes(values.only));

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
interface Build {
  routes: Record<string, { module: { loader?: Loader } }>;
}
const builds: { dir: string; build: Build }[] = [];
for (const dir of values.build ?? ["build"]) {
  builds.push({ dir, build: (await import(pathToFileURL(path.resolve(dir, "server/index.js")).href)) as Build });
}

async function measure(build: Build, page: (typeof pages)[number]) {
  const root = build.routes.root.module.loader!;
  const loader = build.routes[page.route].module.loader!;
  const call = async () => {
    const args = { request: new Request(`http://127.0.0.1${page.path}`, { headers: { cookie: page.cookie } }), params: {}, context: { cspNonce: "bench" } };
    await Promise.all([root(args), loader(args)]);
  };
  for (let i = 0; i < 10; i++) await call();
  const calls = Number(values.calls);
  const statementsBefore = statements;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) await call();
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: (performance.now() - started) / calls, cpuMs: (cpu.user + cpu.system) / 1000 / calls, statements: (statements - statementsBefore) / calls };
}

console.log(`${"page".padEnd(30)} ${"build".padEnd(14)} ${"wall ms".padStart(8)} ${"CPU ms".padStart(8)} ${"queries".padStart(8)}`);
for (const page of pages) {
  for (const { dir, build } of builds) {
    const { wallMs, cpuMs, statements } = await measure(build, page);
    console.log(`${page.name.padEnd(30)} ${dir.padEnd(14)} ${wallMs.toFixed(1).padStart(8)} ${cpuMs.toFixed(2).padStart(8)} ${statements.toFixed(1).padStart(8)}`);
  }
}
await database.close();
process.exit(0);
