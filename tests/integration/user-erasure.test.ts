import { describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server";
import { validateSessionToken } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { bookOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { action as usersAction } from "~/routes/admin.users";
import { loader as allocationLoader } from "~/routes/allocations.$allocationId";
import { useTestDatabase } from "../helpers/database";
import { buildRequest, createOrganisation, createRegion, createUser, settle, signInAs, testContext } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";

useTestDatabase();

describe("deleting a person's data", () => {
  it("anonymises them, ends their sessions, frees the email, and keeps every allocation and trail whole", async () => {
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id });
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
    const educator = await createUser("EDUCATOR", { organisationId: trust.id });
    const lead = await createUser("UNIVERSITY", { organisationId: university.id, email: "leaver@example.test" });
    const student = await createUser("STUDENT", { organisationId: university.id });
    const allocation = await bookOffer(lead as SessionUser, { offerId: (await createOffer(trust.id)).id, requestId: (await createRequest(university.id, { students: 1 })).id, students: 1 });
    await transitionAllocation(educator as SessionUser, { allocationId: allocation.id, to: "CONFIRMED" });
    await transitionAllocation(lead as SessionUser, { allocationId: allocation.id, to: "ACCEPTED" });
    await transitionAllocation(lead as SessionUser, { allocationId: allocation.id, to: "STUDENTS_NAMED", studentIds: [student.id] });
    const leadSession = await signInAs(lead);
    await prisma.user.update({ where: { id: lead.id }, data: { active: false } });

    const admin = await signInAs(await createUser("ADMIN"));
    const unconfirmed = await settle(() => usersAction({ request: buildRequest("/admin/users", { as: admin, form: { intent: "erase-user", userId: lead.id } }), params: {}, context: testContext }));
    expect(unconfirmed.status).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: lead.id } })).email).toBe("leaver@example.test");

    const erased = await settle(() => usersAction({ request: buildRequest("/admin/users", { as: admin, form: { intent: "erase-user", userId: lead.id, confirm: "yes" } }), params: {}, context: testContext }));
    expect(erased.status).toBe(302);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: lead.id } });
    expect(after).toMatchObject({ name: "Deleted user", passwordHash: null, active: false });
    expect(after.email).not.toContain("leaver");
    expect(await validateSessionToken(leadSession.cookie.split("=")[1])).toBeNull();
    expect(await prisma.notification.count({ where: { userId: lead.id } })).toBe(0);

    // The history stays: allocation, its named student, and the trail, now showing "Deleted user".
    expect(await prisma.allocation.findUniqueOrThrow({ where: { id: allocation.id } })).toMatchObject({ status: "STUDENTS_NAMED" });
    expect(await prisma.allocationEvent.count({ where: { allocationId: allocation.id } })).toBe(4);
    const page = await settle(async () =>
      allocationLoader({ request: buildRequest(`/allocations/${allocation.id}`, { as: await signInAs(educator) }), params: { allocationId: allocation.id }, context: testContext }),
    );
    const trail = JSON.stringify((page.data as { timeline: unknown[] }).timeline);
    expect(trail).toContain("Deleted user");
    expect(trail).not.toContain("leaver@example.test");
    // The address can be invited again.
    await createUser("UNIVERSITY", { organisationId: university.id, email: "leaver@example.test" });
  });

  it("is for administrators only, and not of oneself", async () => {
    const admin = await createUser("ADMIN");
    const signed = await signInAs(admin);
    const self = await settle(() => usersAction({ request: buildRequest("/admin/users", { as: signed, form: { intent: "erase-user", userId: admin.id, confirm: "yes" } }), params: {}, context: testContext }));
    expect(self.status).toBe(403);
    const facilitator = await signInAs(await createUser("FACILITATOR"));
    const refused = await settle(() => usersAction({ request: buildRequest("/admin/users", { as: facilitator, form: { intent: "erase-user", userId: admin.id, confirm: "yes" } }), params: {}, context: testContext }));
    expect(refused.status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).name).not.toBe("Deleted user");
  });
});
