import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { bookOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { Refusal } from "~/platform/refusal";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createRegion, createUser } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";

useTestDatabase();

describe("booking the last places at the same moment", () => {
  it("never oversubscribes an offer: 24 concurrent bookings for 3 places", async () => {
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id });
    const offer = await createOffer(trust.id, { slots: 3 });
    const bookers = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
        const user = await createUser("UNIVERSITY", { organisationId: university.id });
        const requests = await Promise.all([1, 2, 3].map(() => createRequest(university.id, { students: 1 })));
        return { user, requests };
      }),
    );
    const attempts = bookers.flatMap(({ user, requests }) =>
      requests.map((request) =>
        bookOffer({ ...user, role: "UNIVERSITY" }, { offerId: offer.id, requestId: request.id, students: 1 }).then(
          () => "booked" as const,
          (error: unknown) => {
            if (error instanceof Refusal && error.status === 409) return "full" as const;
            throw error;
          },
        ),
      ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === "booked")).toHaveLength(3);
    expect(outcomes.filter((o) => o === "full")).toHaveLength(21);
    const after = await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } });
    expect(after.slotsTaken).toBe(3);
    const allocated = await prisma.allocation.aggregate({ where: { offerId: offer.id }, _sum: { students: true } });
    expect(allocated._sum.students).toBe(3);
  });

  it("never takes more students than a request has, even across offers", async () => {
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id });
    const offers = await Promise.all([1, 2, 3, 4, 5].map(() => createOffer(trust.id, { slots: 5 })));
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
    const user = await createUser("UNIVERSITY", { organisationId: university.id });
    const request = await createRequest(university.id, { students: 4 });
    const outcomes = await Promise.allSettled(offers.map((offer) => bookOffer({ ...user, role: "UNIVERSITY" }, { offerId: offer.id, requestId: request.id, students: 2 })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(2);
    const after = await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after).toMatchObject({ studentsAllocated: 4, status: "FULLY_ALLOCATED" });
  });
});

describe("naming one student on two placements at the same moment", () => {
  it("lets exactly one of two overlapping placements have the student", async () => {
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id });
    const otherTrust = await createOrganisation({ regionId: region.id });
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
    const lead = { ...(await createUser("UNIVERSITY", { organisationId: university.id })), role: "UNIVERSITY" as const };
    const student = await createUser("STUDENT", { organisationId: university.id });
    const accepted = await Promise.all(
      [
        { providerId: trust.id, start: "2027-01-11", end: "2027-02-05" },
        { providerId: otherTrust.id, start: "2027-02-01", end: "2027-02-26" },
      ].map(async ({ providerId, start, end }) => {
        const offer = await createOffer(providerId, { slots: 1 });
        const request = await createRequest(university.id, { students: 1, start, end });
        return prisma.allocation.create({ data: { offerId: offer.id, requestId: request.id, students: 1, status: "ACCEPTED" } });
      }),
    );
    const outcomes = await Promise.all(
      accepted.map((allocation) =>
        transitionAllocation(lead, { allocationId: allocation.id, to: "STUDENTS_NAMED", studentIds: [student.id] }).then(
          () => "named" as const,
          (error: unknown) => {
            if (error instanceof Refusal && error.status === 409 && error.field === "studentIds") return error.message;
            throw error;
          },
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "named")).toHaveLength(1);
    const refusal = outcomes.find((outcome) => outcome !== "named");
    expect(refusal).toMatch(/^Test student is already placed at .+ overlap\.$/);
    expect(await prisma.allocationStudent.count({ where: { studentId: student.id } })).toBe(1);
    const statuses = await prisma.allocation.findMany({ where: { id: { in: accepted.map((a) => a.id) } }, select: { status: true } });
    expect(statuses.map((s) => s.status).sort()).toEqual(["ACCEPTED", "STUDENTS_NAMED"]);
  });
});
