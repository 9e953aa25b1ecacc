import { mkdirSync } from "node:fs";
import { PNG_SIGNATURE, pngSize } from "./support/png";
import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/portal";

const browser = useBrowser();

/** Screenshot checks: the dashboards' charts render with data (bars drawn, labelled), not an empty frame. */
describe("charts render with data", () => {
  it.each([
    ["/facilitator", "region overview"],
    ["/facilitator/fair-share", "fair share"],
    ["/facilitator/universities", "universities"],
  ])("%s (%s)", async (path, name) => {
    const portal = await browser.open({ viewport: { width: 1280, height: 900 } });
    await portal.signIn("facilitator@example.com");
    await portal.visit(path);
    const chart = portal.page.locator('svg[role="img"]').first();
    await chart.scrollIntoViewIfNeeded();
    expect(await chart.getAttribute("aria-label")).toMatch(/\d/);
    const bars = await chart.locator("rect").evaluateAll((rects) => rects.filter((rect) => Number(rect.getAttribute("height")) > 0 && Number(rect.getAttribute("width")) > 0).length);
    expect(bars).toBeGreaterThan(0);
    mkdirSync("test-results", { recursive: true });
    const image = await chart.screenshot({ path: `test-results/chart-${name.replace(/\s+/g, "-")}.png` });
    expect(image.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const { width, height } = pngSize(image);
    expect(width).toBeGreaterThan(300);
    expect(height).toBeGreaterThan(100);
    // A blank chart compresses to almost nothing; one with bars and labels does not.
    expect(image.byteLength).toBeGreaterThan(5_000);
    // Every chart has its numbers as a table too.
    expect(await portal.page.locator("table").count()).toBeGreaterThan(0);
  });
});
