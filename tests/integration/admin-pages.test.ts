import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { useTestDatabase } from "../helpers/database";
import { usePortalServer } from "../helpers/portal";
import { createOrganisation, createRegion, createUser, signInAs, type SignedIn } from "../helpers/fixtures";

/** The pages as a browser gets them: rendered through Express and Remix, without JavaScript. */
const database = useTestDatabase();
const server = usePortalServer(database);
let admin: SignedIn;
let facilitator: SignedIn;
let trustId: string;

beforeAll(async () => {
  const region = await createRegion("East of England");
  const trust = await createOrganisation({ regionId: region.id, name: "Cambridge University Hospitals" });
  trustId = trust.id;
  await prisma.site.create({
    data: { organisationId: trust.id, name: "Addenbrooke's Hospital", postcode: "CB2 0QQ", latitude: 52.1753, longitude: 0.1406 },
  });
  await prisma.workforce.create({ data: { organisationId: trust.id, profession: "PT", year: 2026, wte: 88.5 } });
  await createUser("EDUCATOR", { organisationId: trust.id });
  admin = await signInAs(await createUser("ADMIN"));
  facilitator = await signInAs(await createUser("FACILITATOR", { regionId: region.id }));
}, 60_000);

async function page(path: string, as: SignedIn) {
  const response = await fetch(`${server.base}${path}`, { headers: { Cookie: as.cookie }, redirect: "manual" });
  return { status: response.status, html: await response.text() };
}

function post(path: string, as: SignedIn, form: Record<string, string>) {
  return fetch(`${server.base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: as.cookie, Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf: as.csrf, ...form }),
  });
}

/** What every page here promises: a title, one h1, and tables a screen reader and a keyboard can use. */
function expectAccessibleShell(html: string, title: string) {
  expect(html).toContain(`<title>${title} · Placement Exchange</title>`);
  expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
  const tables = html.match(/<table/g)?.length ?? 0;
  expect(html.match(/<caption/g)?.length ?? 0).toBe(tables);
  expect(html.match(/role="region" aria-label="[^"]+" tabindex="0"/g)?.length ?? 0).toBe(tables);
  if (tables > 0) expect(html).toContain('scope="col"');
}

describe("administration pages", () => {
  it("renders the organisation list", async () => {
    const { status, html } = await page("/admin/organisations?q=cambridge", admin);
    expect(status).toBe(200);
    expectAccessibleShell(html, "Organisations");
    expect(html).toContain(`href="/admin/organisations/${trustId}"`);
    expect(html).toContain('<label for="q" class="field-label">Name</label>');
  });

  it("renders the new organisation form and shows errors next to the fields", async () => {
    const blank = await page("/admin/organisations/new", admin);
    expect(blank.status).toBe(200);
    expectAccessibleShell(blank.html, "Add an organisation");
    const response = await post("/admin/organisations/new", admin, { name: "", kind: "UNIVERSITY", providerType: "PVI", regionId: "" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("There is a problem");
    expect(html).toMatch(/id="[^"]*name-error"[^>]*>.*Enter the organisation(&#x27;|')s name/);
    expect(html).toContain("Choose the region");
    expect(html).toContain('aria-invalid="true"');
  });

  it("renders an organisation's page with its sites, workforce, users and forms", async () => {
    const { status, html } = await page(`/admin/organisations/${trustId}`, admin);
    expect(status).toBe(200);
    expectAccessibleShell(html, "Cambridge University Hospitals");
    expect(html).toContain("Addenbrooke&#x27;s Hospital");
    expect(html).toContain("88.5");
    for (const intent of ["update-organisation", "add-site", "remove-site", "add-workforce", "remove-workforce", "deactivate-user", "invite-user"]) {
      expect(html).toContain(`name="intent" value="${intent}"`);
    }
    expect(html).toContain(`name="csrf" value="${admin.csrf}"`);
  });

  it("shows a refused site by its fields, with a summary, and keeps what was typed", async () => {
    const response = await post(`/admin/organisations/${trustId}`, admin, {
      intent: "add-site",
      name: "Addenbrooke's Hospital",
      postcode: "CB2 0QQ",
      latitude: "52.17",
      longitude: "0.14",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain("This organisation already has a site called Addenbrooke&#x27;s Hospital");
    expect(html).toContain('value="52.17"');
    const malformed = await post(`/admin/organisations/${trustId}`, admin, { intent: "add-site", name: "Rosie", postcode: "CB2", latitude: "52.17", longitude: "0.14" });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("Enter a UK postcode, like LS1 4AP");
  });

  it("shows a site form filled in for editing", async () => {
    const site = await prisma.site.findFirstOrThrow({ where: { organisationId: trustId } });
    const { html } = await page(`/admin/organisations/${trustId}?editSite=${site.id}`, admin);
    expect(html).toContain('name="intent" value="edit-site"');
    expect(html).toContain('value="CB2 0QQ"');
  });

  it("renders the users page", async () => {
    const { status, html } = await page("/admin/users", admin);
    expect(status).toBe(200);
    expectAccessibleShell(html, "Users");
    expect(html).toContain('name="intent" value="invite-facilitator"');
  });

  it("answers 403 with the kind error page for a facilitator", async () => {
    const { status, html } = await page("/admin/users", facilitator);
    expect(status).toBe(403);
    expect(html).toContain("You do not have access to this page");
  });
});

describe("organisation pages", () => {
  it("renders the facilitator's list and a profile", async () => {
    const list = await page("/organisations", facilitator);
    expect(list.status).toBe(200);
    expectAccessibleShell(list.html, "Organisations");
    const profile = await page(`/organisations/${trustId}`, facilitator);
    expect(profile.status).toBe(200);
    expectAccessibleShell(profile.html, "Cambridge University Hospitals");
    expect(profile.html).toContain("Workforce in 2026/27");
    expect(profile.html).not.toContain(`href="/admin/organisations/${trustId}"`);
  });

  it("gives administrators an edit link on the profile", async () => {
    const { html } = await page(`/organisations/${trustId}`, admin);
    expect(html).toContain(`href="/admin/organisations/${trustId}"`);
  });

  it("renders a kind 404 page for an organisation the user may not see", async () => {
    const other = await createOrganisation({ regionId: (await createRegion()).id });
    const { status, html } = await page(`/organisations/${other.id}`, facilitator);
    expect(status).toBe(404);
    expect(html).toContain("Page not found");
    expect(html).not.toContain(other.name);
  });
});
