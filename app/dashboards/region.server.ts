import { placementStage, type AllocationStatusName } from "~/marketplace/allocation-rules";
import { prisma, Prisma, queryRows } from "~/platform/db/db.server";
import { keptUntilDataChanges } from "~/platform/db/data-version.server";
import { keptPerObject } from "~/platform/kept-per-object";
import { sortByRatio, summariseRegion, type ProviderRatioRow, type RegionRequestInput } from "./dashboard-rules";
import { demandRequestsSql, liveAllocationSql, loadRegionFairShare, provisionOffersSql, type RegionFairShare } from "~/fair-share/fair-share.server";
import { PROFESSION_LABELS, PROFESSIONS, type ProfessionCode } from "~/vocabulary/roles";

/**
 * Demand, offered, allocated and unmet students in a region for an academic year. The database sums the
 * year's requests, offers and live allocations by profession and start month; summariseRegion then
 * reads each sum as one request or offer starting that month, which gives the figures it would give for
 * the rows one by one: it only adds them up, and a request's allocated students are capped at its
 * students before they are summed. The sums come straight from the driver (queryRows), without Prisma's cost.
 */
export function getRegionOverview(regionId: string, year: number, dataVersion?: Promise<string>) {
  return keptUntilDataChanges(`region-overview ${regionId} ${year}`, () => workOutRegionOverview(regionId, year), { dataVersion });
}

async function workOutRegionOverview(regionId: string, year: number) {
  const [region, requestSums, offerSums, stageSums] = await Promise.all([
    queryRows<{ name: string }>(Prisma.sql`SELECT "name" FROM "Region" WHERE "id" = ${regionId}`).then(([row]) => row ?? null),
    queryRows<{ profession: ProfessionCode; month: string; students: number; allocated: number }>(Prisma.sql`
      SELECT r."profession"::text AS "profession", to_char(r."startDate", 'YYYY-MM') AS "month", SUM(r."students")::int AS "students",
        SUM(LEAST(r."students", GREATEST(0, r."studentsAllocated")))::int AS "allocated"
      FROM "PlacementRequest" r JOIN "Organisation" u ON u."id" = r."universityId"
      WHERE ${demandRequestsSql(regionId, year)}
      GROUP BY 1, 2`),
    queryRows<{ profession: ProfessionCode; month: string; slots: number }>(Prisma.sql`
      SELECT o."profession"::text AS "profession", to_char(o."startDate", 'YYYY-MM') AS "month", SUM(o."slots")::int AS "slots"
      FROM "Offer" o JOIN "Organisation" p ON p."id" = o."providerId"
      WHERE ${provisionOffersSql(regionId, year)}
      GROUP BY 1, 2`),
    queryRows<{ profession: ProfessionCode; month: string; status: AllocationStatusName; students: number }>(Prisma.sql`
      SELECT r."profession"::text AS "profession", to_char(r."startDate", 'YYYY-MM') AS "month", a."status"::text AS "status", SUM(a."students")::int AS "students"
      FROM "Allocation" a
        JOIN "PlacementRequest" r ON r."id" = a."requestId"
        JOIN "Organisation" u ON u."id" = r."universityId"
      WHERE ${liveAllocationSql} AND ${demandRequestsSql(regionId, year)}
      GROUP BY 1, 2, 3`),
  ]);
  const monthStart = (month: string) => new Date(`${month}-01T00:00:00Z`);
  const requests = new Map<string, RegionRequestInput>(
    requestSums.map((row) => [
      `${row.profession} ${row.month}`,
      {
        profession: row.profession,
        startDate: monthStart(row.month),
        students: row.students,
        studentsAllocated: row.allocated,
        studentsHeld: 0,
        studentsConfirmed: 0,
        studentsAccepted: 0,
      },
    ]),
  );
  for (const row of stageSums) {
    const request = requests.get(`${row.profession} ${row.month}`);
    const stage = placementStage(row.status);
    if (!request || !stage) continue;
    if (stage === "held") request.studentsHeld += row.students;
    else if (stage === "confirmed") request.studentsConfirmed += row.students;
    else request.studentsAccepted += row.students;
  }
  const offers = offerSums.map((row) => ({ profession: row.profession, startDate: monthStart(row.month), slots: row.slots }));
  const summary = summariseRegion({ requests: [...requests.values()], offers }, year, PROFESSION_LABELS);
  return { regionName: region?.name ?? "Your region", ...summary };
}

/** The provider if it is an active provider in the region; null otherwise (the route answers 404). */
export async function findRegionProvider(regionId: string, providerId: string) {
  return prisma.organisation.findFirst({ where: { id: providerId, kind: "PROVIDER", regionId }, select: { id: true, name: true, regionId: true } });
}

/** One profession's providers, highest ratio first, and the professions that have any figures. */
export async function getRegionFairShareFor(regionId: string, year: number, chosen: ProfessionCode | null) {
  const fairShare = await loadRegionFairShare(regionId, year);
  const { demand, bands } = fairShare;
  const { byProfession, professions } = providerRowsOf(fairShare);
  const profession: ProfessionCode = chosen ?? professions[0] ?? "PT";
  return { profession, professions, demand: demand[profession] ?? 0, rows: byProfession.get(profession) ?? [], bands };
}

interface ProviderRowsByProfession {
  byProfession: Map<ProfessionCode, readonly ProviderRatioRow[]>;
  professions: ProfessionCode[];
}

// Worked out once per kept region (the kept value is shared until the data changes): regrouping and sorting a
// region's providers for every view was ~5% of the fair-share page's CPU.
const providerRowsOf = keptPerObject(({ providers, demand }: RegionFairShare): ProviderRowsByProfession => {
  const grouped = new Map<ProfessionCode, ProviderRatioRow[]>();
  for (const provider of providers) {
    for (const row of provider.rows) {
      const list = grouped.get(row.profession) ?? [];
      list.push({
        providerId: provider.id,
        providerName: provider.name,
        wte: row.wte,
        fairShare: row.fairShare,
        offered: row.offered,
        stages: row.stages,
        hosted: row.hosted,
        ratio: row.offeredRatio,
        band: row.offeredBand,
        weeksPerWte: row.offeredWeeksPerWte,
      });
      grouped.set(row.profession, list);
    }
  }
  const byProfession = new Map<ProfessionCode, readonly ProviderRatioRow[]>([...grouped].map(([code, rows]) => [code, sortByRatio(rows)]));
  const professions = PROFESSIONS.filter((code) => byProfession.has(code) || (demand[code] ?? 0) > 0);
  return { byProfession, professions };
});
