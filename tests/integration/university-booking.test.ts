import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { action as bookAction, loader as bookLoader } from "~/routes/university.book.$offerId";
import { useTestDatabase } from "../helpers/database";
import { createOffer, createRequest } from "../helpers/marketplace";
import { call, createUniversityWorld, day, fieldErrors } from "./university-fixtures";

useTestDatabase();

type World = Awaited<ReturnType<typeof createUniversityWorld>>;

async function openRequest(w: World, students = 3, overrides: Partial<{ yearOfStudy: number; startDate: Date; endDate: Date; blockId: string }> = {}) {
  return prisma.placementRequest.create({
    data: {
      universityId: w.university.id,
      programmeId: w.programme.id,
      blockId: overrides.blockId ?? w.block.id,
      profession: "PT",
      yearOfStudy: overrides.yearOfStudy ?? 2,
      startDate: overrides.startDate ?? w.block.startDate,
      endDate: overrides.endDate ?? w.block.endDate,
      students,
      reasonableAdjustments: "Private note",
    },
  });
}

const book = (w: World, offerId: string, form: Record<string, string>, as = w.signed) =>
  call(bookAction, `/university/book/${offerId}`, { as, params: { offerId }, form });

describe("the booking page", () => {
  it("lists only the university's open requests the offer can take, and says why the others cannot", async () => {
    const w = await createUniversityWorld();
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 4, years: [2] });
    const fits = await openRequest(w, 3);
    const wrongYear = await openRequest(w, 2, { yearOfStudy: 3 });
    const tooLate = await openRequest(w, 2, { startDate: day("2027-06-07"), endDate: day("2027-07-02") });
    const full = await openRequest(w, 1);
    await prisma.placementRequest.update({ where: { id: full.id }, data: { studentsAllocated: 1, status: "FULLY_ALLOCATED" } });
    const cancelled = await openRequest(w, 1);
    await prisma.placementRequest.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });
    await createRequest(w.otherUniversity.id, { students: 2 });

    const page = await call(bookLoader, `/university/book/${offer.id}`, { as: w.signed, params: { offerId: offer.id } });
    expect(page.status).toBe(200);
    const data = page.data as { offer: { placesLeft: number }; compatible: { id: string; remaining: number }[]; incompatible: { id: string; problem: string }[] };
    expect(data.offer.placesLeft).toBe(4);
    expect(data.compatible.map((r) => [r.id, r.remaining])).toEqual([[fits.id, 3]]);
    expect(data.incompatible).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: wrongYear.id, problem: "The offer does not take year 3 students" }),
        expect.objectContaining({ id: tooLate.id, problem: "The offer's dates do not cover the placement block" }),
      ]),
    );
    expect(data.incompatible).toHaveLength(2);
    expect(JSON.stringify(data)).not.toContain("Private note");
  });

  it("answers 404 for an offer that is not published, and 403 to other roles", async () => {
    const w = await createUniversityWorld();
    const draft = await createOffer(w.provider.id, { siteId: w.providerSite.id, status: "DRAFT" });
    const withdrawn = await createOffer(w.provider.id, { siteId: w.providerSite.id, status: "WITHDRAWN" });
    for (const offer of [draft, withdrawn]) {
      expect((await call(bookLoader, `/university/book/${offer.id}`, { as: w.signed, params: { offerId: offer.id } })).status).toBe(404);
    }
    const published = await createOffer(w.provider.id, { siteId: w.providerSite.id });
    const request = await openRequest(w);
    for (const as of [w.educatorSigned, w.studentSigned]) {
      expect((await call(bookLoader, `/university/book/${published.id}`, { as, params: { offerId: published.id } })).status).toBe(403);
      expect((await book(w, published.id, { requestId: request.id, students: "1" }, as)).status).toBe(403);
    }
    expect(await prisma.allocation.count({ where: { offerId: published.id } })).toBe(0);
    const draftBooking = await book(w, draft.id, { requestId: request.id, students: "1" });
    expect(draftBooking.status).toBe(409);
    expect(await prisma.allocation.count({ where: { offerId: draft.id } })).toBe(0);
  });
});

describe("booking an offer", () => {
  it("books places, holds capacity and goes to the allocation page", async () => {
    const w = await createUniversityWorld();
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 4 });
    const request = await openRequest(w, 3);
    const result = await book(w, offer.id, { requestId: request.id, students: "2" });
    expect(result.status).toBe(302);
    const allocation = await prisma.allocation.findFirstOrThrow({ where: { offerId: offer.id } });
    expect(result.response?.headers.get("Location")).toBe(`/allocations/${allocation.id}`);
    expect(allocation).toMatchObject({ requestId: request.id, students: 2, status: "PROPOSED", source: "DIRECT" });
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).slotsTaken).toBe(2);
    expect(await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ studentsAllocated: 2, status: "PARTLY_ALLOCATED" });
  });

  it("refuses an incompatible request with the reason", async () => {
    const w = await createUniversityWorld();
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, profession: "OT" });
    const request = await openRequest(w, 2);
    const result = await book(w, offer.id, { requestId: request.id, students: "1" });
    expect(result.status).toBe(409);
    expect(fieldErrors(result)[""]).toEqual(["The offer is for a different profession"]);
    expect(await prisma.allocation.count({ where: { offerId: offer.id } })).toBe(0);
  });

  it("shows a capacity refusal next to the students field and takes nothing", async () => {
    const w = await createUniversityWorld();
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 3 });
    const first = await openRequest(w, 2);
    const second = await openRequest(w, 4);
    expect((await book(w, offer.id, { requestId: first.id, students: "2" })).status).toBe(302);
    const tooMany = await book(w, offer.id, { requestId: second.id, students: "3" });
    expect(tooMany.status).toBe(409);
    expect(fieldErrors(tooMany).students).toEqual(["This offer has only 1 place left"]);
    expect((await book(w, offer.id, { requestId: second.id, students: "1" })).status).toBe(302);
    const full = await book(w, offer.id, { requestId: second.id, students: "1" });
    expect(full.status).toBe(409);
    expect(fieldErrors(full).students).toEqual(["This offer is full"]);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).slotsTaken).toBe(3);
    expect((await prisma.placementRequest.findUniqueOrThrow({ where: { id: second.id } })).studentsAllocated).toBe(1);
  });

  it("never books more students than the request still needs", async () => {
    const w = await createUniversityWorld();
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 10 });
    const request = await openRequest(w, 2);
    const result = await book(w, offer.id, { requestId: request.id, students: "3" });
    expect(result.status).toBe(409);
    expect(fieldErrors(result).students).toEqual(["This request has only 2 students still to place"]);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).slotsTaken).toBe(0);
  });

  it("answers 404 for someone else's request and 400 for a bad number", async () => {
    const w = await createUniversityWorld();
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 5 });
    const rivalRequest = await createRequest(w.otherUniversity.id, { students: 2 });
    const stolen = await book(w, offer.id, { requestId: rivalRequest.id, students: "1" });
    expect(stolen.status).toBe(404);
    expect(fieldErrors(stolen).requestId).toEqual(["Request not found"]);
    const request = await openRequest(w, 2);
    for (const students of ["0", "-1", "1.5", "lots"]) {
      const bad = await book(w, offer.id, { requestId: request.id, students });
      expect(bad.status, students).toBe(400);
      expect(fieldErrors(bad).students?.length, students).toBe(1);
    }
    expect(await prisma.allocation.count({ where: { offerId: offer.id } })).toBe(0);
  });
});
