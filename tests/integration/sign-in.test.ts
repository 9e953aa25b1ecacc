import { describe, expect, it } from "vitest";
import { validateSessionToken } from "~/accounts/session.server";
import { resetRateLimits } from "~/accounts/rate-limit.server";
import { delayAfterFailures, forgiveSignInFailures } from "~/accounts/sign-in.server";
import { prisma } from "~/platform/db/db.server";
import { action as signInAction } from "~/routes/sign-in";
import { action as signOutAction } from "~/routes/sign-out";
import { buildRequest, createOrganisation, createUser, settle, signInAs, TEST_PASSWORD, testContext } from "../helpers/fixtures";
import { useTestDatabase } from "../helpers/database";

useTestDatabase();

function signIn(email: string, password: string, ip = "127.0.0.1") {
  const request = buildRequest("/sign-in", { form: { email, password } });
  return settle(() => signInAction({ request, params: {}, context: { ...testContext, clientIp: ip } }));
}

function tokenFrom(response: Response | null): string {
  const cookie = response?.headers.get("Set-Cookie") ?? "";
  return /px_session=([a-z2-7]+)/.exec(cookie)?.[1] ?? "";
}

describe("sign-in", () => {
  it("signs a user in, sets a hardened cookie and lands on the role's home page", async () => {
    const organisation = await createOrganisation();
    const user = await createUser("EDUCATOR", { organisationId: organisation.id });
    const result = await signIn(user.email, TEST_PASSWORD);
    expect(result.status).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/provider");
    const cookie = result.response?.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const session = await validateSessionToken(tokenFrom(result.response));
    expect(session?.user.id).toBe(user.id);
  });

  it("stores only a hash of the session token", async () => {
    const user = await createUser("ADMIN");
    const result = await signIn(user.email, TEST_PASSWORD);
    const token = tokenFrom(result.response);
    expect(await prisma.session.findUnique({ where: { id: token } })).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const user = await createUser("ADMIN");
    const wrong = await signIn(user.email, "not the password");
    const unknown = await signIn("nobody@example.test", "not the password");
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(wrong.data)).toContain("The email address or password is not right.");
    expect(JSON.stringify(unknown.data)).toEqual(JSON.stringify(wrong.data).replace(user.email, "nobody@example.test"));
  });

  it("refuses a deactivated account", async () => {
    const user = await createUser("ADMIN", { active: false });
    expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(400);
  });

  it("reports malformed fields without signing in", async () => {
    const result = await signIn("not-an-email", "");
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Enter an email address like name@nhs.net");
    expect(JSON.stringify(result.data)).toContain("Enter your password");
  });

  it("locks an account after five failures, even with the right password", async () => {
    resetRateLimits();
    const user = await createUser("ADMIN");
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, "wrong", `10.0.0.${i}`)).status).toBe(400);
    const locked = await signIn(user.email, TEST_PASSWORD, "10.0.1.1");
    expect(locked.status).toBe(429);
    expect(JSON.stringify(locked.data)).toContain("Too many attempts");
  });

  it("limits attempts per IP address across accounts", async () => {
    resetRateLimits();
    for (let i = 0; i < 30; i++) await signIn(`someone${i}@example.test`, "wrong", "10.9.9.9");
    const user = await createUser("ADMIN");
    expect((await signIn(user.email, TEST_PASSWORD, "10.9.9.9")).status).toBe(429);
    expect((await signIn(user.email, TEST_PASSWORD, "10.9.9.10")).status).toBe(302);
  });
});

describe("guessing is limited per account and source, not a lockout anyone can impose", () => {
  it("stops one source after five wrong passwords for an account while the owner, elsewhere, gets in after a short delay", async () => {
    resetRateLimits();
    const user = await createUser("ADMIN");
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, "wrong", "10.3.3.3")).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await signIn(user.email, TEST_PASSWORD, "10.3.3.3")).status).toBe(429);
    expect((await signIn(user.email, TEST_PASSWORD, "10.4.4.4")).status).toBe(302);
  });

  it("makes the account wait after five failures from anywhere, and a password reset lifts the wait at once", async () => {
    resetRateLimits();
    const user = await createUser("ADMIN");
    for (let i = 0; i < 5; i++) await signIn(user.email, "wrong", `10.5.5.${i}`);
    const waiting = await signIn(user.email, TEST_PASSWORD, "10.6.6.6");
    expect(waiting.status).toBe(429);
    expect(JSON.stringify(waiting.data)).toContain("Try again in 1 second, or reset your password to sign in now. If this address has an account, we have also emailed it a link that lifts the pause.");
    await forgiveSignInFailures(user.email);
    expect((await signIn(user.email, TEST_PASSWORD, "10.6.6.6")).status).toBe(302);
  });

  it("doubles the delay from the fifth failure and never waits more than 15 minutes", () => {
    expect([4, 5, 6, 9, 20, 200].map(delayAfterFailures)).toEqual([0, 1, 2, 16, 900, 900]);
  });
});

describe("sign-out", () => {
  it("ends this session only", async () => {
    const user = await createUser("ADMIN");
    const first = await signInAs(user);
    const second = await signInAs(user);
    const request = buildRequest("/sign-out", { as: first, form: {} });
    const result = await settle(() => signOutAction({ request, params: {}, context: testContext }));
    expect(result.status).toBe(302);
    expect(await validateSessionToken(first.cookie.split("=")[1])).toBeNull();
    expect(await validateSessionToken(second.cookie.split("=")[1])).not.toBeNull();
  });

  it("signs out everywhere: every session of the account ends", async () => {
    const user = await createUser("ADMIN");
    const first = await signInAs(user);
    const second = await signInAs(user);
    const request = buildRequest("/sign-out", { as: first, form: { everywhere: "true" } });
    await settle(() => signOutAction({ request, params: {}, context: testContext }));
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await validateSessionToken(second.cookie.split("=")[1])).toBeNull();
  });

  it("refuses a sign-out without the CSRF token", async () => {
    const user = await createUser("ADMIN");
    const signedIn = await signInAs(user);
    const request = buildRequest("/sign-out", { as: signedIn, form: { everywhere: "true" }, withCsrf: false });
    const result = await settle(() => signOutAction({ request, params: {}, context: testContext }));
    expect(result.status).toBe(403);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });
});
