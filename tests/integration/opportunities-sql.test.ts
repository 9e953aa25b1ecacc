import { describe, expect, it } from "vitest";
import { listOpportunities, type OpportunityFilters } from "~/marketplace/opportunities.server";
import { OFFER_TERMS_SELECT } from "~/marketplace/offer-terms";
import { literalSearch, uncountedPage, uncountedPageQuery } from "~/platform/paging";
import { prisma, type Prisma } from "~/platform/db/db.server";
import { startOfUtcDay } from "~/platform/utc-days";
import { SUPERVISION_MODELS } from "~/vocabulary/labels";
import { professionsMatching } from "~/vocabulary/roles";
import { useTestDatabase } from "../helpers/database";
import { seededGenerator } from "../helpers/seeded-random";
import { createOrganisation, createRegion } from "../helpers/fixtures";
import { createRequest, createSite } from "../helpers/marketplace";

useTestDatabase();

/*
 * The opportunities list reads on the driver. Here every filter is checked against the Prisma query the
 * page used before, written out below as the reference, on generated offers with every kind of row a
 * filter must keep or drop: drafts and withdrawn offers, started and full ones, any-year and some-year
 * offers, names with LIKE's wildcards, and places held by proposals and by other allocations.
 */

const NOW = new Date("2027-01-10T15:30:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const STARTS = ["2026-12-07", "2027-01-10", "2027-01-11", "2027-02-01", "2027-03-01", "2027-04-05"];
const SPECIALTIES = [null, "MSK", "Neuro rehab", "Paediatrics 50%", "Acute_care", "msk outpatients"];
const SITE_NAMES = ["Riverside", "Hilltop 100%", "North_Gate", "Riverside Annex"];
const POSTCODES = ["SE1 7EH", "N1 9GU", "M13 9WL"];
const YEARS: number[][] = [[], [1], [2, 3], [1, 2, 3]];
const STATUSES = ["PUBLISHED", "PUBLISHED", "PUBLISHED", "DRAFT", "WITHDRAWN"] as const;
const PROFESSIONS_USED = ["PT", "OT", "SLT"] as const;

async function generateOffers(seed: number) {
  const random = seededGenerator(seed);
  const regions = [await createRegion(`North ${seed}`), await createRegion(`South ${seed}`)];
  const university = await createOrganisation({ kind: "UNIVERSITY", regionId: regions[0]!.id });
  const providers = await Promise.all(
    ["Riverside Trust", "Hilltop_Care", "Northgate 24% Health"].map((name, index) => createOrganisation({ regionId: regions[index % 2]!.id, name: `${name} ${seed}` })),
  );
  const sites = [];
  for (const provider of providers) {
    for (let index = 0; index < 2; index++) {
      const site = await createSite(provider.id, { name: `${random.pick(SITE_NAMES)} ${seed}-${sites.length}` });
      sites.push(await prisma.site.update({ where: { id: site.id }, data: { postcode: random.pick(POSTCODES) } }));
    }
  }
  const request = await createRequest(university.id, { students: 40 });
  for (let index = 0; index < 70; index++) {
    const site = random.pick(sites);
    const start = random.pick(STARTS);
    const slots = random.int(1, 4);
    const offer = await prisma.offer.create({
      data: {
        providerId: site.organisationId,
        siteId: site.id,
        profession: random.pick(PROFESSIONS_USED),
        specialty: random.pick(SPECIALTIES),
        startDate: day(start),
        endDate: new Date(day(start).getTime() + random.int(2, 10) * 7 * 86_400_000),
        slots,
        slotsTaken: random.pick([0, 0, 1, slots]),
        supervisionModel: random.pick(SUPERVISION_MODELS),
        yearsOfStudy: random.pick(YEARS),
        status: random.pick(STATUSES),
      },
    });
    for (const status of ["PROPOSED", "PROPOSED", "CONFIRMED"] as const) {
      if (random.int(0, 2) === 0) await prisma.allocation.create({ data: { offerId: offer.id, requestId: request.id, students: random.int(1, 2), status } });
    }
  }
  return { regions, random };
}

/** The page's query before it moved to the driver. */
async function prismaReference(filters: OpportunityFilters, now: Date) {
  const where: Prisma.OfferWhereInput = {
    status: "PUBLISHED",
    profession: filters.profession,
    supervisionModel: filters.supervisionModel,
    provider: filters.regionId ? { regionId: filters.regionId } : undefined,
    startDate: filters.from ? { gte: new Date(`${filters.from}T00:00:00Z`) } : undefined,
    endDate: filters.to ? { lte: new Date(`${filters.to}T00:00:00Z`) } : undefined,
  };
  const and: Prisma.OfferWhereInput[] = [{ startDate: { gte: startOfUtcDay(now) } }];
  if (filters.year) and.push({ OR: [{ yearsOfStudy: { has: filters.year } }, { yearsOfStudy: { isEmpty: true } }] });
  if (filters.q) {
    const anywhere = { contains: literalSearch(filters.q), mode: "insensitive" } as const;
    const [sites, providers] = await Promise.all([
      prisma.site.findMany({ where: { OR: [{ name: anywhere }, { postcode: { startsWith: literalSearch(filters.q), mode: "insensitive" } }] }, select: { id: true } }),
      prisma.organisation.findMany({ where: { name: anywhere }, select: { id: true } }),
    ]);
    and.push({
      OR: [
        { specialty: anywhere },
        { siteId: { in: sites.map((site) => site.id) } },
        { providerId: { in: providers.map((provider) => provider.id) } },
        { profession: { in: professionsMatching(filters.q) } },
      ],
    });
  }
  if (!filters.includeFull) and.push({ slotsTaken: { lt: prisma.offer.fields.slots } });
  where.AND = and;
  const pageQuery = uncountedPageQuery(filters.page);
  const rows = await prisma.offer.findMany({
    where,
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    skip: pageQuery.skip,
    take: pageQuery.take,
    select: {
      ...OFFER_TERMS_SELECT,
      provider: { select: { name: true, region: { select: { name: true } } } },
      site: { select: { name: true, postcode: true } },
    },
  });
  const { rows: offers, window } = uncountedPage(rows, pageQuery);
  const held = await prisma.allocation.groupBy({
    by: ["offerId"],
    where: { offerId: { in: offers.map((offer) => offer.id) }, status: "PROPOSED" },
    _sum: { students: true },
  });
  const heldBy = new Map(held.map((row) => [row.offerId, row._sum.students ?? 0]));
  const regions = await prisma.region.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return {
    window,
    offers: offers.map(({ provider, site, ...terms }) => ({
      ...terms,
      providerName: provider.name,
      regionName: provider.region.name,
      siteName: site.name,
      sitePostcode: site.postcode,
      held: heldBy.get(terms.id) ?? 0,
    })),
    regions,
  };
}

describe("the opportunities list on the driver", () => {
  it("finds, orders, pages and counts held places as the Prisma query did, for every filter", async () => {
    const { regions, random } = await generateOffers(7);
    const searches = [undefined, "msk", "RIVERSIDE", "100%", "north_gate", "_", "%", "se1", "N1 9", "24%", "physio", "ot", "zzz"];
    const cases: OpportunityFilters[] = [{ page: 1 }, { page: 2 }, { page: 3 }, { page: 1, includeFull: "on" }, { page: 2, includeFull: "on" }];
    const choices = {
      q: searches,
      profession: PROFESSIONS_USED,
      supervisionModel: SUPERVISION_MODELS,
      regionId: [regions[0]!.id, regions[1]!.id, "no-such-region"],
      year: [1, 2, 3, 4],
      from: ["2027-01-11", "2027-02-01"],
      to: ["2027-03-15", "2027-06-30"],
      includeFull: ["on"],
    } as const;
    const names = Object.keys(choices) as (keyof typeof choices)[];
    for (let index = 0; index < 150; index++) {
      // One to three filters at a time, so that most pages still show offers.
      const filters: Record<string, unknown> = { page: random.pick([1, 1, 1, 2]) };
      for (let count = random.int(1, 3); count > 0; count--) {
        const name = random.pick(names);
        filters[name] = random.pick(choices[name] as readonly unknown[]);
      }
      cases.push(filters as OpportunityFilters);
    }
    let nonEmpty = 0;
    for (const filters of cases) {
      const expected = await prismaReference(filters, NOW);
      const actual = await listOpportunities(filters, NOW);
      expect(actual, JSON.stringify(filters)).toEqual(expected);
      if (actual.offers.length > 0) nonEmpty++;
    }
    // The generated offers must exercise the filters, not only agree on empty pages.
    expect(nonEmpty).toBeGreaterThan(cases.length / 2);
    expect((await listOpportunities({ page: 1 }, NOW)).offers.some((offer) => offer.held > 0)).toBe(true);
  }, 120_000);

  it("finds a site or provider by the name it was given a moment ago, and no longer by the old one", async () => {
    await generateOffers(11);
    const offer = (await listOpportunities({ page: 1 }, NOW)).offers[0]!;
    const { siteId, providerId } = await prisma.offer.findUniqueOrThrow({ where: { id: offer.id }, select: { siteId: true, providerId: true } });
    const searchFinds = async (q: string) => (await listOpportunities({ page: 1, q, includeFull: "on" }, NOW)).offers.some((shown) => shown.id === offer.id);
    expect(await searchFinds("Quayside Clinic")).toBe(false);
    const oldSiteName = offer.siteName;
    await prisma.site.update({ where: { id: siteId }, data: { name: "Quayside Clinic" } });
    expect(await searchFinds("quayside clinic")).toBe(true);
    expect(await searchFinds(oldSiteName)).toBe(false);
    await prisma.organisation.update({ where: { id: providerId }, data: { name: "Harbourview Partnership" } });
    expect(await searchFinds("HARBOURVIEW")).toBe(true);
  });
});
