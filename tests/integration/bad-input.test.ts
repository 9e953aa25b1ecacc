import { request } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "../helpers/database";
import { useCapturedLog } from "../helpers/log-capture";
import { usePortalServer } from "../helpers/portal";
import { createOrganisation, createRegion, createUser, signInAs, type SignedIn } from "../helpers/fixtures";

/** Bad input answers 4xx with a reason, and the log stays free of stack traces. */
const database = useTestDatabase();
const log = useCapturedLog();
const server = usePortalServer(database);
let consoleErrors: unknown[][] = [];

afterEach(() => {
  vi.restoreAllMocks();
});

function watchConsole() {
  consoleErrors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
}

function expectNoStackTraces() {
  expect(log.text).not.toMatch(/"stack"/);
  expect(log.text).not.toMatch(/\n\s+at /);
  const printed = consoleErrors.map((args) => args.map(String).join(" ").slice(0, 300));
  // The dev server's complaints about loading browser modules are about the dev server, not about this request.
  expect(printed.filter((line) => !line.startsWith("Error: Failed to load url /@fs/"))).toEqual([]);
}

async function signedInAdmin(): Promise<SignedIn> {
  return signInAs(await createUser("ADMIN"));
}

describe("addresses and methods", () => {
  it("answers bad percent-encoding in a path with 400, before any route runs", async () => {
    watchConsole();
    for (const path of ["/%ff", "/invitations/%ff%fe", "/opportunities/%ff", "/admin/organisations/%e0%a4"]) {
      const response = await fetch(`${server.base}${path}`, { redirect: "manual" });
      expect(response.status, path).toBe(400);
      expect(await response.text()).toContain("That address is not valid");
    }
    expectNoStackTraces();
  });

  it("answers a NUL in a path with 400", async () => {
    watchConsole();
    const response = await fetch(`${server.base}/invitations/abc%00def`, { redirect: "manual" });
    expect(response.status).toBe(400);
    expectNoStackTraces();
  });

  it("refuses TRACE with 405 and says what is allowed", async () => {
    // fetch() itself refuses to send TRACE, so this speaks HTTP directly.
    const { status, allow } = await new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
      const sent = request(`${server.base}/`, { method: "TRACE" }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, allow: response.headers.allow });
      });
      sent.once("error", reject);
      sent.end();
    });
    expect(status).toBe(405);
    expect(allow).toContain("GET");
  });

  it("shows a kind 404 page for an unknown address, with no router jargon and no stack trace", async () => {
    watchConsole();
    const response = await fetch(`${server.base}/no/such/page`);
    expect(response.status).toBe(404);
    const shown = (await response.text()).replace(/<script[\s\S]*?<\/script>/g, "");
    expect(shown).toContain("Page not found");
    expect(shown).toContain("Go to your home page");
    expect(shown).not.toContain("No route matches");
    expectNoStackTraces();
  });

  it("sends /login to sign in", async () => {
    const response = await fetch(`${server.base}/login?redirectTo=%2Fadmin`, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/sign-in?redirectTo=%2Fadmin");
  });
});

describe("NUL and other control characters in search", () => {
  it("drops them from the query string and shows the page", async () => {
    watchConsole();
    const region = await createRegion();
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
    const placementLead = await signInAs(await createUser("UNIVERSITY", { organisationId: university.id }));
    const admin = await signedInAdmin();
    const pages: [string, SignedIn][] = [
      ["/opportunities", placementLead],
      ["/resources", placementLead],
      ["/admin/users", admin],
      ["/admin/organisations", admin],
      ["/organisations", admin],
    ];
    for (const [path, who] of pages) {
      const first = await fetch(`${server.base}${path}?q=%00x%07`, { redirect: "manual", headers: { Cookie: who.cookie } });
      expect(first.status, path).toBe(302);
      expect(first.headers.get("location"), path).toBe(`${path}?q=x`);
      const page = await fetch(`${server.base}${first.headers.get("location")}`, { headers: { Cookie: who.cookie } });
      expect(page.status, path).toBe(200);
    }
    expectNoStackTraces();
  });
});

describe("faults", () => {
  it("logs a fault once with the reference the error page shows, and a router 404 with no stack", async () => {
    const { handleError } = await import("~/entry.server");
    const context = { cspNonce: "n", clientIp: "127.0.0.1", requestReference: "FAULT123" };
    const before = log.text.length;
    handleError(new Error("relation does not exist"), { request: new Request("http://localhost/provider/offers"), params: {}, context });
    const faultLine = log.text.slice(before);
    expect(faultLine).toContain('"reference":"FAULT123"');
    expect(faultLine).toContain("relation does not exist");

    const afterFault = log.text.length;
    // The shape the router gives its own "no such page" answer.
    const notFound = { status: 404, statusText: "Not Found", internal: true, data: 'Error: No route matches URL "/no/such/page"', error: new Error("No route matches") };
    handleError(notFound, { request: new Request("http://localhost/no/such/page"), params: {}, context });
    const refusedLine = log.text.slice(afterFault);
    expect(refusedLine).toContain('"status":404');
    expect(refusedLine).not.toContain('"stack"');
  });
});
