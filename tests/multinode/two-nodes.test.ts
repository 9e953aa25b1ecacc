import { randomBytes } from "node:crypto";
import { createPostgresDatabase, dropPostgresDatabase } from "../helpers/database";
import { createClient } from "redis";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server";
import { installDatabase, openMigratedDatabase, prisma, type Database } from "~/platform/db/db.server";
import { resetEnv } from "~/platform/env.server";
import { bookOffer } from "~/marketplace/allocations.server";
import { queueEmail } from "~/platform/mail.server";
import { createOrganisation, createRegion, createUser, signInAs } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";
import { startServerProcess, type ServerProcess } from "../helpers/server-process";
import { startSmtpListener } from "../helpers/smtp";

const serverUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const SECRET = "multi-node-test-secret-that-is-long-enough";
const name = `px_multinode_${randomBytes(4).toString("hex")}`;
let database: Database;
let nodes: ServerProcess[] = [];
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
const sockets: Socket[] = [];

describe.runIf(serverUrl && redisUrl)("two server processes sharing PostgreSQL and Redis", () => {
  beforeAll(async () => {
    const url = new URL(await createPostgresDatabase(serverUrl!, name));
    process.env.SESSION_SECRET = SECRET;
    resetEnv();
    database = await openMigratedDatabase({ kind: "postgres", url: url.toString() });
    installDatabase(database);
    smtp = await startSmtpListener();
    const env = { DATABASE_URL: url.toString(), REDIS_URL: redisUrl!, SESSION_SECRET: SECRET, SMTP_URL: smtp.url };
    nodes = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await Promise.all(nodes.map((node) => node.stop()));
    await database?.close();
    await smtp?.close();
    await dropPostgresDatabase(serverUrl!, name);
  });

  function connect(node: ServerProcess, cookie: string) {
    const socket = connectSocket(node.url, { transports: ["websocket"], extraHeaders: { Cookie: cookie, Origin: node.url }, reconnection: false });
    sockets.push(socket);
    return new Promise<Socket>((resolve, reject) => {
      socket.on("welcome", () => resolve(socket));
      socket.on("connect_error", reject);
    });
  }

  it("an event raised through one node's HTTP API reaches sockets on both nodes, once each", async () => {
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id });
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
    const educator = await createUser("EDUCATOR", { organisationId: trust.id });
    const lead = await createUser("UNIVERSITY", { organisationId: university.id });
    const outsider = await createUser("UNIVERSITY", { organisationId: (await createOrganisation({ kind: "UNIVERSITY", regionId: region.id })).id });
    const offer = await createOffer(trust.id, { slots: 2 });
    const request = await createRequest(university.id, { students: 1 });
    const allocation = await bookOffer(lead as SessionUser, { offerId: offer.id, requestId: request.id, students: 1 });

    const leadCookie = (await signInAs(lead)).cookie;
    const onNodeA = await connect(nodes[0], leadCookie);
    const onNodeB = await connect(nodes[1], leadCookie);
    const outsiderSocket = await connect(nodes[0], (await signInAs(outsider)).cookie);
    const received = { a: [] as string[], b: [] as string[], outsider: [] as string[] };
    onNodeA.on("notification", (n: { title: string }) => received.a.push(n.title));
    onNodeB.on("notification", (n: { title: string }) => received.b.push(n.title));
    outsiderSocket.on("notification", (n: { title: string }) => received.outsider.push(n.title));

    // The educator confirms through node B's HTTP API.
    const signedEducator = await signInAs(educator);
    const response = await fetch(`${nodes[1].url}/allocations/${allocation.id}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: signedEducator.cookie, Origin: nodes[1].url },
      body: new URLSearchParams({ csrf: signedEducator.csrf, to: "CONFIRMED" }),
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(received.a).toHaveLength(1);
    expect(received.b).toHaveLength(1);
    expect(received.a[0]).toContain("confirmed 1 place");
    expect(received.outsider).toHaveLength(0);
    expect(await prisma.allocation.findUniqueOrThrow({ where: { id: allocation.id } })).toMatchObject({ status: "CONFIRMED" });
  });

  it("background work runs once across nodes: 40 queued emails arrive exactly once each", async () => {
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i < 40; i++) {
        await queueEmail(tx, `person${i}@example.test`, { template: "password-reset", props: { name: `Person ${i}`, resetUrl: "http://x/reset", validMinutes: 60 } });
      }
    });
    const deadline = Date.now() + 30_000;
    while (smtp.messages.filter((m) => m.subject?.includes("Reset")).length < 40 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const recipients = smtp.messages.filter((m) => m.subject?.includes("Reset")).map((m) => (m.to && "text" in m.to ? m.to.text : ""));
    expect(recipients).toHaveLength(40);
    expect(new Set(recipients).size).toBe(40);
    expect(await prisma.job.count({ where: { queue: "mail", status: { not: "done" } } })).toBe(0);
  });

  it("sign-in limits are shared: five failures on one node lock the account on the other", async () => {
    const user = await createUser("ADMIN", { email: "shared-limit@example.test" });
    const attempt = (node: ServerProcess, password: string) =>
      fetch(`${node.url}/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: node.url },
        body: new URLSearchParams({ email: user.email, password }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt(nodes[0], "wrong password")).status).toBe(400);
    const locked = await attempt(nodes[1], "correct horse battery staple");
    expect(locked.status).toBe(429);
  });

  it("Redis carries the events: both nodes are subscribed to the adapter's channel", async () => {
    const client = createClient({ url: redisUrl });
    await client.connect();
    const channels = await client.sendCommand<string[]>(["PUBSUB", "CHANNELS", "socket.io*"]);
    const counts = (await client.sendCommand<(string | number)[]>(["PUBSUB", "NUMSUB", ...channels])).filter((_, i) => i % 2 === 1).map(Number);
    await client.quit();
    expect(channels.length).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(2);
  });
});
