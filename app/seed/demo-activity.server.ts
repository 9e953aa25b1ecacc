import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { offerAcceptsRequest } from "~/marketplace/compatibility";
import { bookOffer, transitionAllocation } from "~/marketplace/allocations.server";

async function sessionUser(email: string): Promise<SessionUser> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true, organisationId: true, regionId: true } });
  return user;
}

/**
 * A little history so the demo is not empty: the demo university books places on the demo trust's
 * offers and they move through the states, through the same code people use.
 */
export async function addDemoActivity() {
  const university = await sessionUser("university@example.com");
  const educator = await sessionUser("educator@example.com");
  const student = await sessionUser("student@example.com");
  const offers = await prisma.offer.findMany({
    where: { providerId: educator.organisationId!, status: "PUBLISHED" },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  const requests = await prisma.placementRequest.findMany({
    where: { universityId: university.organisationId!, status: "OPEN" },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  const pairs: { offerId: string; requestId: string }[] = [];
  const usedRequests = new Set<string>();
  for (const offer of offers) {
    const request = requests.find((candidate) => !usedRequests.has(candidate.id) && !offerAcceptsRequest(offer, candidate));
    if (!request) continue;
    usedRequests.add(request.id);
    pairs.push({ offerId: offer.id, requestId: request.id });
    if (pairs.length === 5) break;
  }
  const steps: ("CONFIRMED" | "ACCEPTED" | "STUDENTS_NAMED" | "DECLINED")[][] = [
    [],
    ["CONFIRMED"],
    ["CONFIRMED", "ACCEPTED"],
    ["CONFIRMED", "ACCEPTED", "STUDENTS_NAMED"],
    ["DECLINED"],
  ];
  for (const [index, pair] of pairs.entries()) {
    const allocation = await bookOffer(university, { ...pair, students: 1 });
    for (const to of steps[index]) {
      const actor = to === "CONFIRMED" || to === "DECLINED" ? educator : university;
      await transitionAllocation(actor, {
        allocationId: allocation.id,
        to,
        reason: to === "DECLINED" ? "No practice educator free in that block" : undefined,
        studentIds: to === "STUDENTS_NAMED" ? [student.id] : undefined,
      });
    }
  }
  return pairs.length;
}
