import { prisma } from "~/platform/db/db.server";
import { demandRequestsWhere } from "~/fair-share/fair-share.server";
import { addStudentsByStatus, LIVE_STATUSES, noStudentsByStatus, type StudentsByStatus } from "~/marketplace/allocation-rules";
import { summariseUniversities } from "./dashboard-rules";
import type { ProfessionCode } from "~/vocabulary/roles";

/**
 * Every university of the region with its requests (not cancelled) starting in the academic
 * year, optionally for one profession, and the students of their live allocations at each stage.
 */
export async function getUniversityShares(regionId: string, year: number, profession: ProfessionCode | null) {
  const requestsWhere = { ...demandRequestsWhere(regionId, year), ...(profession ? { profession } : {}) };
  const [universities, requests, stages] = await Promise.all([
    prisma.organisation.findMany({ where: { kind: "UNIVERSITY", regionId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.placementRequest.findMany({ where: requestsWhere, select: { id: true, universityId: true, students: true } }),
    prisma.allocation.groupBy({ by: ["requestId", "status"], where: { status: { in: [...LIVE_STATUSES] }, request: requestsWhere }, _sum: { students: true } }),
  ]);
  const byRequest = new Map<string, StudentsByStatus>();
  for (const row of stages) {
    const counts = byRequest.get(row.requestId) ?? noStudentsByStatus();
    addStudentsByStatus(counts, row.status, row._sum.students ?? 0);
    byRequest.set(row.requestId, counts);
  }
  const totals = new Map(
    universities.map((university) => [university.id, { universityId: university.id, universityName: university.name, requests: [] as { students: number; byStatus: StudentsByStatus }[] }]),
  );
  for (const request of requests) {
    totals.get(request.universityId)?.requests.push({ students: request.students, byStatus: byRequest.get(request.id) ?? noStudentsByStatus() });
  }
  return summariseUniversities([...totals.values()].filter((row) => row.requests.length > 0));
}
