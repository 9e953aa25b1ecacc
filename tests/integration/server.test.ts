import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/database";
import { usePortalServer } from "../helpers/portal";
import { createOrganisation, createUser, signInAs, TEST_PASSWORD } from "../helpers/fixtures";
import { createOffer } from "../helpers/marketplace";
import { invalidateSession } from "~/accounts/session.server";
import { hashToken } from "~/accounts/tokens.server";

const database = useTestDatabase();
const server = usePortalServer(database);

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
}

describe("HTTP", () => {
  it("answers health and readiness", async () => {
    expect(await (await fetch(`${server.base}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${server.base}/readyz`)).json()).toMatchObject({ status: "ready" });
  });

  it("sends security headers", async () => {
    const response = await fetch(`${server.base}/sign-in`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("sends a page whole with its length, a HEAD request its headers only, and compresses when asked", async () => {
    const page = await fetch(`${server.base}/sign-in`, { headers: { "Accept-Encoding": "identity" } });
    const body = await page.text();
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(Number(page.headers.get("content-length"))).toBe(Buffer.byteLength(body));
    expect(body.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(body).toContain("window.__remixContext.streamController.close();");
    // The loaders' data reaches the browser in the page (rendered to a string, not streamed): enqueued, then closed.
    const nonce = /<script nonce="([^"]+)">window\.__remixContext\.streamController\.enqueue\(/.exec(body)?.[1];
    expect(nonce).toBeTruthy();
    const enqueued = body.indexOf("streamController.enqueue(");
    expect(body.indexOf("loaderData", enqueued)).toBeGreaterThan(enqueued);
    expect(body.indexOf(`<script nonce="${nonce}">window.__remixContext.streamController.close();`)).toBeGreaterThan(body.indexOf("loaderData", enqueued));
    const head = await fetch(`${server.base}/sign-in`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await head.text()).toBe("");
    const compressed = await fetch(`${server.base}/sign-in`, { headers: { "Accept-Encoding": "gzip" } });
    expect(compressed.headers.get("content-encoding")).toBe("gzip");
    // Same page, but each carries its own nonce: the lengths agree to within the nonce's difference.
    expect((await compressed.text()).length).toBe(body.length);
  });

  it("sends a page's data for a browser navigation whole with its length, and compresses it when asked", async () => {
    const trust = await createOrganisation();
    for (let i = 0; i < 12; i += 1) await createOffer(trust.id, { specialty: `Musculoskeletal outpatients ${i}` });
    const student = await createUser("STUDENT", { organisationId: (await createOrganisation({ kind: "UNIVERSITY" })).id });
    const { cookie } = await signInAs(student);
    const data = await fetch(`${server.base}/opportunities.data`, { headers: { Cookie: cookie, "Accept-Encoding": "identity" } });
    const body = await data.text();
    expect(data.status).toBe(200);
    expect(data.headers.get("content-type")).toMatch(/^text\/x-script/);
    expect(Number(data.headers.get("content-length"))).toBe(Buffer.byteLength(body));
    expect(body).toMatch(/^\[.*"routes\/opportunities\._index".*Musculoskeletal outpatients 11.*\]\n$/s);
    const compressed = await fetch(`${server.base}/opportunities.data`, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" } });
    expect(compressed.headers.get("content-encoding")).toBe("gzip");
    expect(await compressed.text()).toBe(body);
  });

  it("answers a Host header no address can have with 400, not a crash", async () => {
    const { request } = await import("node:http");
    const statusFor = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(server.base);
        request({ host: url.hostname, port: url.port, path: "/sign-in", headers: { Host: host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
          .on("error", reject)
          .end();
      });
    // The test server runs behind Vite's dev middleware, which refuses hosts it does not know with 403 first.
    for (const host of ["localhost:99999", "localhost:65536", "exa mple.com", "[::1", "local host:80"]) {
      const status = await statusFor(host);
      expect(status, host).toBeGreaterThanOrEqual(400);
      expect(status, host).toBeLessThan(500);
    }
    expect(await statusFor("localhost:99999")).toBe(400);
    expect(await statusFor(new URL(server.base).host)).toBe(200);
  });

  it("refuses cross-site and origin-less form posts", async () => {
    const user = await createUser("ADMIN");
    const body = `email=${encodeURIComponent(user.email)}&password=${encodeURIComponent(TEST_PASSWORD)}`;
    expect((await post("/sign-in", body)).status).toBe(403);
    expect((await post("/sign-in", body, { Origin: "https://evil.example" })).status).toBe(403);
    expect((await post("/sign-in", body, { Origin: server.base, "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    const ok = await post("/sign-in", body, { Origin: server.base });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("set-cookie")).toMatch(/^px_session=[a-z2-7]{32};/);
  });

  it("refuses an oversize body with 413", async () => {
    const response = await post("/sign-in", `email=a@b.co&password=${"x".repeat(3 * 1024 * 1024)}`, { Origin: server.base });
    expect(response.status).toBe(413);
  });

  it("sends someone without a session to sign in, keeping where they were going", async () => {
    const response = await fetch(`${server.base}/admin`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in?redirectTo=%2Fadmin");
  });

  it("gives a signed-in user of the wrong role a 403 page, not a crash", async () => {
    const student = await createUser("STUDENT", { organisationId: (await createOrganisation({ kind: "UNIVERSITY" })).id });
    const { cookie } = await signInAs(student);
    const response = await fetch(`${server.base}/admin`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("You do not have access to this page");
  });
});

describe("hostile text", () => {
  const PAYLOAD = `<script>window.pwned=1</script><img src=x onerror="alert(1)">`;

  it("a stored script in free text is shown as text, never run", async () => {
    const trust = await createOrganisation();
    const offer = await createOffer(trust.id, { specialty: `"><svg onload=alert(1)>` });
    await database.current.prisma.offer.update({ where: { id: offer.id }, data: { notes: PAYLOAD } });
    const student = await createUser("STUDENT", { organisationId: (await createOrganisation({ kind: "UNIVERSITY" })).id });
    const html = await (await fetch(`${server.base}/opportunities/${offer.id}`, { headers: { Cookie: (await signInAs(student)).cookie } })).text();
    expect(html).toContain("&lt;script&gt;window.pwned=1&lt;/script&gt;");
    expect(html).not.toContain("<script>window.pwned");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<svg onload");
  });

  it("SQL in search and filters is only ever a search term", async () => {
    const student = await createUser("STUDENT", { organisationId: (await createOrganisation({ kind: "UNIVERSITY" })).id });
    const cookie = (await signInAs(student)).cookie;
    for (const q of [`' OR 1=1 --`, `"; DROP TABLE "Offer"; --`, `%' UNION SELECT * FROM "User" --`]) {
      const response = await fetch(`${server.base}/opportunities?q=${encodeURIComponent(q)}&profession=${encodeURIComponent("PT' OR '1'='1")}`, { headers: { Cookie: cookie } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("No published offers match these filters.");
    }
    expect(await database.current.prisma.offer.count()).toBeGreaterThan(0);
  });
});

describe("socket.io", () => {
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((socket) => socket.close()));

  function connect(cookie?: string) {
    const socket = connectSocket(server.base, { transports: ["websocket"], extraHeaders: cookie ? { Cookie: cookie, Origin: server.base } : { Origin: server.base }, reconnection: false });
    sockets.push(socket);
    return socket;
  }

  it("refuses a socket without a session", async () => {
    const socket = connect();
    const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
    expect(error.message).toBe("unauthorised");
  });

  it("joins a signed-in socket to its own rooms only", async () => {
    const trust = await createOrganisation();
    const other = await createOrganisation();
    const educator = await createUser("EDUCATOR", { organisationId: trust.id });
    const socket = connect((await signInAs(educator)).cookie);
    const welcome = await new Promise<{ userId: string; rooms: string[] }>((resolve) => socket.on("welcome", resolve));
    expect(welcome.userId).toBe(educator.id);
    expect(welcome.rooms).toContain(`org:${trust.id}`);
    expect(welcome.rooms.some((room) => room.includes(other.id))).toBe(false);
    const roomsOnServer = [...(server.portal.io.sockets.sockets.get(socket.id!)?.rooms ?? [])];
    expect(roomsOnServer).toContain(`user:${educator.id}`);
    expect(roomsOnServer.some((room) => room.includes(other.id))).toBe(false);
  });

  it("sorts a storm of handshakes, all at once, into its own rooms for each valid session and a refusal for each ended one", async () => {
    const trusts = [await createOrganisation(), await createOrganisation()];
    const users = await Promise.all(Array.from({ length: 10 }, (_, i) => createUser("EDUCATOR", { organisationId: trusts[i % 2].id })));
    const signedIn = await Promise.all(users.map((user) => signInAs(user)));
    const tokenOf = (cookie: string) => cookie.split("=")[1];
    const [expired, signedOut, deactivated] = signedIn;
    await database.current.prisma.session.update({ where: { id: hashToken(tokenOf(expired.cookie)) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await invalidateSession(hashToken(tokenOf(signedOut.cookie)));
    await database.current.prisma.user.update({ where: { id: deactivated.userId }, data: { active: false } });

    // Three tabs of each user, all connecting at once.
    const outcomes = await Promise.all(
      signedIn.flatMap(({ cookie, userId }) =>
        Array.from({ length: 3 }, () => {
          const socket = connect(cookie);
          return new Promise<{ userId: string; welcome?: { userId: string; rooms: string[] }; error?: string; rooms: string[] }>((resolve) => {
            socket.on("welcome", (welcome) => resolve({ userId, welcome, rooms: [...(server.portal.io.sockets.sockets.get(socket.id!)?.rooms ?? [])] }));
            socket.on("connect_error", (error) => resolve({ userId, error: error.message, rooms: [] }));
          });
        }),
      ),
    );
    const refusedUsers = new Set([expired, signedOut, deactivated].map(({ userId }) => userId));
    for (const outcome of outcomes) {
      if (refusedUsers.has(outcome.userId)) {
        expect(outcome.error).toBe("unauthorised");
        continue;
      }
      expect(outcome.welcome?.userId).toBe(outcome.userId);
      const own = users.find((user) => user.id === outcome.userId)!;
      const others = users.filter((user) => user.id !== own.id);
      expect(outcome.rooms).toContain(`user:${own.id}`);
      expect(outcome.rooms).toContain(`org:${own.organisationId}`);
      expect(outcome.rooms.some((room) => others.some((user) => room === `user:${user.id}`))).toBe(false);
      expect(outcome.rooms.some((room) => room !== `org:${own.organisationId}` && room.startsWith("org:"))).toBe(false);
    }
  });

  it("drops the sockets of a user who signs out everywhere", async () => {
    const user = await createUser("ADMIN");
    const signedIn = await signInAs(user);
    const socket = connect(signedIn.cookie);
    await new Promise((resolve) => socket.on("welcome", resolve));
    const disconnected = new Promise<string>((resolve) => socket.on("disconnect", resolve));
    const response = await post("/sign-out", `csrf=${encodeURIComponent(signedIn.csrf)}&everywhere=true`, { Origin: server.base, Cookie: signedIn.cookie });
    expect(response.status).toBe(302);
    expect(await disconnected).toBe("io server disconnect");
  });
});
