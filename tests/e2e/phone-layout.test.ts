import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { mainNavigation, useBrowser } from "./support/portal";

const browser = useBrowser();
const PHONE = { width: 390, height: 844 };

/** The pages each demo role reaches from its navigation, plus the detail pages that held the widest tables. */
const ROLES = [
  { email: "admin@example.com", extra: ["/admin/users", "/admin/organisations", "/admin/settings"] },
  { email: "educator@example.com", extra: ["/provider/allocations?status=all", "/provider/offers", "/provider/capacity", "/provider/offers/upload", "/support"] },
  { email: "university@example.com", extra: ["/university/allocations", "/university/requests", "/university/programmes", "/university/requests/upload"] },
  { email: "facilitator@example.com", extra: ["/facilitator/cases", "/facilitator/quality", "/facilitator/fair-share", "/facilitator/universities", "/facilitator/cases/board"] },
  { email: "student@example.com", extra: ["/student/placements", "/opportunities", "/resources"] },
];

/** Elements sticking out past the right edge of the viewport, to say what made a page scroll. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll("body *"))) {
      const box = element.getBoundingClientRect();
      if (box.right <= width + 1 || box.width === 0) continue;
      // Only the outermost culprit: its parent fits.
      const parent = element.parentElement?.getBoundingClientRect();
      if (parent && parent.right > width + 1) continue;
      found.push(`${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)} right=${Math.round(box.right)}`);
    }
    return found.slice(0, 5);
  }, PHONE.width);
}

describe("on a phone (390 px wide) no page scrolls sideways", () => {
  it.each(ROLES)("$email", async ({ email, extra }) => {
    const portal = await browser.open({ viewport: PHONE, isMobile: true, hasTouch: true });
    await portal.signIn(email);
    await portal.visit("/");
    const paths = new Set([new URL(portal.page.url()).pathname]);
    for (const item of await mainNavigation(portal.page)) if (item.href.startsWith("/")) paths.add(item.href);
    for (const path of extra) paths.add(path);
    mkdirSync("test-results/phone", { recursive: true });
    const wide: string[] = [];
    for (const path of paths) {
      await portal.visit(path);
      const scrollWidth = await portal.page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > PHONE.width) wide.push(`${path}: ${scrollWidth}px (${(await overflowing(portal.page)).join("; ")})`);
      await portal.page.screenshot({ path: `test-results/phone/${email.split("@")[0]}${path.replace(/[/?=&]+/g, "-")}.png`, fullPage: true });
    }
    expect(wide).toEqual([]);
  });
});
