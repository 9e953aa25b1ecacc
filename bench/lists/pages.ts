// The Node CPU of whole pages (Remix's handler: loaders, render, serialising), without HTTP, in one process.
// Each build given is loaded side by side (with the dependencies installed beside it) and the builds take
// turns, a batch of requests each, round after round; the median per build and the ratio to the first are
// printed. On a shared machine whose speed swings between runs, this is the steadiest A/B of page code.
//   npm run build && npx tsx bench/lists/pages.ts --database postgresql://…/seeded [--build old-build --build build]
//   [--rounds 8] [--batch 100] [--only text]
import "../process-defaults";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { demoSessionCookie } from "./demo-sessions";
import type { ServerBuild } from "@remix-run/node";
import { installDatabase, openMigratedDatabase, prisma } from "~/platform/db/db.server";

const { values } = parseArgs({
  options: {
    database: { type: "string" },
    build: { type: "string", multiple: true },
    rounds: { type: "string", default: "8" },
    batch: { type: "string", default: "100" },
    only: { type: "string" },
  },
});
if (!values.database) throw new Error("Give --database postgresql://… (a database seeded with `npm run seed -- --scale england`)");

const database = await openMigratedDatabase({ kind: "postgres", url: values.database });
installDatabase(database);
const [student, facilitator, educator, university] = await Promise.all(
  ["student@example.com", "facilitator@example.com", "educator@example.com", "university@example.com"].map(demoSessionCookie),
);
const facilitatorRegion = (await prisma.user.findUniqueOrThrow({ where: { email: "facilitator@example.com" } })).regionId;
const run = await prisma.matchingRun.findFirst({ where: { regionId: facilitatorRegion ?? undefined, status: "SUCCEEDED" }, orderBy: { createdAt: "desc" } });
const pages = [
  { name: "sign-in page, anonymous", path: "/sign-in", cookie: "" },
  { name: "account page", path: "/account", cookie: student },
  { name: "opportunities, first page", path: "/opportunities", cookie: student },
  { name: "opportunities, page 200", path: "/opportunities?page=200", cookie: student },
  { name: "provider offers", path: "/provider/offers", cookie: educator },
  { name: "university requests", path: "/university/requests", cookie: university },
  { name: "notifications", path: "/notifications", cookie: facilitator },
  { name: "facilitator home", path: "/facilitator", cookie: facilitator },
  { name: "facilitator fair share", path: "/facilitator/fair-share", cookie: facilitator },
  ...(run ? [{ name: "matching run review", path: `/facilitator/matching/${run.id}`, cookie: facilitator }] : []),
].filter((page) => !values.only || page.name.includes(values.only));

const builds: { dir: string; handle: ReturnType<typeof import("@remix-run/node").createRequestHandler> }[] = [];
for (const dir of values.build ?? ["build"]) {
  const serverBuildPath = path.resolve(dir, "server/index.js");
  const build = (await import(pathToFileURL(serverBuildPath).href)) as ServerBuild;
  // The request handler from the build's own installed dependencies, so that edits to them are compared too.
  const { createRequestHandler } = createRequire(serverBuildPath)("@remix-run/node") as typeof import("@remix-run/node");
  builds.push({ dir, handle: createRequestHandler(build, "production") });
}

async function request(handle: (typeof builds)[number]["handle"], page: (typeof pages)[number]) {
  const response = await handle(new Request(`http://127.0.0.1${page.path}`, { headers: page.cookie ? { cookie: page.cookie } : {} }), {
    cspNonce: "bench",
    clientIp: "127.0.0.1",
    requestReference: "BENCH",
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${page.path} answered ${response.status}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const batch = Number(values.batch);
console.log(`${"page".padEnd(28)} ${builds.map(({ dir }) => `${dir} CPU ms (range)`.padStart(30)).join(" ")} ${"ratio".padStart(6)}`);
for (const page of pages) {
  const cpuMs: number[][] = builds.map(() => []);
  for (const { handle } of builds) for (let i = 0; i < 20; i++) await request(handle, page);
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const [index, { handle }] of builds.entries()) {
      const before = process.cpuUsage();
      for (let i = 0; i < batch; i++) await request(handle, page);
      const cpu = process.cpuUsage(before);
      cpuMs[index].push((cpu.user + cpu.system) / 1000 / batch);
    }
  }
  const cells = cpuMs.map((runs) => `${median(runs).toFixed(2)} (${Math.min(...runs).toFixed(2)}–${Math.max(...runs).toFixed(2)})`.padStart(30));
  console.log(`${page.name.padEnd(28)} ${cells.join(" ")} ${(median(cpuMs.at(-1)!) / median(cpuMs[0])).toFixed(2).padStart(6)}`);
}
await database.close();
process.exit(0);
