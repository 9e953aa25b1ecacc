import { beforeEach, describe, expect, it } from "vitest";
import { CANNOT_INVITE_HERE, createInvitation } from "~/accounts/invitations.server";
import { resetRateLimits } from "~/accounts/rate-limit.server";
import { validateSessionToken } from "~/accounts/session.server";
import { inviteStudent } from "~/marketplace/university-allocations.server";
import { prisma } from "~/platform/db/db.server";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createUser, signInAs } from "../helpers/fixtures";

useTestDatabase();
beforeEach(() => resetRateLimits());

async function universityTeam() {
  const university = await createOrganisation({ kind: "UNIVERSITY" });
  const member = await createUser("UNIVERSITY", { organisationId: university.id });
  const session = await validateSessionToken((await signInAs(member)).cookie.split("=")[1]);
  return { university, user: session!.user };
}

describe("whose invitations a new one may replace", () => {
  it("a university cannot revoke an administrator's invitation by naming the same address", async () => {
    const admin = await createUser("ADMIN");
    const trust = await createOrganisation();
    const educatorInvitation = await createInvitation({
      email: "sam@example.test", name: "Sam", role: "EDUCATOR", organisationId: trust.id, regionId: null, invitedById: admin.id,
    });
    const { user } = await universityTeam();
    await expect(inviteStudent(user, { email: "Sam@example.test", name: "Sam" })).rejects.toThrow(CANNOT_INVITE_HERE);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: educatorInvitation.id } })).revokedAt).toBeNull();
    expect(await prisma.invitation.count({ where: { email: "sam@example.test" } })).toBe(1);
  });

  it("a university cannot revoke another university's invitation", async () => {
    const first = await universityTeam();
    const second = await universityTeam();
    const theirs = await inviteStudent(first.user, { email: "kim@example.test", name: "Kim" });
    await expect(inviteStudent(second.user, { email: "kim@example.test", name: "Kim" })).rejects.toThrow(CANNOT_INVITE_HERE);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
  });

  it("a university's new invitation replaces its own earlier one, and an administrator's replaces anyone's", async () => {
    const { user } = await universityTeam();
    const first = await inviteStudent(user, { email: "lee@example.test", name: "Lee" });
    const second = await inviteStudent(user, { email: "lee@example.test", name: "Lee Jones" });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: first.id } })).revokedAt).not.toBeNull();
    const admin = await createUser("ADMIN");
    const trust = await createOrganisation();
    await createInvitation({ email: "lee@example.test", name: "Lee", role: "EDUCATOR", organisationId: trust.id, regionId: null, invitedById: admin.id });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: second.id } })).revokedAt).not.toBeNull();
  });
});

describe("what a refusal reveals", () => {
  it("an account at another organisation gets the same answer as another organisation's invitation", async () => {
    const elsewhere = await createOrganisation();
    const educator = await createUser("EDUCATOR", { organisationId: elsewhere.id });
    const { user } = await universityTeam();
    const refusal = await inviteStudent(user, { email: educator.email, name: "X" }).catch((error: Error) => error.message);
    expect(refusal).toBe(CANNOT_INVITE_HERE);
    expect(refusal).not.toMatch(/exists/);
  });

  it("says plainly when the person is already one of the university's own", async () => {
    const { university, user } = await universityTeam();
    const student = await createUser("STUDENT", { organisationId: university.id });
    await expect(inviteStudent(user, { email: student.email, name: "X" })).rejects.toThrow("A user with this email address already exists");
  });
});
