import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import BookOffer, { loader as bookLoader, meta as bookMeta } from "~/routes/university.book.$offerId";
import ProviderDrillDown, { loader as drillDownLoader } from "~/routes/facilitator.fair-share.$providerId";
import FacilitatorQuality, { loader as qualityLoader } from "~/routes/facilitator.quality";
import { useTestDatabase } from "../helpers/database";
import { createOffer } from "../helpers/marketplace";
import { renderRoute } from "../helpers/render-route";
import { signInAs, createUser } from "../helpers/fixtures";
import { call, createUniversityWorld } from "./university-fixtures";

/** Labels a first-time user misread: each page is rendered from its real loader's answer. */
useTestDatabase();

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ");

describe("labels that say what they show", () => {
  it("names the profession when booking an offer, in the heading and the title", async () => {
    const w = await createUniversityWorld();
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, profession: "OT" });
    const page = await call(bookLoader, `/university/book/${offer.id}`, { as: w.signed, params: { offerId: offer.id } });
    expect(page.status).toBe(200);
    const html = text(await renderRoute(BookOffer, page.data, `/university/book/${offer.id}`));
    const heading = `Book Occupational therapy at ${w.provider.name}: St Thomas' Hospital`;
    expect(html).toContain(heading);
    const meta = bookMeta({ data: JSON.parse(JSON.stringify(page.data)) } as Parameters<typeof bookMeta>[0]);
    expect(meta).toContainEqual({ title: `${heading} · Placement Exchange` });
  });

  it("heads the provider drill-down's fair-share table with Profession, the thing it lists", async () => {
    const w = await createUniversityWorld();
    await prisma.workforce.create({ data: { organisationId: w.provider.id, profession: "PT", year: 2026, wte: 12 } });
    await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 3 });
    const facilitator = await signInAs(await createUser("FACILITATOR", { regionId: w.region.id }));
    const page = await call(drillDownLoader, `/facilitator/fair-share/${w.provider.id}?year=2026`, { as: facilitator, params: { providerId: w.provider.id } });
    expect(page.status).toBe(200);
    const html = await renderRoute(ProviderDrillDown, page.data, `/facilitator/fair-share/${w.provider.id}`);
    const table = /<caption[^>]*>[^<]*fair share by profession[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    const firstHeader = /<th[^>]*>([^<]*)<\/th>/.exec(table.slice(table.indexOf("<thead")))?.[1];
    expect(firstHeader).toBe("Profession");
    expect(text(table)).toContain("Physiotherapy");
  });

  it("offers Any flag as the quality filter's default, not Any provider", async () => {
    const w = await createUniversityWorld();
    const facilitator = await signInAs(await createUser("FACILITATOR", { regionId: w.region.id }));
    const page = await call(qualityLoader, "/facilitator/quality", { as: facilitator });
    expect(page.status).toBe(200);
    const html = await renderRoute(FacilitatorQuality, page.data, "/facilitator/quality");
    const select = /<select[^>]*name="flag"[\s\S]*?<\/select>/.exec(html)?.[0] ?? "";
    expect(/<option value=""[^>]*>([^<]*)<\/option>/.exec(select)?.[1]).toBe("Any flag");
    expect(html).not.toContain("Any provider");
  });
});
