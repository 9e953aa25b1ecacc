import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useBrowser } from "./support/portal";

const browser = useBrowser();

function activeElement(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const main = document.querySelector("main");
    return {
      tag: element?.tagName.toLowerCase() ?? null,
      id: element?.id ?? null,
      text: element?.textContent?.trim() ?? null,
      href: element?.getAttribute("href") ?? null,
      insideMain: Boolean(element && main?.contains(element) && element !== main),
    };
  });
}

async function expectSkipLinkWorks(page: Page) {
  await page.keyboard.press("Tab");
  expect(await activeElement(page)).toMatchObject({ tag: "a", text: "Skip to main content", href: "#main-content" });
  // Visible while focused, so sighted keyboard users see where they are.
  const box = await page.getByRole("link", { name: "Skip to main content" }).boundingBox();
  expect(box && box.width > 1 && box.height > 1 && box.y >= 0).toBe(true);

  await page.keyboard.press("Enter");
  await expect.poll(async () => (await activeElement(page)).id).toBe("main-content");
  // The next Tab continues inside the main content, past the header and navigation.
  await page.keyboard.press("Tab");
  expect((await activeElement(page)).insideMain).toBe(true);
}

describe("keyboard", () => {
  it("the skip link is the first Tab stop and moves focus to the main content (signed out)", async () => {
    const { page, visit } = await browser.open();
    await visit("/sign-in");
    await expectSkipLinkWorks(page);
  });

  it("the skip link passes the header and navigation on a signed-in page", async () => {
    const { page, visit, signIn } = await browser.open();
    await signIn("admin@example.com");
    await visit("/admin");
    await expectSkipLinkWorks(page);
  });
});
