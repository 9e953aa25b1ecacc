// Rows the action benches need on top of a seeded England-scale database: offers and requests that
// can be booked many times over, and a finished matching run with thousands of proposals to review.
import { createSession } from "~/accounts/session.server";
import { csrfTokenFor } from "~/accounts/csrf.server";
import { hashToken } from "~/accounts/tokens.server";
import { prisma, Prisma } from "~/platform/db/db.server";
import type { StoredMatchingResult } from "~/matching/runs.server";

export interface BenchSession {
  userId: string;
  organisationId: string | null;
  cookie: string;
  csrf: string;
}

export async function benchSession(email: string): Promise<BenchSession> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, organisationId: true } });
  const { token } = await createSession(user.id);
  return { userId: user.id, organisationId: user.organisationId, cookie: `px_session=${token}`, csrf: csrfTokenFor(hashToken(token)) };
}

/**
 * Pairs of a published offer of the educator's provider and an open request of the university
 * that it covers, each with room for thousands of one-student bookings, so a bench can book again
 * and again without running out. Made fresh on every call.
 */
export async function bookablePairs(count: number, educator: BenchSession, university: BenchSession) {
  const template = await prisma.placementRequest.findFirstOrThrow({
    where: { universityId: university.organisationId!, status: "OPEN", startDate: { gt: new Date() } },
    orderBy: { startDate: "asc" },
    select: { programmeId: true, blockId: true, profession: true, yearOfStudy: true, startDate: true, endDate: true },
  });
  const site = await prisma.site.findFirstOrThrow({ where: { organisationId: educator.organisationId! }, select: { id: true } });
  const pairs: { offerId: string; requestId: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const offer = await prisma.offer.create({
      data: {
        providerId: educator.organisationId!,
        siteId: site.id,
        profession: template.profession,
        specialty: "Bench",
        startDate: template.startDate,
        endDate: template.endDate,
        slots: 100_000,
        supervisionModel: "ONE_TO_ONE",
        yearsOfStudy: [],
        status: "PUBLISHED",
        publishedAt: new Date(),
      },
      select: { id: true },
    });
    const request = await prisma.placementRequest.create({
      data: {
        universityId: university.organisationId!,
        programmeId: template.programmeId,
        blockId: template.blockId,
        profession: template.profession,
        yearOfStudy: template.yearOfStudy,
        startDate: template.startDate,
        endDate: template.endDate,
        students: 100_000,
      },
      select: { id: true },
    });
    pairs.push({ offerId: offer.id, requestId: request.id });
  }
  return pairs;
}

const REVIEW_RUN_PHASE = "bench: review page";

/**
 * A finished (not yet published) matching run of the facilitator's region with `proposals`
 * proposals over real offers and requests of that region. Reused when one exists already.
 */
export async function reviewRun(facilitator: { userId: string }, proposals: number): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: facilitator.userId }, select: { regionId: true } });
  const regionId = user.regionId!;
  const existing = await prisma.matchingRun.findFirst({ where: { regionId, phase: REVIEW_RUN_PHASE, status: "SUCCEEDED" }, select: { id: true, result: true } });
  if (existing && (existing.result as unknown as StoredMatchingResult).proposals.length === proposals) return existing.id;

  const requests = await prisma.placementRequest.findMany({
    where: { status: { not: "CANCELLED" }, university: { regionId } },
    orderBy: { startDate: "asc" },
    take: proposals + proposals / 4,
    select: { id: true, universityId: true, profession: true, startDate: true, students: true },
  });
  const offers = await prisma.offer.findMany({
    where: { status: "PUBLISHED", provider: { regionId } },
    select: { id: true, providerId: true, profession: true },
  });
  const offersByProfession = new Map<string, typeof offers>();
  for (const offer of offers) offersByProfession.set(offer.profession, [...(offersByProfession.get(offer.profession) ?? []), offer]);
  const stored: StoredMatchingResult = { proposals: [], unmet: [], stats: null as never, warnings: [], empty: null };
  for (const [index, request] of requests.entries()) {
    const choices = offersByProfession.get(request.profession) ?? [];
    if (stored.proposals.length < proposals && choices.length) {
      const offer = choices[index % choices.length];
      stored.proposals.push({
        requestId: request.id,
        offerId: offer.id,
        providerId: offer.providerId,
        universityId: request.universityId,
        profession: request.profession,
        students: 1,
        explanation: "Nearest offer with room for the block's dates",
        travelMinutes: 20 + (index % 40),
        specialtyMatched: index % 3 === 0,
      });
      if (request.students > 1) stored.unmet.push({ requestId: request.id, students: request.students - 1, reason: "No offer with room in the block's dates" });
    } else {
      stored.unmet.push({ requestId: request.id, students: request.students, reason: "No offer with room in the block's dates" });
    }
  }
  if (stored.proposals.length < proposals) throw new Error(`Only ${stored.proposals.length} proposals could be made in the facilitator's region`);
  const periodStart = requests[0].startDate;
  const periodEnd = requests[requests.length - 1].startDate;
  const run = await prisma.matchingRun.create({
    data: {
      regionId,
      periodStart,
      periodEnd,
      status: "SUCCEEDED",
      progress: 1,
      phase: REVIEW_RUN_PHASE,
      startedById: facilitator.userId,
      startedAt: new Date(),
      finishedAt: new Date(),
      inputSummary: { providers: new Set(offers.map((o) => o.providerId)).size, offers: offers.length, requests: requests.length, studentsToPlace: 0, placesFree: 0 },
      result: stored as unknown as Prisma.InputJsonValue,
      studentsPlaced: stored.proposals.length,
      studentsUnmet: stored.unmet.reduce((sum, row) => sum + row.students, 0),
    },
    select: { id: true },
  });
  return run.id;
}
