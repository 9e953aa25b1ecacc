import { describe, expect, it } from "vitest";
import { ROLE_HOME, type RoleName } from "~/vocabulary/roles";
import { mainNavigation, useBrowser } from "./support/portal";

const browser = useBrowser();

interface RoleCase {
  role: RoleName;
  email: string;
  heading: string;
  /** The organisation or region the home page says it is for. */
  scope: string;
  /** Navigation entries this role must have (later features may add more). */
  nav: string[];
  /** Entries this role must never be offered. */
  notInNav: string[];
  /** Another role's home page, which must refuse this role. */
  refused: string;
  /** Panels of "Needs your attention" this role must see. */
  attention: string[];
}

const ROLES: RoleCase[] = [
  {
    role: "ADMIN",
    email: "admin@example.com",
    heading: "Administration",
    scope: "Placement Exchange",
    nav: ["Home", "Organisations", "Users"],
    notInNav: ["Organisation"],
    refused: ROLE_HOME.STUDENT,
    attention: ["Invitations not yet accepted"],
  },
  {
    role: "EDUCATOR",
    email: "educator@example.com",
    heading: "Your placements",
    scope: "Royal Riverside NHS Foundation Trust",
    nav: ["Home", "Organisation"],
    notInNav: ["Organisations", "Users"],
    refused: ROLE_HOME.ADMIN,
    attention: ["Proposals to confirm or decline", "Confirmed, waiting for the university", "Students placed"],
  },
  {
    role: "UNIVERSITY",
    email: "university@example.com",
    heading: "Your placement requests",
    scope: "City Health University",
    nav: ["Home", "Organisation"],
    notInNav: ["Organisations", "Users"],
    refused: ROLE_HOME.EDUCATOR,
    attention: ["Confirmed allocations to accept", "Accepted allocations to name students on", "Proposed, waiting for the provider"],
  },
  {
    role: "FACILITATOR",
    email: "facilitator@example.com",
    heading: "Region overview",
    scope: "London region",
    nav: ["Home", "Organisations"],
    notInNav: ["Users"],
    refused: ROLE_HOME.ADMIN,
    attention: ["Open cases due", "Support requests to pick up", "Proposals waiting for providers"],
  },
  {
    role: "STUDENT",
    email: "student@example.com",
    heading: "Your placements",
    scope: "City Health University",
    nav: ["Home"],
    notInNav: ["Organisations", "Organisation", "Users"],
    refused: ROLE_HOME.UNIVERSITY,
    attention: ["Your next placement", "Feedback to give"],
  },
];

describe("each role's home page", () => {
  it.each(ROLES)("$role ($email) lands on $heading with its own navigation", async (expected) => {
    const { page, visit, signIn } = await browser.open();
    await signIn(expected.email);

    // The landing page sends a signed-in user to their role's home.
    await visit("/");
    expect(new URL(page.url()).pathname).toBe(ROLE_HOME[expected.role]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(expected.heading);
    expect(await page.locator("main").textContent()).toContain(expected.scope);
    expect(await page.getByRole("banner").textContent()).toContain("Sign out");

    // The home leads with what needs this role now, as counts with links, not the navigation again.
    const panel = page.getByRole("region", { name: "Needs your attention" });
    const panelText = (await panel.textContent()) ?? "";
    for (const title of expected.attention) expect(panelText, `attention for ${expected.role}`).toContain(title);
    for (const count of await panel.getByTestId("attention-count").allTextContents()) expect(count.trim()).toMatch(/^\d{1,3}(,\d{3})*$/);
    expect(await panel.getByRole("link").count()).toBeGreaterThan(0);
    expect(await page.getByRole("navigation", { name: "Sections" }).count()).toBe(0);

    const nav = await mainNavigation(page);
    const labels = nav.map((item) => item.label);
    expect(labels[0]).toBe("Home");
    expect(nav[0].href).toBe(ROLE_HOME[expected.role]);
    for (const label of expected.nav) expect(labels, `nav for ${expected.role}`).toContain(label);
    for (const label of expected.notInNav) expect(labels, `nav for ${expected.role}`).not.toContain(label);
    // The current page is marked for assistive technology.
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).getAttribute("aria-current")).toBe(
      "page",
    );
  });

  it.each(ROLES)("$role is refused another role's home page ($refused)", async (expected) => {
    const { page, visit, signIn, allowConsoleError } = await browser.open();
    allowConsoleError(/status of 403/);
    await signIn(expected.email);
    const response = await visit(expected.refused);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("You do not have access to this page");
  });
});
