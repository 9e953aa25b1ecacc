import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, useBrowser } from "./support/portal";

const browser = useBrowser();

describe("first use of a form after a validation error", () => {
  it("the first click on the button after fixing the fields submits the form", async () => {
    const { page, visit, settle } = await browser.open({ viewport: { width: 1280, height: 900 } });
    await visit("/sign-in");
    const button = page.getByRole("button", { name: "Sign in" });
    await button.click();
    await page.getByRole("alert").filter({ hasText: "There is a problem" }).waitFor();

    await page.getByLabel("Email address").fill("educator@example.com");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    // A real mouse press: the password field loses focus on mousedown, before the click lands.
    const box = (await button.boundingBox())!;
    expect(await page.getByRole("alert").filter({ hasText: "There is a problem" }).count()).toBe(1);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

    await page.waitForURL((url) => url.pathname === "/provider", { timeout: 10_000 });
    await settle();
  });

  it("keeps the summary in place while fields are fixed, and updates it on the next submit", async () => {
    const { page, visit, checkAccessibility } = await browser.open();
    await visit("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    expect(await summary.getByRole("link").count()).toBe(2);

    await page.getByLabel("Email address").fill("educator@example.com");
    await page.getByLabel("Email address").blur();
    expect(await summary.getByRole("link").count()).toBe(2);

    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => summary.getByRole("link").allTextContents()).toEqual(["Enter your password"]);
    await checkAccessibility("after the second submit");
  });
});
