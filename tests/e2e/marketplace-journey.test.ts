import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { formatDateRange } from "~/vocabulary/labels";
import { useBrowser, type Portal } from "./support/portal";
import { daysFromToday } from "./support/dates";
import { addBlock, addProgramme, idAfter } from "./support/journeys";

/*
 * The whole marketplace through the real UI, one role per browser context:
 *   educator publishes an offer -> university adds a programme, a block and a request, then books the offer
 *   -> educator confirms -> university accepts and names the student -> the student sees the placement.
 * The dates are about 20 months ahead, in a window no other journey or seeded data uses, so no seeded
 * request or offer can be compatible with the ones made here.
 */
const browser = useBrowser();

/*
 * St Barnabas's educator, not Royal Riverside's: live-notifications.test.ts counts every
 * notification educator@example.com gets while it waits, and the two files run side by side.
 */
const EDUCATOR = "educator2@example.com";

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const OFFER = { startDate: daysFromToday(590), endDate: daysFromToday(673), specialty: `E2E journey ${RUN}` };
const BLOCK = { name: `Year 2 e2e block ${RUN}`, year: "2", startDate: daysFromToday(597), endDate: daysFromToday(650) };
const PROGRAMME = `BSc Physiotherapy e2e ${RUN}`;

/** The table row that links to this allocation's page. */
function allocationRow(page: Page, allocationId: string): Locator {
  return page.locator("tbody tr").filter({ has: page.locator(`a[href="/allocations/${allocationId}"]`) });
}

/** Visits a paged list and follows "Next page" until the allocation's row shows. */
async function findAllocationRow(portal: Portal, path: string, allocationId: string): Promise<Locator> {
  await portal.visit(path);
  for (let pages = 0; pages < 20; pages++) {
    const row = allocationRow(portal.page, allocationId);
    if ((await row.count()) > 0) return row;
    const next = portal.page.getByRole("link", { name: "Next page" });
    if ((await next.count()) === 0) break;
    await next.first().click();
    await portal.page.waitForURL((url) => url.searchParams.has("page"));
    await portal.settle();
  }
  throw new Error(`Allocation ${allocationId} is not listed on ${path}`);
}

describe("the marketplace journey", () => {
  it("an offer is published, booked, confirmed, accepted and staffed, and the student sees it", async () => {
    // ---- Educator: a new physiotherapy offer at one of the trust's sites ----
    const educator = await browser.open();
    await educator.signIn(EDUCATOR);
    await educator.visit("/provider/offers/new");
    const ep = educator.page;
    expect(await ep.getByRole("heading", { level: 1 }).textContent()).toBe("New offer");

    await ep.getByLabel("Profession").selectOption("PT");
    const siteSelect = ep.getByLabel("Site", { exact: true });
    const siteOption = siteSelect.locator("option:not([value=''])").first();
    const siteId = await siteOption.getAttribute("value");
    const siteName = ((await siteOption.textContent()) ?? "").trim();
    expect(siteId, "the educator's trust has a site").toBeTruthy();
    await siteSelect.selectOption(siteId!);
    await ep.getByLabel("Specialty (optional)").fill(OFFER.specialty);
    await ep.getByLabel("Start date").fill(OFFER.startDate);
    await ep.getByLabel("End date").fill(OFFER.endDate);
    await ep.getByLabel("Slots").fill("2");
    await ep.getByLabel("Supervision model").selectOption("ONE_TO_ONE");
    await ep.getByRole("button", { name: "Publish" }).click();
    const offerId = await idAfter(ep, /^\/provider\/offers\/([^/]+)$/);
    await educator.settle();
    await ep.getByRole("status").filter({ hasText: "The offer is published: universities can now book it." }).waitFor({ timeout: 15_000 });
    expect(await ep.locator("main").textContent()).toContain(siteName);

    // ---- University: programme, block, request ----
    const university = await browser.open();
    await university.signIn("university@example.com");
    const up = university.page;

    const programmeId = await addProgramme(university, PROGRAMME);
    expect(await up.getByRole("heading", { level: 1 }).textContent()).toBe(PROGRAMME);

    await addBlock(university, { ...BLOCK, yearOfStudy: Number(BLOCK.year) });
    expect(new URL(up.url()).pathname).toBe(`/university/programmes/${programmeId}`);
    expect(await up.locator("tbody tr").filter({ hasText: BLOCK.name }).textContent()).toContain(
      formatDateRange(BLOCK.startDate, BLOCK.endDate),
    );

    await university.visit("/university/requests/new");
    await up.getByLabel("Programme", { exact: true }).selectOption(programmeId);
    const blockSelect = up.getByLabel("Placement block");
    const blockId = await blockSelect.locator("option", { hasText: BLOCK.name }).getAttribute("value");
    await blockSelect.selectOption(blockId!);
    await up.getByLabel("Number of students").fill("1");
    await up.getByRole("button", { name: "Make the request" }).click();
    const requestId = await idAfter(up, /^\/university\/requests\/([^/]+)$/);
    await university.settle();

    // ---- University: book the educator's offer for that request ----
    await university.visit(`/university/book/${offerId}`);
    expect(await up.getByRole("heading", { level: 1 }).textContent()).toContain(siteName);
    const requestSelect = up.getByLabel("Request", { exact: true });
    await requestSelect.selectOption(requestId);
    await up.getByLabel("Number of students").fill("1");
    await up.getByRole("button", { name: "Book the places" }).click();
    const allocationId = await idAfter(up, /^\/allocations\/([^/]+)$/);
    await university.settle();
    expect(await up.getByRole("heading", { level: 1 }).textContent()).toMatch(/^1 student at /);
    expect(await up.locator("main").textContent()).toContain("Allocation · Proposed");

    // ---- Educator: confirm it ----
    const proposedRow = await findAllocationRow(educator, "/provider/allocations", allocationId);
    expect(await proposedRow.textContent()).toContain("City Health University");
    expect(await proposedRow.textContent()).toContain(siteName);
    await proposedRow.getByRole("button", { name: /^Confirm/ }).click();
    await ep.getByText("Allocation confirmed: the university can now accept it.").waitFor({ timeout: 15_000 });
    await educator.checkAccessibility("after confirming");

    // ---- University: accept it, then name the student ----
    const confirmedRow = await findAllocationRow(university, "/university/allocations", allocationId);
    expect(await confirmedRow.textContent()).toContain("Confirmed by provider");
    await confirmedRow.getByRole("button", { name: /^Accept/ }).click();
    await up.getByRole("status").filter({ hasText: "The allocation has been accepted. Now name its students." }).waitFor({ timeout: 15_000 });
    await university.settle();
    expect(await up.locator("main").textContent()).toContain("The allocation has been accepted. Now name its students.");
    expect(await allocationRow(up, allocationId).textContent()).toContain("Accepted by university");

    await university.visit(`/university/allocations/${allocationId}/students`);
    expect(await up.getByRole("heading", { level: 1 }).textContent()).toBe("Name the students");
    await up.getByLabel("Name or email").fill("student@example.com");
    await up.getByRole("button", { name: "Search" }).click();
    await up.waitForURL((url) => url.searchParams.get("q") === "student@example.com", { timeout: 15_000 });
    await university.settle();
    await up.getByRole("checkbox", { name: /\(student@example\.com\)/ }).check();
    await up.getByText("1 of 1 chosen").waitFor();
    await up.getByRole("button", { name: "Name these students" }).click();
    await up.waitForURL((url) => url.pathname === "/university/allocations", { timeout: 15_000 });
    await up.getByRole("status").filter({ hasText: "1 student has been named." }).waitFor({ timeout: 15_000 });
    await university.settle();
    expect(await up.locator("main").textContent()).toContain("1 student has been named.");

    // ---- University: the allocation's page tells its history ----
    await university.visit(`/allocations/${allocationId}`);
    expect(await up.locator("main").textContent()).toContain("Allocation · Students named");
    const history = await up.getByRole("region", { name: "History" }).getByRole("listitem").allTextContents();
    // Each entry reads "<when> · <who>: <from> → <to>", then the reason in quotes when one was given.
    const steps = history.map((item) =>
      item
        .replace(/“[^”]*”/g, "")
        .replace(/\s+/g, " ")
        .split(": ")
        .slice(1)
        .join(": ")
        .trim(),
    );
    expect(steps).toEqual([
      "Proposed",
      "Proposed → Confirmed by provider",
      "Confirmed by provider → Accepted by university",
      "Accepted by university → Students named",
    ]);
    expect(history[0]).toContain("“Booked directly by the university”");
    const named = await up.getByRole("region", { name: "Named students" }).textContent();
    expect(named).toContain("student@example.com");

    // ---- Student: the placement, with its site and dates ----
    const student = await browser.open();
    await student.signIn("student@example.com");
    await student.visit("/student/placements");
    const sp = student.page;
    const card = sp.locator("main li").filter({ hasText: OFFER.specialty });
    expect(await card.count()).toBe(1);
    const text = (await card.textContent()) ?? "";
    expect(text).toContain(`Physiotherapy: ${OFFER.specialty}`);
    expect(text).toContain(siteName);
    expect(text).toContain(formatDateRange(BLOCK.startDate, BLOCK.endDate));
    expect(text).toContain("Students named");
  }, 150_000);
});
