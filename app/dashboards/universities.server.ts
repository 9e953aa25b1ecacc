import { prisma } from "~/platform/db/db.server";
import { demandRequestsWhere } from "~/fair-share/fair-share.server";
import { summariseUniversities } from "./dashboard-rules";
import type { ProfessionCode } from "~/vocabulary/roles";

/**
 * Every university of the region with its requests (not cancelled) starting in the academic
 * year, optionally for one profession. Allocated students come from request.studentsAllocated
 * (live allocations), capped at the request's students per request.
 */
export async function getUniversityShares(regionId: string, year: number, profession: ProfessionCode | null) {
  const [universities, requests] = await Promise.all([
    prisma.organisation.findMany({ where: { kind: "UNIVERSITY", regionId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.placementRequest.findMany({
      where: { ...demandRequestsWhere(regionId, year), ...(profession ? { profession } : {}) },
      select: { universityId: true, students: true, studentsAllocated: true },
    }),
  ]);
  const totals = new Map(universities.map((university) => [university.id, { universityId: university.id, universityName: university.name, demand: 0, allocated: 0 }]));
  for (const request of requests) {
    const entry = totals.get(request.universityId);
    if (!entry) continue;
    entry.demand += request.students;
    entry.allocated += Math.min(request.students, request.studentsAllocated);
  }
  return summariseUniversities([...totals.values()].filter((row) => row.demand > 0));
}
