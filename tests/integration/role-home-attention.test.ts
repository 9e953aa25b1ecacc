import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getAdminAttention, getFacilitatorAttention, getProviderAttention, getStudentHome, getUniversityAttention } from "~/dashboards/home.server";
import { bookOffer } from "~/marketplace/allocations.server";
import FacilitatorHome, { loader as facilitatorHomeLoader } from "~/routes/facilitator._index";
import ProviderHome, { loader as providerHomeLoader } from "~/routes/provider._index";
import StudentHome, { loader as studentHomeLoader } from "~/routes/student._index";
import UniversityHome, { loader as universityHomeLoader } from "~/routes/university._index";
import { createOffer, createRequest } from "../helpers/marketplace";
import { renderRoute } from "../helpers/render-route";
import { createUniversityWorld } from "./university-fixtures";
import { prisma } from "~/platform/db/db.server";
import { loader as adminHomeLoader } from "~/routes/admin._index";
import { currentAcademicYear } from "~/vocabulary/academic-year";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createUser, signInAs } from "../helpers/fixtures";
import { call } from "./provider-fixtures";

useTestDatabase();

const NOW = new Date("2026-11-30T09:00:00Z");
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ");

describe("the administrator's home: what needs attention", () => {
  it("counts invitations still open (not accepted, revoked or expired) and providers without this year's workforce", async () => {
    const before = await getAdminAttention(NOW);
    const admin = await createUser("ADMIN");
    const invite = (data: { expiresAt: Date; acceptedAt?: Date; revokedAt?: Date }) =>
      prisma.invitation.create({
        data: { tokenHash: randomUUID(), email: `${randomUUID()}@example.com`, name: "Invited", role: "EDUCATOR", invitedById: admin.id, ...data },
      });
    await invite({ expiresAt: new Date("2026-12-05T00:00:00Z") });
    await invite({ expiresAt: new Date("2026-12-05T00:00:00Z"), acceptedAt: NOW });
    await invite({ expiresAt: new Date("2026-12-05T00:00:00Z"), revokedAt: NOW });
    await invite({ expiresAt: new Date("2026-11-29T00:00:00Z") });

    const year = currentAcademicYear(NOW);
    const missing = await createOrganisation({ name: "Aaa Trust without figures" });
    const lastYearOnly = await createOrganisation({ name: "Aab Trust with last year's figures" });
    const complete = await createOrganisation({ name: "Aac Trust with figures" });
    await createOrganisation({ kind: "UNIVERSITY", name: "Aad University" });
    await prisma.workforce.create({ data: { organisationId: lastYearOnly.id, profession: "PT", year: year - 1, wte: 10 } });
    await prisma.workforce.create({ data: { organisationId: complete.id, profession: "PT", year, wte: 10 } });

    const after = await getAdminAttention(NOW);
    expect(after.pendingInvitations - before.pendingInvitations).toBe(1);
    expect(after.withoutWorkforce.count - before.withoutWorkforce.count).toBe(2);
    expect(after.withoutWorkforce.first.map((organisation) => organisation.id)).toEqual(expect.arrayContaining([missing.id, lastYearOnly.id]));
    expect(after.withoutWorkforce.first.map((organisation) => organisation.id)).not.toContain(complete.id);

    const page = await call(adminHomeLoader, "/admin", { as: await signInAs(admin) });
    expect(page.status).toBe(200);
    expect((page.data as { attention: { withoutWorkforce: { count: number } } }).attention.withoutWorkforce.count).toBeGreaterThanOrEqual(2);
  });
});

describe("each role's home counts what waits for it, proposed and confirmed apart", () => {
  async function twoAllocations() {
    const w = await createUniversityWorld();
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 6 });
    const first = await createRequest(w.university.id, { students: 2 });
    const second = await createRequest(w.university.id, { students: 3 });
    const proposed = await bookOffer(w.lead, { offerId: offer.id, requestId: first.id, students: 2 });
    const confirmed = await bookOffer(w.lead, { offerId: offer.id, requestId: second.id, students: 1 });
    await prisma.allocation.update({ where: { id: confirmed.id }, data: { status: "CONFIRMED" } });
    return { w, offer, proposed, confirmed };
  }

  it("shows the provider 1 to confirm and 1 confirmed, not 2, and the confirmed one as placed", async () => {
    const { w } = await twoAllocations();
    const page = await call(providerHomeLoader, "/provider", { as: w.educatorSigned });
    expect(page.status).toBe(200);
    const { attention } = page.data as { attention: Awaited<ReturnType<typeof getProviderAttention>> };
    expect(attention.proposed).toEqual({ allocations: 1, students: 2 });
    expect(attention.confirmed).toEqual({ allocations: 1, students: 1 });
    expect(attention.placed).toEqual({ allocations: 1, students: 1 });
    const html = text(await renderRoute(ProviderHome, page.data, "/provider"));
    expect(html).toMatch(/Proposals to confirm or decline 1 2 students held until you answer/);
    expect(html).toMatch(/Confirmed, waiting for the university 1 1 student /);
    expect(html).toMatch(/Students placed 1 /);
  });

  it("shows the university 1 to accept, 1 waiting for the provider, and the students still unmet", async () => {
    const { w, confirmed } = await twoAllocations();
    const page = await call(universityHomeLoader, "/university", { as: w.signed });
    const { attention } = page.data as { attention: Awaited<ReturnType<typeof getUniversityAttention>> };
    expect(attention.confirmed.allocations).toBe(1);
    expect(attention.proposed.allocations).toBe(1);
    expect(attention.accepted.allocations).toBe(0);
    expect(attention.placed.students).toBe(1);
    // 2 + 3 requested, 2 + 1 held: the first request is fully allocated, the second still open for 2.
    expect(attention.unmetStudents).toBe(2);
    expect(attention.unmetRequests).toBe(1);
    await prisma.allocation.update({ where: { id: confirmed.id }, data: { status: "ACCEPTED" } });
    const after = await getUniversityAttention(w.university.id);
    expect([after.confirmed.allocations, after.accepted.allocations, after.placed.students]).toEqual([0, 1, 1]);
    const html = text(await renderRoute(UniversityHome, (await call(universityHomeLoader, "/university", { as: w.signed })).data, "/university"));
    expect(html).toMatch(/Accepted allocations to name students on 1 /);
    expect(html).toMatch(/Students placed 1 /);
  });

  it("shows the provider its ended placements, audit actions due and audits to renew", async () => {
    const { w, confirmed } = await twoAllocations();
    await prisma.placementRequest.update({ where: { id: confirmed.requestId }, data: { startDate: new Date("2026-09-07T00:00:00Z"), endDate: new Date("2026-10-30T00:00:00Z") } });
    await prisma.allocation.update({ where: { id: confirmed.id }, data: { status: "STUDENTS_NAMED" } });
    const old = await prisma.placementAudit.create({
      data: { siteId: w.providerSite.id, providerId: w.provider.id, rating: "SATISFACTORY", auditedOn: new Date("2024-12-01T00:00:00Z"), expiresOn: new Date("2026-12-01T00:00:00Z") },
    });
    await prisma.auditActionItem.createMany({
      data: [
        { auditId: old.id, description: "Overdue", dueOn: new Date("2026-11-01T00:00:00Z") },
        { auditId: old.id, description: "Soon", dueOn: new Date("2026-12-05T00:00:00Z") },
        { auditId: old.id, description: "Later", dueOn: new Date("2027-03-01T00:00:00Z") },
        { auditId: old.id, description: "Done", dueOn: new Date("2026-11-01T00:00:00Z"), completedOn: new Date("2026-10-20T00:00:00Z") },
      ],
    });
    const attention = await getProviderAttention(w.provider.id, NOW);
    expect(attention.toComplete).toBe(1);
    expect([attention.actionsOverdue, attention.actionsDueSoon]).toEqual([1, 1]);
    expect(attention.auditsDue).toBe(1);
    // A newer audit of the same site replaces the expiring one.
    await prisma.placementAudit.create({
      data: { siteId: w.providerSite.id, providerId: w.provider.id, rating: "EXCELLENT", auditedOn: new Date("2026-11-20T00:00:00Z"), expiresOn: new Date("2028-11-20T00:00:00Z") },
    });
    expect((await getProviderAttention(w.provider.id, NOW)).auditsDue).toBe(0);
  });

  it("shows the facilitator cases due, providers below their share, support requests and unmet students", async () => {
    const { w } = await twoAllocations();
    const facilitator = await createUser("FACILITATOR", { regionId: w.region.id });
    await prisma.workforce.create({ data: { organisationId: w.provider.id, profession: "PT", year: 2026, wte: 200 } });
    // 45 students asked for against 6 slots offered: the region's only provider is far below its share.
    const large = await createRequest(w.university.id, { students: 40 });
    await prisma.shortfallCase.createMany({
      data: [
        { regionId: w.region.id, kind: "OTHER", title: "Overdue", dueOn: new Date("2026-11-20T00:00:00Z") },
        { regionId: w.region.id, kind: "OTHER", title: "Due soon", dueOn: new Date("2026-12-03T00:00:00Z") },
        { regionId: w.region.id, kind: "OTHER", title: "Later", dueOn: new Date("2027-01-20T00:00:00Z") },
        { regionId: w.region.id, kind: "OTHER", title: "Resolved", status: "RESOLVED", dueOn: new Date("2026-11-20T00:00:00Z") },
      ],
    });
    await prisma.supportRequest.create({ data: { organisationId: w.provider.id, regionId: w.region.id, authorId: w.educator.id, topic: "capacity", body: "We need help with capacity" } });
    const attention = await getFacilitatorAttention(w.region.id, 2026, { now: NOW });
    expect([attention.casesOverdue, attention.casesDueSoon]).toEqual([1, 1]);
    expect(attention.supportRequests).toBe(1);
    expect(attention.belowShare.first.map((provider) => provider.id)).toContain(w.provider.id);
    expect(attention.proposed.allocations).toBe(1);
    const page = await call(facilitatorHomeLoader, "/facilitator?year=2026", { as: await signInAs(facilitator) });
    expect(page.status).toBe(200);
    const html = text(await renderRoute(FacilitatorHome, page.data, "/facilitator"));
    expect(html).toMatch(/Support requests to pick up 1 /);
    expect(html).toContain(w.provider.name);
    // The providers below their share are kept until the data changes: without the large request the
    // provider offers more than its share, and the very next look says so.
    await prisma.placementRequest.delete({ where: { id: large.id } });
    const after = await getFacilitatorAttention(w.region.id, 2026, { now: NOW });
    expect(after.belowShare).toEqual({ count: 0, first: [] });
  });

  it("shows a student their next placement with site, dates, contact and what to bring, and the feedback still to give", async () => {
    const { w, offer, proposed, confirmed } = await twoAllocations();
    await prisma.offer.update({ where: { id: offer.id }, data: { notes: "Bring your uniform and ID badge", createdById: w.educator.id } });
    await prisma.allocation.update({ where: { id: proposed.id }, data: { status: "STUDENTS_NAMED" } });
    await prisma.allocation.update({ where: { id: confirmed.id }, data: { status: "COMPLETED" } });
    await prisma.allocationStudent.createMany({ data: [{ allocationId: proposed.id, studentId: w.student.id }, { allocationId: confirmed.id, studentId: w.student.id }] });
    const page = await call(studentHomeLoader, "/student", { as: w.studentSigned });
    const data = page.data as Awaited<ReturnType<typeof getStudentHome>>;
    expect(data.placement).toMatchObject({ id: proposed.id, siteName: "St Thomas' Hospital", whatToBring: "Bring your uniform and ID badge", contact: { name: w.educator.name, email: w.educator.email } });
    expect(data.feedbackDue.map((item) => item.id)).toEqual([confirmed.id]);
    const html = text(await renderRoute(StudentHome, page.data, "/student"));
    expect(html).toContain("Bring your uniform and ID badge");
    expect(html).toContain(w.educator.email);
    expect(html).toMatch(/Feedback to give 1 /);
  });
});
