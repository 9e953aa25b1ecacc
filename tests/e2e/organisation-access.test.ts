import { describe, expect, it } from "vitest";
import { useBrowser, type Portal } from "./support/portal";

/*
 * Written against the contract of the organisation screens (built alongside these tests):
 *   /admin/organisations    lists organisations with a name filter; each name links to a page whose
 *                           last path segment is the organisation's id
 *   /organisations/$id      an organisation's page; a user of another provider or university gets 404
 */
const ROYAL_RIVERSIDE = "Royal Riverside NHS Foundation Trust";
const ST_BARNABAS = "St Barnabas NHS Foundation Trust";

const browser = useBrowser();

function idFromHref(href: string | null): string {
  const id = /\/organisations\/([^/?#]+)\/?(?:[?#].*)?$/.exec(href ?? "")?.[1];
  if (!id) throw new Error(`No organisation id in link ${JSON.stringify(href)}`);
  return id;
}

/** Ids as an administrator finds them: the list's name filter, then the organisation's link. */
async function idsFromAdminList(portal: Portal): Promise<Record<string, string>> {
  const { page, visit, settle, signIn } = portal;
  await signIn("admin@example.com");
  await visit("/admin/organisations");
  const ids: Record<string, string> = {};
  for (const name of [ROYAL_RIVERSIDE, ST_BARNABAS]) {
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === name);
    await settle();
    const link = page.locator("main").getByRole("link", { name, exact: true });
    ids[name] = idFromHref(await link.first().getAttribute("href"));
  }
  return ids;
}

/** An educator's own organisation id, from the "Organisation" entry of their navigation. */
async function ownOrganisationId(portal: Portal, email: string): Promise<string> {
  await portal.signIn(email);
  await portal.visit("/");
  const link = portal.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organisation", exact: true });
  return idFromHref(await link.getAttribute("href"));
}

describe("organisation pages are scoped to the user's own organisation", () => {
  it("the admin organisation list links each trust to its page, with the ids educators see", async () => {
    const admin = await browser.open();
    const ids = await idsFromAdminList(admin);
    await admin.visit(`/admin/organisations/${ids[ROYAL_RIVERSIDE]}`);
    expect(await admin.page.getByRole("heading", { level: 1 }).textContent()).toContain(ROYAL_RIVERSIDE);
    expect(ids[ROYAL_RIVERSIDE]).toBe(await ownOrganisationId(await browser.open(), "educator@example.com"));
    expect(ids[ST_BARNABAS]).toBe(await ownOrganisationId(await browser.open(), "educator2@example.com"));
  });

  it("an educator opens their own trust's page but not another trust's (404)", async () => {
    const ids = await idsFromAdminList(await browser.open());
    expect(ids[ROYAL_RIVERSIDE]).not.toBe(ids[ST_BARNABAS]);

    const educator = await browser.open();
    educator.allowConsoleError(/status of 404/);
    await educator.signIn("educator@example.com");

    const own = await educator.visit(`/organisations/${ids[ROYAL_RIVERSIDE]}`);
    expect(own?.status()).toBe(200);
    expect(await educator.page.getByRole("heading", { level: 1 }).textContent()).toContain(ROYAL_RIVERSIDE);

    const other = await educator.visit(`/organisations/${ids[ST_BARNABAS]}`);
    expect(other?.status()).toBe(404);
    expect(await educator.page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
    // A refusal must not leak the other trust's name.
    expect(await educator.page.locator("main").textContent()).not.toContain(ST_BARNABAS);
  });
});
