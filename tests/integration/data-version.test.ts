import { describe, expect, it } from "vitest";
import { getRegionOverview } from "~/dashboards/region.server";
import { loadRegionFairShare } from "~/fair-share/fair-share.server";
import { DATA_VERSION_MAX_AGE_MS, keptUntilDataChanges, readDataVersion } from "~/platform/db/data-version.server";
import { prisma } from "~/platform/db/db.server";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createRegion, createUser } from "../helpers/fixtures";
import { createOffer, createRequest, createSite } from "../helpers/marketplace";

useTestDatabase();

/** A computation that counts how often it runs. */
function counted<T>(value: () => T) {
  const counter = { runs: 0, compute: async () => (counter.runs++, value()) };
  return counter;
}

describe("the data version", () => {
  it("moves with every committed write to a table behind the region figures or the search's names, and not with other writes or rollbacks", async () => {
    const region = await createRegion();
    const provider = await createOrganisation({ regionId: region.id });
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
    const offer = await createOffer(provider.id);
    const request = await createRequest(university.id);
    const writes: [string, () => Promise<unknown>][] = [
      ["region", () => prisma.region.update({ where: { id: region.id }, data: { name: `${region.name}!` } })],
      ["organisation", () => prisma.organisation.update({ where: { id: provider.id }, data: { active: false } })],
      ["workforce", () => prisma.workforce.create({ data: { organisationId: provider.id, profession: "PT", year: 2026, wte: 12.5 } })],
      ["setting", () => prisma.setting.upsert({ where: { key: "dataVersionCheck" }, create: { key: "dataVersionCheck", value: 1 }, update: { value: 2 } })],
      ["offer", () => prisma.offer.update({ where: { id: offer.id }, data: { slots: 5 } })],
      ["request", () => prisma.placementRequest.update({ where: { id: request.id }, data: { students: 6 } })],
      ["allocation", () => prisma.allocation.create({ data: { offerId: offer.id, requestId: request.id, students: 1, status: "PROPOSED", source: "DIRECT" } })],
      // Not behind the figures, but the opportunities search keeps site names by the same count.
      ["site", () => createSite(provider.id)],
    ];
    for (const [table, write] of writes) {
      const before = BigInt(await readDataVersion());
      await write();
      expect(BigInt(await readDataVersion()) > before, table).toBe(true);
    }
    const before = await readDataVersion();
    await createUser("STUDENT");
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.offer.update({ where: { id: offer.id }, data: { slots: 9 } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await readDataVersion()).toBe(before);
  });
});

describe("figures kept until the data changes", () => {
  it("are worked out once while nothing changes, again after a write, and again when too old", async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const figures = counted(() => ({ total: 1 }));
    const first = await keptUntilDataChanges("test-figures", figures.compute, { now });
    expect(await keptUntilDataChanges("test-figures", figures.compute, { now })).toBe(first);
    expect(figures.runs).toBe(1);
    await createRegion();
    await keptUntilDataChanges("test-figures", figures.compute, { now });
    expect(figures.runs).toBe(2);
    clock += DATA_VERSION_MAX_AGE_MS - 1;
    await keptUntilDataChanges("test-figures", figures.compute, { now });
    expect(figures.runs).toBe(2);
    clock += 1;
    await keptUntilDataChanges("test-figures", figures.compute, { now });
    expect(figures.runs).toBe(3);
  });

  it("go by a version the caller read for its request, when given one, instead of reading another", async () => {
    const figures = counted(() => ({ total: 1 }));
    const current = await readDataVersion();
    const first = await keptUntilDataChanges("given-version", figures.compute, { dataVersion: Promise.resolve(current) });
    expect(await keptUntilDataChanges("given-version", figures.compute)).toBe(first);
    expect(figures.runs).toBe(1);
    // A version read later in another request, after a write: worked out again without a read of its own.
    await keptUntilDataChanges("given-version", figures.compute, { dataVersion: Promise.resolve(`${current}-later`) });
    expect(figures.runs).toBe(2);
    await expect(keptUntilDataChanges("given-version", figures.compute, { dataVersion: Promise.reject(new Error("database away")) })).rejects.toThrow("database away");
  });

  it("share one computation among callers arriving together, keep no failure, and cannot be changed by a caller", async () => {
    const figures = counted(() => ({ rows: [{ ratio: 1 }] }));
    const together = await Promise.all(Array.from({ length: 5 }, () => keptUntilDataChanges("together", figures.compute)));
    expect(figures.runs).toBe(1);
    expect(new Set(together).size).toBe(1);
    expect(() => {
      together[0].rows[0].ratio = 2;
    }).toThrow(TypeError);
    let failures = 0;
    const failing = () => (failures++ === 0 ? Promise.reject(new Error("database away")) : Promise.resolve("recovered"));
    await expect(keptUntilDataChanges("failing", failing)).rejects.toThrow("database away");
    expect(await keptUntilDataChanges("failing", failing)).toBe("recovered");
  });

  it("show a region's overview and fair share with the write just made", async () => {
    const region = await createRegion();
    const provider = await createOrganisation({ regionId: region.id });
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
    await prisma.workforce.create({ data: { organisationId: provider.id, profession: "PT", year: 2026, wte: 10 } });
    await createRequest(university.id, { students: 4 });
    const offered = async () => (await loadRegionFairShare(region.id, 2026)).providers[0].rows.find((row) => row.profession === "PT")?.offered ?? 0;
    const overviewOffered = async () => (await getRegionOverview(region.id, 2026)).totals.offered;
    expect([await offered(), await overviewOffered()]).toEqual([0, 0]);
    const offer = await createOffer(provider.id, { slots: 3 });
    expect([await offered(), await overviewOffered()]).toEqual([3, 3]);
    await prisma.offer.update({ where: { id: offer.id }, data: { status: "WITHDRAWN" } });
    expect([await offered(), await overviewOffered()]).toEqual([0, 0]);
  });
});
