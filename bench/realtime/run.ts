// Real-time delivery benchmark: N authenticated socket.io clients connected to the portal's own
// socket server (session-cookie handshake, per-user rooms), events pushed through the same path
// notifications use; next to a bare socket.io echo server measured in the same run.
//   npx tsx bench/realtime/run.ts [--clients 5000] [--events 20] [--users 500] [--rounds 3]
//     [--nodes 2] [--redis redis://127.0.0.1:6379] [--database postgresql://…/db]
// --nodes 2 runs two socket servers (bare and portal alike) joined by the Redis adapter, clients spread
// over both and every event emitted on one node; it needs Redis (--redis, default 127.0.0.1:6379).
// The nodes share this process, its one CPU thread and one database. Each portal connect starts with an
// empty session cache, as after a deploy. Without --database the sessions live in PGlite in this process.
import { randomBytes } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server as SocketServer } from "socket.io";
import { io as connectSocket, type Socket } from "socket.io-client";
import { createSession, forgetCachedSessions } from "~/accounts/session.server";
import { installDatabase, openMigratedDatabase, prisma } from "~/platform/db/db.server";
import type { NotificationPush } from "~/platform/realtime/events";
import { emitToRoom } from "~/platform/realtime/realtime.server";
import { userRoom } from "~/platform/realtime/rooms";
import { attachSocketServer } from "../../server/socket";
import { createPostgresDatabase, dropPostgresDatabase } from "../../tests/helpers/database";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "5000" },
    events: { type: "string", default: "20" },
    users: { type: "string", default: "500" },
    rounds: { type: "string", default: "3" },
    nodes: { type: "string", default: "1" },
    redis: { type: "string" },
    database: { type: "string" },
  },
});
const CLIENTS = Number(values.clients);
const EVENTS = Number(values.events);
const USERS = Math.min(Number(values.users), CLIENTS);
const ROUNDS = Math.max(1, Number(values.rounds));
const NODES = Number(values.nodes);
if (NODES !== 1 && NODES !== 2) throw new Error("--nodes is 1 or 2");
const REDIS = values.redis ?? (NODES === 2 ? "redis://127.0.0.1:6379" : undefined);
// Our own channel names on a Redis that others may share.
const redisKey = `px-bench-${randomBytes(4).toString("hex")}`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function listen(server: HttpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

/** Client i goes to node i % NODES: with an even number of users, all of one user's tabs meet on one node. */
async function connectAll(ports: number[], cookies: string[]) {
  const sockets: Socket[] = [];
  const batch = 250;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < CLIENTS; i += batch) {
    const wave = Array.from({ length: Math.min(batch, CLIENTS - i) }, (_, j) => {
      const port = ports[(i + j) % ports.length];
      const socket = connectSocket(`http://127.0.0.1:${port}`, {
        transports: ["websocket"],
        reconnection: false,
        extraHeaders: { Cookie: cookies[(i + j) % cookies.length], Origin: `http://127.0.0.1:${port}` },
      });
      sockets.push(socket);
      return new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
    });
    await Promise.all(wave);
  }
  const used = process.cpuUsage(cpu);
  return { sockets, connectSeconds: (performance.now() - started) / 1000, connectCpuSeconds: (used.user + used.system) / 1e6 };
}

/** Emits EVENTS events, each to every room once, and records emit-to-receipt latency per delivery. */
async function measure(sockets: Socket[], eventName: string, emitRound: (round: number, sentAt: number) => void) {
  const latencies: number[] = [];
  let received = 0;
  const expected = sockets.length * EVENTS;
  let finish: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  for (const socket of sockets) {
    socket.on(eventName, (payload: { sentAt: number }) => {
      latencies.push(performance.now() - payload.sentAt);
      if (++received === expected) finish();
    });
  }
  const started = performance.now();
  for (let round = 0; round < EVENTS; round++) {
    emitRound(round, performance.now());
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 60_000))]);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { delivered: received, expected, p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: received / seconds };
}

/** The Redis adapter on its own connections, under this run's own key. */
async function joinThroughRedis(io: SocketServer): Promise<() => Promise<void>> {
  const pub = createClient({ url: REDIS });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { key: redisKey }));
  return async () => void (await Promise.allSettled([pub.quit(), sub.quit()]));
}

/** Starts NODES servers, connects every client, measures delivery from the first node, closes everything. */
async function run<S extends SocketServer>(
  attach: (http: HttpServer) => S,
  eventName: string,
  emitRound: (nodes: S[], sentAt: number) => void,
  cookies: string[],
) {
  const https = Array.from({ length: NODES }, () => createServer());
  const nodes = https.map(attach);
  const closers = REDIS ? await Promise.all(nodes.map((io) => joinThroughRedis(io))) : [];
  const ports = await Promise.all(https.map(listen));
  const { sockets, connectSeconds, connectCpuSeconds } = await connectAll(ports, cookies);
  const result = await measure(sockets, eventName, (_round, sentAt) => emitRound(nodes, sentAt));
  sockets.forEach((socket) => socket.close());
  await Promise.all(nodes.map((io) => new Promise<void>((resolve) => io.close(() => resolve()))));
  await Promise.all(closers.map((close) => close()));
  return { ...result, connectSeconds, connectCpuSeconds };
}

/** What every event carries, in both servers, so that the two send the same bytes. */
const push: NotificationPush = { id: "bench", title: "bench", link: "/notifications", kind: "bench", unreadCount: 1 };

/** The same rooms and the same emits, without authentication or the portal's code: the floor. */
function bareEcho(cookies: string[]) {
  let joined = 0;
  return run(
    (http) => {
      const io = new SocketServer(http, { serveClient: false });
      io.on("connection", (socket) => void socket.join(`user:${joined++ % USERS}`));
      return io;
    },
    "bare",
    ([first], sentAt) => {
      for (let user = 0; user < USERS; user++) first.to(`user:${user}`).emit("bare", { ...push, sentAt });
    },
    cookies,
  );
}

function portalPath(cookies: string[], userIds: string[]) {
  forgetCachedSessions();
  return run(
    // The last node attached is the one emitToRoom sends through; the adapter carries it to the other.
    (http) => attachSocketServer(http, { allowedOrigins: () => [] }),
    "notification",
    (_nodes, sentAt) => {
      for (const userId of userIds) emitToRoom(userRoom(userId), "notification", { ...push, sentAt } as NotificationPush);
    },
    cookies,
  );
}

let dropDatabase: (() => Promise<void>) | undefined;
let database;
if (values.database) {
  const name = `px_realtime_${randomBytes(4).toString("hex")}`;
  database = await openMigratedDatabase({ kind: "postgres", url: await createPostgresDatabase(values.database, name) });
  dropDatabase = () => dropPostgresDatabase(values.database!, name);
} else {
  database = await openMigratedDatabase({ kind: "pglite", dataDir: null });
}
installDatabase(database);
const region = await prisma.region.create({ data: { name: "Bench" } });
const organisation = await prisma.organisation.create({ data: { name: "Bench Trust", kind: "PROVIDER", providerType: "NHS_TRUST", regionId: region.id } });
const userIds: string[] = [];
const cookies: string[] = [];
for (let i = 0; i < USERS; i++) {
  const user = await prisma.user.create({ data: { email: `bench${i}@example.test`, name: `Bench ${i}`, role: "EDUCATOR", organisationId: organisation.id } });
  userIds.push(user.id);
  cookies.push(`px_session=${(await createSession(user.id)).token}`);
}

console.log(
  `Real-time delivery: ${CLIENTS} clients (${USERS} users, ${CLIENTS / USERS} tabs each), ${EVENTS} events each, ` +
    `${NODES} node${NODES > 1 ? "s" : ""}${REDIS ? " with the Redis adapter" : ""}, sessions in ${values.database ? "PostgreSQL" : "PGlite"}`,
);
// Bare and portal alternate; the first pair warms up the JIT and is not counted.
type Result = Awaited<ReturnType<typeof bareEcho>>;
const pairs: { bare: Result; portal: Result }[] = [];
await bareEcho(cookies);
await portalPath(cookies, userIds);
for (let round = 0; round < ROUNDS; round++) {
  const bare = await bareEcho(cookies);
  const portal = await portalPath(cookies, userIds);
  pairs.push({ bare, portal });
}
const row = (name: string, r: Result) =>
  `${name.padEnd(24)} ${`${r.delivered}/${r.expected}`.padStart(13)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ` +
  `${Math.round(r.perSecond).toLocaleString("en-GB").padStart(12)} ${r.connectSeconds.toFixed(2).padStart(10)} ${r.connectCpuSeconds.toFixed(2).padStart(12)}`;
console.log(
  `${"".padEnd(24)} ${"delivered".padStart(13)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"deliveries/s".padStart(12)} ` +
    `${"connect s".padStart(10)} ${"connect CPU s".padStart(12)}`,
);
const ratios = pairs.map(({ bare, portal }, i) => {
  console.log(row(`bare socket.io (${i + 1})`, bare));
  console.log(row(`portal (${i + 1})`, portal));
  return {
    connect: portal.connectSeconds / bare.connectSeconds,
    cpu: portal.connectCpuSeconds / bare.connectCpuSeconds,
    p50: portal.p50 / bare.p50,
    p99: portal.p99 / bare.p99,
    throughput: portal.perSecond / bare.perSecond,
  };
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const show = (key: keyof (typeof ratios)[number]) => `${ratios.map((r) => r[key].toFixed(2)).join(", ")} (median ${median(ratios.map((r) => r[key])).toFixed(2)}x)`;
console.log(`portal/bare, per pair: connect ${show("connect")}`);
console.log(`  connect CPU ${show("cpu")}`);
console.log(`  delivery p50 ${show("p50")}, p99 ${show("p99")}, throughput ${show("throughput")}`);
await database.close();
await dropDatabase?.();
process.exit(0);
