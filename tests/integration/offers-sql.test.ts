import { describe, expect, it } from "vitest";
import { listProviderOffers, listProviderSites, offerWhere, type OfferFilters } from "~/marketplace/offers.server";
import { OFFER_TERMS_SELECT } from "~/marketplace/offer-terms";
import { prisma } from "~/platform/db/db.server";
import { pageWindow } from "~/platform/paging";
import { SUPERVISION_MODELS } from "~/vocabulary/labels";
import { useTestDatabase } from "../helpers/database";
import { seededGenerator } from "../helpers/seeded-random";
import { createOrganisation, createRegion, createUser } from "../helpers/fixtures";
import { createSite } from "../helpers/marketplace";
import { sessionUserOf } from "./provider-fixtures";

useTestDatabase();

/*
 * The provider's offers list reads on the driver. Every filter, alone and combined, and every page are
 * checked here against the Prisma query the page used before (written out below as the reference), on
 * generated offers of two providers: drafts, withdrawn, open and full offers, several sites, windows
 * across the year, and offers made in the same instant (so the order's last key, the id, decides).
 */

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const STARTS = ["2026-09-14", "2026-11-02", "2027-01-11", "2027-01-11", "2027-03-01", "2027-05-10"];
const STATUSES = ["DRAFT", "PUBLISHED", "PUBLISHED", "PUBLISHED", "WITHDRAWN"] as const;
const PROFESSIONS_USED = ["PT", "OT", "SLT"] as const;

async function generateOffers(seed: number) {
  const random = seededGenerator(seed);
  const region = await createRegion(`Region ${seed}`);
  const providers = [await createOrganisation({ regionId: region.id }), await createOrganisation({ regionId: region.id })];
  const sites = [];
  for (const provider of providers) {
    for (const name of ["Riverside", "Hilltop_100%", "North Gate"]) sites.push(await createSite(provider.id, { name: `${name} ${seed}-${sites.length}` }));
  }
  const createdAt = new Date("2026-06-01T09:00:00Z");
  for (let index = 0; index < 90; index++) {
    const site = random.pick(sites);
    const start = random.pick(STARTS);
    const slots = random.int(1, 4);
    await prisma.offer.create({
      data: {
        providerId: site.organisationId,
        siteId: site.id,
        profession: random.pick(PROFESSIONS_USED),
        specialty: random.pick([null, "MSK", "Neuro rehab"]),
        startDate: day(start),
        endDate: new Date(day(start).getTime() + random.int(2, 10) * 7 * 86_400_000),
        slots,
        slotsTaken: random.pick([0, 1, slots]),
        supervisionModel: random.pick(SUPERVISION_MODELS),
        yearsOfStudy: random.pick([[], [1], [2, 3]]),
        status: random.pick(STATUSES),
        createdAt: new Date(createdAt.getTime() + random.int(0, 40) * 60_000),
      },
    });
  }
  const educator = await createUser("EDUCATOR", { organisationId: providers[0]!.id });
  return { provider: providers[0]!, sites: sites.filter((site) => site.organisationId === providers[0]!.id), user: sessionUserOf(educator), random };
}

/** The page's query before it moved to the driver. */
async function prismaReference(providerId: string, filters: OfferFilters) {
  const where = offerWhere(providerId, filters);
  const window = pageWindow(await prisma.offer.count({ where }), filters.page);
  const [offers, sites] = await Promise.all([
    prisma.offer.findMany({
      where,
      orderBy: [{ startDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      skip: window.skip,
      take: window.take,
      select: { ...OFFER_TERMS_SELECT, status: true, site: { select: { name: true } } },
    }),
    prisma.site.findMany({ where: { organisationId: providerId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { window, offers: offers.map(({ site, ...offer }) => ({ ...offer, siteName: site.name })), sites };
}

describe("the provider's offers list on the driver", () => {
  it("answers every filter and page as the Prisma query did", async () => {
    const { provider, sites, user, random } = await generateOffers(5);
    const choices = {
      status: [undefined, "draft", "published", "filled", "withdrawn"] as const,
      profession: [undefined, ...PROFESSIONS_USED, "RAD" as const],
      siteId: [undefined, ...sites.map((site) => site.id), "no-such-site"],
      from: [undefined, "2026-11-02", "2027-02-01", "2030-01-01"],
      to: [undefined, "2026-09-13", "2027-01-11", "2027-06-30"],
      page: [undefined, 1, 2, 3, 99],
    };
    const cases: OfferFilters[] = [{} as OfferFilters];
    for (const [key, values] of Object.entries(choices)) for (const value of values) cases.push({ [key]: value } as OfferFilters);
    for (let index = 0; index < 60; index++) {
      cases.push(Object.fromEntries(Object.entries(choices).map(([key, values]) => [key, random.pick(values as readonly unknown[])])) as OfferFilters);
    }
    let compared = 0;
    for (const filters of cases) {
      const [driver, reference] = await Promise.all([listProviderOffers(user, filters), prismaReference(provider.id, filters)]);
      expect(driver, JSON.stringify(filters)).toEqual(reference);
      compared += driver.offers.length;
    }
    expect(compared).toBeGreaterThan(500);
    expect((await listProviderOffers(user, {} as OfferFilters)).window.total).toBeGreaterThan(25);
    expect(await listProviderSites(provider.id)).toEqual(sites.map((site) => ({ id: site.id, name: site.name })).sort((a, b) => (a.name < b.name ? -1 : 1)));
  });
});
