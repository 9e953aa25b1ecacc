import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/portal";

const browser = useBrowser();

/** Row links and the main navigation are plain anchors (`PlainLink`); the root's one click handler navigates them in the page. */
describe("plain links", () => {
  it("navigate in the page on a plain click, and leave modified clicks to the browser", async () => {
    const student = await browser.open();
    await student.signIn("student@example.com");
    await student.visit("/opportunities");
    const page = student.page;
    const rowLink = page.locator("tbody a[data-plain-link]").first();
    const href = await rowLink.getAttribute("href");
    expect(href).toMatch(/^\/opportunities\/[^/]+$/);

    // Ctrl+click: the browser opens a new tab and this page stays where it is.
    const opened = student.context.waitForEvent("page");
    await rowLink.click({ modifiers: ["Control"] });
    const tab = await opened;
    await tab.close();
    expect(new URL(page.url()).pathname).toBe("/opportunities");

    // A plain click: the router navigates without loading a new document (the marker survives).
    await page.evaluate(() => ((window as unknown as { plainLinkMarker: number }).plainLinkMarker = 1));
    const documentRequests: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "document") documentRequests.push(request.url());
    });
    await rowLink.click();
    await page.waitForURL((url) => url.pathname === href);
    await student.settle();
    expect(await page.evaluate(() => (window as unknown as { plainLinkMarker?: number }).plainLinkMarker)).toBe(1);
    expect(documentRequests).toEqual([]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBeTruthy();

    // Back returns to the list, still without a new document.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/opportunities");
    await page.locator("tbody a[data-plain-link]").first().waitFor();
    expect(documentRequests).toEqual([]);

    // The main navigation's links are plain too: the section followed becomes the current one.
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Opportunities" }).getAttribute("aria-current")).toBe("page");
    await nav.getByRole("link", { name: "My placements" }).click();
    await page.waitForURL((url) => url.pathname === "/student/placements");
    await student.settle();
    expect(await nav.getByRole("link", { name: "My placements" }).getAttribute("aria-current")).toBe("page");
    expect(await nav.getByRole("link", { name: "Opportunities" }).getAttribute("aria-current")).toBeNull();
    expect(documentRequests).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { plainLinkMarker?: number }).plainLinkMarker)).toBe(1);
  });

  it("on a phone, following a link in the opened menu navigates in the page and closes the menu", async () => {
    const student = await browser.open({ viewport: { width: 390, height: 844 } });
    await student.signIn("student@example.com");
    await student.visit("/opportunities");
    const page = student.page;
    const nav = page.getByRole("navigation", { name: "Main" });
    const myPlacements = nav.getByRole("link", { name: "My placements" });
    expect(await myPlacements.isVisible()).toBe(false);
    await nav.getByRole("button", { name: "Menu" }).click();
    expect(await nav.getByRole("button", { name: "Menu" }).getAttribute("aria-expanded")).toBe("true");
    await myPlacements.click();
    await page.waitForURL((url) => url.pathname === "/student/placements");
    await student.settle();
    expect(await nav.getByRole("button", { name: "Menu" }).getAttribute("aria-expanded")).toBe("false");
    expect(await myPlacements.isVisible()).toBe(false);
  });
});
