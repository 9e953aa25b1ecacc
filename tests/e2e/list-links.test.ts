import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/portal";

const browser = useBrowser();

/** A list's row links are plain anchors (`ListLink`); the root's one click handler navigates them in the page. */
describe("links in long lists", () => {
  it("navigate in the page on a plain click, and leave modified clicks to the browser", async () => {
    const student = await browser.open();
    await student.signIn("student@example.com");
    await student.visit("/opportunities");
    const page = student.page;
    const rowLink = page.locator("tbody a[data-list-link]").first();
    const href = await rowLink.getAttribute("href");
    expect(href).toMatch(/^\/opportunities\/[^/]+$/);

    // Ctrl+click: the browser opens a new tab and this page stays where it is.
    const opened = student.context.waitForEvent("page");
    await rowLink.click({ modifiers: ["Control"] });
    const tab = await opened;
    await tab.close();
    expect(new URL(page.url()).pathname).toBe("/opportunities");

    // A plain click: the router navigates without loading a new document (the marker survives).
    await page.evaluate(() => ((window as unknown as { listLinkMarker: number }).listLinkMarker = 1));
    const documentRequests: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "document") documentRequests.push(request.url());
    });
    await rowLink.click();
    await page.waitForURL((url) => url.pathname === href);
    await student.settle();
    expect(await page.evaluate(() => (window as unknown as { listLinkMarker?: number }).listLinkMarker)).toBe(1);
    expect(documentRequests).toEqual([]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBeTruthy();

    // Back returns to the list, still without a new document.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/opportunities");
    await page.locator("tbody a[data-list-link]").first().waitFor();
    expect(documentRequests).toEqual([]);
  });
});
