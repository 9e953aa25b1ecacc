import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, mainNavigation, useBrowser } from "./support/portal";

const browser = useBrowser();

describe("signing in and out", () => {
  it("signs in by typing the password and lands on the admin home page", async () => {
    const { page, visit, settle } = await browser.open();
    await visit("/sign-in");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");

    await page.getByLabel("Email address").fill("admin@example.com");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/admin");
    await settle();

    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Administration");
    expect((await mainNavigation(page)).map((item) => item.label)).toContain("Organisations");
  });

  it("shows the error message for a wrong password and stays on the sign-in page", async () => {
    const { page, visit, checkAccessibility, allowConsoleError } = await browser.open();
    // The refused sign-in answers 400, which Chromium reports in the console.
    allowConsoleError(/status of 400/);
    await visit("/sign-in");
    await page.getByLabel("Email address").fill("university2@example.com");
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();

    const message = page.getByRole("alert").filter({ hasText: "The email address or password is not right." });
    await message.waitFor();
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    // The email is kept so it need not be typed again.
    expect(await page.getByLabel("Email address").inputValue()).toBe("university2@example.com");
    expect((await page.context().cookies()).some((cookie) => cookie.name === "px_session")).toBe(false);
    await checkAccessibility("after a wrong password");
  });

  it("signs out, and the admin pages then ask for a sign-in", async () => {
    const { page, visit, settle, signIn, context } = await browser.open();
    await signIn("admin@example.com");
    await visit("/admin");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Administration");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await settle();
    await page.getByRole("status").filter({ hasText: "You have signed out." }).waitFor();
    expect((await context.cookies()).some((cookie) => cookie.name === "px_session" && cookie.value !== "")).toBe(false);

    await visit("/admin");
    const url = new URL(page.url());
    expect(url.pathname).toBe("/sign-in");
    expect(url.searchParams.get("redirectTo")).toBe("/admin");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
  });

  it("hydrates: validation runs in the browser and links navigate without reloading the document", async () => {
    const { page, visit, settle, signIn } = await browser.open();
    await visit("/sign-in");

    // Conform validates on blur only once React owns the form; no request is made for it.
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await page.getByLabel("Email address").focus();
    await page.getByLabel("Email address").blur();
    await page.getByText("Enter your email address").first().waitFor();
    expect(posts).toEqual([]);

    await signIn("educator@example.com");
    await visit("/provider");
    const documents: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "document") documents.push(request.url());
    });
    await page.getByRole("link", { name: "Account" }).click();
    await page.waitForURL((url) => url.pathname === "/account");
    await settle();
    expect(documents).toEqual([]);
  });

  it("signs in without JavaScript too (the form is a plain POST)", async () => {
    const { page, visit, settle } = await browser.open({ javaScriptEnabled: false });
    await visit("/sign-in");
    await page.getByLabel("Email address").fill("facilitator@example.com");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/facilitator");
    await settle();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Region overview");
  });
});
