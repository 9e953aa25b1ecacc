import { describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { bookOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { listStudentPlacements } from "~/marketplace/student-placements.server";
import { action as allocationAction, loader as allocationLoader } from "~/routes/allocations.$allocationId";
import Opportunities, { loader as opportunitiesLoader } from "~/routes/opportunities._index";
import { loader as opportunityLoader } from "~/routes/opportunities.$offerId";
import { describePlaces } from "~/marketplace/allocation-rules";
import { useTestDatabase } from "../helpers/database";
import { buildRequest, createOrganisation, createRegion, createUser, settle, signInAs, testContext } from "../helpers/fixtures";
import { formatDate } from "~/vocabulary/labels";
import { createOffer, createRequest, isoFromToday } from "../helpers/marketplace";
import { renderRoute } from "../helpers/render-route";

const database = useTestDatabase();

const asSession = (user: { id: string; email: string; name: string; role: string; organisationId: string | null; regionId: string | null }) =>
  user as SessionUser;

async function world() {
  const region = await createRegion();
  const otherRegion = await createRegion();
  const trust = await createOrganisation({ regionId: region.id });
  const otherTrust = await createOrganisation({ regionId: region.id });
  const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const otherUniversity = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const educator = asSession(await createUser("EDUCATOR", { organisationId: trust.id }));
  const otherEducator = asSession(await createUser("EDUCATOR", { organisationId: otherTrust.id }));
  const lead = asSession(await createUser("UNIVERSITY", { organisationId: university.id }));
  const otherLead = asSession(await createUser("UNIVERSITY", { organisationId: otherUniversity.id }));
  const facilitator = asSession(await createUser("FACILITATOR", { regionId: region.id }));
  const farFacilitator = asSession(await createUser("FACILITATOR", { regionId: otherRegion.id }));
  const students = await Promise.all([1, 2, 3].map(() => createUser("STUDENT", { organisationId: university.id })));
  const outsider = await createUser("STUDENT", { organisationId: otherUniversity.id });
  // Dated from today, so the block has always still to end when the tests mark it completed early.
  const offer = await createOffer(trust.id, { slots: 4, start: isoFromToday(30), end: isoFromToday(100) });
  const request = await createRequest(university.id, { students: 3, reasonableAdjustments: "Needs step-free access", start: isoFromToday(37), end: isoFromToday(65) });
  const allocation = await bookOffer(lead, { offerId: offer.id, requestId: request.id, students: 2 });
  return { educator, otherEducator, lead, otherLead, facilitator, farFacilitator, students, outsider, offer, request, allocation };
}

const statusOf = async (id: string) => (await prisma.allocation.findUniqueOrThrow({ where: { id } })).status;
const rejection = (promise: Promise<unknown>) => promise.then(() => null, (error: { status?: number; message: string }) => ({ status: error.status, message: error.message }));

describe("allocation life", () => {
  it("goes proposed → confirmed → accepted → students named → completed, recording who did each step", async () => {
    const w = await world();
    await transitionAllocation(w.educator, { allocationId: w.allocation.id, to: "CONFIRMED" });
    await transitionAllocation(w.lead, { allocationId: w.allocation.id, to: "ACCEPTED" });
    await transitionAllocation(w.lead, { allocationId: w.allocation.id, to: "STUDENTS_NAMED", studentIds: [w.students[0].id, w.students[1].id] });
    expect(await rejection(transitionAllocation(w.educator, { allocationId: w.allocation.id, to: "COMPLETED" }))).toEqual({
      status: 400,
      message: `This placement ends on ${formatDate(isoFromToday(65))}. To mark it completed before then, give the reason`,
    });
    expect(await statusOf(w.allocation.id)).toBe("STUDENTS_NAMED");
    await transitionAllocation(w.educator, { allocationId: w.allocation.id, to: "COMPLETED", reason: "The student withdrew from the programme" });
    expect(await statusOf(w.allocation.id)).toBe("COMPLETED");
    const completion = await prisma.allocationEvent.findFirstOrThrow({ where: { allocationId: w.allocation.id, toStatus: "COMPLETED" } });
    expect(completion.reason).toBe(`Completed before its end date (${formatDate(isoFromToday(65))}): The student withdrew from the programme`);
    const events = await prisma.allocationEvent.findMany({ where: { allocationId: w.allocation.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.actorId])).toEqual([
      [null, "PROPOSED", w.lead.id],
      ["PROPOSED", "CONFIRMED", w.educator.id],
      ["CONFIRMED", "ACCEPTED", w.lead.id],
      ["ACCEPTED", "STUDENTS_NAMED", w.lead.id],
      ["STUDENTS_NAMED", "COMPLETED", w.educator.id],
    ]);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: w.offer.id } })).slotsTaken).toBe(2);
  });

  it("completes without a reason on or after the last day", async () => {
    const w = await world();
    const ended = await createRequest((await prisma.placementRequest.findUniqueOrThrow({ where: { id: w.request.id } })).universityId, {
      students: 1,
      start: "2026-10-05",
      end: "2026-10-30",
    });
    const offer = await createOffer((await prisma.offer.findUniqueOrThrow({ where: { id: w.offer.id } })).providerId, { start: "2026-10-01", end: "2026-11-27", slots: 1 });
    const allocation = await bookOffer(w.lead, { offerId: offer.id, requestId: ended.id, students: 1 });
    await prisma.allocation.update({ where: { id: allocation.id }, data: { status: "STUDENTS_NAMED", namedStudents: { create: { studentId: w.students[2].id } } } });
    await transitionAllocation(w.lead, { allocationId: allocation.id, to: "COMPLETED" });
    expect(await statusOf(allocation.id)).toBe("COMPLETED");
    expect((await prisma.allocationEvent.findFirstOrThrow({ where: { allocationId: allocation.id, toStatus: "COMPLETED" } })).reason).toBeNull();
  });

  it("a decline needs a reason and gives the places back", async () => {
    const w = await world();
    expect(await rejection(transitionAllocation(w.educator, { allocationId: w.allocation.id, to: "DECLINED" }))).toMatchObject({ status: 400 });
    expect(await statusOf(w.allocation.id)).toBe("PROPOSED");
    await transitionAllocation(w.educator, { allocationId: w.allocation.id, to: "DECLINED", reason: "No educator available that week" });
    expect(await statusOf(w.allocation.id)).toBe("DECLINED");
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: w.offer.id } })).slotsTaken).toBe(0);
    expect(await prisma.placementRequest.findUniqueOrThrow({ where: { id: w.request.id } })).toMatchObject({ studentsAllocated: 0, status: "OPEN" });
    const last = await prisma.allocationEvent.findFirstOrThrow({ where: { allocationId: w.allocation.id, toStatus: "DECLINED" } });
    expect(last.reason).toBe("No educator available that week");
  });

  it("refuses the wrong party (403), strangers (404) and the wrong state (409)", async () => {
    const w = await world();
    expect(await rejection(transitionAllocation(w.lead, { allocationId: w.allocation.id, to: "CONFIRMED" }))).toMatchObject({ status: 403 });
    expect(await rejection(transitionAllocation(w.otherEducator, { allocationId: w.allocation.id, to: "CONFIRMED" }))).toMatchObject({ status: 404 });
    expect(await rejection(transitionAllocation(w.otherLead, { allocationId: w.allocation.id, to: "CANCELLED", reason: "x" }))).toMatchObject({ status: 404 });
    expect(await rejection(transitionAllocation(w.farFacilitator, { allocationId: w.allocation.id, to: "CANCELLED", reason: "x" }))).toMatchObject({ status: 404 });
    expect(await rejection(transitionAllocation(asSession(w.students[0]), { allocationId: w.allocation.id, to: "CONFIRMED" }))).toMatchObject({ status: 404 });
    expect(await rejection(transitionAllocation(w.lead, { allocationId: w.allocation.id, to: "ACCEPTED" }))).toMatchObject({ status: 409 });
    await transitionAllocation(w.educator, { allocationId: w.allocation.id, to: "CONFIRMED" });
    expect(await rejection(transitionAllocation(w.educator, { allocationId: w.allocation.id, to: "CONFIRMED" }))).toMatchObject({ status: 409 });
    expect(await statusOf(w.allocation.id)).toBe("CONFIRMED");
  });

  it("a facilitator of the region can cancel, with a reason", async () => {
    const w = await world();
    await transitionAllocation(w.educator, { allocationId: w.allocation.id, to: "CONFIRMED" });
    await transitionAllocation(w.facilitator, { allocationId: w.allocation.id, to: "CANCELLED", reason: "Trust closed the ward" });
    expect(await statusOf(w.allocation.id)).toBe("CANCELLED");
    expect(await rejection(transitionAllocation(w.facilitator, { allocationId: w.allocation.id, to: "CONFIRMED" }))).toMatchObject({ status: 409 });
  });

  it("naming students needs exactly the allocated number, all from the university", async () => {
    const w = await world();
    await transitionAllocation(w.educator, { allocationId: w.allocation.id, to: "CONFIRMED" });
    expect(await rejection(transitionAllocation(w.lead, { allocationId: w.allocation.id, to: "STUDENTS_NAMED", studentIds: [w.students[0].id, w.students[1].id] }))).toMatchObject({ status: 409 });
    await transitionAllocation(w.lead, { allocationId: w.allocation.id, to: "ACCEPTED" });
    expect(await rejection(transitionAllocation(w.lead, { allocationId: w.allocation.id, to: "STUDENTS_NAMED", studentIds: [w.students[0].id] }))).toMatchObject({ status: 400 });
    expect(await rejection(transitionAllocation(w.lead, { allocationId: w.allocation.id, to: "STUDENTS_NAMED", studentIds: [w.students[0].id, w.students[0].id] }))).toMatchObject({ status: 400 });
    expect(await rejection(transitionAllocation(w.lead, { allocationId: w.allocation.id, to: "STUDENTS_NAMED", studentIds: [w.students[0].id, w.outsider.id] }))).toMatchObject({ status: 400 });
    expect(await statusOf(w.allocation.id)).toBe("ACCEPTED");
    expect(await prisma.allocationStudent.count({ where: { allocationId: w.allocation.id } })).toBe(0);
    await transitionAllocation(w.lead, { allocationId: w.allocation.id, to: "STUDENTS_NAMED", studentIds: [w.students[0].id, w.students[1].id] });
    const mine = await listStudentPlacements(w.students[0].id);
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(mine)).not.toContain("step-free");
    expect(await listStudentPlacements(w.students[2].id)).toHaveLength(0);
  });
});

describe("allocation page", () => {
  it("shows parties the trail and the reasonable adjustments; strangers and students get 404", async () => {
    const w = await world();
    const view = async (user: { id: string }) =>
      settle(async () => allocationLoader({ request: buildRequest(`/allocations/${w.allocation.id}`, { as: await signInAs(user) }), params: { allocationId: w.allocation.id }, context: testContext }));
    const provider = await view(w.educator);
    expect(provider.status).toBe(200);
    expect(JSON.stringify(provider.data)).toContain("Needs step-free access");
    expect((provider.data as { transitions: { to: string }[] }).transitions.map((t) => t.to)).toEqual(["CONFIRMED", "DECLINED"]);
    expect((await view(w.facilitator)).status).toBe(200);
    expect(await prisma.auditEvent.count({ where: { actorId: w.educator.id, action: "viewed-reasonable-adjustments", entityId: w.request.id } })).toBe(1);
    expect((await view(w.otherEducator)).status).toBe(404);
    expect((await view(w.students[0])).status).toBe(404);
    expect((await view(w.farFacilitator)).status).toBe(404);
  });

  it("sends a student named on it, following their notification's link, to their own placements page", async () => {
    const w = await world();
    await transitionAllocation(w.educator, { allocationId: w.allocation.id, to: "CONFIRMED" });
    await transitionAllocation(w.lead, { allocationId: w.allocation.id, to: "ACCEPTED" });
    await transitionAllocation(w.lead, { allocationId: w.allocation.id, to: "STUDENTS_NAMED", studentIds: [w.students[0].id, w.students[1].id] });
    const notified = await prisma.notification.findFirstOrThrow({ where: { userId: w.students[0].id, kind: "students-named" } });
    expect(notified.link).toBe(`/allocations/${w.allocation.id}`);
    const follow = async (user: { id: string }) =>
      settle(async () => allocationLoader({ request: buildRequest(notified.link, { as: await signInAs(user) }), params: { allocationId: w.allocation.id }, context: testContext }));
    const named = await follow(w.students[0]);
    expect(named.status).toBe(302);
    expect(named.response?.headers.get("location")).toBe(`/student/placements#placement-${w.allocation.id}`);
    expect((await listStudentPlacements(w.students[0].id)).map((placement) => placement.id)).toEqual([w.allocation.id]);
    expect((await follow(w.students[2])).status).toBe(404);
    expect((await follow(w.educator)).status).toBe(200);
  });

  it("moves the allocation through the form, with CSRF, and reports refusals as 4xx", async () => {
    const w = await world();
    const signed = await signInAs(w.educator);
    const post = (form: Record<string, string>, withCsrf = true) =>
      settle(() => allocationAction({ request: buildRequest(`/allocations/${w.allocation.id}`, { as: signed, form, withCsrf }), params: { allocationId: w.allocation.id }, context: testContext }));
    expect((await post({ to: "CONFIRMED" }, false)).status).toBe(403);
    expect((await post({ to: "NONSENSE" })).status).toBe(400);
    const declined = await post({ to: "DECLINED" });
    expect(declined.status).toBe(400);
    expect(JSON.stringify(declined.data)).toContain("Give a reason");
    expect((await post({ to: "CONFIRMED" })).status).toBe(200);
    expect(await statusOf(w.allocation.id)).toBe("CONFIRMED");
    expect((await post({ to: "CONFIRMED" })).status).toBe(409);
    await prisma.allocation.update({ where: { id: w.allocation.id }, data: { status: "STUDENTS_NAMED" } });
    const unconfirmed = await post({ to: "COMPLETED", reason: "Ward closed" });
    expect(unconfirmed.status).toBe(400);
    expect(JSON.stringify(unconfirmed.data)).toContain("Tick the box to confirm the placement has finished");
    const early = await post({ to: "COMPLETED", confirmed: "yes" });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.data)).toContain("To mark it completed before then, give the reason");
    expect(await statusOf(w.allocation.id)).toBe("STUDENTS_NAMED");
    expect((await post({ to: "COMPLETED", confirmed: "yes", reason: "Ward closed" })).status).toBe(200);
    expect(await statusOf(w.allocation.id)).toBe("COMPLETED");
  });
});

describe("opportunities", () => {
  it("lists published offers with places, filtered in the database, and never drafts", async () => {
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id });
    const student = await createUser("STUDENT", { organisationId: (await createOrganisation({ kind: "UNIVERSITY", regionId: region.id })).id });
    const ahead = { start: isoFromToday(20), end: isoFromToday(80) };
    const open = await createOffer(trust.id, { profession: "OT", specialty: "Paediatrics unique-term", ...ahead });
    const draft = await createOffer(trust.id, { profession: "OT", status: "DRAFT", specialty: "unique-term draft", ...ahead });
    const full = await createOffer(trust.id, { profession: "OT", slots: 1, specialty: "unique-term full", ...ahead });
    const started = await createOffer(trust.id, { profession: "OT", specialty: "unique-term started", start: "2026-01-05", end: "2026-02-27" });
    await prisma.offer.update({ where: { id: full.id }, data: { slotsTaken: 1 } });
    const signed = await signInAs(student);
    const list = async (query: string) => {
      const result = await settle(() => opportunitiesLoader({ request: buildRequest(`/opportunities?${query}`, { as: signed }), params: {}, context: testContext }));
      return (result.data as { offers: { id: string }[] }).offers.map((o) => o.id);
    };
    expect(await list("q=unique-term")).toEqual([open.id]);
    expect((await list("q=unique-term&includeFull=on")).sort()).toEqual([open.id, full.id].sort());
    expect(await list("q=unique-term&profession=PT")).toEqual([]);
    expect(await list("q=unique-term&profession=bogus&page=-4")).toEqual([open.id]);
    expect(await list("q=unique-term")).not.toContain(draft.id);
    expect(await list("q=unique-term&includeFull=on")).not.toContain(started.id);
  });

  it("never lists an offer that started yesterday, even with places left; one starting today is still open", async () => {
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id });
    const student = await createUser("STUDENT", { organisationId: (await createOrganisation({ kind: "UNIVERSITY", regionId: region.id })).id });
    const running = await createOffer(trust.id, { specialty: "started-term running", start: isoFromToday(-1), end: isoFromToday(40), slots: 5 });
    const today = await createOffer(trust.id, { specialty: "started-term today", start: isoFromToday(0), end: isoFromToday(40), slots: 5 });
    const signed = await signInAs(student);
    for (const query of ["q=started-term", "q=started-term&includeFull=on"]) {
      const result = await settle(() => opportunitiesLoader({ request: buildRequest(`/opportunities?${query}`, { as: signed }), params: {}, context: testContext }));
      const ids = (result.data as { offers: { id: string }[] }).offers.map((o) => o.id);
      expect(ids).toEqual([today.id]);
      expect(ids).not.toContain(running.id);
    }
  });

  it("shows places held by proposals apart from free ones, on the list and the offer's page", async () => {
    const w = await world();
    const trustId = (await prisma.offer.findUniqueOrThrow({ where: { id: w.offer.id } })).providerId;
    const universityId = (await prisma.placementRequest.findUniqueOrThrow({ where: { id: w.request.id } })).universityId;
    const offer = await createOffer(trustId, { specialty: "held-term", slots: 6, start: isoFromToday(30), end: isoFromToday(100) });
    const request = await createRequest(universityId, { students: 5, start: isoFromToday(37), end: isoFromToday(65) });
    await bookOffer(w.lead, { offerId: offer.id, requestId: request.id, students: 2 });
    const confirmed = await bookOffer(w.lead, { offerId: offer.id, requestId: request.id, students: 1 });
    await transitionAllocation(w.educator, { allocationId: confirmed.id, to: "CONFIRMED" });
    const signed = await signInAs(w.students[0]);
    const listed = await settle(() => opportunitiesLoader({ request: buildRequest("/opportunities?q=held-term", { as: signed }), params: {}, context: testContext }));
    const row = (listed.data as { offers: { id: string; slots: number; slotsTaken: number; held: number }[] }).offers.find((o) => o.id === offer.id)!;
    expect(row).toMatchObject({ slots: 6, slotsTaken: 3, held: 2 });
    expect(describePlaces(row.slots, row.slotsTaken, row.held).label).toBe("3 free · 2 held by proposals");
    const page = await settle(() =>
      opportunityLoader({ request: buildRequest(`/opportunities/${offer.id}`, { as: signed }), params: { offerId: offer.id }, context: testContext }),
    );
    expect((page.data as { offer: { held: number } }).offer.held).toBe(2);
  });

  it("pages without counting: a next link while more follow, the total only on the last page, never a made-up page count", async () => {
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id });
    const student = await createUser("STUDENT", { organisationId: (await createOrganisation({ kind: "UNIVERSITY", regionId: region.id })).id });
    const offers = [];
    for (let day = 0; day < 27; day += 1) offers.push(await createOffer(trust.id, { profession: "SLT", specialty: "paged-term", start: isoFromToday(20 + day), end: isoFromToday(60 + day) }));
    const signed = await signInAs(student);
    const load = async (query: string) => {
      const result = await settle(() => opportunitiesLoader({ request: buildRequest(`/opportunities?${query}`, { as: signed }), params: {}, context: testContext }));
      const data = result.data as { offers: { id: string }[]; window: unknown };
      return { data, html: await renderRoute(Opportunities, data, "/opportunities") };
    };

    const first = await load("q=paged-term");
    expect(first.data.offers.map((o) => o.id)).toEqual(offers.slice(0, 25).map((o) => o.id));
    expect(first.data.window).toEqual({ page: 1, first: 1, last: 25, hasNext: true, total: null });
    expect(first.html).toContain("Opportunities 1–25 · page 1");
    expect(first.html).toContain('href="/opportunities?q=paged-term&amp;page=2"');
    expect(first.html).not.toContain("page 1 of");

    const last = await load("q=paged-term&page=2");
    expect(last.data.offers.map((o) => o.id)).toEqual(offers.slice(25).map((o) => o.id));
    expect(last.data.window).toEqual({ page: 2, first: 26, last: 27, hasNext: false, total: 27 });
    expect(last.html).toContain("27 opportunities · page 2 of 2");
    expect(last.html).not.toContain("Next page");

    const beyond = await load("q=paged-term&page=5");
    expect(beyond.data.offers).toEqual([]);
    expect(beyond.html).toContain("No more published offers match these filters.");
    expect(beyond.html).toContain('href="/opportunities?q=paged-term"');
  });

  it("searches specialty, site name, postcode start and provider name, case-insensitively, with % and _ taken literally", async () => {
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id, name: "Quillfeather Community Trust" });
    const other = await createOrganisation({ regionId: region.id });
    const student = await createUser("STUDENT", { organisationId: (await createOrganisation({ kind: "UNIVERSITY", regionId: region.id })).id });
    const site = await prisma.site.create({ data: { organisationId: other.id, name: "Zanzibar Wing", postcode: "ZQ9 1AA", latitude: 51.5, longitude: -0.1 } });
    const bySpecialty = await createOffer(other.id, { profession: "OT", specialty: "Vestibular 100%_rehab" });
    const bySite = await createOffer(other.id, { profession: "OT", specialty: "General", siteId: site.id });
    const byProvider = await createOffer(trust.id, { profession: "OT", specialty: "General" });
    const signed = await signInAs(student);
    const list = async (q: string) => {
      const result = await settle(() =>
        opportunitiesLoader({ request: buildRequest(`/opportunities?profession=OT&q=${encodeURIComponent(q)}`, { as: signed }), params: {}, context: testContext }),
      );
      return (result.data as { offers: { id: string }[] }).offers.map((o) => o.id);
    };
    expect(await list("vestibular")).toEqual([bySpecialty.id]);
    expect(await list("100%_r")).toEqual([bySpecialty.id]);
    expect(await list("zanzibar w")).toEqual([bySite.id]);
    expect(await list("zq9")).toEqual([bySite.id]);
    expect(await list("1AA")).toEqual([]);
    expect(await list("QUILLFEATHER")).toEqual([byProvider.id]);
    expect(await list("quill%feather")).toEqual([]);
    expect(await list("Zanzibar_Wing")).toEqual([]);
  });

  it("has the trigram indexes the search uses, on PGlite as on PostgreSQL", async () => {
    const indexes = await database.current.sql.query<{ indexname: string; indexdef: string }>(
      `SELECT "indexname", "indexdef" FROM pg_indexes WHERE "indexname" LIKE '%trgm_idx'`,
    );
    expect(indexes.map((index) => index.indexname).sort()).toEqual(["Offer_specialty_trgm_idx", "Organisation_name_trgm_idx", "Site_name_trgm_idx"]);
    for (const index of indexes) expect(index.indexdef).toMatch(/USING gin \(\w+ gin_trgm_ops\)/);
    const [row] = await database.current.sql.query<{ score: number }>(`SELECT similarity('paediatrics', 'paediatric') AS "score"`);
    expect(row!.score).toBeGreaterThan(0.5);
  });

  it("finds offers by the profession's name: searching physio finds physiotherapy", async () => {
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id, name: "Searchable Trust" });
    const student = await createUser("STUDENT", { organisationId: (await createOrganisation({ kind: "UNIVERSITY", regionId: region.id })).id });
    const physio = await createOffer(trust.id, { profession: "PT", specialty: "Respiratory" });
    const occupational = await createOffer(trust.id, { profession: "OT", specialty: "Respiratory" });
    const signed = await signInAs(student);
    const list = async (query: string) => {
      const result = await settle(() => opportunitiesLoader({ request: buildRequest(`/opportunities?${query}`, { as: signed }), params: {}, context: testContext }));
      return (result.data as { offers: { id: string }[] }).offers.map((o) => o.id);
    };
    expect(await list("q=physio")).toContain(physio.id);
    expect(await list("q=physio")).not.toContain(occupational.id);
    expect(await list("q=Occupational")).toContain(occupational.id);
  });
});
