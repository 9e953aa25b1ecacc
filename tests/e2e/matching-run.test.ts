import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useBrowser, type Portal } from "./support/portal";
import { daysFromToday } from "./support/dates";

/*
 * A facilitator matches an upcoming period through the real UI:
 *   an educator offers places and a university asks for students (about 22 months ahead, so nothing seeded and no
 *   other journey's data fits) -> the facilitator starts a run and watches it finish without reloading
 *   -> a second run finishes before its page is even ready, and the page still shows it finished
 *   (then it is discarded) -> the review is filtered -> the provider offers a second set of places, the facilitator
 *   excludes the proposal and re-runs, and the re-run's page shows what changed -> publishing the re-run is
 *   confirmed, then done.
 * The offer is from educator.5's trust: live-notifications.test.ts counts every notification
 * educator@example.com gets, and publishing notifies the provider's educators.
 */
const browser = useBrowser();

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const PROGRAMME = `BSc Physiotherapy matching ${RUN}`;
const OFFER = { startDate: daysFromToday(680), endDate: daysFromToday(754), specialty: `Matching e2e ${RUN}` };
const BLOCK = { name: `Year 2 matching block ${RUN}`, startDate: daysFromToday(687), endDate: daysFromToday(740) };
const PERIOD = { start: daysFromToday(678), end: daysFromToday(708) };

async function idAfter(page: Page, pattern: RegExp): Promise<string> {
  const idIn = (pathname: string) => {
    const id = pattern.exec(pathname)?.[1];
    return id && id !== "new" ? id : null;
  };
  await page.waitForURL((url) => idIn(url.pathname) !== null, { timeout: 15_000 });
  return idIn(new URL(page.url()).pathname)!;
}

async function offerPlaces(educator: Portal) {
  const { page } = educator;
  await educator.visit("/provider/offers/new");
  await page.getByLabel("Profession").selectOption("PT");
  const siteSelect = page.getByLabel("Site", { exact: true });
  await siteSelect.selectOption((await siteSelect.locator("option:not([value=''])").first().getAttribute("value"))!);
  await page.getByLabel("Specialty (optional)").fill(OFFER.specialty);
  await page.getByLabel("Start date").fill(OFFER.startDate);
  await page.getByLabel("End date").fill(OFFER.endDate);
  await page.getByLabel("Slots").fill("3");
  await page.getByLabel("Supervision model").selectOption("ONE_TO_ONE");
  await page.getByRole("button", { name: "Publish" }).click();
  await idAfter(page, /^\/provider\/offers\/([^/]+)$/);
  await educator.settle();
}

async function askForStudents(university: Portal) {
  const { page } = university;
  await university.visit("/university/programmes/new");
  await page.getByLabel("Programme name").fill(PROGRAMME);
  await page.getByLabel("Profession").selectOption("PT");
  await page.getByLabel("Length in years of study").fill("3");
  await page.getByRole("button", { name: "Add the programme" }).click();
  const programmeId = await idAfter(page, /^\/university\/programmes\/([^/]+)$/);
  await university.settle();
  const blockForm = page.getByRole("form", { name: "Add a placement block" });
  await blockForm.getByLabel("Block name").fill(BLOCK.name);
  await blockForm.getByLabel("Year of study").fill("2");
  await blockForm.getByLabel("Start date").fill(BLOCK.startDate);
  await blockForm.getByLabel("End date").fill(BLOCK.endDate);
  await blockForm.getByRole("button", { name: "Add the block" }).click();
  await page.locator("tbody tr").filter({ hasText: BLOCK.name }).waitFor({ timeout: 15_000 });
  await university.settle();
  await university.visit("/university/requests/new");
  await page.getByLabel("Programme", { exact: true }).selectOption(programmeId);
  const blockSelect = page.getByLabel("Placement block");
  await blockSelect.selectOption((await blockSelect.locator("option", { hasText: BLOCK.name }).getAttribute("value"))!);
  await page.getByLabel("Number of students").fill("2");
  await page.getByRole("button", { name: "Make the request" }).click();
  await idAfter(page, /^\/university\/requests\/([^/]+)$/);
  await university.settle();
}

/** The run page has the finished run's figures on it. */
async function waitForFinished(page: Page) {
  await page.getByText("Placed by this run").waitFor({ timeout: 15_000 });
  expect(await page.getByRole("heading", { name: /Waiting to start|Matching in progress/ }).count()).toBe(0);
}

describe("a matching run, from start to publish", () => {
  it("runs for an upcoming period, shows the finish even when it came first, filters the review and publishes after confirming", async () => {
    const educator = await browser.open();
    await educator.signIn("educator.5@example.com");
    await offerPlaces(educator);
    const university = await browser.open();
    await university.signIn("university2@example.com");
    await askForStudents(university);

    // ---- The start form defaults to blocks that have not started ----
    const facilitator = await browser.open();
    await facilitator.signIn("facilitator@example.com");
    const fp = facilitator.page;
    await facilitator.visit("/facilitator/matching");
    const defaultStart = await fp.getByLabel("Blocks starting from").inputValue();
    expect(defaultStart > new Date().toISOString().slice(0, 10), "the default window starts after today").toBe(true);

    // ---- Start a run and watch it finish, without reloading ----
    await fp.getByLabel("Blocks starting from").fill(PERIOD.start);
    await fp.getByLabel("Up to").fill(PERIOD.end);
    await fp.getByLabel("Profession").selectOption("PT");
    await fp.getByRole("button", { name: "Start matching" }).click();
    const runId = await idAfter(fp, /^\/facilitator\/matching\/([^/]+)$/);
    const documentsBefore = facilitator.visited().length;
    await waitForFinished(fp);
    expect(facilitator.visited().length, "the page was never reloaded").toBe(documentsBefore);
    await facilitator.checkAccessibility("finished run");

    // ---- A run that finishes before its page is ready still shows as finished ----
    const second = await browser.open();
    await second.signIn("facilitator@example.com");
    const sp = second.page;
    await second.visit("/facilitator/matching");
    const csrf = (await sp.locator('input[name="csrf"]').first().getAttribute("value"))!;
    // Hold the page's scripts back so the run is over before the page can listen for it.
    await sp.route("**/assets/**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await route.continue();
    });
    const started = await second.context.request.post("/facilitator/matching", {
      form: { csrf, periodStart: PERIOD.start, periodEnd: PERIOD.end, profession: "PT" },
      headers: { Origin: second.baseURL },
      maxRedirects: 0,
    });
    expect(started.status()).toBe(302);
    const secondRun = started.headers().location;
    const shown = await sp.goto(secondRun);
    const firstPaint = (await shown?.text()) ?? "";
    // On a fast machine the run can be over before the page is even rendered; the page must
    // then simply show the finish. Either way it may not stay on a stale state.
    expect(firstPaint, "the server rendered the run's state").toMatch(/Waiting to start|Matching in progress|Placed by this run/);
    await second.settle();
    await waitForFinished(sp);
    await sp.unroute("**/assets/**");
    await sp.getByRole("button", { name: "Discard this run" }).click();
    await sp.getByRole("status").filter({ hasText: "The run was discarded" }).waitFor({ timeout: 15_000 });
    await second.settle();

    // ---- Filter the review ----
    await facilitator.visit(`/facilitator/matching/${runId}`);
    await fp.getByLabel("Search").fill(PROGRAMME);
    await fp.getByLabel("Profession", { exact: true }).selectOption({ label: "Physiotherapy" });
    await fp.getByRole("button", { name: "Filter" }).click();
    await fp.waitForURL((url) => url.searchParams.get("q") === PROGRAMME, { timeout: 15_000 });
    await facilitator.settle();
    const rows = fp.getByRole("region", { name: "Proposals, table" }).locator("tbody tr");
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator("td").allTextContents();
    expect(cells[2]).toContain(PROGRAMME);
    expect(cells[3]).toBe("Physiotherapy");
    expect(cells[5]).toBe("2");
    await fp.getByLabel("Search").fill(`nothing like this ${RUN}`);
    await fp.getByRole("button", { name: "Filter" }).click();
    await fp.getByText("No proposals match these filters.").waitFor({ timeout: 15_000 });
    await facilitator.settle();

    // ---- Exclude the proposal and re-run: the new places are used, and the page says what changed ----
    await offerPlaces(educator);
    await facilitator.visit(`/facilitator/matching/${runId}?q=${encodeURIComponent(PROGRAMME)}`);
    await rows.first().getByRole("checkbox").check();
    await fp.getByRole("button", { name: "Exclude ticked" }).click();
    await fp.getByRole("status").filter({ hasText: "1 proposal excluded" }).waitFor({ timeout: 15_000 });
    await facilitator.settle();
    expect(await rows.first().locator("td").last().textContent()).toBe("Excluded");
    await fp.getByRole("button", { name: "Re-run with these decisions" }).click();
    await fp.waitForURL((url) => url.pathname.startsWith("/facilitator/matching/") && !url.pathname.endsWith(runId), { timeout: 15_000 });
    await waitForFinished(fp);
    const difference = fp.getByRole("region", { name: "What changed since the earlier run" });
    await difference.waitFor({ timeout: 15_000 });
    await facilitator.settle();
    const applied = await difference.getByRole("region", { name: "Decisions applied, table" }).locator("tbody tr").allTextContents();
    expect(applied).toHaveLength(1);
    expect(applied[0]).toContain("Excluded");
    expect(applied[0]).toContain(PROGRAMME);
    const changes = await difference.getByRole("region", { name: "Proposals that changed, table" }).locator("tbody tr td:first-child").allTextContents();
    expect(changes.sort()).toEqual(["Added", "Removed"]);
    await facilitator.checkAccessibility("re-run with its difference");

    // ---- Publish, after a confirmation that says what will happen ----
    await fp.getByRole("link", { name: /^Publish 1 proposal to providers/ }).click();
    const confirm = fp.getByRole("region", { name: "Publish this run?" });
    await confirm.waitFor({ timeout: 15_000 });
    await facilitator.settle();
    expect(await confirm.textContent()).toContain("This sends 1 proposal for 2 students to 1 provider.");
    await confirm.getByRole("button", { name: "Yes, publish 1 proposal" }).click();
    await fp.getByRole("status").filter({ hasText: /Published 1 proposal to 1 provider; \d+ (person|people) notified\./ }).waitFor({ timeout: 30_000 });
    await facilitator.settle();
    await fp.getByText("These proposals have been published.").waitFor();
    expect(await fp.getByRole("link", { name: /^Publish/ }).count()).toBe(0);
  }, 300_000);
});
