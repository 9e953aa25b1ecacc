import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits } from "~/accounts/rate-limit.server";
import { useTestDatabase } from "../helpers/database";
import { usePortalServer } from "../helpers/portal";
import { createOrganisation, createUser, signInAs, TEST_PASSWORD } from "../helpers/fixtures";

const database = useTestDatabase();
const server = usePortalServer(database);
const sockets: Socket[] = [];

afterAll(async () => {
  sockets.forEach((socket) => socket.close());
});
beforeEach(() => resetRateLimits());

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.base, ...headers },
    body,
  });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe("where sign-in sends you", () => {
  it("follows a same-site path, percent-encoded", async () => {
    const user = await createUser("ADMIN");
    const response = await post("/sign-in", form({ email: user.email, password: TEST_PASSWORD, redirectTo: "/admin/users?q=a b" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin/users?q=a%20b");
  });

  it.each([
    ["a tab the browser would strip", "/\t/evil.example/x"],
    ["a newline", "/\n/evil.example/x"],
    ["a carriage return and line feed", "/x\r\nSet-Cookie: a=b"],
    ["a vertical tab", "/\v/evil.example"],
    ["a backslash", "/\\evil.example"],
    ["a scheme-relative address", "//evil.example/x"],
    ["an absolute address", "https://evil.example/x"],
    ["a NUL byte", "/\u0000/evil.example"],
  ])("refuses %s and lands on the home page instead, signed in", async (_what, redirectTo) => {
    const user = await createUser("ADMIN");
    const response = await post("/sign-in", form({ email: user.email, password: TEST_PASSWORD, redirectTo }));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin");
    expect(response.headers.get("set-cookie")).toMatch(/^px_session=/);
  });
});

describe("forms an attacker makes big", () => {
  it("answers 413 to a form with a huge number of fields, quickly and briefly", async () => {
    const body = `email=a%40b.co&password=x&${Array.from({ length: 150_000 }, (_, i) => `f${i}=1`).join("&")}`;
    const started = performance.now();
    const response = await post("/sign-in", body);
    const text = await response.text();
    expect(response.status).toBe(413);
    expect(text.length).toBeLessThan(20_000);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it("answers 400, not a crash, to a field name nested thousands of levels deep", async () => {
    const response = await post("/sign-in", `email=a%40b.co&password=x&a${"[a]".repeat(30_000)}=1`);
    expect(response.status).toBe(400);
  });

  it("echoes back neither unknown fields nor the password", async () => {
    const user = await createUser("ADMIN");
    const response = await post(
      "/sign-in",
      form({ email: user.email, password: "wrong-password-marker", smuggled: "unknown-field-marker" }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("The email address or password is not right.");
    expect(html).not.toContain("unknown-field-marker");
    expect(html).not.toContain("wrong-password-marker");
  });
});

describe("caching and browser features", () => {
  it("sends no-store to a signed-in user and on the sign-in and password pages", async () => {
    const university = await createOrganisation({ kind: "UNIVERSITY" });
    const user = await createUser("UNIVERSITY", { organisationId: university.id });
    const { cookie } = await signInAs(user);
    for (const path of ["/university", "/account", "/notifications"]) {
      const response = await fetch(`${server.base}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("no-store");
    }
    for (const path of ["/sign-in", "/forgot-password", "/reset-password/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]) {
      expect((await fetch(`${server.base}${path}`)).headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("sends a Permissions-Policy on every response", async () => {
    for (const path of ["/sign-in", "/healthz", "/no-such-page"]) {
      expect((await fetch(`${server.base}${path}`)).headers.get("permissions-policy"), path).toContain("camera=()");
    }
  });
});

describe("live sockets", () => {
  function connect(headers: Record<string, string>) {
    const socket = connectSocket(server.base, { transports: ["websocket"], extraHeaders: headers, reconnection: false });
    sockets.push(socket);
    return socket;
  }
  const welcomed = (socket: Socket) =>
    new Promise<void>((resolve, reject) => {
      socket.once("welcome", () => resolve());
      socket.once("connect_error", reject);
    });

  it("refuses a handshake from another site's page, or with no Origin", async () => {
    const { cookie } = await signInAs(await createUser("ADMIN"));
    const attempts: Record<string, string>[] = [{ Cookie: cookie, Origin: "https://evil.example" }, { Cookie: cookie }];
    for (const headers of attempts) {
      const socket = connect(headers);
      const error = await new Promise<Error>((resolve) => socket.once("connect_error", resolve));
      expect(error.message).not.toBe("");
      expect(socket.connected).toBe(false);
    }
    const own = connect({ Cookie: cookie, Origin: server.base });
    await welcomed(own);
  });

  it("changing the password drops the other sessions' sockets and keeps this one's", async () => {
    const user = await createUser("ADMIN");
    const here = await signInAs(user);
    const elsewhere = await signInAs(user);
    const mine = connect({ Cookie: here.cookie, Origin: server.base });
    const theirs = connect({ Cookie: elsewhere.cookie, Origin: server.base });
    await Promise.all([welcomed(mine), welcomed(theirs)]);
    const dropped = new Promise<string>((resolve) => theirs.once("disconnect", resolve));
    const newPassword = "a brand new long passphrase";
    const response = await post(
      "/account",
      form({ csrf: here.csrf, currentPassword: TEST_PASSWORD, password: newPassword, confirmPassword: newPassword }),
      { Cookie: here.cookie },
    );
    expect(response.status).toBe(200);
    expect(await dropped).toBe("io server disconnect");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mine.connected).toBe(true);
  });
});

describe("the current-password check on the account page", () => {
  it("stops guessing after five wrong answers, even with the right one", async () => {
    const user = await createUser("ADMIN");
    const here = await signInAs(user);
    const attempt = (currentPassword: string) =>
      post("/account", form({ csrf: here.csrf, currentPassword, password: "a brand new long passphrase", confirmPassword: "a brand new long passphrase" }), {
        Cookie: here.cookie,
      });
    for (let i = 0; i < 5; i++) expect((await attempt(`guess ${i}`)).status).toBe(400);
    const blocked = await attempt(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Too many attempts");
  });
});
