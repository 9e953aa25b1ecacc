// Real-time delivery benchmark: N authenticated socket.io clients connected to the portal's own
// socket server (session-cookie handshake, per-user rooms), events pushed through the same path
// notifications use; next to a bare socket.io echo server measured in the same run.
//   npx tsx bench/realtime/run.ts [--clients 5000] [--events 20] [--users 500] [--redis redis://127.0.0.1:6379]
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { Server as SocketServer } from "socket.io";
import { io as connectSocket, type Socket } from "socket.io-client";
import { createSession } from "~/accounts/session.server";
import { installDatabase, openMigratedDatabase, prisma } from "~/platform/db/db.server";
import type { NotificationPush } from "~/platform/realtime/events";
import { emitToRoom } from "~/platform/realtime/realtime.server";
import { userRoom } from "~/platform/realtime/rooms";
import { attachSocketServer } from "../../server/socket";
import { attachRedisAdapter } from "../../server/redis";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "5000" },
    events: { type: "string", default: "20" },
    users: { type: "string", default: "500" },
    redis: { type: "string" },
  },
});
const CLIENTS = Number(values.clients);
const EVENTS = Number(values.events);
const USERS = Math.min(Number(values.users), CLIENTS);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function listen(server: HttpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

async function connectAll(port: number, cookies: string[]): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const batch = 250;
  for (let i = 0; i < CLIENTS; i += batch) {
    const wave = Array.from({ length: Math.min(batch, CLIENTS - i) }, (_, j) => {
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
  return sockets;
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

/** The same rooms and the same emits, without authentication or the portal's code: the floor. */
async function bareEcho(cookies: string[]) {
  const http = createServer();
  const io = new SocketServer(http, { serveClient: false });
  let joined = 0;
  io.on("connection", (socket) => void socket.join(`user:${joined++ % USERS}`));
  const port = await listen(http);
  const connectStarted = performance.now();
  const sockets = await connectAll(port, cookies);
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  const result = await measure(sockets, "bare", (_round, sentAt) => {
    for (let user = 0; user < USERS; user++) io.to(`user:${user}`).emit("bare", { sentAt });
  });
  sockets.forEach((socket) => socket.close());
  await new Promise<void>((resolve) => io.close(() => resolve()));
  return { ...result, connectSeconds };
}

async function portalPath(cookies: string[], userIds: string[]) {
  const http = createServer();
  const io = attachSocketServer(http, { allowedOrigins: () => [] });
  const closeRedis = values.redis ? await attachRedisAdapter(io, values.redis) : undefined;
  const port = await listen(http);
  const connectStarted = performance.now();
  const sockets = await connectAll(port, cookies);
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  const result = await measure(sockets, "notification", (_round, sentAt) => {
    const push: NotificationPush & { sentAt: number } = { id: "bench", title: "bench", link: "/notifications", kind: "bench", unreadCount: 1, sentAt };
    for (const userId of userIds) emitToRoom(userRoom(userId), "notification", push);
  });
  sockets.forEach((socket) => socket.close());
  await new Promise<void>((resolve) => io.close(() => resolve()));
  await closeRedis?.();
  return { ...result, connectSeconds };
}

const database = await openMigratedDatabase({ kind: "pglite", dataDir: null });
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

console.log(`Real-time delivery: ${CLIENTS} clients (${USERS} users, ${CLIENTS / USERS} tabs each), ${EVENTS} events each${values.redis ? ", Redis adapter" : ""}`);
// Each is run twice, alternating, and the second run counted: the first warms up the JIT and the
// first run's socket teardown does not land on the other's measurement.
await bareEcho(cookies);
await portalPath(cookies, userIds);
const bare = await bareEcho(cookies);
const portal = await portalPath(cookies, userIds);
const row = (name: string, r: { delivered: number; expected: number; p50: number; p99: number; perSecond: number }) =>
  `${name.padEnd(34)} ${`${r.delivered}/${r.expected}`.padStart(13)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${Math.round(r.perSecond).toLocaleString("en-GB").padStart(12)}`;
console.log(`${"".padEnd(34)} ${"delivered".padStart(13)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"deliveries/s".padStart(12)}`);
console.log(row("bare socket.io broadcast (baseline)", bare));
console.log(row("portal: auth + per-user rooms", portal));
console.log(`connect: bare ${bare.connectSeconds.toFixed(1)} s, portal (session check per handshake) ${portal.connectSeconds.toFixed(1)} s`);
console.log(`ratio portal/baseline: p50 ${(portal.p50 / bare.p50).toFixed(2)}x, throughput ${(portal.perSecond / bare.perSecond).toFixed(2)}x`);
await database.close();
process.exit(0);
