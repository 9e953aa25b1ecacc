import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { validateSessionToken } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { setSocketServer, type PortalSocketServer } from "~/platform/realtime/realtime.server";
import * as organisationPage from "~/routes/admin.organisations.$organisationId";
import * as usersPage from "~/routes/admin.users";
import { useTestDatabase } from "../helpers/database";
import { bannerAfter } from "../helpers/flash";
import { createOrganisation, createUser, fieldErrors, load, signInAs, submit, type SignedIn } from "../helpers/fixtures";
import { createAdminAndRegion, NON_ADMIN_ROLES } from "./admin-fixtures";

useTestDatabase();

const tokenOf = (signedIn: SignedIn) => signedIn.cookie.split("=")[1];

/** Records which users' sockets were dropped, standing in for the socket.io server. */
const disconnected: string[] = [];
const fakeSocketServer = {
  in: (room: string) => ({ disconnectSockets: () => disconnected.push(room) }),
} as unknown as PortalSocketServer;

let admin: SignedIn;
let adminId: string;
let regionId: string;

beforeAll(async () => {
  ({ admin, adminId, regionId } = await createAdminAndRegion("North East and Yorkshire"));
});
beforeEach(() => {
  disconnected.length = 0;
  setSocketServer(fakeSocketServer);
});
afterEach(() => setSocketServer(null as unknown as PortalSocketServer));

describe("who may manage users", () => {
  it.each(NON_ADMIN_ROLES)("refuses a %s with 403 on the page and its actions, changing nothing", async (role) => {
    const organisation = role === "EDUCATOR" ? await createOrganisation({ regionId }) : await createOrganisation({ kind: "UNIVERSITY", regionId });
    const user = await createUser(role, {
      organisationId: role === "FACILITATOR" ? null : organisation.id,
      regionId: role === "FACILITATOR" ? regionId : null,
    });
    const other = await signInAs(user);
    const victim = await createUser("EDUCATOR", { organisationId: (await createOrganisation({ regionId })).id });
    expect((await load(usersPage.loader, "/admin/users", other)).status).toBe(403);
    expect((await submit(usersPage.action, "/admin/users", other, { intent: "deactivate-user", userId: victim.id })).status).toBe(403);
    const invite = await submit(usersPage.action, "/admin/users", other, {
      intent: "invite-facilitator",
      name: "Fay Cilitator",
      email: `fay-${role.toLowerCase()}@example.test`,
      regionId,
    });
    expect(invite.status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: victim.id } })).active).toBe(true);
    expect(await prisma.invitation.count({ where: { email: `fay-${role.toLowerCase()}@example.test` } })).toBe(0);
  });

  it("refuses a deactivation without the CSRF token", async () => {
    const victim = await createUser("FACILITATOR", { regionId });
    const session = await signInAs(victim);
    const result = await submit(usersPage.action, "/admin/users", admin, { intent: "deactivate-user", userId: victim.id }, { withCsrf: false });
    expect(result.status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: victim.id } })).active).toBe(true);
    expect(await validateSessionToken(tokenOf(session))).not.toBeNull();
  });
});

describe("the users list", () => {
  let listOrganisationId: string;
  beforeAll(async () => {
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId, name: "Teesside University" });
    listOrganisationId = university.id;
    for (let i = 0; i < 27; i++) {
      await createUser("STUDENT", { organisationId: university.id, email: `student${String(i).padStart(2, "0")}@tees.example.test`, active: i % 9 !== 0 });
    }
    await createUser("UNIVERSITY", { organisationId: university.id, email: "placements@tees.example.test" });
  });

  type ListData = {
    users: { email: string; role: string; active: boolean }[];
    window: { page: number; pageCount: number; total: number };
    organisation: { name: string } | null;
  };
  const list = async (query: string) => (await load(usersPage.loader, `/admin/users?${query}`, admin)).data as ListData;

  it("pages users 25 at a time", async () => {
    const first = await list(`organisationId=${listOrganisationId}`);
    expect(first.window).toMatchObject({ page: 1, pageCount: 2, total: 28 });
    expect(first.users).toHaveLength(25);
    expect(first.organisation?.name).toBe("Teesside University");
    expect((await list(`organisationId=${listOrganisationId}&page=2`)).users).toHaveLength(3);
  });

  it("filters by role, status and organisation name", async () => {
    expect((await list("organisation=teesside&role=UNIVERSITY")).users.map((user) => user.email)).toEqual(["placements@tees.example.test"]);
    const inactive = await list("organisation=TEESSIDE&status=inactive");
    expect(inactive.users.map((user) => user.email).sort()).toEqual([
      "student00@tees.example.test",
      "student09@tees.example.test",
      "student18@tees.example.test",
    ]);
    expect((await list("organisation=teesside&status=active")).window.total).toBe(25);
    expect((await list("organisation=no such place")).users).toEqual([]);
    expect((await list("q=student1&organisation=teesside")).window.total).toBe(10);
  });
});

describe("deactivating and reactivating", () => {
  it("deactivates a user, ends every session, drops their sockets and audits it", async () => {
    const trust = await createOrganisation({ regionId });
    const educator = await createUser("EDUCATOR", { organisationId: trust.id });
    const laptop = await signInAs(educator);
    const phone = await signInAs(educator);
    const result = await submit(usersPage.action, "/admin/users?role=EDUCATOR&page=1", admin, { intent: "deactivate-user", userId: educator.id });
    expect(result.status).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/admin/users?role=EDUCATOR&page=1");
    expect(await bannerAfter(result.response, admin)).toBe("The user has been deactivated and signed out everywhere.");
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: educator.id } });
    expect(stored.active).toBe(false);
    expect(stored.deactivatedAt).toBeInstanceOf(Date);
    expect(await prisma.session.count({ where: { userId: educator.id } })).toBe(0);
    expect(await validateSessionToken(tokenOf(laptop))).toBeNull();
    expect(await validateSessionToken(tokenOf(phone))).toBeNull();
    expect(disconnected).toEqual([`user:${educator.id}`]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user-deactivated", entityId: educator.id } });
    expect(audit).toMatchObject({ actorId: adminId, entityType: "User" });
  });

  it("reactivates a user and audits it", async () => {
    const facilitator = await createUser("FACILITATOR", { regionId, active: false });
    const result = await submit(usersPage.action, "/admin/users", admin, { intent: "reactivate-user", userId: facilitator.id });
    expect(result.status).toBe(302);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: facilitator.id } })).toMatchObject({ active: true, deactivatedAt: null });
    expect(await prisma.auditEvent.count({ where: { action: "user-reactivated", entityId: facilitator.id } })).toBe(1);
  });

  it("will not let an administrator deactivate themself", async () => {
    const result = await submit(usersPage.action, "/admin/users", admin, { intent: "deactivate-user", userId: adminId });
    expect(result.status).toBe(403);
    expect(JSON.stringify(result.data)).toContain("You cannot deactivate or reactivate your own account");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: adminId } })).active).toBe(true);
    expect(await validateSessionToken(tokenOf(admin))).not.toBeNull();
  });

  it("answers 404 for an unknown user and 400 for a missing one", async () => {
    expect((await submit(usersPage.action, "/admin/users", admin, { intent: "deactivate-user", userId: "nobody" })).status).toBe(404);
    expect((await submit(usersPage.action, "/admin/users", admin, { intent: "deactivate-user" })).status).toBe(400);
    expect((await submit(usersPage.action, "/admin/users", admin, { intent: "promote-everyone" })).status).toBe(400);
  });

  it("deactivates from an organisation's page only that organisation's users", async () => {
    const trust = await createOrganisation({ regionId });
    const member = await createUser("EDUCATOR", { organisationId: trust.id });
    const outsider = await createUser("EDUCATOR", { organisationId: (await createOrganisation({ regionId })).id });
    const session = await signInAs(member);
    const path = `/admin/organisations/${trust.id}`;
    const params = { organisationId: trust.id };
    const foreign = await submit(organisationPage.action, path, admin, { intent: "deactivate-user", userId: outsider.id }, { params });
    expect(foreign.status).toBe(404);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: outsider.id } })).active).toBe(true);

    const result = await submit(organisationPage.action, path, admin, { intent: "deactivate-user", userId: member.id }, { params });
    expect(result.status).toBe(302);
    expect(result.response?.headers.get("Location")).toBe(path);
    expect(await bannerAfter(result.response, admin)).toBe("The user has been deactivated and signed out everywhere.");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).active).toBe(false);
    expect(await validateSessionToken(tokenOf(session))).toBeNull();

    const back = await submit(organisationPage.action, path, admin, { intent: "reactivate-user", userId: member.id }, { params });
    expect(back.status).toBe(302);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).active).toBe(true);
  });
});

describe("invitations", () => {
  it("invites a facilitator to a region, queues the email and lists the invitation as waiting", async () => {
    const result = await submit(usersPage.action, "/admin/users", admin, {
      intent: "invite-facilitator",
      name: "Faye Facilitator",
      email: "Faye.Facilitator@Example.test",
      regionId,
    });
    expect(result.status).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/admin/users");
    expect(await bannerAfter(result.response, admin)).toBe("The invitation has been sent. It works for 7 days.");
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { email: "faye.facilitator@example.test" } });
    expect(invitation).toMatchObject({ role: "FACILITATOR", regionId, organisationId: null, invitedById: adminId });
    expect(await prisma.job.count({ where: { dedupeKey: `invitation:${invitation.id}` } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "invitation-sent", entityId: invitation.id } })).toBe(1);

    const page = (await load(usersPage.loader, "/admin/users", admin)).data as {
      openInvitations: { invitations: { email: string; regionName: string | null }[] };
    };
    expect(page.openInvitations.invitations.find((open) => open.email === "faye.facilitator@example.test")).toMatchObject({
      regionName: "North East and Yorkshire",
    });
  });

  it.each([
    [{ email: "not-an-email" }, "email", "Enter an email address like name@nhs.net"],
    [{ name: "" }, "name", "Enter their full name"],
    [{ regionId: "" }, "regionId", "Choose the region they work for"],
    [{ regionId: "no-such-region" }, "regionId", "Choose the region the facilitator works for"],
  ])("refuses a facilitator invitation with %j, sending nothing", async (change, field, message) => {
    const jobs = await prisma.job.count();
    const result = await submit(usersPage.action, "/admin/users", admin, {
      intent: "invite-facilitator",
      name: "Nora Nobody",
      email: "nora@example.test",
      regionId,
      ...change,
    });
    expect(result.status).toBe(400);
    expect(fieldErrors(result)[field]).toEqual([message]);
    expect(await prisma.invitation.count({ where: { email: "nora@example.test" } })).toBe(0);
    expect(await prisma.job.count()).toBe(jobs);
  });

  it("refuses to invite someone who already has an account", async () => {
    const existing = await createUser("FACILITATOR", { regionId });
    const result = await submit(usersPage.action, "/admin/users", admin, {
      intent: "invite-facilitator",
      name: "Again",
      email: existing.email.toUpperCase(),
      regionId,
    });
    expect(result.status).toBe(400);
    expect(fieldErrors(result).email).toEqual(["A user with this email address already exists"]);
  });

  it("invites a person into an organisation in a role that fits its kind", async () => {
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId });
    const path = `/admin/organisations/${university.id}`;
    const params = { organisationId: university.id };
    const wrongRole = await submit(
      organisationPage.action,
      path,
      admin,
      { intent: "invite-user", name: "Ed Ucator", email: "ed@example.test", role: "EDUCATOR" },
      { params },
    );
    expect(wrongRole.status).toBe(400);
    expect(fieldErrors(wrongRole).role).toEqual(["Choose a role for a university"]);
    expect(await prisma.invitation.count({ where: { email: "ed@example.test" } })).toBe(0);

    const result = await submit(
      organisationPage.action,
      path,
      admin,
      { intent: "invite-user", name: "Stu Dent", email: "stu@example.test", role: "STUDENT" },
      { params },
    );
    expect(result.status).toBe(302);
    expect(result.response?.headers.get("Location")).toBe(path);
    expect(await bannerAfter(result.response, admin)).toBe("The invitation has been sent. It works for 7 days.");
    expect(await prisma.invitation.findFirstOrThrow({ where: { email: "stu@example.test" } })).toMatchObject({
      role: "STUDENT",
      organisationId: university.id,
    });
    const page = (await load(organisationPage.loader, path, admin, params)).data as { organisation: { invitations: { email: string }[] } };
    expect(page.organisation.invitations.map((invitation) => invitation.email)).toEqual(["stu@example.test"]);
  });

  it("lists open invitations with expired ones marked, and leaves out accepted and revoked ones", async () => {
    const trust = await createOrganisation({ regionId });
    const base = { name: "Someone", role: "EDUCATOR" as const, organisationId: trust.id, invitedById: adminId };
    await prisma.invitation.createMany({
      data: [
        { ...base, email: "waiting@example.test", tokenHash: "hash-waiting", expiresAt: new Date(Date.now() + 86_400_000) },
        { ...base, email: "expired@example.test", tokenHash: "hash-expired", expiresAt: new Date(Date.now() - 86_400_000) },
        { ...base, email: "accepted@example.test", tokenHash: "hash-accepted", expiresAt: new Date(Date.now() + 86_400_000), acceptedAt: new Date() },
        { ...base, email: "revoked@example.test", tokenHash: "hash-revoked", expiresAt: new Date(Date.now() + 86_400_000), revokedAt: new Date() },
      ],
    });
    const page = (await load(usersPage.loader, "/admin/users", admin)).data as {
      now: Date;
      openInvitations: { invitations: { email: string; expiresAt: Date; organisation: { name: string } | null }[] };
    };
    const emails = page.openInvitations.invitations.map((invitation) => invitation.email);
    expect(emails).toEqual(expect.arrayContaining(["waiting@example.test", "expired@example.test"]));
    expect(emails).not.toContain("accepted@example.test");
    expect(emails).not.toContain("revoked@example.test");
    const expired = page.openInvitations.invitations.find((invitation) => invitation.email === "expired@example.test")!;
    expect(expired.expiresAt < page.now).toBe(true);
    expect(expired.organisation?.name).toBe(trust.name);
  });
});
