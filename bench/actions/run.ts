// Server time of the main actions at England scale: publishing an offer, booking an offer, the
// provider confirming the booking, and a 500-row offer CSV checked and imported in one post. Each is
// posted one at a time, as a browser with JavaScript posts it (the route's `.data` URL), against
// the production build serving a seeded database; a trivial route is measured in the same run.
//   npm run build && npm run bench:actions -- --database postgresql://…/seeded [--count 40] [--csv 5]
//   [--only text] measures only the actions whose name contains text (and those they need first)
// The database gains offers, requests and allocations: use a copy of the seeded one.
import "../process-defaults";
import { parseArgs } from "node:util";
import pg from "pg";
import { installDatabase, openMigratedDatabase, prisma } from "~/platform/db/db.server";
import { parseEnv } from "~/platform/env.server";
import { SUPERVISION_MODEL_LABELS } from "~/vocabulary/labels";
import { createPortalServer } from "../../server/app";
import { benchSession, bookablePairs, type BenchSession } from "./fixtures";

const { values } = parseArgs({
  options: {
    database: { type: "string" },
    count: { type: "string", default: "40" },
    csv: { type: "string", default: "5" },
    only: { type: "string" },
  },
});
if (!values.database) throw new Error("Give --database postgresql://…: a copy of a database seeded with `npm run seed -- --scale england`");
const count = Number(values.count);

const database = await openMigratedDatabase({ kind: "postgres", url: values.database });
installDatabase(database);
const offers = await prisma.offer.count();
if (offers < 10_000) throw new Error(`The database has ${offers} offers: seed it at England scale first`);

const [educator, university] = await Promise.all(["educator@example.com", "university@example.com"].map(benchSession));
const site = await prisma.site.findFirstOrThrow({ where: { organisationId: educator.organisationId! }, select: { id: true, name: true } });

// @ts-ignore -- exists only after `npm run build`
const build = await import("../../build/server/index.js");
const portal = await createPortalServer({ env: parseEnv(), database, build: build as never });
const port = await portal.listen(0, "127.0.0.1");
const origin = `http://127.0.0.1:${port}`;

/** Posts as the page's form would and gives the status and the answer's text. */
async function post(path: string, session: BenchSession, fields: Record<string, string | Blob>) {
  const form = new FormData();
  form.set("csrf", session.csrf);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const response = await fetch(`${origin}${path}`, { method: "POST", body: form, headers: { cookie: session.cookie, origin }, redirect: "manual" });
  return { status: response.status, text: await response.text() };
}

// Statements sent to PostgreSQL, counted where the pool's clients send them: a figure the machine's load cannot move.
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (query as (...args: unknown[]) => unknown).apply(this, args);
} as typeof query;

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** Runs one action `times` times, one after the other, after two unmeasured warm-up runs. */
async function measure(name: string, times: number, act: (index: number) => Promise<{ status: number; text: string }>, needed = false) {
  if (values.only && !name.includes(values.only) && !needed) return;
  const wall: number[] = [];
  const cpu: number[] = [];
  let failures = 0;
  let sent = 0;
  for (let index = 0; index < times + 2; index += 1) {
    // Work left over from the previous action (a push after its response) is not this one's.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const statementsBefore = statements;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const { status, text } = await act(index);
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpuBefore);
    if (status >= 300) {
      failures += 1;
      if (failures === 1) console.error(`${name}: ${status} ${text.slice(0, 300)}`);
    }
    if (index < 2) continue;
    sent += statements - statementsBefore;
    wall.push(elapsed);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  const cpuMean = cpu.reduce((sum, ms) => sum + ms, 0) / cpu.length;
  console.log(
    `${name.padEnd(36)} ${String(times).padStart(5)} ${percentile(wall, 50).toFixed(1).padStart(8)} ${percentile(wall, 95).toFixed(1).padStart(8)} ${wall[wall.length - 1].toFixed(1).padStart(8)} ${cpuMean.toFixed(1).padStart(8)} ${(sent / times).toFixed(1).padStart(8)} ${String(failures).padStart(6)}`,
  );
}

const pairs = await bookablePairs(count + 2, educator, university);
const csvRows = (batch: number) =>
  [
    "site,profession,specialty,start_date,end_date,slots,supervision_model,years_of_study,notes,publish",
    ...Array.from({ length: 500 }, (_, row) => `${site.name},PT,Bench import ${batch}-${row},2027-01-04,2027-02-26,2,${SUPERVISION_MODEL_LABELS.ONE_TO_ONE},2;3,,yes`),
  ].join("\n");

console.log(`England scale on PostgreSQL (${offers} offers); one action at a time, server in this process`);
console.log(`${"action".padEnd(36)} ${"runs".padStart(5)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)} ${"CPU ms".padStart(8)} ${"queries".padStart(8)} ${"failed".padStart(6)}`);
await measure("trivial route (/healthz)", count, async () => {
  const response = await fetch(`${origin}/healthz`);
  return { status: response.status, text: await response.text() };
});
await measure("publish an offer", count, (index) =>
  post("/provider/offers/new.data", educator, {
    intent: "publish",
    siteId: site.id,
    profession: "PT",
    specialty: `Bench ${index}`,
    startDate: "2027-01-04",
    endDate: "2027-02-26",
    slots: "4",
    supervisionModel: "ONE_TO_ONE",
    notes: "",
  }),
);
await measure(
  "book an offer (university)",
  count,
  (index) => post(`/university/book/${pairs[index].offerId}.data`, university, { requestId: pairs[index].requestId, students: "1" }),
  Boolean(values.only && "confirm a booking (provider)".includes(values.only)),
);
const booked = await prisma.allocation.findMany({ where: { offerId: { in: pairs.map((pair) => pair.offerId) }, status: "PROPOSED" }, orderBy: { createdAt: "asc" }, select: { id: true } });
await measure("confirm a booking (provider)", count, (index) => post(`/allocations/${booked[index].id}.data`, educator, { to: "CONFIRMED" }));
await measure("CSV import, 500 offers (check + import)", Number(values.csv), (index) =>
  post("/provider/offers/upload.data", educator, { intent: "upload", file: new File([csvRows(index)], `offers-${index}.csv`, { type: "text/csv" }) }),
);

await portal.close();
await database.close();
process.exit(0);
