import { paramOr } from "~/platform/form-fields";
import { OFFER_TERMS_SELECT, type OfferTermsRow } from "./offer-terms";
import { toDbDate } from "./offer-form";
import { z } from "zod";
import { keptUntilDataChanges } from "~/platform/db/data-version.server";
import { prisma, Prisma, queryRows, sqlDay, sqlIn, sqlPage } from "~/platform/db/db.server";
import { PROFESSIONS, professionsMatching } from "~/vocabulary/roles";
import { withDateRange, type DateRangeFilter } from "~/vocabulary/calendar-date";
import { SUPERVISION_MODELS } from "~/vocabulary/labels";
import { literalSearch, uncountedPage, uncountedPageQuery } from "~/platform/paging";

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
  page: paramOr(z.coerce.number().int().min(1).max(100_000), 1),
});
export type OpportunityFilters = z.infer<typeof OpportunityFiltersSchema>;

/** The filters, with only real dates kept; what was wrong with the others is in `dateErrors`. */
export function parseOpportunityFilters(url: URL): OpportunityFilters & { dateErrors: DateRangeFilter["errors"] } {
  return withDateRange(OpportunityFiltersSchema.parse(Object.fromEntries(url.searchParams)));
}

/** An opportunity as the list shows it: the offer's terms, where it is and who posts it. */
interface OpportunityRow extends OfferTermsRow {
  providerName: string;
  regionName: string;
  siteName: string;
  sitePostcode: string;
  /** Places proposals hold on it: counted, never shown as whose. */
  held: number;
}

/** The same row as the page's statement returns it in JSON, its dates as calendar days ("2027-01-11"). */
type OpportunityJson = Omit<OpportunityRow, "startDate" | "endDate"> & { startDate: string; endDate: string };

/**
 * Published offers anyone signed in may browse. Never includes requests, allocations or students:
 * what a student sees here is the provider's public offer.
 *
 * Read on the driver (queryRows), as the busiest list of the portal: through Prisma the same three reads
 * cost about 4 ms of Node CPU per page, most of it compiling the queries. The filters are those the Prisma
 * query had; tests/integration/opportunities-sql.test.ts checks them against it on generated offers.
 */
export async function listOpportunities(filters: OpportunityFilters, now = new Date()) {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`o."status" = 'PUBLISHED'`,
    // An offer that has already started is no longer open to new students, whatever places it has left.
    Prisma.sql`o."startDate" >= ${sqlDay(now)}`,
  ];
  if (filters.profession) conditions.push(Prisma.sql`o."profession" = ${filters.profession}::"Profession"`);
  if (filters.supervisionModel) conditions.push(Prisma.sql`o."supervisionModel" = ${filters.supervisionModel}::"SupervisionModel"`);
  if (filters.regionId) conditions.push(Prisma.sql`o."providerId" IN (SELECT "id" FROM "Organisation" WHERE "regionId" = ${filters.regionId})`);
  if (filters.from) conditions.push(Prisma.sql`o."startDate" >= ${filters.from}::date`);
  if (filters.to) conditions.push(Prisma.sql`o."endDate" <= ${filters.to}::date`);
  if (filters.year) conditions.push(Prisma.sql`(${filters.year}::int = ANY(o."yearsOfStudy") OR cardinality(o."yearsOfStudy") = 0)`);
  if (filters.q) {
    const { siteIds, providerIds } = await findSearchedSitesAndProviders(filters.q);
    conditions.push(Prisma.sql`(
      o."specialty" ILIKE ${`%${literalSearch(filters.q)}%`}
      OR ${sqlIn(Prisma.sql`o."siteId"`, siteIds)}
      OR ${sqlIn(Prisma.sql`o."providerId"`, providerIds)}
      OR ${sqlIn(Prisma.sql`o."profession"`, professionsMatching(filters.q))})`);
  }
  if (!filters.includeFull) conditions.push(Prisma.sql`o."slotsTaken" < o."slots"`);

  // Not counted: at England scale a count of every open offer was the slowest part of the page. One row
  // more than a page tells whether another follows; the total shows only once the last page is reached.
  const pageQuery = uncountedPageQuery(filters.page);
  // One statement answers both what the page lists and the region filter's choices (one round trip fewer on
  // the portal's busiest page): a single row, each answer as JSON. Dates come as calendar days.
  const [{ offers: page, regions }] = await queryRows<{ offers: OpportunityJson[]; regions: { id: string; name: string }[] }>(Prisma.sql`
    SELECT
      (SELECT COALESCE(json_agg(shown ORDER BY shown."startDate", shown."id"), '[]'::json) FROM (
        -- The page of offers first, then the names and held places of just those: joining first would join every match.
        SELECT o."id", o."profession", o."specialty", o."startDate", o."endDate",
          o."slots", o."slotsTaken", o."supervisionModel", o."yearsOfStudy",
          p."name" AS "providerName", r."name" AS "regionName", s."name" AS "siteName", s."postcode" AS "sitePostcode",
          ${heldPlaces(Prisma.sql`o."id"`)} AS "held"
        FROM ${pageOfOffers(Prisma.join(conditions, " AND "), pageQuery)} o
          JOIN "Organisation" p ON p."id" = o."providerId"
          JOIN "Region" r ON r."id" = p."regionId"
          JOIN "Site" s ON s."id" = o."siteId"
      ) shown) AS "offers",
      (SELECT COALESCE(json_agg(json_build_object('id', "id", 'name', "name") ORDER BY "name"), '[]'::json) FROM "Region") AS "regions"`);
  const rows: OpportunityRow[] = page.map((offer) => ({ ...offer, startDate: toDbDate(offer.startDate), endDate: toDbDate(offer.endDate) }));
  const { rows: offers, window } = uncountedPage(rows, pageQuery);
  return { window, offers, regions };
}

const OFFER_COLUMNS = Prisma.sql`o."id", o."profession", o."specialty", o."startDate", o."endDate", o."slots", o."slotsTaken",
  o."supervisionModel", o."yearsOfStudy", o."providerId", o."siteId"`;

/**
 * The offers of one page, in list order. Past the first page the ids alone are paged, then just the rows shown
 * are read: where an index holds every column the filters test (no search, no year), the rows skipped come from
 * the index alone instead of each from the table (page 200 of every offer: 2.6 → 1.3 ms, EXPLAIN ANALYZE).
 */
function pageOfOffers(where: Prisma.Sql, page: ReturnType<typeof uncountedPageQuery>) {
  const order = Prisma.sql`ORDER BY o."startDate" ASC, o."id" ASC ${sqlPage(page.take, page.skip)}`;
  if (page.skip === 0) return Prisma.sql`(SELECT ${OFFER_COLUMNS} FROM "Offer" o WHERE ${where} ${order})`;
  return Prisma.sql`(SELECT ${OFFER_COLUMNS} FROM (SELECT o."id" FROM "Offer" o WHERE ${where} ${order}) paged JOIN "Offer" o ON o."id" = paged."id")`;
}

/**
 * The sites (name anywhere, or postcode from its start) and providers (name anywhere) a search finds,
 * ignoring case. The offers' search then tests ids, which their indexes answer, instead of joining both
 * tables and testing every offer's site and provider name. The names are matched against a copy kept until
 * the data version moves (writes to "Site" and "Organisation" move it): at England scale, asking the
 * database was 5–6 ms of its CPU for every search, a copy of a few thousand names is about 0.2 ms here.
 */
async function findSearchedSitesAndProviders(q: string): Promise<{ siteIds: string[]; providerIds: string[] }> {
  const { sites, providers } = await keptUntilDataChanges("opportunities-searchable-names", loadSearchableNames);
  const needle = q.toLowerCase();
  const siteIds: string[] = [];
  for (const site of sites) if (site.name.includes(needle) || site.postcode.startsWith(needle)) siteIds.push(site.id);
  const providerIds: string[] = [];
  for (const provider of providers) if (provider.name.includes(needle)) providerIds.push(provider.id);
  return { siteIds, providerIds };
}

/** Every site's and organisation's name (and site postcode), lower-cased for matching. */
async function loadSearchableNames() {
  const [sites, providers] = await Promise.all([
    queryRows<{ id: string; name: string; postcode: string }>(Prisma.sql`SELECT "id", "name", "postcode" FROM "Site"`),
    queryRows<{ id: string; name: string }>(Prisma.sql`SELECT "id", "name" FROM "Organisation"`),
  ]);
  return {
    sites: sites.map(({ id, name, postcode }) => ({ id, name: name.toLowerCase(), postcode: postcode.toLowerCase() })),
    providers: providers.map(({ id, name }) => ({ id, name: name.toLowerCase() })),
  };
}

/** The places proposals hold on an offer: counted, never shown as whose. */
function heldPlaces(offerId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT COALESCE(SUM(a."students"), 0)::int FROM "Allocation" a WHERE a."offerId" = ${offerId} AND a."status" = 'PROPOSED')`;
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
  if (!offer) return null;
  const [{ held }] = await queryRows<{ held: number }>(Prisma.sql`SELECT ${heldPlaces(Prisma.sql`${offer.id}`)} AS "held"`);
  return { ...offer, held };
}
