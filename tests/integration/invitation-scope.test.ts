import { beforeEach, describe, expect, it } from "vitest";
import { CANNOT_INVITE_HERE, createInvitation } from "~/accounts/invitations.server";
import { resetRateLimits } from "~/accounts/rate-limit.server";
import { validateSessionToken } from "~/accounts/session.server";
import { inviteStudent } from "~/marketplace/university-allocations.server";
import { prisma } from "~/platform/db/db.server";
import { MAIL_QUEUE } from "~/platform/mail.server";
import { bookOffer } from "~/marketplace/allocations.server";
import { action as namingAction } from "~/routes/university.allocations.$allocationId.students";
import { useTestDatabase } from "../helpers/database";
import { bannerAfter } from "../helpers/flash";
import { createOrganisation, createUser, signInAs, type SignedIn } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";
import { call, createUniversityWorld, fieldErrors } from "./university-fixtures";

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
    expect(await inviteStudent(user, { email: "Sam@example.test", name: "Sam" })).toBeNull();
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: educatorInvitation.id } })).revokedAt).toBeNull();
    expect(await prisma.invitation.count({ where: { email: "sam@example.test" } })).toBe(1);
  });

  it("a university cannot revoke another university's invitation", async () => {
    const first = await universityTeam();
    const second = await universityTeam();
    const theirs = await inviteStudent(first.user, { email: "kim@example.test", name: "Kim" });
    expect(await inviteStudent(second.user, { email: "kim@example.test", name: "Kim" })).toBeNull();
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: theirs!.id } })).revokedAt).toBeNull();
    expect(await prisma.invitation.count({ where: { email: "kim@example.test" } })).toBe(1);
  });

  it("a university's new invitation replaces its own earlier one, and an administrator's replaces anyone's", async () => {
    const { user } = await universityTeam();
    const first = await inviteStudent(user, { email: "lee@example.test", name: "Lee" });
    const second = await inviteStudent(user, { email: "lee@example.test", name: "Lee Jones" });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: first!.id } })).revokedAt).not.toBeNull();
    const admin = await createUser("ADMIN");
    const trust = await createOrganisation();
    await createInvitation({ email: "lee@example.test", name: "Lee", role: "EDUCATOR", organisationId: trust.id, regionId: null, invitedById: admin.id });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: second!.id } })).revokedAt).not.toBeNull();
  });
});

describe("what the student-invite form reveals", () => {
  const world = async () => {
    const w = await createUniversityWorld();
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 5 });
    const request = await createRequest(w.university.id, { students: 2 });
    const allocation = await bookOffer(w.lead, { offerId: offer.id, requestId: request.id, students: 2 });
    await prisma.allocation.update({ where: { id: allocation.id }, data: { status: "ACCEPTED" } });
    const invite = (email: string) =>
      call(namingAction, `/university/allocations/${allocation.id}/students`, { as: w.signed, params: { allocationId: allocation.id }, form: { intent: "invite", email, name: "Sam Student", programmeId: request.programmeId, yearOfStudy: "1" } });
    return { w, invite };
  };
  const answer = async (result: Awaited<ReturnType<typeof call>>, as: SignedIn, email: string) => ({
    status: result.status,
    location: result.response?.headers.get("Location"),
    banner: (await bannerAfter(result.response, as))?.replace(email, "EMAIL"),
  });

  it("answers an account at another organisation and another organisation's invitation exactly as a fresh address, sending nothing", async () => {
    const { w, invite } = await world();
    const fresh = await answer(await invite("fresh@example.ac.uk"), w.signed, "fresh@example.ac.uk");
    expect(fresh.status).toBe(302);
    expect(fresh.banner).toMatch(/^If EMAIL can be invited, an invitation is on its way/);

    const educator = await createUser("EDUCATOR", { organisationId: w.provider.id });
    const other = await createUser("UNIVERSITY", { organisationId: w.otherUniversity.id });
    const otherUser = (await validateSessionToken((await signInAs(other)).cookie.split("=")[1]))!.user;
    const theirs = await inviteStudent(otherUser, { email: "theirs@example.ac.uk", name: "Their Student" });
    const emailsBefore = await prisma.job.count({ where: { queue: MAIL_QUEUE } });

    const account = await answer(await invite(educator.email), w.signed, educator.email);
    expect(account).toEqual(fresh);
    const pending = await answer(await invite("theirs@example.ac.uk"), w.signed, "theirs@example.ac.uk");
    expect(pending).toEqual(fresh);

    expect(await prisma.job.count({ where: { queue: MAIL_QUEUE } })).toBe(emailsBefore);
    expect(await prisma.invitation.count({ where: { email: educator.email } })).toBe(0);
    expect(await prisma.invitation.findUniqueOrThrow({ where: { id: theirs!.id } })).toMatchObject({ revokedAt: null, invitedById: other.id });
    expect(await prisma.invitation.count({ where: { email: "theirs@example.ac.uk" } })).toBe(1);
  });

  it("says plainly when the person is already one of the university's own", async () => {
    const { w, invite } = await world();
    const result = await invite(w.student.email);
    expect(result.status).toBe(400);
    expect(fieldErrors(result).email).toEqual(["A user with this email address already exists"]);
  });

  it("other invitation forms still refuse an address elsewhere without naming its organisation; an administrator may learn of any account", async () => {
    const { university, user } = await universityTeam();
    const elsewhere = await createOrganisation();
    const educator = await createUser("EDUCATOR", { organisationId: elsewhere.id });
    const admin = await createUser("ADMIN");
    await expect(
      createInvitation({ email: educator.email, name: "X", role: "UNIVERSITY", organisationId: university.id, regionId: null, invitedById: user.id }),
    ).rejects.toThrow(CANNOT_INVITE_HERE);
    await expect(
      createInvitation({ email: educator.email, name: "X", role: "UNIVERSITY", organisationId: university.id, regionId: null, invitedById: admin.id }),
    ).rejects.toThrow("A user with this email address already exists");
  });
});
