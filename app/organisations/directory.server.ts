import { prisma, type Prisma } from "~/platform/db/db.server";
import { roundWte, type OrganisationFilters } from "./organisation-forms";
import { literalSearch, pageWindow } from "~/platform/paging";

/** What names and describes an organisation wherever it is listed or shown. */
export const ORGANISATION_DETAILS_SELECT = {
  id: true,
  name: true,
  kind: true,
  providerType: true,
  code: true,
  active: true,
} satisfies Prisma.OrganisationSelect;

/** An organisation's sites, by name, with where each one is. */
export const ORGANISATION_SITES_SELECT = {
  select: { id: true, name: true, postcode: true, latitude: true, longitude: true },
  orderBy: { name: "asc" },
} satisfies Prisma.Organisation$sitesArgs;

export function listRegions() {
  return prisma.region.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export async function findRegionName(regionId: string) {
  return (await prisma.region.findUnique({ where: { id: regionId }, select: { name: true } }))?.name ?? null;
}

/**
 * One page of organisations, sorted by name, within a visibility scope
 * (from visibleOrganisationsFilter) and narrowed by the list's filters.
 */
export async function listOrganisations(filters: OrganisationFilters, scope: { regionId?: string; id?: string } = {}) {
  const where: Prisma.OrganisationWhereInput = {
    AND: [
      scope,
      filters.q ? { name: { contains: literalSearch(filters.q), mode: "insensitive" } } : {},
      filters.kind ? { kind: filters.kind } : {},
      filters.regionId ? { regionId: filters.regionId } : {},
    ],
  };
  const total = await prisma.organisation.count({ where });
  const window = pageWindow(total, filters.page);
  const organisations = await prisma.organisation.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: window.skip,
    take: window.take,
    select: {
      ...ORGANISATION_DETAILS_SELECT,
      region: { select: { id: true, name: true } },
      _count: { select: { sites: true, users: true } },
    },
  });
  const latest = await latestWorkforceTotals(organisations.map((organisation) => organisation.id));
  return {
    window,
    organisations: organisations.map(({ _count, ...organisation }) => ({
      ...organisation,
      siteCount: _count.sites,
      userCount: _count.users,
      workforce: latest.get(organisation.id) ?? null,
    })),
  };
}

/** Each organisation's total registered WTE in its most recent year with figures. */
async function latestWorkforceTotals(organisationIds: string[]) {
  const totals = new Map<string, { year: number; wte: number }>();
  if (organisationIds.length === 0) return totals;
  const rows = await prisma.workforce.groupBy({
    by: ["organisationId", "year"],
    where: { organisationId: { in: organisationIds } },
    _sum: { wte: true },
  });
  for (const row of rows) {
    const current = totals.get(row.organisationId);
    if (!current || row.year > current.year) {
      totals.set(row.organisationId, { year: row.year, wte: roundWte(row._sum.wte ?? 0) });
    }
  }
  return totals;
}

/** What decides who may see an organisation, without loading the rest of it. */
export function findOrganisationScope(organisationId: string) {
  return prisma.organisation.findUnique({ where: { id: organisationId }, select: { id: true, regionId: true, kind: true } });
}

/** The read-only profile: details, sites, and workforce by profession in the latest year with figures. */
export async function getOrganisationProfile(organisationId: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { id: organisationId },
    select: {
      ...ORGANISATION_DETAILS_SELECT,
      region: { select: { id: true, name: true } },
      sites: ORGANISATION_SITES_SELECT,
    },
  });
  if (!organisation) return null;
  const latest = await prisma.workforce.aggregate({ where: { organisationId }, _max: { year: true } });
  const latestYear = latest._max.year;
  const workforce =
    latestYear === null
      ? []
      : await prisma.workforce.findMany({
          where: { organisationId, year: latestYear },
          select: { profession: true, wte: true },
          orderBy: { profession: "asc" },
        });
  return {
    organisation,
    workforce: { year: latestYear, rows: workforce, total: roundWte(workforce.reduce((sum, row) => sum + row.wte, 0)) },
  };
}
