import { Prisma, queryRows, sqlDay } from "~/platform/db/db.server";
import { keptUntilDataChanges } from "~/platform/db/data-version.server";
import { addStudentsByStatus, LIVE_STATUSES, noStudentsByStatus } from "~/marketplace/allocation-rules";
import { getSettings } from "~/settings/settings.server";
import { academicYearRange } from "~/vocabulary/academic-year";
import type { ProfessionCode } from "~/vocabulary/roles";
import type { AllocationStatusName } from "~/marketplace/allocation-rules";
import { apportionRegion, computeProviderFairShare, summariseFairShare, type FairShareBands, type ProviderFairShareInput, type ProviderFairShareRow } from "./fair-share";

/*
 * The figures behind every fair share in the portal, for one region and academic year
 * (docs/fair-share.md). Every page, CSV, notification and case reads them from here:
 *   demand     students of the region's universities' requests (not cancelled) whose block starts in the year;
 *   workforce  WTE recorded for the year by the region's active providers;
 *   provision  slots of a provider's published offers that start in the year, and slots × weeks of their windows;
 *   stages     students in live allocations on a provider's offers whose block starts in the year, at
 *              each stage apart: proposed (held), confirmed, accepted, students named, completed;
 *   hosted     of those, the completed ones, and students × weeks of their blocks.
 * Offers count in the year they start, as requests do: each slot and each student then counts in
 * exactly one year, offered is compared with a demand counted the same way, and the region's
 * overview by start month adds up to the same offered totals.
 */

/** The administrator's red and amber thresholds (Thresholds page). */
export async function loadFairShareBands(): Promise<FairShareBands> {
  const settings = await getSettings();
  return { red: settings.fairShareRed, amber: settings.fairShareAmber };
}

function activeProvidersOf(regionId: string): Prisma.OrganisationWhereInput {
  return { kind: "PROVIDER", regionId, active: true };
}

/** Demand: the requests (not cancelled) of the region's universities whose block starts in the year. */
export function demandRequestsWhere(regionId: string, year: number): Prisma.PlacementRequestWhereInput {
  const { start, end } = academicYearRange(year);
  return { status: { not: "CANCELLED" }, startDate: { gte: start, lte: end }, university: { regionId } };
}

/** Provision: the published offers of the region's active providers that start in the year. */
export function provisionOffersWhere(regionId: string, year: number): Prisma.OfferWhereInput {
  const { start, end } = academicYearRange(year);
  return { status: "PUBLISHED", startDate: { gte: start, lte: end }, provider: activeProvidersOf(regionId) };
}

/** Live allocations on the offers of the region's active providers, for blocks starting in the year. */
export function hostedAllocationsWhere(regionId: string, year: number): Prisma.AllocationWhereInput {
  const { start, end } = academicYearRange(year);
  return { status: { in: [...LIVE_STATUSES] }, offer: { provider: activeProvidersOf(regionId) }, request: { startDate: { gte: start, lte: end } } };
}

/*
 * The same three definitions in SQL, for the pages that group a whole region's rows in the database
 * rather than fetch them (region overview, fair-share tables). The aliases are fixed: requests `r` with
 * their university `u`, offers `o` with their provider `p`. An integration test compares every figure
 * with the same figures worked out from the rows the Prisma filters above return.
 */
/** The region's active providers, for `Organisation` aliased `p`. */
function activeProvidersSql(regionId: string): Prisma.Sql {
  return Prisma.sql`p."kind" = 'PROVIDER' AND p."regionId" = ${regionId} AND p."active"`;
}

/** demandRequestsWhere: `FROM "PlacementRequest" r JOIN "Organisation" u ON u."id" = r."universityId"`. */
export function demandRequestsSql(regionId: string, year: number): Prisma.Sql {
  const { start, end } = academicYearRange(year);
  return Prisma.sql`r."status" <> 'CANCELLED' AND r."startDate" BETWEEN ${sqlDay(start)} AND ${sqlDay(end)} AND u."regionId" = ${regionId}`;
}

/** provisionOffersWhere: `FROM "Offer" o JOIN "Organisation" p ON p."id" = o."providerId"`. */
export function provisionOffersSql(regionId: string, year: number): Prisma.Sql {
  const { start, end } = academicYearRange(year);
  return Prisma.sql`o."status" = 'PUBLISHED' AND o."startDate" BETWEEN ${sqlDay(start)} AND ${sqlDay(end)} AND ${activeProvidersSql(regionId)}`;
}

/** Allocations at a live stage (LIVE_STATUSES), for `Allocation` aliased `a`. */
export const liveAllocationSql = Prisma.sql`a."status"::text IN (${Prisma.join([...LIVE_STATUSES])})`;

/** weeksBetween(start, end) of a row's date window: whole weeks, inclusive, rounded up, at least 1. */
export function weeksSql(alias: "o" | "r"): Prisma.Sql {
  const table = Prisma.raw(alias);
  return Prisma.sql`GREATEST(1, CEIL((${table}."endDate" - ${table}."startDate" + 1) / 7.0))`;
}

/**
 * Workforce: WTE per provider and profession recorded for the year by active providers of the
 * region, or of every region when regionId is null (an administrator's matching export).
 */
export async function loadWorkforce(regionId: string | null, year: number, professions?: readonly ProfessionCode[]) {
  if (professions?.length === 0) return [];
  return queryRows<{ organisationId: string; profession: ProfessionCode; wte: number }>(Prisma.sql`
    SELECT w."organisationId", w."profession"::text AS "profession", w."wte"
    FROM "Workforce" w JOIN "Organisation" p ON p."id" = w."organisationId"
    WHERE w."year" = ${year} AND p."kind" = 'PROVIDER' AND p."active"
      ${regionId ? Prisma.sql`AND p."regionId" = ${regionId}` : Prisma.empty}
      ${professions ? Prisma.sql`AND w."profession"::text IN (${Prisma.join([...professions])})` : Prisma.empty}
    ORDER BY w."organisationId", w."profession"`);
}

export interface ProviderFairShare {
  id: string;
  name: string;
  /** computeProviderFairShare: the professions where it has workforce, offers or hosted students. */
  rows: ProviderFairShareRow[];
}

export interface RegionFairShare {
  year: number;
  /** Students requested per profession. */
  demand: Partial<Record<ProfessionCode, number>>;
  /** Every active provider of the region, by name. */
  providers: ProviderFairShare[];
  bands: FairShareBands;
}

/**
 * Every active provider's fair share in a region for an academic year: one set of queries for the whole
 * region, with offers and allocations summed per provider and profession in the database, kept until the
 * data behind it changes (`keptUntilDataChanges`). Callers share the value and must not change it.
 */
export function loadRegionFairShare(regionId: string, year: number, dataVersion?: Promise<string>): Promise<RegionFairShare> {
  return keptUntilDataChanges(`region-fair-share ${regionId} ${year}`, () => workOutRegionFairShare(regionId, year), { dataVersion });
}

async function workOutRegionFairShare(regionId: string, year: number): Promise<RegionFairShare> {
  const { start, end } = academicYearRange(year);
  // Straight SQL on the driver (queryRows): a region has hundreds of providers and workforce rows, and
  // Prisma's own work on them was most of the page's Node CPU. The filters are those defined above.
  const [providers, demand, workforce, offered, hosted, bands] = await Promise.all([
    queryRows<{ id: string; name: string }>(Prisma.sql`
      SELECT p."id", p."name" FROM "Organisation" p
      WHERE ${activeProvidersSql(regionId)}
      ORDER BY p."name", p."id"`),
    queryRows<{ profession: ProfessionCode; students: number }>(Prisma.sql`
      SELECT r."profession"::text AS "profession", SUM(r."students")::int AS "students"
      FROM "PlacementRequest" r JOIN "Organisation" u ON u."id" = r."universityId"
      WHERE ${demandRequestsSql(regionId, year)}
      GROUP BY r."profession"`),
    loadWorkforce(regionId, year),
    queryRows<{ providerId: string; profession: ProfessionCode; slots: number; weeks: number }>(Prisma.sql`
      SELECT o."providerId", o."profession"::text AS "profession", SUM(o."slots")::int AS "slots", SUM(o."slots" * ${weeksSql("o")})::int AS "weeks"
      FROM "Offer" o JOIN "Organisation" p ON p."id" = o."providerId"
      WHERE ${provisionOffersSql(regionId, year)}
      GROUP BY o."providerId", o."profession"`),
    // hostedAllocationsWhere, grouped by the offer's provider, the request's profession and the stage.
    queryRows<{ providerId: string; profession: ProfessionCode; status: AllocationStatusName; students: number; weeks: number }>(Prisma.sql`
      SELECT o."providerId", r."profession"::text AS "profession", a."status"::text AS "status",
        SUM(a."students")::int AS "students", SUM(a."students" * ${weeksSql("r")})::int AS "weeks"
      FROM "Allocation" a
        JOIN "Offer" o ON o."id" = a."offerId"
        JOIN "Organisation" p ON p."id" = o."providerId"
        JOIN "PlacementRequest" r ON r."id" = a."requestId"
      WHERE ${liveAllocationSql} AND p."kind" = 'PROVIDER' AND p."regionId" = ${regionId} AND p."active"
        AND r."startDate" BETWEEN ${sqlDay(start)} AND ${sqlDay(end)}
      GROUP BY o."providerId", r."profession", a."status"`),
    loadFairShareBands(),
  ]);
  const demandByProfession: Partial<Record<ProfessionCode, number>> = Object.fromEntries(demand.map((row) => [row.profession, row.students]));
  const regionShares = apportionRegion(demandByProfession, workforce);
  const inputs = new Map<string, ProviderFairShareInput>(
    providers.map((provider) => [
      provider.id,
      { providerId: provider.id, demand: demandByProfession, workforce, offered: {}, hosted: {}, stages: {}, bands, regionShares },
    ]),
  );
  for (const row of offered) {
    const input = inputs.get(row.providerId);
    if (input) input.offered[row.profession] = { slots: row.slots, weeks: row.weeks };
  }
  for (const row of hosted) {
    const input = inputs.get(row.providerId);
    if (!input) continue;
    addStudentsByStatus((input.stages![row.profession] ??= noStudentsByStatus()), row.status, row.students);
    // Hosted means completed: a proposal only holds places, and a confirmed or accepted placement has not happened yet.
    if (row.status !== "COMPLETED") continue;
    const entry = (input.hosted[row.profession] ??= { students: 0, weeks: 0 });
    entry.students += row.students;
    entry.weeks += row.weeks;
  }
  return {
    year,
    demand: demandByProfession,
    providers: providers.map((provider) => ({ ...provider, rows: computeProviderFairShare(inputs.get(provider.id)!) })),
    bands,
  };
}

/** One provider's rows and their total: its part of the region's figures (none for a provider not active there). */
export function providerFairShareOf(region: RegionFairShare, providerId: string) {
  const rows = region.providers.find((provider) => provider.id === providerId)?.rows ?? [];
  return { rows, summary: summariseFairShare(rows, region.bands), bands: region.bands };
}

/** One provider's fair share, read as its region's and filtered. */
export async function loadProviderFairShare(regionId: string, providerId: string, year: number) {
  return providerFairShareOf(await loadRegionFairShare(regionId, year), providerId);
}
