import { PageParam } from "~/platform/form-fields";
import { recordSensitiveViews } from "./sensitive-views.server";
import { z } from "zod";
import type { SessionUser } from "~/accounts/session.server";
import { Prisma, queryRows, sqlPage } from "~/platform/db/db.server";
import type { ProfessionCode } from "~/vocabulary/roles";
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

interface ProviderAllocationRow {
  id: string;
  students: number;
  status: AllocationStatusName;
  source: "DIRECT" | "MATCHING";
  createdAt: Date;
  offerId: string;
  offerProfession: ProfessionCode;
  offerSpecialty: string | null;
  offerStartDate: Date;
  offerEndDate: Date;
  siteName: string;
  requestId: string;
  yearOfStudy: number;
  requestStartDate: Date;
  requestEndDate: Date;
  reasonableAdjustments: string | null;
  universityName: string;
  programmeName: string;
}

/**
 * One page of the allocations on the provider's offers. The request's reasonable-adjustment notes
 * are shown to the provider only while the allocation is live (proposed to completed).
 * Read on the driver (queryRows): through Prisma its reads cost ~8 ms of Node CPU for a page of 100;
 * tests/integration/provider-allocations-sql.test.ts checks them against the Prisma query they replaced.
 */
export async function listProviderAllocations(user: SessionUser, filters: ProviderAllocationFilters) {
  const providerId = requireProviderScope(user);
  const byStatus = await queryRows<{ status: AllocationStatusName; count: number }>(Prisma.sql`
    SELECT a."status"::text AS "status", count(*)::int AS "count"
    FROM "Allocation" a JOIN "Offer" o ON o."id" = a."offerId"
    WHERE o."providerId" = ${providerId}
    GROUP BY a."status"`);
  const counts = Object.fromEntries(byStatus.map((row) => [row.status, row.count])) as Partial<Record<AllocationStatusName, number>>;
  const total = filters.status === "all" ? byStatus.reduce((sum, row) => sum + row.count, 0) : (counts[filters.status] ?? 0);
  const window = pageWindow(total, filters.page, ALLOCATIONS_PER_PAGE);
  const statusCondition = filters.status === "all" ? Prisma.empty : Prisma.sql`AND a."status" = ${filters.status}::"AllocationStatus"`;
  // Waiting longest first while proposed; otherwise the latest changes first.
  const order = filters.status === "PROPOSED" ? Prisma.sql`a."createdAt" ASC, a."id" ASC` : Prisma.sql`a."updatedAt" DESC, a."id" ASC`;
  const utcDay = (column: string) => Prisma.raw(`(${column}::timestamp AT TIME ZONE 'UTC')`);
  const rows = await queryRows<ProviderAllocationRow>(Prisma.sql`
    SELECT a."id", a."students", a."status"::text AS "status", a."source"::text AS "source", (a."createdAt" AT TIME ZONE 'UTC') AS "createdAt",
      o."id" AS "offerId", o."profession"::text AS "offerProfession", o."specialty" AS "offerSpecialty",
      ${utcDay('o."startDate"')} AS "offerStartDate", ${utcDay('o."endDate"')} AS "offerEndDate", s."name" AS "siteName",
      r."id" AS "requestId", r."yearOfStudy", ${utcDay('r."startDate"')} AS "requestStartDate", ${utcDay('r."endDate"')} AS "requestEndDate",
      r."reasonableAdjustments", u."name" AS "universityName", p."name" AS "programmeName"
    FROM (
      SELECT a."id", a."offerId", a."requestId", a."students", a."status", a."source", a."createdAt", a."updatedAt"
      FROM "Allocation" a JOIN "Offer" o ON o."id" = a."offerId"
      WHERE o."providerId" = ${providerId} ${statusCondition}
      ORDER BY ${order}
      ${sqlPage(window.take, window.skip)}
    ) a
      JOIN "Offer" o ON o."id" = a."offerId"
      JOIN "Site" s ON s."id" = o."siteId"
      JOIN "PlacementRequest" r ON r."id" = a."requestId"
      JOIN "Organisation" u ON u."id" = r."universityId"
      JOIN "Programme" p ON p."id" = r."programmeId"
    ORDER BY ${order}`);
  const shownNotes = rows.filter((row) => holdsCapacity(row.status) && row.reasonableAdjustments);
  await recordSensitiveViews(user.id, shownNotes.map((row) => row.requestId), "provider allocations list");
  return {
    window,
    counts,
    allocations: rows.map((row) => ({
      id: row.id,
      students: row.students,
      status: row.status,
      source: row.source,
      createdAt: row.createdAt,
      offer: { id: row.offerId, profession: row.offerProfession, specialty: row.offerSpecialty, startDate: row.offerStartDate, endDate: row.offerEndDate, site: { name: row.siteName } },
      request: {
        id: row.requestId,
        yearOfStudy: row.yearOfStudy,
        startDate: row.requestStartDate,
        endDate: row.requestEndDate,
        reasonableAdjustments: holdsCapacity(row.status) ? row.reasonableAdjustments : null,
        university: { name: row.universityName },
        programme: { name: row.programmeName },
      },
    })),
  };
}
