import { prisma } from "~/platform/db/db.server";

/**
 * A student's own placements: the block dates and the site, nothing about other students
 * or the request's reasonable-adjustment notes.
 */
export async function listStudentPlacements(studentId: string) {
  const rows = await prisma.allocationStudent.findMany({
    where: { studentId, allocation: { status: { in: ["STUDENTS_NAMED", "COMPLETED"] } } },
    orderBy: { allocation: { request: { startDate: "asc" } } },
    select: {
      allocation: {
        select: {
          id: true,
          status: true,
          offer: {
            select: {
              profession: true,
              specialty: true,
              supervisionModel: true,
              provider: { select: { name: true } },
              site: { select: { name: true, postcode: true } },
            },
          },
          request: { select: { startDate: true, endDate: true } },
        },
      },
    },
  });
  return rows.map(({ allocation }) => ({
    id: allocation.id,
    status: allocation.status,
    profession: allocation.offer.profession,
    specialty: allocation.offer.specialty,
    supervisionModel: allocation.offer.supervisionModel,
    providerName: allocation.offer.provider.name,
    siteName: allocation.offer.site.name,
    postcode: allocation.offer.site.postcode,
    startDate: allocation.request.startDate,
    endDate: allocation.request.endDate,
  }));
}
