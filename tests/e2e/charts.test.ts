import { mkdirSync } from "node:fs";
import { PNG_SIGNATURE, pngSize } from "./support/png";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser, type Portal } from "./support/portal";

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

interface TextBox {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface ChartLayout {
  title: string;
  box: { left: number; right: number; top: number; bottom: number };
  texts: TextBox[];
  /** Labels wrapped onto more lines or cut short, with their full text as the tooltip. */
  fitted: { shown: string; full: string }[];
}

/** Every chart's text boxes as laid out in the page (getBoundingClientRect), and which labels were fitted. */
async function chartLayouts(page: Page): Promise<ChartLayout[]> {
  return page.locator('svg[role="img"]').evaluateAll((svgs) =>
    svgs.map((svg) => {
      const rect = (element: Element) => {
        const { left, top, right, bottom } = element.getBoundingClientRect();
        return { left, top, right, bottom };
      };
      const shownText = (text: Element) =>
        [...text.childNodes]
          .filter((node) => node.nodeName !== "title")
          .map((node) => node.textContent ?? "")
          .join(" ")
          .trim();
      const texts = [...svg.querySelectorAll("text")].filter((text) => shownText(text) !== "");
      return {
        title: svg.getAttribute("aria-label")?.slice(0, 80) ?? "",
        box: rect(svg),
        texts: texts.map((text) => ({ text: shownText(text), ...rect(text) })),
        fitted: texts
          .map((text) => ({ shown: shownText(text), full: text.querySelector("title")?.textContent ?? "", lines: text.querySelectorAll("tspan").length }))
          .filter((label) => label.full !== "" && (label.lines > 1 || label.shown !== label.full))
          .map(({ shown, full }) => ({ shown, full })),
      };
    }),
  );
}

function overlaps(a: TextBox, b: TextBox): boolean {
  const slack = 0.5;
  return a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;
}

/** A page whose address holds an id from the demo data: the first link on `from` whose href starts with `prefix`. */
interface LinkedPage {
  from: string | LinkedPage;
  prefix: string;
}

async function visitPage(portal: Portal, page: string | LinkedPage): Promise<string> {
  if (typeof page === "string") {
    await portal.visit(page);
    return page;
  }
  const from = await visitPage(portal, page.from);
  const href = await portal.page.locator(`main a[href^="${page.prefix}"]`).first().getAttribute("href");
  if (!href) throw new Error(`No link to ${page.prefix}… on ${from}`);
  await portal.visit(href);
  return href;
}

/** Screenshots at a desktop and a phone width, with the demo's long organisation names, and no label drawn over another. */
describe("chart labels never overlap", () => {
  const pages: readonly (readonly [string, string | LinkedPage, string])[] = [
    ["facilitator@example.com", "/facilitator", "region overview"],
    ["facilitator@example.com", "/facilitator/fair-share", "fair share"],
    ["facilitator@example.com", "/facilitator/universities", "universities"],
    ["facilitator@example.com", "/facilitator/cases", "case ageing"],
    ["educator@example.com", "/provider/fair-share", "provider fair share"],
    ["educator@example.com", "/provider/capacity", "provider capacity"],
    ["educator@example.com", "/provider/capacity?view=week", "provider capacity by week"],
    // Practice hours: the student's own ledger, the university's students, the region's at-risk counts.
    ["student@example.com", "/student/hours", "student hours"],
    ["university@example.com", "/university/hours", "university hours"],
    ["facilitator@example.com", "/facilitator/hours", "hours at risk"],
    // Expansion funding: the demo programme and an award as the region's facilitator, and the awards of the trust behind.
    ["facilitator@example.com", { from: "/facilitator/funding", prefix: "/facilitator/funding/" }, "funding programme"],
    ["facilitator@example.com", { from: { from: "/facilitator/funding", prefix: "/facilitator/funding/" }, prefix: "/funding/awards/" }, "funding award"],
    ["educator2@example.com", "/provider/funding", "provider funding"],
    ["educator2@example.com", { from: "/provider/funding", prefix: "/funding/awards/" }, "provider's award"],
  ];

  const where = (page: string | LinkedPage): string => (typeof page === "string" ? page : `${page.prefix}… linked from ${where(page.from)}`);

  it.each(pages.flatMap(([email, page, name]) => [1280, 390].map((width) => [email, where(page), name, width, page] as const)))(
    "%s %s (%s) at %i px",
    async (email, _where, name, width, page) => {
      const portal = await browser.open({ viewport: { width, height: 900 } });
      await portal.signIn(email);
      const path = await visitPage(portal, page);
      const layouts = await chartLayouts(portal.page);
      expect(layouts.length).toBeGreaterThan(0);
      for (const chart of layouts) {
        expect(chart.texts.length).toBeGreaterThan(0);
        for (const [index, text] of chart.texts.entries()) {
          // Inside the drawing: nothing cut off at its edges…
          expect(text.left, `${chart.title}: "${text.text}"`).toBeGreaterThanOrEqual(chart.box.left - 0.5);
          expect(text.right, `${chart.title}: "${text.text}"`).toBeLessThanOrEqual(chart.box.right + 0.5);
          // …and clear of every other label.
          const clash = chart.texts.slice(index + 1).find((other) => overlaps(text, other));
          expect(clash && `"${text.text}" overlaps "${clash.text}"`, chart.title).toBeUndefined();
        }
      }
      // Wide charts scroll inside their own region; the page itself never scrolls sideways.
      expect(await portal.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // Every chart keeps its figures in a table.
      expect(await portal.page.locator("table").count()).toBeGreaterThan(0);
      if (path === "/facilitator/universities" || path === "/facilitator/fair-share") {
        // The demo's long names are wrapped or cut, with the full name kept as the tooltip.
        const fitted = layouts.flatMap((chart) => chart.fitted);
        expect(fitted.length).toBeGreaterThan(0);
      }
      mkdirSync("test-results", { recursive: true });
      const figures = portal.page.locator("figure", { has: portal.page.locator('svg[role="img"]') });
      for (let index = 0; index < Math.min(await figures.count(), 2); index += 1) {
        const figure = figures.nth(index);
        await figure.scrollIntoViewIfNeeded();
        await figure.screenshot({ path: `test-results/chart-${name.replace(/\s+/g, "-")}-${index + 1}-${width}px.png` });
      }
    },
  );
});
