import { beforeEach, describe, expect, it } from "vitest";
import { createInvitation } from "~/accounts/invitations.server";
import { resetRateLimits } from "~/accounts/rate-limit.server";
import { validateSessionToken } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { jobHandlers } from "~/job-handlers.server";
import { startWorker } from "~/platform/jobs/worker.server";
import { resetTransporter } from "~/platform/mail.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as acceptAction, loader as invitationLoader } from "~/routes/invitations.$token";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { action as accountAction } from "~/routes/account";
import { useTestDatabase } from "../helpers/database";
import { buildRequest, createOrganisation, createUser, settle, signInAs, TEST_PASSWORD, testContext } from "../helpers/fixtures";
import { firstLink, usePortalMailListener } from "../helpers/smtp";

useTestDatabase();
const smtp = usePortalMailListener();
const worker = startWorker(jobHandlers, { autoStart: false });
const NEW_PASSWORD = "a much longer new password";

beforeEach(() => {
  smtp.messages.length = 0;
  resetRateLimits();
});

const tokenOf = (link: string) => link.split("/").pop()!;

describe("invitations", () => {
  it("emails a 7-day link; the invitee sets a password, is signed in, and the link then stops working", async () => {
    const admin = await createUser("ADMIN");
    const trust = await createOrganisation();
    await createInvitation({ email: "New.Educator@Example.test", name: "Nia New", role: "EDUCATOR", organisationId: trust.id, regionId: null, invitedById: admin.id });
    expect(await worker.drain()).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("new.educator@example.test");
    expect(mail.subject).toContain(trust.name);
    expect(mail.html).toContain("Accept the invitation");
    const link = firstLink(mail, "/invitations/");
    expect(link.startsWith("http://portal.test/invitations/")).toBe(true);
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { email: "new.educator@example.test" } });
    const days = (invitation.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const token = tokenOf(link);
    const page = await settle(() => invitationLoader({ request: buildRequest(`/invitations/${token}`), params: { token }, context: testContext }));
    expect(page.status).toBe(200);
    const accepted = await settle(() =>
      acceptAction({ request: buildRequest(`/invitations/${token}`, { form: { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }), params: { token }, context: testContext }),
    );
    expect(accepted.status).toBe(302);
    expect(accepted.response?.headers.get("Location")).toBe("/provider");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "new.educator@example.test" } });
    expect(user).toMatchObject({ role: "EDUCATOR", organisationId: trust.id, name: "Nia New" });

    const again = await settle(() =>
      acceptAction({ request: buildRequest(`/invitations/${token}`, { form: { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }), params: { token }, context: testContext }),
    );
    expect(again.status).toBe(410);
    expect(await prisma.user.count({ where: { email: "new.educator@example.test" } })).toBe(1);
  });

  it("refuses an expired invitation and creates nobody", async () => {
    const admin = await createUser("ADMIN");
    const trust = await createOrganisation();
    await createInvitation({ email: "late@example.test", name: "Lee Late", role: "EDUCATOR", organisationId: trust.id, regionId: null, invitedById: admin.id });
    await worker.drain();
    const token = tokenOf(firstLink(smtp.messages[0], "/invitations/"));
    await prisma.invitation.updateMany({ where: { email: "late@example.test" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const page = await settle(() => invitationLoader({ request: buildRequest(`/invitations/${token}`), params: { token }, context: testContext }));
    expect(page.status).toBe(410);
    const result = await settle(() =>
      acceptAction({ request: buildRequest(`/invitations/${token}`, { form: { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }), params: { token }, context: testContext }),
    );
    expect(result.status).toBe(410);
    expect(await prisma.user.count({ where: { email: "late@example.test" } })).toBe(0);
  });

  it("keeps the invitation usable when the chosen password is too short", async () => {
    const admin = await createUser("ADMIN");
    const university = await createOrganisation({ kind: "UNIVERSITY" });
    await createInvitation({ email: "short@example.test", name: "Sho Rt", role: "UNIVERSITY", organisationId: university.id, regionId: null, invitedById: admin.id });
    await worker.drain();
    const token = tokenOf(firstLink(smtp.messages[0], "/invitations/"));
    const result = await settle(() =>
      acceptAction({ request: buildRequest(`/invitations/${token}`, { form: { password: "short", confirmPassword: "short" } }), params: { token }, context: testContext }),
    );
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Use at least 12 characters");
    const page = await settle(() => invitationLoader({ request: buildRequest(`/invitations/${token}`), params: { token }, context: testContext }));
    expect(page.status).toBe(200);
  });

  it("refuses a role that does not fit the organisation", async () => {
    const admin = await createUser("ADMIN");
    const university = await createOrganisation({ kind: "UNIVERSITY" });
    await expect(
      createInvitation({ email: "x@example.test", name: "X", role: "EDUCATOR", organisationId: university.id, regionId: null, invitedById: admin.id }),
    ).rejects.toThrow(/belongs to a placement provider/);
    expect(await prisma.invitation.count({ where: { email: "x@example.test" } })).toBe(0);
    expect(await prisma.job.count({ where: { payload: { path: ["to"], equals: "x@example.test" } } })).toBe(0);
  });
});

describe("invitation limits", () => {
  it("stop one sender after 100 invitations an hour, saving nothing more", async () => {
    resetRateLimits();
    const admin = await createUser("ADMIN");
    const trust = await createOrganisation();
    for (let i = 0; i < 100; i++) {
      await createInvitation({ email: `bulk${i}@example.test`, name: "Bulk", role: "EDUCATOR", organisationId: trust.id, regionId: null, invitedById: admin.id });
    }
    await expect(
      createInvitation({ email: "bulk-over@example.test", name: "Bulk", role: "EDUCATOR", organisationId: trust.id, regionId: null, invitedById: admin.id }),
    ).rejects.toThrow(/a lot of invitations/);
    expect(await prisma.invitation.count({ where: { email: "bulk-over@example.test" } })).toBe(0);
    await prisma.job.deleteMany({ where: { queue: "mail", status: "pending" } });
  });
});

describe("forgotten password", () => {
  const forgot = (email: string, ip = "127.0.0.1") =>
    settle(() => forgotAction({ request: buildRequest("/forgot-password", { form: { email } }), params: {}, context: { ...testContext, clientIp: ip } }));

  it("answers the same for known and unknown addresses, and only mails the known one", async () => {
    const user = await createUser("EDUCATOR", { organisationId: (await createOrganisation()).id });
    const known = await forgot(user.email);
    const unknown = await forgot("nobody@example.test");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect((known.data as { sent: boolean }).sent).toBe(true);
    expect((unknown.data as { sent: boolean }).sent).toBe(true);
    await worker.drain();
    expect(smtp.messages.map((m) => (m.to && "text" in m.to ? m.to.text : ""))).toEqual([user.email]);
  });

  it("does the same work for known and unknown addresses: one queued job, nothing else until it runs", async () => {
    const user = await createUser("EDUCATOR", { organisationId: (await createOrganisation()).id });
    await worker.drain();
    const before = { jobs: await prisma.job.count(), resets: await prisma.passwordReset.count() };
    const known = await forgot(user.email.toUpperCase(), "10.2.2.1");
    const unknown = await forgot("nobody-at-all@example.test", "10.2.2.2");
    expect(known.data).toEqual(unknown.data);
    const jobs = await prisma.job.findMany({ where: { status: "pending" }, select: { queue: true, payload: true } });
    expect(await prisma.job.count()).toBe(before.jobs + 2);
    expect(jobs).toEqual(expect.arrayContaining([
      { queue: "password-reset", payload: { email: user.email } },
      { queue: "password-reset", payload: { email: "nobody-at-all@example.test" } },
    ]));
    expect(jobs).toHaveLength(2);
    expect(await prisma.passwordReset.count()).toBe(before.resets);
    await worker.drain();
    expect(await prisma.passwordReset.count()).toBe(before.resets + 1);
    expect(smtp.messages.map((m) => (m.to && "text" in m.to ? m.to.text : ""))).toEqual([user.email]);
  });

  it("resets the password once, signs out every session, and refuses the link a second time", async () => {
    const user = await createUser("ADMIN");
    const before = await signInAs(user);
    await forgot(user.email);
    await worker.drain();
    const token = tokenOf(firstLink(smtp.messages[0], "/reset-password/"));
    expect((await settle(() => resetLoader({ request: buildRequest(`/reset-password/${token}`), params: { token }, context: testContext }))).status).toBe(200);
    const done = await settle(() =>
      resetAction({ request: buildRequest(`/reset-password/${token}`, { form: { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }), params: { token }, context: testContext }),
    );
    expect(done.status).toBe(302);
    expect(await validateSessionToken(before.cookie.split("=")[1])).toBeNull();
    const second = await settle(() =>
      resetAction({ request: buildRequest(`/reset-password/${token}`, { form: { password: "yet another long password", confirmPassword: "yet another long password" } }), params: { token }, context: testContext }),
    );
    expect(second.status).toBe(410);
  });

  it("refuses an expired link", async () => {
    const user = await createUser("ADMIN");
    await forgot(user.email);
    await worker.drain();
    const token = tokenOf(firstLink(smtp.messages[0], "/reset-password/"));
    await prisma.passwordReset.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    const result = await settle(() =>
      resetAction({ request: buildRequest(`/reset-password/${token}`, { form: { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }), params: { token }, context: testContext }),
    );
    expect(result.status).toBe(410);
  });

  it("limits how many reset emails one address can trigger", async () => {
    const user = await createUser("ADMIN");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await forgot(user.email, `10.1.1.${i}`)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    await worker.drain();
    expect(smtp.messages.length).toBeLessThanOrEqual(10);
  });
});

describe("changing a password", () => {
  it("needs the current password and signs out the other sessions", async () => {
    const user = await createUser("UNIVERSITY", { organisationId: (await createOrganisation({ kind: "UNIVERSITY" })).id });
    const here = await signInAs(user);
    const elsewhere = await signInAs(user);
    const wrong = await settle(() =>
      accountAction({ request: buildRequest("/account", { as: here, form: { currentPassword: "nope", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }), params: {}, context: testContext }),
    );
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.data)).toContain("Your current password is not right");
    const ok = await settle(() =>
      accountAction({ request: buildRequest("/account", { as: here, form: { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }), params: {}, context: testContext }),
    );
    expect(ok.status).toBe(200);
    expect(await validateSessionToken(here.cookie.split("=")[1])).not.toBeNull();
    expect(await validateSessionToken(elsewhere.cookie.split("=")[1])).toBeNull();
  });
});

describe("mail delivery", () => {
  it("keeps mail queued while the SMTP server is down and delivers it once when it is back", async () => {
    await smtp.stop();
    const admin = await createUser("ADMIN");
    const trust = await createOrganisation();
    await createInvitation({ email: "patient@example.test", name: "Pat Ient", role: "EDUCATOR", organisationId: trust.id, regionId: null, invitedById: admin.id });
    resetTransporter();
    await worker.drain();
    const job = await prisma.job.findFirstOrThrow({ where: { queue: "mail", status: { not: "done" } } });
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job.lastError).toBeTruthy();
    await smtp.restart();
    await prisma.job.update({ where: { id: job.id }, data: { runAt: new Date() } });
    await worker.drain();
    await worker.drain();
    expect(smtp.messages).toHaveLength(1);
    expect((await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("done");
  });
});
