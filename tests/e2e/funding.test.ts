import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { mainNavigation, useBrowser } from "./support/portal";

/*
 * A facilitator records an expansion funding award and sees what it delivered, through the real UI:
 *   the navigation's Funding link -> the demo programme (awards on track and behind) -> a field error
 *   for a commitment of nothing -> an award to Royal Riverside for physiotherapy -> the award page
 *   shows the placed students (the demo's accepted physiotherapy placement) by month -> the programme
 *   lists it, at phone width too. The trust's educator then finds the award under their own Funding link,
 *   and cannot open the programme.
 */
const browser = useBrowser();

const PROGRAMME = "London clinical placement expansion 2026/27";
const PROVIDER = "Royal Riverside NHS Foundation Trust";

async function detail(page: Page, term: string): Promise<string> {
  return ((await page.getByRole("definition").filter({ has: page.locator(`xpath=preceding-sibling::dt[1][normalize-space()="${term}"]`) }).first().textContent()) ?? "").trim();
}

describe("expansion funding", () => {
  it("a facilitator records an award and sees its delivery; the provider sees its own award", async () => {
    const facilitator = await browser.open();
    await facilitator.signIn("facilitator@example.com");
    const fp = facilitator.page;
    await facilitator.visit("/facilitator");
    expect((await mainNavigation(fp)).map((item) => item.href)).toContain("/facilitator/funding");
    await fp.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Funding" }).click();
    await fp.waitForURL("**/facilitator/funding");
    await facilitator.settle();

    await fp.getByRole("link", { name: PROGRAMME }).click();
    await fp.waitForURL(/\/facilitator\/funding\/[^/]+$/);
    await facilitator.settle();
    const programmeUrl = new URL(fp.url()).pathname;
    expect(await fp.getByRole("heading", { level: 1 }).textContent()).toBe(PROGRAMME);
    const awards = fp.getByRole("region", { name: `Awards of ${PROGRAMME}, by provider: table` });
    expect(await awards.getByRole("cell", { name: "Behind", exact: true }).count()).toBeGreaterThanOrEqual(1);
    expect(await awards.getByRole("cell", { name: "On track", exact: true }).count()).toBeGreaterThanOrEqual(1);

    // A commitment of nothing is refused next to its field, before anything is sent.
    const form = fp.locator("form", { has: fp.getByRole("button", { name: "Record the award" }) });
    await form.getByLabel("Provider").selectOption({ label: PROVIDER });
    await form.getByLabel("Profession").selectOption({ label: "Physiotherapy" });
    await form.getByLabel("Committed over the baseline").fill("0");
    await form.getByLabel("Amount (£)").fill("12000");
    await form.getByRole("button", { name: "Record the award" }).click();
    await form.getByText("Enter 1 or more").waitFor();
    await facilitator.checkAccessibility("award form with an error");

    await form.getByLabel("Committed over the baseline").fill("4");
    await form.getByRole("button", { name: "Record the award" }).click();
    await fp.waitForURL(/\/funding\/awards\/[^/]+$/);
    await facilitator.settle();
    await fp.getByRole("status").filter({ hasText: "The award has been recorded." }).waitFor();
    expect(await fp.getByRole("heading", { level: 1 }).textContent()).toBe(`${PROVIDER}: Physiotherapy`);
    const placed = await detail(fp, "Placed in the period");
    expect(placed).toMatch(/^\d+ students?, \d+ placement weeks?$/);
    expect(placed.startsWith("0 ")).toBe(false);
    const months = fp.getByRole("region", { name: "Delivery by month: table" });
    expect(await months.getByRole("rowheader", { name: "2027-01" }).count()).toBe(1);

    await fp.getByRole("link", { name: "The programme" }).click();
    await fp.waitForURL(`**${programmeUrl}`);
    await facilitator.settle();
    expect(await awards.getByRole("link", { name: PROVIDER }).count()).toBe(1);

    await fp.setViewportSize({ width: 390, height: 844 });
    await facilitator.visit(programmeUrl);
    expect(await fp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const educator = await browser.open();
    await educator.signIn("educator@example.com");
    const ep = educator.page;
    await educator.visit("/provider");
    await ep.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Funding" }).click();
    await ep.waitForURL("**/provider/funding");
    await educator.settle();
    const own = ep.getByRole("region", { name: "Your expansion funding awards: table" });
    expect(await own.getByRole("link", { name: PROGRAMME }).count()).toBe(1);
    educator.allowConsoleError(/status of 403/);
    const refused = await educator.visit(programmeUrl);
    expect(refused?.status()).toBe(403);
    expect(await ep.getByRole("heading", { level: 1 }).textContent()).toBe("You do not have access to this page");
  }, 240_000);
});
