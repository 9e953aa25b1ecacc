import { beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits } from "~/accounts/rate-limit.server";
import { jobHandlers } from "~/job-handlers.server";
import { prisma } from "~/platform/db/db.server";
import { startWorker } from "~/platform/jobs/worker.server";
import { action as signInAction } from "~/routes/sign-in";
import { action as unlockAction, loader as unlockLoader } from "~/routes/unlock-sign-in.$token";
import { useTestDatabase } from "../helpers/database";
import { bannerAfter } from "../helpers/flash";
import { buildRequest, createUser, settle, TEST_PASSWORD, testContext } from "../helpers/fixtures";
import { firstLink, usePortalMailListener } from "../helpers/smtp";

/** A delayed account's owner gets one emailed link that lifts the delay; the sign-in page says the same for every address. */
useTestDatabase();
const smtp = usePortalMailListener();
const worker = startWorker(jobHandlers, { autoStart: false });
beforeEach(() => {
  smtp.messages.length = 0;
  resetRateLimits();
});

function signIn(email: string, password: string, ip: string) {
  const request = buildRequest("/sign-in", { form: { email, password } });
  return settle(() => signInAction({ request, params: {}, context: { ...testContext, clientIp: ip } }));
}
const unlockPage = (token: string) => settle(() => unlockLoader({ request: buildRequest(`/unlock-sign-in/${token}`), params: { token }, context: testContext }));
const unlock = (token: string, ip = "10.7.7.7") =>
  settle(() => unlockAction({ request: buildRequest(`/unlock-sign-in/${token}`, { form: {} }), params: { token }, context: { ...testContext, clientIp: ip } }));
const mailTo = (address: string) => smtp.messages.filter((mail) => (mail.to && "text" in mail.to ? mail.to.text : "") === address);

/** Five wrong passwords from the owner's own browser: it is held back for 15 minutes, even with the right one. */
async function lock(email: string) {
  for (let i = 0; i < 5; i++) await signIn(email, "wrong", "10.7.7.7");
  const refused = await signIn(email, TEST_PASSWORD, "10.7.7.7");
  expect(refused.status).toBe(429);
  return refused;
}

describe("lifting a sign-in delay by email", () => {
  it("emails the owner once per lock; following the link lets them sign in, and the link then stops working", async () => {
    const user = await createUser("EDUCATOR");
    await lock(user.email);
    await lock(user.email);
    await worker.drain();
    const mails = mailTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Sign-in to your Placement Exchange account is paused");
    const link = firstLink(mails[0], "/unlock-sign-in/");
    expect(link.startsWith("http://portal.test/unlock-sign-in/")).toBe(true);
    const token = link.split("/").pop()!;
    // Only a hash of the link is kept.
    expect(await prisma.signInUnlock.count({ where: { tokenHash: token } })).toBe(0);
    expect(await prisma.signInUnlock.count({ where: { userId: user.id } })).toBe(1);

    // Opening the link changes nothing (mail scanners open links); the button does.
    expect((await unlockPage(token)).status).toBe(200);
    expect((await signIn(user.email, TEST_PASSWORD, "10.7.7.7")).status).toBe(429);
    const lifted = await unlock(token);
    expect(lifted.status).toBe(302);
    expect(lifted.response?.headers.get("Location")).toBe("/sign-in");
    expect(await bannerAfter(lifted.response)).toBe("Signing in to your account is open again. Sign in with your password.");
    expect((await signIn(user.email, TEST_PASSWORD, "10.7.7.7")).status).toBe(302);

    expect((await unlockPage(token)).status).toBe(410);
    expect((await unlock(token)).status).toBe(410);
    expect(await prisma.auditEvent.count({ where: { action: "sign-in-unlocked", entityId: user.id } })).toBe(1);
  });

  it("refuses an expired link and leaves the delay in place", async () => {
    const user = await createUser("UNIVERSITY");
    await lock(user.email);
    await worker.drain();
    const token = firstLink(mailTo(user.email)[0], "/unlock-sign-in/").split("/").pop()!;
    await prisma.signInUnlock.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await unlockPage(token)).status).toBe(410);
    expect((await unlock(token)).status).toBe(410);
    expect((await signIn(user.email, TEST_PASSWORD, "10.7.7.7")).status).toBe(429);
    expect((await unlockPage("not-a-token")).status).toBe(410);
  });

  it("answers an address with no account exactly as one with, and sends nothing to it", async () => {
    const user = await createUser("ADMIN");
    const known = await lock(user.email);
    const unknown = await lock("nobody-here@example.test");
    expect(JSON.stringify(unknown.data)).toEqual(JSON.stringify(known.data).replace(user.email, "nobody-here@example.test"));
    expect(JSON.stringify(known.data)).toContain("If this address has an account, we have also emailed it a link that lifts the pause.");
    await worker.drain();
    expect(mailTo(user.email)).toHaveLength(1);
    expect(mailTo("nobody-here@example.test")).toHaveLength(0);
    expect(smtp.messages).toHaveLength(1);
  });
});
