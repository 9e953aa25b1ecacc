import { afterEach, describe, expect, it } from "vitest";
import { resetEnv } from "~/platform/env.server";
import { FLASH_COOKIE, flashCookie } from "~/platform/flash.server";
import { useTestDatabase } from "../helpers/database";
import { usePortalServer } from "../helpers/portal";
import { createOrganisation, createUser, signInAs } from "../helpers/fixtures";

const database = useTestDatabase();
const server = usePortalServer(database);

const flashSetCookie = (response: Response) => response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${FLASH_COOKIE}=`));
/** The text of every banner announced on the page (role="status"). */
const banners = (html: string) => [...html.matchAll(/<div role="status"[^>]*>([^<]*)<\/div>/g)].map((match) => match[1]);

async function signOut() {
  const signedIn = await signInAs(await createUser("ADMIN"));
  return fetch(`${server.base}/sign-out`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.base, Cookie: signedIn.cookie },
    body: `csrf=${encodeURIComponent(signedIn.csrf)}`,
  });
}

describe("the flash", () => {
  it("travels in a signed, HttpOnly, SameSite=Lax cookie set on the redirect", async () => {
    const response = await signOut();
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in");
    const cookie = flashSetCookie(response);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
  });

  it("is shown once, by one announced banner, on the page redirected to", async () => {
    const cookie = flashSetCookie(await signOut())!.split(";")[0];
    const page = await fetch(`${server.base}/sign-in`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(banners(await page.text())).toEqual(["You have signed out."]);
    expect(flashSetCookie(page)).toMatch(/Expires=Thu, 01 Jan 1970/);

    const again = await fetch(`${server.base}/sign-in`);
    expect(banners(await again.text())).toEqual([]);
  });

  it("shows no banner for text or keys in the address", async () => {
    const fake = "Your account is suspended: call 0800 000 000";
    const signInPage = await fetch(`${server.base}/sign-in?notice=${encodeURIComponent(fake)}&signedOut=1&passwordReset=1`);
    const signInHtml = await signInPage.text();
    expect(banners(signInHtml)).toEqual([]);
    expect(signInHtml).not.toContain("Your account is suspended");

    const university = await createOrganisation({ kind: "UNIVERSITY" });
    const { cookie } = await signInAs(await createUser("UNIVERSITY", { organisationId: university.id }));
    for (const path of ["/university/requests", "/university/programmes", "/university/allocations"]) {
      const page = await fetch(`${server.base}${path}?notice=${encodeURIComponent(fake)}`, { headers: { Cookie: cookie } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(banners(html)).toEqual([]);
      expect(html).not.toContain("Your account is suspended");
    }
  });

  it("shows nothing for a flash cookie that is not signed with the session secret", async () => {
    const forged = Buffer.from(JSON.stringify({ flash: { id: "x", tone: "success", message: "Forged" } })).toString("base64");
    const page = await fetch(`${server.base}/sign-in`, { headers: { Cookie: `${FLASH_COOKIE}=${encodeURIComponent(forged)}` } });
    const html = await page.text();
    expect(banners(html)).toEqual([]);
    expect(html).not.toContain("Forged");
  });
});

describe("the flash cookie in production", () => {
  const saved = { NODE_ENV: process.env.NODE_ENV, SESSION_SECRET: process.env.SESSION_SECRET };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnv();
  });

  it("is Secure, like the session cookie", async () => {
    process.env.NODE_ENV = "production";
    process.env.SESSION_SECRET = "a-production-secret-of-at-least-32-characters";
    resetEnv();
    expect(await flashCookie("Saved.")).toMatch(/; Secure/);
  });
});
