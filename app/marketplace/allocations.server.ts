import type { SessionUser } from "~/accounts/session.server";
import { raiseCaseForCancellation } from "~/cases/raise-cases.server";
import { prisma, Prisma } from "~/platform/db/db.server";
import {
  checkCompletion,
  checkTransition,
  holdsCapacity,
  requestStatusFor,
  STUDENT_HOLDING_STATUSES,
  type AllocationStatusName,
} from "./allocation-rules";
import { formatDateRange } from "~/vocabulary/labels";
import { canBookOffers, partyFor } from "./policy";
import { offerAcceptsRequest } from "./compatibility";
import { allocationNotification, allocationProposedNotification, offerWithdrawnNotification, type AllocationFacts } from "./notifications";
import { pushNotificationsAfterResponse, raiseNotification, withNotifications, type RaisedNotification } from "~/notifications/notify.server";
import type { NotificationEvent } from "~/notifications/notification-kinds";
import { Refusal } from "~/platform/refusal";

type Tx = Prisma.TransactionClient;

/**
 * Takes places on an offer for a request, never beyond either's size. The conditional UPDATEs are
 * the guarantee: under concurrent bookings each one re-checks the row it locked, so the last place
 * goes to exactly one of them.
 */
async function holdPlaces(tx: Tx, offerId: string, requestId: string, students: number) {
  const offerRows = await tx.$executeRaw`
    UPDATE "Offer" SET "slotsTaken" = "slotsTaken" + ${students}, "updatedAt" = now()
    WHERE "id" = ${offerId} AND "status" = 'PUBLISHED' AND "slotsTaken" + ${students} <= "slots"`;
  if (offerRows !== 1) {
    const offer = await tx.offer.findUnique({ where: { id: offerId }, select: { slots: true, slotsTaken: true, status: true } });
    if (!offer || offer.status !== "PUBLISHED") throw new Refusal(409, "This offer is no longer open for booking");
    const left = Math.max(0, offer.slots - offer.slotsTaken);
    throw new Refusal(409, left === 0 ? "This offer is full" : `This offer has only ${left} ${left === 1 ? "place" : "places"} left`, "students");
  }
  const [held] = await tx.$queryRaw<RequestCounts[]>`
    UPDATE "PlacementRequest" SET "studentsAllocated" = "studentsAllocated" + ${students}, "updatedAt" = now()
    WHERE "id" = ${requestId} AND "status" <> 'CANCELLED' AND "studentsAllocated" + ${students} <= "students"
    RETURNING "students", "studentsAllocated", "status"::text AS "status"`;
  if (!held) {
    const request = await tx.placementRequest.findUnique({ where: { id: requestId }, select: { students: true, studentsAllocated: true } });
    const left = request ? request.students - request.studentsAllocated : 0;
    throw new Refusal(409, `This request has only ${Math.max(0, left)} ${left === 1 ? "student" : "students"} still to place`, "students");
  }
  await syncRequestStatus(tx, requestId, held);
}

type RequestCounts = { students: number; studentsAllocated: number; status: string };

async function releasePlaces(tx: Tx, offerId: string, requestId: string, students: number) {
  await tx.$executeRaw`UPDATE "Offer" SET "slotsTaken" = GREATEST(0, "slotsTaken" - ${students}), "updatedAt" = now() WHERE "id" = ${offerId}`;
  await tx.$executeRaw`UPDATE "PlacementRequest" SET "studentsAllocated" = GREATEST(0, "studentsAllocated" - ${students}), "updatedAt" = now() WHERE "id" = ${requestId}`;
  await syncRequestStatus(tx, requestId);
}

/** Sets the request's status from its counts; pass the counts when the caller has just read them. */
async function syncRequestStatus(tx: Tx, requestId: string, counts?: RequestCounts) {
  const request =
    counts ?? (await tx.placementRequest.findUniqueOrThrow({ where: { id: requestId }, select: { students: true, studentsAllocated: true, status: true } }));
  if (request.status === "CANCELLED") return;
  const status = requestStatusFor(request.students, request.studentsAllocated);
  if (status !== request.status) await tx.placementRequest.update({ where: { id: requestId }, data: { status } });
}

export interface NewAllocation {
  offerId: string;
  requestId: string;
  /** A direct booking: the request must be this university's (else it is not found). */
  bookingUniversityId?: string;
  students: number;
  source?: "DIRECT" | "MATCHING";
  explanation?: string;
  matchingRunId?: string;
}

/**
 * Creates a proposed allocation inside the caller's transaction. Checks compatibility and capacity,
 * and notifies the provider; the caller pushes the returned notifications after commit.
 */
export async function createAllocationInTransaction(tx: Tx, actorId: string | null, input: NewAllocation) {
  if (!Number.isInteger(input.students) || input.students < 1) {
    throw new Refusal(400, "Enter a whole number of students, 1 or more", "students");
  }
  const [offer, request] = await Promise.all([
    tx.offer.findUnique({ where: { id: input.offerId }, select: { profession: true, startDate: true, endDate: true, yearsOfStudy: true, status: true } }),
    tx.placementRequest.findUnique({
      where: { id: input.requestId },
      select: { profession: true, startDate: true, endDate: true, yearOfStudy: true, status: true, universityId: true },
    }),
  ]);
  if (input.bookingUniversityId !== undefined && request?.universityId !== input.bookingUniversityId) throw new Refusal(404, "Request not found", "requestId");
  if (!offer) throw new Refusal(404, "Offer not found");
  if (!request) throw new Refusal(404, "Request not found");
  const mismatch = offerAcceptsRequest(offer, request);
  if (mismatch) throw new Refusal(409, mismatch);
  await holdPlaces(tx, input.offerId, input.requestId, input.students);
  const allocation = await tx.allocation.create({
    data: {
      offerId: input.offerId,
      requestId: input.requestId,
      students: input.students,
      source: input.source ?? "DIRECT",
      explanation: input.explanation,
      matchingRunId: input.matchingRunId,
      events: { create: { actorId, toStatus: "PROPOSED", reason: input.source === "MATCHING" ? "Proposed by the matching service" : "Booked directly by the university" } },
    },
  });
  const facts = await allocationFacts(tx, allocation.id);
  const notifications = await raiseNotification(tx, allocationProposedNotification(facts, { actorId, eventId: allocation.id }));
  return Object.assign(allocation, { notifications });
}

/** An allocation (a) with its offer (o), provider (p), request (r) and university (u), for the joined reads below. */
const ALLOCATION_WITH_PARTIES = Prisma.sql`
    FROM "Allocation" a
    JOIN "Offer" o ON o."id" = a."offerId"
    JOIN "Organisation" p ON p."id" = o."providerId"
    JOIN "PlacementRequest" r ON r."id" = a."requestId"
    JOIN "Organisation" u ON u."id" = r."universityId"`;

/** What notifications say about an allocation. */
async function allocationFacts(tx: Tx, allocationId: string): Promise<AllocationFacts> {
  // One query: through Prisma's relations this was five, each costing the action a round trip and compile time.
  const [row] = await tx.$queryRaw<(Omit<AllocationFacts, "regionIds"> & { providerRegionId: string; universityRegionId: string })[]>`
    SELECT a."id", a."students", o."profession"::text AS "profession", r."startDate", r."endDate",
      o."providerId", p."name" AS "providerName", p."regionId" AS "providerRegionId",
      r."universityId", u."name" AS "universityName", u."regionId" AS "universityRegionId"
    ${ALLOCATION_WITH_PARTIES}
    WHERE a."id" = ${allocationId}`;
  if (!row) throw new Error(`Allocation ${allocationId} not found`);
  const { providerRegionId, universityRegionId, ...facts } = row;
  return { ...facts, regionIds: [...new Set([providerRegionId, universityRegionId])] };
}

/** A university books places on a specific offer; the provider then confirms or declines. */
export async function bookOffer(user: SessionUser, input: { offerId: string; requestId: string; students: number }) {
  if (!canBookOffers(user)) throw new Refusal(403, "Only a university placement team can book an offer");
  const bookingUniversityId = user.organisationId ?? "";
  const allocation = await prisma.$transaction((tx) => createAllocationInTransaction(tx, user.id, { ...input, source: "DIRECT", bookingUniversityId }));
  pushNotificationsAfterResponse(allocation.notifications);
  return allocation;
}

/** An allocation's own state: what a move compares and sets, and the places it gives back. */
export const ALLOCATION_STATE_SELECT = { id: true, status: true, students: true, offerId: true, requestId: true } satisfies Prisma.AllocationSelect;

/** Which side of an allocation the user is on, if any, from its provider, its university and their regions. */
export function allocationPartyOf(
  user: SessionUser,
  allocation: {
    offer: { providerId: string; provider: { regionId: string } };
    request: { universityId: string; university: { regionId: string } };
  },
) {
  return partyFor(user, {
    providerId: allocation.offer.providerId,
    universityId: allocation.request.universityId,
    regionIds: [allocation.offer.provider.regionId, allocation.request.university.regionId],
  });
}

export async function loadAllocationParty(user: SessionUser, allocationId: string) {
  // One query rather than Prisma's five for the nested select: every move of an allocation starts here.
  const [row] = await prisma.$queryRaw<
    { id: string; status: AllocationStatusName; students: number; offerId: string; requestId: string; providerId: string; providerRegionId: string; universityId: string; endDate: Date; universityRegionId: string }[]
  >`
    SELECT a."id", a."status"::text AS "status", a."students", a."offerId", a."requestId",
      o."providerId", p."regionId" AS "providerRegionId", r."universityId", r."endDate", u."regionId" AS "universityRegionId"
    ${ALLOCATION_WITH_PARTIES}
    WHERE a."id" = ${allocationId}`;
  if (!row) return null;
  const allocation = {
    id: row.id,
    status: row.status,
    students: row.students,
    offerId: row.offerId,
    requestId: row.requestId,
    offer: { providerId: row.providerId, provider: { regionId: row.providerRegionId } },
    request: { universityId: row.universityId, endDate: row.endDate, university: { regionId: row.universityRegionId } },
  };
  return { allocation, party: allocationPartyOf(user, allocation) };
}

/**
 * Moves an allocation along its life: confirm, decline, accept, name students, complete, cancel.
 * The status is compared-and-set, so two people acting at once cannot both succeed.
 */
export async function transitionAllocation(
  user: SessionUser,
  input: { allocationId: string; to: AllocationStatusName; reason?: string | null; studentIds?: string[] },
) {
  const loaded = await loadAllocationParty(user, input.allocationId);
  // Not a party: the allocation is not theirs to see.
  if (!loaded || !loaded.party) throw new Refusal(404, "Allocation not found");
  const { allocation, party } = loaded;
  const check = checkTransition(allocation.status, input.to, party, input.reason);
  if (!check.ok) throw new Refusal(check.status, check.message, check.status === 400 ? "reason" : undefined);
  let auditReason = input.reason?.trim() || null;
  if (input.to === "COMPLETED") {
    const completion = checkCompletion(allocation.request.endDate, new Date(), input.reason);
    if (!completion.ok) throw new Refusal(400, completion.message, "reason");
    auditReason = completion.auditReason;
  }

  return withNotifications((tx, raise) => applyTransition(tx, raise, user, allocation, { ...input, auditReason }));
}

type LoadedAllocation = NonNullable<Awaited<ReturnType<typeof loadAllocationParty>>>["allocation"];

/**
 * The move itself, once the caller has checked it: compare-and-set the status, give places back,
 * name students, write the audit row and raise the notification, all in the caller's transaction.
 */
export async function applyTransition(
  tx: Tx,
  raise: (event: NotificationEvent) => Promise<void>,
  user: SessionUser,
  allocation: LoadedAllocation,
  input: { to: AllocationStatusName; reason?: string | null; auditReason: string | null; studentIds?: string[] },
) {
  const moved = await tx.allocation.updateMany({ where: { id: allocation.id, status: allocation.status }, data: { status: input.to } });
  if (moved.count !== 1) throw new Refusal(409, "Someone else has just changed this allocation: reload to see it");
  if (holdsCapacity(allocation.status) && !holdsCapacity(input.to)) {
    await releasePlaces(tx, allocation.offerId, allocation.requestId, allocation.students);
  }
  if (input.to === "STUDENTS_NAMED") {
    await nameStudents(tx, allocation.id, allocation.students, allocation.request.universityId, input.studentIds ?? []);
  }
  const auditEvent = await tx.allocationEvent.create({
    data: { allocationId: allocation.id, actorId: user.id, fromStatus: allocation.status, toStatus: input.to, reason: input.auditReason },
  });
  const event = allocationNotification(await allocationFacts(tx, allocation.id), input.to, {
    actorId: user.id,
    reason: input.reason,
    studentIds: input.studentIds,
    eventId: auditEvent.id,
  });
  if (event) await raise(event);
  if (input.to === "CANCELLED" || input.to === "DECLINED") {
    await raiseCaseForCancellation(tx, { allocationId: allocation.id, status: input.to, reason: input.reason });
  }
  return tx.allocation.findUniqueOrThrow({ where: { id: allocation.id } });
}

async function nameStudents(tx: Tx, allocationId: string, expected: number, universityId: string, studentIds: string[]) {
  const unique = [...new Set(studentIds)];
  if (unique.length !== expected) {
    throw new Refusal(400, `Name exactly ${expected} ${expected === 1 ? "student" : "different students"}`, "studentIds");
  }
  // Each student's row is locked, in one order so two namings cannot deadlock, before the clash is
  // looked for: a second naming of the same student waits here and then sees the first one's placement.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User"
    WHERE "id" = ANY(${unique}::text[]) AND "role" = 'STUDENT' AND "organisationId" = ${universityId} AND "active" = true
    ORDER BY "id" FOR UPDATE`;
  if (locked.length !== unique.length) throw new Refusal(400, "Choose students of your university", "studentIds");
  const dates = await tx.allocation.findUniqueOrThrow({ where: { id: allocationId }, select: { request: { select: { startDate: true, endDate: true } } } });
  const clashes = await tx.allocationStudent.findMany({
    where: {
      studentId: { in: unique },
      allocationId: { not: allocationId },
      allocation: {
        status: { in: [...STUDENT_HOLDING_STATUSES] },
        request: { startDate: { lte: dates.request.endDate }, endDate: { gte: dates.request.startDate } },
      },
    },
    orderBy: { student: { name: "asc" } },
    select: {
      student: { select: { name: true } },
      allocation: { select: { offer: { select: { provider: { select: { name: true } } } }, request: { select: { startDate: true, endDate: true } } } },
    },
  });
  if (clashes.length > 0) {
    const described = clashes.map(
      (clash) =>
        `${clash.student.name} is already placed at ${clash.allocation.offer.provider.name} ${formatDateRange(clash.allocation.request.startDate, clash.allocation.request.endDate)}`,
    );
    throw new Refusal(409, `${described.join("; ")}. A student cannot be on two placements whose dates overlap.`, "studentIds");
  }
  await tx.allocationStudent.createMany({ data: unique.map((studentId) => ({ allocationId, studentId })) });
}

/**
 * Cancels every live allocation of an offer (withdrawn), giving the places back to the requests,
 * and tells each university and the region's facilitators. Push the returned notifications after commit.
 */
export async function cancelAllocationsOfOffer(tx: Tx, actorId: string, offerId: string, reason: string) {
  const live = await tx.allocation.findMany({
    where: { offerId, status: { in: ["PROPOSED", "CONFIRMED", "ACCEPTED", "STUDENTS_NAMED"] } },
    select: { id: true, status: true, requestId: true, students: true },
  });
  const notifications: RaisedNotification[] = [];
  for (const allocation of live) {
    await tx.allocation.update({ where: { id: allocation.id }, data: { status: "CANCELLED" } });
    await releasePlaces(tx, offerId, allocation.requestId, allocation.students);
    const auditEvent = await tx.allocationEvent.create({
      data: { allocationId: allocation.id, actorId, fromStatus: allocation.status, toStatus: "CANCELLED", reason: `Offer withdrawn: ${reason}` },
    });
    const event = allocationNotification(await allocationFacts(tx, allocation.id), "CANCELLED", {
      actorId,
      reason: `Offer withdrawn: ${reason}`,
      eventId: auditEvent.id,
    });
    if (event) notifications.push(...(await raiseNotification(tx, event)));
    await raiseCaseForCancellation(tx, { allocationId: allocation.id, status: "CANCELLED", reason: `Offer withdrawn: ${reason}` });
  }
  const offer = await tx.offer.findUniqueOrThrow({
    where: { id: offerId },
    select: { id: true, providerId: true, profession: true, startDate: true, endDate: true, provider: { select: { name: true, regionId: true } } },
  });
  const studentsAffected = live.reduce((sum, allocation) => sum + allocation.students, 0);
  notifications.push(
    ...(await raiseNotification(
      tx,
      offerWithdrawnNotification(
        { ...offer, providerName: offer.provider.name, regionId: offer.provider.regionId },
        studentsAffected,
        { actorId, reason },
      ),
    )),
  );
  return Object.assign(live, { notifications });
}
