import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { acceptInvitation } from "~/accounts/invitations.server";
import { bookOffer } from "~/marketplace/allocations.server";
import { inviteStudent } from "~/marketplace/university-allocations.server";
import { action as namingAction, loader as namingLoader } from "~/routes/university.allocations.$allocationId.students";
import { action as listAction, loader as listLoader } from "~/routes/university.allocations._index";
import { useTestDatabase } from "../helpers/database";
import { bannerAfter } from "../helpers/flash";
import { createUser } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";
import { call, createUniversityWorld, fieldErrors } from "./university-fixtures";

useTestDatabase();

type World = Awaited<ReturnType<typeof createUniversityWorld>>;

async function allocationIn(w: World, status: "PROPOSED" | "CONFIRMED" | "ACCEPTED", students = 2) {
  const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 5 });
  const request = await createRequest(w.university.id, { students: 4, reasonableAdjustments: "Hearing loop" });
  const allocation = await bookOffer(w.lead, { offerId: offer.id, requestId: request.id, students });
  if (status !== "PROPOSED") await prisma.allocation.update({ where: { id: allocation.id }, data: { status } });
  return { offer, request, allocation };
}

const statusOf = async (id: string) => (await prisma.allocation.findUniqueOrThrow({ where: { id } })).status;
const message = (result: { data: unknown }) => (result.data as { message?: string } | null)?.message;

describe("the allocations list", () => {
  it("lists allocations on the university's requests only, filtered by status", async () => {
    const w = await createUniversityWorld();
    const proposed = await allocationIn(w, "PROPOSED");
    const confirmed = await allocationIn(w, "CONFIRMED");
    const rivalOffer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 2 });
    const rivalRequest = await createRequest(w.otherUniversity.id, { students: 1 });
    await bookOffer(w.otherLead, { offerId: rivalOffer.id, requestId: rivalRequest.id, students: 1 });

    const all = await call(listLoader, "/university/allocations", { as: w.signed });
    const ids = (all.data as { allocations: { id: string }[] }).allocations.map((a) => a.id).sort();
    expect(ids).toEqual([proposed.allocation.id, confirmed.allocation.id].sort());
    expect(JSON.stringify(all.data)).not.toContain("Hearing loop");
    const onlyConfirmed = await call(listLoader, "/university/allocations?status=CONFIRMED", { as: w.signed });
    expect((onlyConfirmed.data as { allocations: { id: string }[]; window: { total: number } }).window.total).toBe(1);
    for (const as of [w.educatorSigned, w.studentSigned]) expect((await call(listLoader, "/university/allocations", { as })).status).toBe(403);
  });

  it("accepts a confirmed allocation, and refuses to accept one the provider has not confirmed", async () => {
    const w = await createUniversityWorld();
    const { allocation } = await allocationIn(w, "CONFIRMED");
    const accepted = await call(listAction, "/university/allocations?index&status=CONFIRMED", { as: w.signed, form: { intent: "accept", allocationId: allocation.id } });
    expect(accepted.status).toBe(302);
    expect(accepted.response?.headers.get("Location")).toBe("/university/allocations?status=CONFIRMED");
    expect(await bannerAfter(accepted.response, w.signed)).toBe("The allocation has been accepted. Now name its students.");
    expect(await statusOf(allocation.id)).toBe("ACCEPTED");
    const event = await prisma.allocationEvent.findFirstOrThrow({ where: { allocationId: allocation.id, toStatus: "ACCEPTED" } });
    expect(event.actorId).toBe(w.lead.id);

    const early = await allocationIn(w, "PROPOSED");
    const refused = await call(listAction, "/university/allocations?index", { as: w.signed, form: { intent: "accept", allocationId: early.allocation.id } });
    expect(refused.status).toBe(409);
    expect(message(refused)).toBe("An allocation that is proposed cannot become accepted by university");
    expect(await statusOf(early.allocation.id)).toBe("PROPOSED");
  });

  it("cancels with a reason, giving the places back; refuses without one", async () => {
    const w = await createUniversityWorld();
    const { allocation, offer, request } = await allocationIn(w, "ACCEPTED", 2);
    const noReason = await call(listAction, "/university/allocations?index", { as: w.signed, form: { intent: "cancel", allocationId: allocation.id, reason: "" } });
    expect(noReason.status).toBe(400);
    expect(message(noReason)).toBe("Give a reason: the other side will see it");
    expect(await statusOf(allocation.id)).toBe("ACCEPTED");

    const cancelled = await call(listAction, "/university/allocations?index", { as: w.signed, form: { intent: "cancel", allocationId: allocation.id, reason: "Student withdrew" } });
    expect(cancelled.status).toBe(302);
    expect(await statusOf(allocation.id)).toBe("CANCELLED");
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).slotsTaken).toBe(0);
    expect(await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ studentsAllocated: 0, status: "OPEN" });
    expect((await prisma.allocationEvent.findFirstOrThrow({ where: { allocationId: allocation.id, toStatus: "CANCELLED" } })).reason).toBe("Student withdrew");
  });

  it("answers 404 for another university's allocation and 403 to other roles", async () => {
    const w = await createUniversityWorld();
    const { allocation } = await allocationIn(w, "CONFIRMED");
    const rival = await call(listAction, "/university/allocations?index", { as: w.otherSigned, form: { intent: "accept", allocationId: allocation.id } });
    expect(rival.status).toBe(404);
    const educator = await call(listAction, "/university/allocations?index", { as: w.educatorSigned, form: { intent: "cancel", allocationId: allocation.id, reason: "x" } });
    expect(educator.status).toBe(403);
    expect(await statusOf(allocation.id)).toBe("CONFIRMED");
  });
});

describe("accepting many allocations at once", () => {
  const acceptSelected = (w: World, allocationIds: string[] | undefined, as = w.signed) =>
    call(listAction, "/university/allocations?index&status=CONFIRMED", { as, form: { intent: "accept-selected", ...(allocationIds ? { allocationIds } : {}) } });

  it("accepts every chosen confirmed allocation, one audit row and notification each, and says how many", async () => {
    const w = await createUniversityWorld();
    const chosen = [await allocationIn(w, "CONFIRMED"), await allocationIn(w, "CONFIRMED"), await allocationIn(w, "CONFIRMED")];
    const ids = chosen.map(({ allocation }) => allocation.id);
    const accepted = await acceptSelected(w, ids);
    expect(accepted.status).toBe(302);
    expect(accepted.response?.headers.get("Location")).toBe("/university/allocations?status=CONFIRMED");
    expect(await bannerAfter(accepted.response, w.signed)).toBe("Accepted 3 allocations.");
    for (const id of ids) expect(await statusOf(id)).toBe("ACCEPTED");
    const events = await prisma.allocationEvent.findMany({ where: { allocationId: { in: ids }, toStatus: "ACCEPTED" } });
    expect(events.map((event) => [event.fromStatus, event.actorId])).toEqual(ids.map(() => ["CONFIRMED", w.lead.id]));
    expect(await prisma.notification.count({ where: { userId: w.educator.id, kind: "allocation-accepted" } })).toBe(3);
  });

  it("accepts the confirmed ones and names the one the provider has not confirmed", async () => {
    const w = await createUniversityWorld();
    const confirmed = await allocationIn(w, "CONFIRMED");
    const proposed = await allocationIn(w, "PROPOSED");
    const result = await acceptSelected(w, [confirmed.allocation.id, proposed.allocation.id]);
    expect(await bannerAfter(result.response, w.signed)).toBe(
      `Accepted 1 allocation. 1 could not be accepted: ${w.provider.name}, St Thomas' Hospital, 11 Jan 2027 – 5 Feb 2027 (it is proposed).`,
    );
    expect(await statusOf(confirmed.allocation.id)).toBe("ACCEPTED");
    expect(await statusOf(proposed.allocation.id)).toBe("PROPOSED");
  });

  it("refuses the whole action for another university's allocation, no choice, or another role, changing nothing", async () => {
    const w = await createUniversityWorld();
    const mine = await allocationIn(w, "CONFIRMED");
    const rivalOffer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 2 });
    const rivalRequest = await createRequest(w.otherUniversity.id, { students: 1 });
    const rival = await bookOffer(w.otherLead, { offerId: rivalOffer.id, requestId: rivalRequest.id, students: 1 });
    await prisma.allocation.update({ where: { id: rival.id }, data: { status: "CONFIRMED" } });

    const refused = await acceptSelected(w, [mine.allocation.id, rival.id]);
    expect(refused.status).toBe(404);
    expect(fieldErrors(refused).allocationIds).toEqual(["One or more of the chosen allocations is not yours to change, so nothing was changed"]);
    const none = await acceptSelected(w, undefined);
    expect(none.status).toBe(400);
    expect(fieldErrors(none).allocationIds).toEqual(["Choose at least one allocation"]);
    expect((await acceptSelected(w, [mine.allocation.id], w.educatorSigned)).status).toBe(403);
    expect(await statusOf(mine.allocation.id)).toBe("CONFIRMED");
    expect(await statusOf(rival.id)).toBe("CONFIRMED");
    expect(await prisma.allocationEvent.count({ where: { allocationId: { in: [mine.allocation.id, rival.id] }, toStatus: "ACCEPTED" } })).toBe(0);
  });
});

describe("naming students", () => {
  const path = (id: string) => `/university/allocations/${id}/students`;

  it("offers the university's active students, searchable and keeping the chosen ones", async () => {
    const w = await createUniversityWorld();
    const { allocation } = await allocationIn(w, "ACCEPTED");
    const ada = await prisma.user.update({ where: { id: (await createUser("STUDENT", { organisationId: w.university.id })).id }, data: { name: "Zoya Lovelace" } });
    await prisma.user.update({ where: { id: (await createUser("STUDENT", { organisationId: w.university.id, active: false })).id }, data: { name: "Zoya Inactive" } });
    await prisma.user.update({ where: { id: (await createUser("STUDENT", { organisationId: w.otherUniversity.id })).id }, data: { name: "Zoya Rival" } });
    const page = await call(namingLoader, `${path(allocation.id)}?q=zoya&studentIds=${w.student.id}`, { as: w.signed, params: { allocationId: allocation.id } });
    const data = page.data as { students: { name: string }[]; selected: { id: string }[]; window: { total: number } };
    expect(data.students.map((s) => s.name)).toEqual(["Zoya Lovelace"]);
    expect(data.selected.map((s) => s.id)).toEqual([w.student.id]);
    expect(ada.role).toBe("STUDENT");
    const all = await call(namingLoader, path(allocation.id), { as: w.signed, params: { allocationId: allocation.id } });
    expect((all.data as typeof data).window.total).toBe(2);
    expect((await call(namingLoader, path(allocation.id), { as: w.otherSigned, params: { allocationId: allocation.id } })).status).toBe(404);
    expect((await call(namingLoader, path(allocation.id), { as: w.studentSigned, params: { allocationId: allocation.id } })).status).toBe(403);
  });

  it("names exactly the allocation's number of students of the university, once accepted", async () => {
    const w = await createUniversityWorld();
    const { allocation } = await allocationIn(w, "ACCEPTED", 2);
    const second = await createUser("STUDENT", { organisationId: w.university.id });
    const third = await createUser("STUDENT", { organisationId: w.university.id });
    const outsider = await createUser("STUDENT", { organisationId: w.otherUniversity.id });
    const name = (studentIds: string[], as = w.signed) => call(namingAction, path(allocation.id), { as, params: { allocationId: allocation.id }, form: { intent: "name", studentIds } });

    const tooFew = await name([w.student.id]);
    expect(tooFew.status).toBe(400);
    expect(fieldErrors(tooFew).studentIds).toEqual(["Name exactly 2 different students"]);
    const tooMany = await name([w.student.id, second.id, third.id]);
    expect(tooMany.status).toBe(400);
    const twice = await name([w.student.id, w.student.id]);
    expect(twice.status).toBe(400);
    const rival = await name([w.student.id, outsider.id]);
    expect(rival.status).toBe(400);
    expect(fieldErrors(rival).studentIds).toEqual(["Choose students of your university"]);
    expect(await statusOf(allocation.id)).toBe("ACCEPTED");
    expect(await prisma.allocationStudent.count({ where: { allocationId: allocation.id } })).toBe(0);

    const stranger = await name([w.student.id, second.id], w.otherSigned);
    expect(stranger.status).toBe(404);

    const named = await name([w.student.id, second.id]);
    expect(named.status).toBe(302);
    expect(await statusOf(allocation.id)).toBe("STUDENTS_NAMED");
    const rows = await prisma.allocationStudent.findMany({ where: { allocationId: allocation.id }, select: { studentId: true } });
    expect(rows.map((r) => r.studentId).sort()).toEqual([w.student.id, second.id].sort());
  });

  it("lists the request's programme and year first, with each student's other placements", async () => {
    const w = await createUniversityWorld();
    const { allocation, request } = await allocationIn(w, "ACCEPTED", 1);
    const cohortStudent = await createUser("STUDENT", { organisationId: w.university.id });
    await prisma.user.update({ where: { id: cohortStudent.id }, data: { name: "Zara Cohort", programmeId: request.programmeId, yearOfStudy: 2 } });
    await prisma.user.update({ where: { id: w.student.id }, data: { name: "Adam Elsewhere" } });
    const earlier = await allocationIn(w, "ACCEPTED", 1);
    await prisma.allocation.update({ where: { id: earlier.allocation.id }, data: { status: "STUDENTS_NAMED", namedStudents: { create: { studentId: w.student.id } } } });

    const page = await call(namingLoader, path(allocation.id), { as: w.signed, params: { allocationId: allocation.id } });
    const data = page.data as { students: { name: string; onCohort: boolean; otherPlacements: { id: string; clashes: boolean }[] }[] };
    expect(data.students.map((s) => [s.name, s.onCohort])).toEqual([
      ["Zara Cohort", true],
      ["Adam Elsewhere", false],
    ]);
    expect(data.students[1].otherPlacements).toEqual([expect.objectContaining({ id: earlier.allocation.id, clashes: true })]);
  });

  it("refuses to name a student already placed on overlapping dates, naming the clash next to the field", async () => {
    const w = await createUniversityWorld();
    const { allocation } = await allocationIn(w, "ACCEPTED", 1);
    const earlier = await allocationIn(w, "ACCEPTED", 1);
    await prisma.allocation.update({ where: { id: earlier.allocation.id }, data: { status: "STUDENTS_NAMED", namedStudents: { create: { studentId: w.student.id } } } });
    const clash = await call(namingAction, path(allocation.id), { as: w.signed, params: { allocationId: allocation.id }, form: { intent: "name", studentIds: [w.student.id] } });
    expect(clash.status).toBe(409);
    expect(fieldErrors(clash).studentIds?.[0]).toMatch(/^Test student is already placed at .+ 11 Jan 2027 – 5 Feb 2027\. A student cannot be on two placements whose dates overlap\.$/);
    expect(await statusOf(allocation.id)).toBe("ACCEPTED");
  });

  it("refuses naming before the university has accepted the allocation", async () => {
    const w = await createUniversityWorld();
    const { allocation } = await allocationIn(w, "CONFIRMED", 1);
    const early = await call(namingAction, path(allocation.id), { as: w.signed, params: { allocationId: allocation.id }, form: { intent: "name", studentIds: [w.student.id] } });
    expect(early.status).toBe(409);
    expect(fieldErrors(early)[""]).toEqual(["An allocation that is confirmed by provider cannot become students named"]);
    expect(await statusOf(allocation.id)).toBe("CONFIRMED");
  });
});

describe("inviting a student", () => {
  const path = (id: string) => `/university/allocations/${id}/students`;

  it("invites a student to the user's own university whatever the form says", async () => {
    const w = await createUniversityWorld();
    const { allocation } = await allocationIn(w, "ACCEPTED");
    const result = await call(namingAction, path(allocation.id), {
      as: w.signed,
      params: { allocationId: allocation.id },
      form: { intent: "invite", email: "New.Student@Example.ac.uk", name: "New Student", role: "UNIVERSITY", organisationId: w.otherUniversity.id, programmeId: w.programme.id, yearOfStudy: "2" },
    });
    expect(result.status).toBe(302);
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { email: "new.student@example.ac.uk" } });
    expect(invitation).toMatchObject({ role: "STUDENT", organisationId: w.university.id, invitedById: w.lead.id, name: "New Student", programmeId: w.programme.id, yearOfStudy: 2 });
  });

  it("gives the invited student the programme and year chosen, once they accept", async () => {
    const w = await createUniversityWorld();
    await inviteStudent(w.lead, { email: "year2@example.ac.uk", name: "Year Two", programmeId: w.programme.id, yearOfStudy: 2 });
    // The token exists only in the invitation email, queued with the invitation.
    const mail = await prisma.job.findFirstOrThrow({ where: { queue: "mail", payload: { path: ["to"], equals: "year2@example.ac.uk" } } });
    const token = String((mail.payload as { props: { acceptUrl: string } }).props.acceptUrl).split("/invitations/")[1];
    await acceptInvitation(token, "a long enough passphrase 42");
    expect(await prisma.user.findUniqueOrThrow({ where: { email: "year2@example.ac.uk" } })).toMatchObject({ role: "STUDENT", programmeId: w.programme.id, yearOfStudy: 2 });
  });

  it("refuses another university's programme, a year the programme does not have, and a missing choice, next to the field", async () => {
    const w = await createUniversityWorld();
    const { allocation } = await allocationIn(w, "ACCEPTED");
    const rivalProgramme = await prisma.programme.create({ data: { universityId: w.otherUniversity.id, name: "BSc Rival", profession: "PT", years: 3 } });
    const invite = (extra: Record<string, string>) =>
      call(namingAction, path(allocation.id), { as: w.signed, params: { allocationId: allocation.id }, form: { intent: "invite", email: "choice@example.ac.uk", name: "Choice", ...extra } });
    const rival = await invite({ programmeId: rivalProgramme.id, yearOfStudy: "2" });
    expect(rival.status).toBe(400);
    expect(fieldErrors(rival).programmeId).toEqual(["Choose one of your university's programmes"]);
    const tooLate = await invite({ programmeId: w.programme.id, yearOfStudy: "4" });
    expect(tooLate.status).toBe(400);
    expect(fieldErrors(tooLate).yearOfStudy).toEqual(["Choose a year of study from 1 to 3"]);
    const missing = await invite({});
    expect(missing.status).toBe(400);
    expect(fieldErrors(missing)).toMatchObject({ programmeId: ["Choose the student's programme"], yearOfStudy: ["Choose the student's year of study"] });
    expect(await prisma.invitation.count({ where: { email: "choice@example.ac.uk" } })).toBe(0);
  });

  it("shows refusals by their field and lets no other role or university invite", async () => {
    const w = await createUniversityWorld();
    const { allocation } = await allocationIn(w, "ACCEPTED");
    const existing = await call(namingAction, path(allocation.id), {
      as: w.signed,
      params: { allocationId: allocation.id },
      form: { intent: "invite", email: w.student.email, name: "Again", programmeId: w.programme.id, yearOfStudy: "2" },
    });
    expect(existing.status).toBe(400);
    expect(fieldErrors(existing).email).toEqual(["A user with this email address already exists"]);
    const bad = await call(namingAction, path(allocation.id), { as: w.signed, params: { allocationId: allocation.id }, form: { intent: "invite", email: "nope", name: "" } });
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad)).toMatchObject({ email: ["Enter an email address like name@student.ac.uk"], name: ["Enter the student's full name"] });

    for (const as of [w.educatorSigned, w.studentSigned]) {
      const refused = await call(namingAction, path(allocation.id), { as, params: { allocationId: allocation.id }, form: { intent: "invite", email: "sneaky@example.ac.uk", name: "Sneaky" } });
      expect(refused.status).toBe(403);
    }
    const rival = await call(namingAction, path(allocation.id), { as: w.otherSigned, params: { allocationId: allocation.id }, form: { intent: "invite", email: "rival@example.ac.uk", name: "Rival" } });
    expect(rival.status).toBe(404);
    expect(await prisma.invitation.count({ where: { email: { in: ["sneaky@example.ac.uk", "rival@example.ac.uk"] } } })).toBe(0);
  });
});
