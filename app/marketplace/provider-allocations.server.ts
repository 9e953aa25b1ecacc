import { PageParam } from "~/platform/form-fields";
import { recordSensitiveViews } from "./sensitive-views.server";
import { z } from "zod";
import type { SessionUser } from "~/accounts/session.server";
import { prisma, type Prisma } from "~/platform/db/db.server";
import { ALLOCATION_STATUSES, holdsCapacity, type AllocationStatusName } from "./allocation-rules";
import { pageWindow } from "~/platform/paging";
import { requireProviderScope } from "./policy";

/** A long page, so one matching run's proposals can be confirmed together. */
const ALLOCATIONS_PER_PAGE = 100;

/** "all", or one status; the list opens on the proposed ones: they wait for the provider. */
export const ProviderAllocationFiltersSchema = z.object({
  status: z
    .preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.enum([...ALLOCATION_STATUSES, "all"]).default("PROPOSED"))
    .catch("PROPOSED"),
  page: PageParam,
});
export type ProviderAllocationFilters = z.output<typeof ProviderAllocationFiltersSchema>;

export function parseProviderAllocationFilters(searchParams: URLSearchParams): ProviderAllocationFilters {
  return ProviderAllocationFiltersSchema.parse(Object.fromEntries(searchParams));
}

/**
 * One page of the allocations on the provider's offers. The request's reasonable-adjustment notes
 * are shown to the provider only while the allocation is live (proposed to completed).
 */
export async function listProviderAllocations(user: SessionUser, filters: ProviderAllocationFilters) {
  const providerId = requireProviderScope(user);
  const where: Prisma.AllocationWhereInput = {
    offer: { providerId },
    ...(filters.status === "all" ? {} : { status: filters.status }),
  };
  const [total, byStatus] = await Promise.all([
    prisma.allocation.count({ where }),
    prisma.allocation.groupBy({ by: ["status"], where: { offer: { providerId } }, _count: { _all: true } }),
  ]);
  const window = pageWindow(total, filters.page, ALLOCATIONS_PER_PAGE);
  const rows = await prisma.allocation.findMany({
    where,
    // Waiting longest first while proposed; otherwise the latest changes first.
    orderBy: filters.status === "PROPOSED" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ updatedAt: "desc" }, { id: "asc" }],
    skip: window.skip,
    take: window.take,
    select: {
      id: true,
      students: true,
      status: true,
      source: true,
      createdAt: true,
      offer: { select: { id: true, profession: true, specialty: true, startDate: true, endDate: true, site: { select: { name: true } } } },
      request: {
        select: {
          id: true,
          yearOfStudy: true,
          startDate: true,
          endDate: true,
          reasonableAdjustments: true,
          university: { select: { name: true } },
          programme: { select: { name: true } },
        },
      },
    },
  });
  const shownNotes = rows.filter((allocation) => holdsCapacity(allocation.status) && allocation.request.reasonableAdjustments);
  await recordSensitiveViews(user.id, shownNotes.map((allocation) => allocation.request.id), "provider allocations list");
  const counts = Object.fromEntries(byStatus.map((row) => [row.status, row._count._all])) as Partial<Record<AllocationStatusName, number>>;
  return {
    window,
    counts,
    allocations: rows.map((allocation) => ({
      ...allocation,
      request: {
        ...allocation.request,
        reasonableAdjustments: holdsCapacity(allocation.status) ? allocation.request.reasonableAdjustments : null,
      },
    })),
  };
}
