import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { createPostgresDatabase, dropPostgresDatabase } from "../helpers/database";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server";
import { installDatabase, openMigratedDatabase, prisma, type Database } from "~/platform/db/db.server";
import { resetEnv } from "~/platform/env.server";
import { bookOffer } from "~/marketplace/allocations.server";
import { publishRun, startMatchingRun } from "~/matching/runs.server";
import { generateSeedPlan } from "~/seed/generate";
import { writeSeedPlan } from "~/seed/seed.server";
import { createOrganisation, createRegion, createUser, signInAs } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";
import { startServerProcess, type ServerProcess } from "../helpers/server-process";

const serverUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const SECRET = "failure-test-secret-that-is-long-enough";
const name = `px_failures_${randomBytes(4).toString("hex")}`;
let database: Database;
let databaseUrl: string;
const nodes: ServerProcess[] = [];
const sockets: Socket[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(200);
  }
}

function restartPostgres() {
  const version = readdirSync("/etc/postgresql").sort().pop()!;
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "restart", "-m", "fast"], { stdio: "ignore" });
}

describe.runIf(serverUrl && redisUrl && process.getuid?.() === 0)("failures", () => {
  beforeAll(async () => {
    const url = new URL(await createPostgresDatabase(serverUrl!, name));
    databaseUrl = url.toString();
    process.env.SESSION_SECRET = SECRET;
    resetEnv();
    database = await openMigratedDatabase({ kind: "postgres", url: databaseUrl });
    installDatabase(database);
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await Promise.all(nodes.map((node) => node.stop("SIGKILL")));
    await database?.close();
    await dropPostgresDatabase(serverUrl!, name);
  });

  it("a node killed during a matching run: the run is taken over and finishes, and publishing makes no duplicates", async () => {
    await writeSeedPlan(generateSeedPlan("london"));
    const facilitator = await prisma.user.findUniqueOrThrow({ where: { email: "facilitator@example.com" } });
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl!, SESSION_SECRET: SECRET, JOB_LOCK_SECONDS: "3" };
    const doomed = await startServerProcess(env);
    nodes.push(doomed);
    const run = await startMatchingRun(facilitator as SessionUser, { periodStart: new Date("2026-09-01"), periodEnd: new Date("2027-08-31"), profession: null });
    await waitUntil("the run to start", async () => (await prisma.matchingRun.findUniqueOrThrow({ where: { id: run.id } })).status !== "QUEUED", 30_000);
    await doomed.stop("SIGKILL");
    const survivor = await startServerProcess(env);
    nodes.push(survivor);
    await waitUntil("the run to finish on the other node", async () => (await prisma.matchingRun.findUniqueOrThrow({ where: { id: run.id } })).status === "SUCCEEDED", 90_000);
    const published = await publishRun(facilitator as SessionUser, run.id);
    const allocations = await prisma.allocation.findMany({ where: { matchingRunId: run.id }, select: { offerId: true, requestId: true } });
    expect(allocations).toHaveLength(published.published);
    expect(new Set(allocations.map((a) => `${a.offerId}:${a.requestId}`)).size).toBe(allocations.length);
    const overbooked = await prisma.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM "Offer" WHERE "slotsTaken" > "slots"`;
    expect(Number(overbooked[0].n)).toBe(0);
  }, 240_000);

  it("the database restarts during traffic: the server recovers by itself and nothing is saved half-way", async () => {
    const node = nodes[nodes.length - 1];
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id });
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
    const lead = await createUser("UNIVERSITY", { organisationId: university.id });
    const signed = await signInAs(lead);
    const offer = await createOffer(trust.id, { slots: 40 });
    const requests = await Promise.all(Array.from({ length: 30 }, () => createRequest(university.id, { students: 1 })));
    let stop = false;
    const outcomes: number[] = [];
    const traffic = (async () => {
      let i = 0;
      while (!stop) {
        const request = requests[i++ % requests.length];
        const response = await fetch(`${node.url}/university/book/${offer.id}`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: signed.cookie, Origin: node.url },
          body: new URLSearchParams({ csrf: signed.csrf, requestId: request.id, students: "1" }),
        }).catch(() => null);
        outcomes.push(response?.status ?? 0);
        await sleep(20);
      }
    })();
    await sleep(500);
    restartPostgres();
    await waitUntil("readiness after the restart", async () => (await fetch(`${node.url}/readyz`)).ok, 60_000);
    await sleep(1000);
    stop = true;
    await traffic;
    expect(outcomes.some((status) => status === 302 || status === 200)).toBe(true);
    // Reconnect the test's own pool too, then check the books balance exactly.
    await database.close();
    database = await openMigratedDatabase({ kind: "postgres", url: databaseUrl });
    installDatabase(database);
    const after = await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } });
    const live = await prisma.allocation.aggregate({ where: { offerId: offer.id, status: { notIn: ["DECLINED", "CANCELLED"] } }, _sum: { students: true } });
    expect(after.slotsTaken).toBe(live._sum.students ?? 0);
    const requestsAfter = await prisma.placementRequest.findMany({ where: { id: { in: requests.map((r) => r.id) } }, select: { studentsAllocated: true, allocations: { select: { students: true } } } });
    for (const request of requestsAfter) expect(request.studentsAllocated).toBe(request.allocations.reduce((sum, a) => sum + a.students, 0));
    const page = await fetch(`${node.url}/opportunities`, { headers: { Cookie: signed.cookie } });
    expect(page.status).toBe(200);
 }, 180_000);

  it("Redis goes away and comes back: sockets reconnect, and notifications raised meanwhile are not lost", async () => {
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl!, SESSION_SECRET: SECRET };
    const a = nodes[nodes.length - 1];
    const b = await startServerProcess(env);
    nodes.push(b);
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id });
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
    const educator = await createUser("EDUCATOR", { organisationId: trust.id });
    const lead = await createUser("UNIVERSITY", { organisationId: university.id });
    const educatorCookie = (await signInAs(educator)).cookie;
    const socket = connectSocket(a.url, { transports: ["websocket"], extraHeaders: { Cookie: educatorCookie, Origin: a.url } });
    sockets.push(socket);
    await new Promise((resolve) => socket.once("welcome", resolve));
    const received: string[] = [];
    socket.on("notification", (n: { title: string }) => received.push(n.title));

    execFileSync("redis-cli", ["-u", redisUrl!, "shutdown", "nosave"], { stdio: "ignore" });
    await sleep(500);
    const offer = await createOffer(trust.id, { slots: 5 });
    const request = await createRequest(university.id, { students: 2 });
    const signedLead = await signInAs(lead);
    // Booked through node B while Redis is down: the notification is saved even if it cannot fan out.
    const booked = await fetch(`${b.url}/university/book/${offer.id}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: signedLead.cookie, Origin: b.url },
      body: new URLSearchParams({ csrf: signedLead.csrf, requestId: request.id, students: "1" }),
    });
    expect([200, 302]).toContain(booked.status);
    expect(await prisma.notification.count({ where: { userId: educator.id, kind: "allocation-proposed" } })).toBe(1);
    const count = await (await fetch(`${a.url}/notifications/count`, { headers: { Cookie: educatorCookie } })).json();
    expect(count.unreadCount).toBe(1);
    // Sign-in limits fall back to each node's memory rather than failing sign-in.
    const signIn = await fetch(`${a.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: a.url },
      body: new URLSearchParams({ email: educator.email, password: "correct horse battery staple" }),
    });
    expect(signIn.status).toBe(302);

    execFileSync("redis-server", ["--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", new URL(redisUrl!).port || "6379", "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"], { stdio: "ignore" });
    await waitUntil("Redis back", async () => execFileSync("redis-cli", ["-u", redisUrl!, "ping"]).toString().includes("PONG"), 20_000);
    await sleep(3000);
    const second = await createRequest(university.id, { students: 1 });
    await bookOffer(lead as SessionUser, { offerId: offer.id, requestId: second.id, students: 1 }).catch(() => null);
    const viaB = await fetch(`${b.url}/university/book/${offer.id}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: signedLead.cookie, Origin: b.url },
      body: new URLSearchParams({ csrf: signedLead.csrf, requestId: request.id, students: "1" }),
    });
    expect([200, 302]).toContain(viaB.status);
    await waitUntil("a live event through Redis again", async () => received.length >= 1, 15_000);
    expect(socket.connected).toBe(true);
  });
});
