import type { SessionUser } from "~/accounts/session.server";
import { defaultBaseline } from "~/funding/funding.server";
import { offerAcceptsRequest } from "~/marketplace/compatibility";
import { bookOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { prisma } from "~/platform/db/db.server";
import { Refusal } from "~/platform/refusal";
import { weeksBetween } from "~/vocabulary/labels";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const PERIOD = { periodStart: day("2026-09-01"), periodEnd: day("2027-08-31") };

async function sessionUser(email: string): Promise<SessionUser | null> {
  return prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, role: true, organisationId: true, regionId: true } });
}

/**
 * Places students of the second demo university on the provider's earliest offer that takes them,
 * through the same code people use. Returns the profession and the placement weeks placed.
 */
async function placeOnEarliestOffer(provider: SessionUser, university: SessionUser) {
  const offers = await prisma.offer.findMany({ where: { providerId: provider.organisationId!, status: "PUBLISHED" }, orderBy: [{ startDate: "asc" }, { id: "asc" }] });
  const requests = await prisma.placementRequest.findMany({ where: { universityId: university.organisationId!, status: "OPEN" }, orderBy: [{ startDate: "asc" }, { id: "asc" }] });
  for (const request of requests) {
    for (const offer of offers) {
      if (offerAcceptsRequest(offer, request)) continue;
      const students = Math.min(2, request.students, offer.slots - offer.slotsTaken);
      if (students < 1) continue;
      try {
        const allocation = await bookOffer(university, { offerId: offer.id, requestId: request.id, students });
        await transitionAllocation(provider, { allocationId: allocation.id, to: "CONFIRMED" });
        await transitionAllocation(university, { allocationId: allocation.id, to: "ACCEPTED" });
        return { profession: request.profession, weeks: students * weeksBetween(request.startDate, request.endDate) };
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
      }
    }
  }
  return null;
}

/**
 * The demo's expansion funding: London's £1,199,633 programme, with an award on track (its provider
 * has placed students in a block that has started) and awards behind (nothing placed yet).
 */
export async function addDemoFunding() {
  const facilitator = await sessionUser("facilitator@example.com");
  const onTrackEducator = await sessionUser("educator.2@example.com");
  const behindEducator = await sessionUser("educator2@example.com");
  const university = await sessionUser("university2@example.com");
  if (!facilitator?.regionId || !onTrackEducator || !behindEducator || !university) return null;
  const programme = await prisma.fundingProgramme.create({
    data: {
      regionId: facilitator.regionId,
      name: "London clinical placement expansion 2026/27",
      amountPence: 119_963_300,
      ratePerWeekPence: 50_000,
      ...PERIOD,
      notes: "Clinical placement expansion funding for AHP providers across London.",
      createdById: facilitator.id,
    },
  });
  const placed = await placeOnEarliestOffer(onTrackEducator, university);
  const awards = [
    ...(placed
      ? [
          {
            providerId: onTrackEducator.organisationId!,
            profession: placed.profession,
            unit: "WEEKS" as const,
            // No more than the weeks already placed, so it stays on track all year.
            committed: Math.max(1, Math.floor(placed.weeks * 0.75)),
            amountPence: 6_000_000,
            payments: [{ payOn: day("2026-10-01"), amountPence: 3_000_000, note: "First tranche" }],
          },
        ]
      : []),
    {
      providerId: behindEducator.organisationId!,
      profession: "PT" as const,
      unit: "WEEKS" as const,
      committed: 60,
      amountPence: 3_000_000,
      payments: [
        { payOn: day("2026-10-01"), amountPence: 1_500_000, note: "First tranche" },
        { payOn: day("2027-04-01"), amountPence: 1_500_000, note: "Second tranche, on delivery" },
      ],
    },
    {
      providerId: behindEducator.organisationId!,
      profession: "OT" as const,
      unit: "STUDENTS" as const,
      committed: 4,
      amountPence: 2_000_000,
      payments: [{ payOn: day("2026-10-01"), amountPence: 1_000_000, note: "First tranche" }],
    },
  ];
  for (const { payments, ...award } of awards) {
    const baseline = await defaultBaseline(award.providerId, award.profession, PERIOD.periodStart, PERIOD.periodEnd);
    await prisma.fundingAward.create({
      data: {
        ...award,
        ...PERIOD,
        programmeId: programme.id,
        baselineStudents: baseline.students,
        baselineWeeks: baseline.weeks,
        createdById: facilitator.id,
        payments: { create: payments },
      },
    });
  }
  return programme;
}
