import { OFFER_TERMS_SELECT } from "./offer-terms";
import { z } from "zod";
import { prisma, Prisma } from "~/platform/db/db.server";
import { PROFESSIONS, professionsMatching } from "~/vocabulary/roles";
import { withDateRange, type DateRangeFilter } from "~/vocabulary/calendar-date";
import { SUPERVISION_MODELS } from "~/vocabulary/labels";
import { literalSearch, uncountedPage, uncountedPageQuery } from "~/platform/paging";
import { startOfUtcDay } from "~/platform/utc-days";

const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((value) => value || undefined);
const optionalDate = z.string().trim().max(30).optional().catch(undefined);

/** Filters come from the URL; anything malformed is ignored rather than refused. */
export const OpportunityFiltersSchema = z.object({
  q: optionalText.catch(undefined),
  profession: z.enum(PROFESSIONS).optional().catch(undefined),
  supervisionModel: z.enum(SUPERVISION_MODELS).optional().catch(undefined),
  regionId: optionalText.catch(undefined),
  year: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  includeFull: z.enum(["on"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type OpportunityFilters = z.infer<typeof OpportunityFiltersSchema>;

/** The filters, with only real dates kept; what was wrong with the others is in `dateErrors`. */
export function parseOpportunityFilters(url: URL): OpportunityFilters & { dateErrors: DateRangeFilter["errors"] } {
  return withDateRange(OpportunityFiltersSchema.parse(Object.fromEntries(url.searchParams)));
}

/**
 * Published offers anyone signed in may browse. Never includes requests, allocations or students:
 * what a student sees here is the provider's public offer.
 */
export async function listOpportunities(filters: OpportunityFilters, now = new Date()) {
  const where: Prisma.OfferWhereInput = {
    status: "PUBLISHED",
    profession: filters.profession,
    supervisionModel: filters.supervisionModel,
    provider: filters.regionId ? { regionId: filters.regionId } : undefined,
    startDate: filters.from ? { gte: new Date(`${filters.from}T00:00:00Z`) } : undefined,
    endDate: filters.to ? { lte: new Date(`${filters.to}T00:00:00Z`) } : undefined,
  };
  // An offer that has already started is no longer open to new students, whatever places it has left.
  const and: Prisma.OfferWhereInput[] = [{ startDate: { gte: startOfUtcDay(now) } }];
  if (filters.year) and.push({ OR: [{ yearsOfStudy: { has: filters.year } }, { yearsOfStudy: { isEmpty: true } }] });
  if (filters.q) {
    const { siteIds, providerIds } = await findSearchedSitesAndProviders(filters.q);
    and.push({
      OR: [
        { specialty: { contains: literalSearch(filters.q), mode: "insensitive" } },
        { siteId: { in: siteIds } },
        { providerId: { in: providerIds } },
        { profession: { in: professionsMatching(filters.q) } },
      ],
    });
  }
  if (!filters.includeFull) {
    and.push({ slotsTaken: { lt: prisma.offer.fields.slots } });
  }
  if (and.length) where.AND = and;

  // Not counted: at England scale a count of every open offer was the slowest part of the page. One row
  // more than a page tells whether another follows; the total shows only once the last page is reached.
  const pageQuery = uncountedPageQuery(filters.page);
  const [rows, regions] = await Promise.all([
    prisma.offer.findMany({
      where,
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
      skip: pageQuery.skip,
      take: pageQuery.take,
      select: {
        ...OFFER_TERMS_SELECT,
        provider: { select: { name: true, region: { select: { name: true } } } },
        site: { select: { name: true, postcode: true } },
      },
    }),
    prisma.region.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const { rows: offers, window } = uncountedPage(rows, pageQuery);
  return { window, offers: await withHeldPlaces(offers), regions };
}

/**
 * The sites (name anywhere, or postcode from its start) and providers (name anywhere) a search finds, in
 * one query. The offers' search then tests ids, which their indexes answer, instead of joining both
 * tables and testing every offer's site and provider name; the names are found through trigram indexes.
 */
async function findSearchedSitesAndProviders(q: string): Promise<{ siteIds: string[]; providerIds: string[] }> {
  const anywhere = `%${literalSearch(q)}%`;
  const fromStart = `${literalSearch(q)}%`;
  // Three branches rather than one OR, so each name test can use its index.
  const rows = await prisma.$queryRaw<{ kind: "site" | "provider"; id: string }[]>(Prisma.sql`
    SELECT 'site' AS "kind", "id" FROM "Site" WHERE "name" ILIKE ${anywhere}
    UNION
    SELECT 'site' AS "kind", "id" FROM "Site" WHERE "postcode" ILIKE ${fromStart}
    UNION
    SELECT 'provider' AS "kind", "id" FROM "Organisation" WHERE "name" ILIKE ${anywhere}`);
  return {
    siteIds: rows.filter((row) => row.kind === "site").map((row) => row.id),
    providerIds: rows.filter((row) => row.kind === "provider").map((row) => row.id),
  };
}

/** Adds to each offer the places proposals hold on it: counted, never shown as whose. */
async function withHeldPlaces<Offer extends { id: string }>(offers: Offer[]): Promise<(Offer & { held: number })[]> {
  if (offers.length === 0) return [];
  const held = await prisma.allocation.groupBy({
    by: ["offerId"],
    where: { offerId: { in: offers.map((offer) => offer.id) }, status: "PROPOSED" },
    _sum: { students: true },
  });
  const byOffer = new Map(held.map((row) => [row.offerId, row._sum.students ?? 0]));
  return offers.map((offer) => ({ ...offer, held: byOffer.get(offer.id) ?? 0 }));
}

/** One published offer as a student or any signed-in user sees it; null when it is not published. */
export async function getOpportunity(offerId: string) {
  const offer = await prisma.offer.findFirst({
    where: { id: offerId, status: "PUBLISHED" },
    select: {
      ...OFFER_TERMS_SELECT,
      notes: true,
      provider: { select: { name: true, providerType: true, region: { select: { name: true } } } },
      site: { select: { name: true, postcode: true, latitude: true, longitude: true } },
    },
  });
  return offer ? (await withHeldPlaces([offer]))[0] : null;
}
