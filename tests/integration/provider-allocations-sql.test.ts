import { describe, expect, it } from "vitest";
import { ALLOCATION_STATUSES, holdsCapacity } from "~/marketplace/allocation-rules";
import { listProviderAllocations, type ProviderAllocationFilters } from "~/marketplace/provider-allocations.server";
import { prisma } from "~/platform/db/db.server";
import { pageWindow } from "~/platform/paging";
import { useTestDatabase } from "../helpers/database";
import { seededGenerator } from "../helpers/seeded-random";
import { createOrganisation, createRegion, createUser } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";
import { sessionUserOf } from "./provider-fixtures";

useTestDatabase();

/*
 * The provider's allocations list reads on the driver. Each status filter and every page are checked here
 * against the Prisma query the page used before (written out below as the reference), on generated
 * allocations of two providers in every status, with and without reasonable-adjustment notes, several made
 * or changed in the same instant (so the order's last key, the id, decides).
 */

async function prismaReference(providerId: string, filters: ProviderAllocationFilters) {
  const where = { offer: { providerId }, ...(filters.status === "all" ? {} : { status: filters.status }) };
  const [total, byStatus] = await Promise.all([
    prisma.allocation.count({ where }),
    prisma.allocation.groupBy({ by: ["status"], where: { offer: { providerId } }, _count: { _all: true } }),
  ]);
  const window = pageWindow(total, filters.page, 100);
  const rows = await prisma.allocation.findMany({
    where,
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
  const counts = Object.fromEntries(byStatus.map((row) => [row.status, row._count._all]));
  return {
    window,
    counts,
    allocations: rows.map((allocation) => ({
      ...allocation,
      request: { ...allocation.request, reasonableAdjustments: holdsCapacity(allocation.status) ? allocation.request.reasonableAdjustments : null },
    })),
  };
}

describe("the provider's allocations list on the driver", () => {
  it("answers every status filter and page as the Prisma query did, in any time zone", async () => {
    const random = seededGenerator(3);
    const region = await createRegion();
    const providers = [await createOrganisation({ regionId: region.id }), await createOrganisation({ regionId: region.id })];
    const universities = [await createOrganisation({ kind: "UNIVERSITY", regionId: region.id }), await createOrganisation({ kind: "UNIVERSITY", regionId: region.id })];
    const offers: { id: string }[] = [];
    for (const provider of providers) for (let index = 0; index < 4; index++) offers.push(await createOffer(provider.id, { specialty: index % 2 ? "MSK" : "Neuro", profession: random.pick(["PT", "OT"] as const) }));
    const requests: { id: string }[] = [];
    for (const university of universities) {
      for (let index = 0; index < 4; index++) requests.push(await createRequest(university.id, { reasonableAdjustments: index % 2 ? "Needs a quiet room" : undefined }));
    }
    const instant = new Date("2026-10-01T08:00:00Z");
    const data = Array.from({ length: 240 }, () => {
      const at = new Date(instant.getTime() + random.int(0, 60) * 60_000);
      return {
        offerId: random.pick(offers).id,
        requestId: random.pick(requests).id,
        students: random.int(1, 3),
        status: random.pick(ALLOCATION_STATUSES),
        source: random.pick(["DIRECT", "MATCHING"] as const),
        createdAt: at,
        updatedAt: new Date(at.getTime() + random.int(0, 3) * 3_600_000),
      };
    });
    await prisma.allocation.createMany({ data });
    const educator = await createUser("EDUCATOR", { organisationId: providers[0]!.id });
    const user = sessionUserOf(educator);
    const zone = process.env.TZ;
    let compared = 0;
    try {
      for (const tz of ["UTC", "America/New_York"]) {
        process.env.TZ = tz;
        for (const status of ["all", ...ALLOCATION_STATUSES] as const) {
          for (const page of [1, 2, 3]) {
            const filters = { status, page } as ProviderAllocationFilters;
            const [driver, reference] = await Promise.all([listProviderAllocations(user, filters), prismaReference(providers[0]!.id, filters)]);
            expect(driver, `${tz} ${status} page ${page}`).toEqual(reference);
            compared += driver.allocations.length;
          }
        }
      }
    } finally {
      process.env.TZ = zone;
    }
    expect(compared).toBeGreaterThan(300);
    const everything = await listProviderAllocations(user, { status: "all", page: 1 } as ProviderAllocationFilters);
    expect(everything.window.total).toBeGreaterThan(100);
    // Notes only while the allocation holds places.
    expect(everything.allocations.some((allocation) => allocation.request.reasonableAdjustments)).toBe(true);
    expect(everything.allocations.every((allocation) => holdsCapacity(allocation.status) || allocation.request.reasonableAdjustments === null)).toBe(true);
  });
});
