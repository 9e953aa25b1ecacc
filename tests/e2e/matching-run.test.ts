import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { formatDateRange } from "~/vocabulary/labels";
import { useBrowser, type Portal } from "./support/portal";
import { daysFromToday } from "./support/dates";
import { addBlock, addProgramme, idAfter, publishOffer, requestStudents } from "./support/journeys";

/*
 * From a matching run to placed students, through the real UI:
 *   an educator offers places and a university asks for students (about 22 months ahead, so nothing seeded and no
 *   other journey's data fits) -> the facilitator starts a run and watches it finish without reloading
 *   -> a second run finishes before its page is even ready, and the page still shows it finished
 *   (then it is discarded) -> the review is filtered -> the provider offers a second set of places, the facilitator
 *   excludes the proposal and re-runs, and the re-run's page shows what changed -> publishing the re-run is
 *   confirmed, then done -> the university books the first offer directly for an overlapping block
 *   -> the provider confirms the published proposal and that booking together -> the university accepts both
 *   together, names a student on the booking, is refused when naming the same student on the matched
 *   allocation (the dates overlap), and names two others.
 * Completion and feedback are not here: these placements end almost two years from now.
 * student-feedback.test.ts completes a placement and gives feedback on it; here the matched placement
 * only shows that completing it before its end date asks for a reason.
 * The offers are from educator.5's trust and the students from the second demo university:
 * live-notifications.test.ts counts every notification educator@example.com gets, publishing and
 * booking notify the provider's educators, and no other journey names these students.
 */
const browser = useBrowser();

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const PROGRAMME = `BSc Physiotherapy matching ${RUN}`;
const OFFER = { startDate: daysFromToday(680), endDate: daysFromToday(754), specialty: `Matching e2e ${RUN}` };
const BLOCK = { name: `Year 2 matching block ${RUN}`, startDate: daysFromToday(687), endDate: daysFromToday(740) };
const PERIOD = { start: daysFromToday(678), end: daysFromToday(708) };
/** Booked directly after the publish, so no run sees it; its dates overlap the matched block's. */
const DIRECT_BLOCK = { name: `Year 2 direct booking block ${RUN}`, startDate: daysFromToday(695), endDate: daysFromToday(725) };
/** The second demo university's students: no other journey names them. */
const CLASHING_STUDENT = "student.1.0@example.com";
const MATCHED_STUDENTS = ["student.1.1@example.com", "student.1.2@example.com"];

/** Publishes an offer of three physiotherapy places in the journey's window and returns its id. */
async function offerPlaces(educator: Portal): Promise<string> {
  return publishOffer(educator, { ...OFFER, slots: 3 });
}

/** Adds the programme, its block and a request for two students; returns the programme's id. */
async function askForStudents(university: Portal): Promise<string> {
  const programmeId = await addProgramme(university, PROGRAMME);
  await addBlock(university, { ...BLOCK, yearOfStudy: 2 });
  await requestStudents(university, programmeId, BLOCK.name, 2);
  return programmeId;
}

/** Adds a block to the programme, asks for one student in it and books those places on the offer; returns the allocation's id. */
async function bookDirectly(university: Portal, programmeId: string, offerId: string): Promise<string> {
  const { page } = university;
  await university.visit(`/university/programmes/${programmeId}`);
  await addBlock(university, { ...DIRECT_BLOCK, yearOfStudy: 2 });
  const requestId = await requestStudents(university, programmeId, DIRECT_BLOCK.name, 1);
  await university.visit(`/university/book/${offerId}`);
  await page.getByLabel("Request", { exact: true }).selectOption(requestId);
  await page.getByLabel("Number of students").fill("1");
  await page.getByRole("button", { name: "Book the places" }).click();
  const allocationId = await idAfter(page, /^\/allocations\/([^/]+)$/);
  await university.settle();
  expect(await page.locator("main").textContent()).toContain("Allocation · Proposed");
  return allocationId;
}

/** On a naming page: searches the university's students by name or email. */
async function searchStudents(university: Portal, q: string) {
  const { page } = university;
  await page.getByLabel("Name or email").fill(q);
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === q, { timeout: 15_000 });
  await university.settle();
}

function studentCheckbox(page: Page, email: string) {
  return page.getByRole("checkbox", { name: new RegExp(`\\(${email.replace(/[.]/g, "\\.")}\\)`) });
}

/** The run page has the finished run's figures on it. */
async function waitForFinished(page: Page) {
  await page.getByText("Placed by this run").waitFor({ timeout: 15_000 });
  expect(await page.getByRole("heading", { name: /Waiting to start|Matching in progress/ }).count()).toBe(0);
}

describe("a matching run, from start to placed students", () => {
  it("runs for an upcoming period, shows the finish even when it came first, filters the review, publishes after confirming, and the places are confirmed, accepted and staffed without a clash", async () => {
    const educator = await browser.open();
    await educator.signIn("educator.5@example.com");
    const firstOfferId = await offerPlaces(educator);
    const university = await browser.open();
    await university.signIn("university2@example.com");
    const programmeId = await askForStudents(university);

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
    expect(cells[3]).toContain("Physiotherapy");
    expect(cells[4]).toBe("2");
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
    // The URL changes before React commits the new page, and the earlier run's page has figures too:
    // only the re-run's finished page compares the two runs.
    const difference = fp.getByRole("region", { name: "What changed since the earlier run" });
    await difference.waitFor({ timeout: 15_000 });
    await waitForFinished(fp);
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

    // ---- University: books the first offer's places directly, for a block that overlaps the matched one ----
    const up = university.page;
    const directId = await bookDirectly(university, programmeId, firstOfferId);
    const providerName = ((await up.getByRole("heading", { level: 1 }).textContent()) ?? "").replace(/^1 student at /, "");
    expect(providerName).not.toBe("");

    // ---- Provider: confirms the published proposal and the booking together ----
    const ep = educator.page;
    await educator.visit("/provider/allocations");
    const proposedRows = ep.locator("tbody tr").filter({ hasText: PROGRAMME });
    expect(await proposedRows.count(), "the matched proposal and the direct booking wait for the provider").toBe(2);
    for (const row of await proposedRows.all()) {
      expect(await row.textContent()).toContain("Proposed");
      await row.getByRole("checkbox").check();
    }
    const bulkDecision = ep.getByRole("form", { name: "Decide on several at once" });
    await bulkDecision.getByText("2 allocations chosen.").waitFor();
    await educator.checkAccessibility("two proposals ticked");
    await bulkDecision.getByRole("button", { name: "Confirm selected" }).click();
    await ep.getByRole("status").filter({ hasText: "Confirmed 2 allocations." }).waitFor({ timeout: 15_000 });
    await educator.settle();
    expect(await ep.locator("tbody tr").filter({ hasText: PROGRAMME }).count(), "neither waits any longer").toBe(0);

    // ---- University: accepts both at once ----
    await university.visit("/university/allocations");
    const confirmedRows = up.locator("tbody tr").filter({ hasText: PROGRAMME });
    expect(await confirmedRows.count()).toBe(2);
    for (const row of await confirmedRows.all()) {
      expect(await row.textContent()).toContain("Confirmed by provider");
      await row.getByRole("checkbox").check();
    }
    const bulkAccept = up.getByRole("form", { name: "Accept several allocations" });
    await bulkAccept.getByText("2 allocations chosen.").waitFor();
    await university.checkAccessibility("two allocations ticked");
    await bulkAccept.getByRole("button", { name: "Accept selected" }).click();
    await up.getByRole("status").filter({ hasText: "Accepted 2 allocations." }).waitFor({ timeout: 15_000 });
    await university.settle();
    for (const row of await confirmedRows.all()) expect(await row.textContent()).toContain("Accepted by university");
    const matchedHref = await confirmedRows.filter({ hasText: BLOCK.name }).locator('a[href^="/allocations/"]').getAttribute("href");
    const matchedId = matchedHref!.replace("/allocations/", "");
    expect(matchedId).not.toBe(directId);

    // ---- University: names a student on the direct booking ----
    await university.visit(`/university/allocations/${directId}/students`);
    await searchStudents(university, CLASHING_STUDENT);
    const clashingLabel = (await up.locator("label", { hasText: `(${CLASHING_STUDENT})` }).textContent()) ?? "";
    const clashingName = clashingLabel.slice(0, clashingLabel.indexOf(" (")).trim();
    expect(clashingName).not.toBe("");
    await studentCheckbox(up, CLASHING_STUDENT).check();
    await up.getByText("1 of 1 chosen").waitFor();
    await up.getByRole("button", { name: "Name these students" }).click();
    await up.getByRole("status").filter({ hasText: "1 student has been named." }).waitFor({ timeout: 15_000 });
    await university.settle();

    // ---- University: that student is refused on the matched allocation, whose dates overlap; two others are named ----
    await university.visit(`/university/allocations/${matchedId}/students`);
    await searchStudents(university, "student.1.");
    expect(await up.locator("label", { hasText: `(${CLASHING_STUDENT})` }).textContent()).toContain("(overlaps these dates)");
    await studentCheckbox(up, CLASHING_STUDENT).check();
    await studentCheckbox(up, MATCHED_STUDENTS[0]).check();
    await up.getByText("2 of 2 chosen").waitFor();
    // The refusal is a 409 answer to the form's post, which Chromium logs.
    university.allowConsoleError(/status of 409/);
    await up.getByRole("button", { name: "Name these students" }).click();
    const clash = `${clashingName} is already placed at ${providerName} ${formatDateRange(DIRECT_BLOCK.startDate, DIRECT_BLOCK.endDate)}. A student cannot be on two placements whose dates overlap.`;
    await up.locator("#students-fieldset").getByText(clash).waitFor({ timeout: 15_000 });
    await university.checkAccessibility("naming refused for a clash");
    expect(new URL(up.url()).pathname).toBe(`/university/allocations/${matchedId}/students`);
    await studentCheckbox(up, CLASHING_STUDENT).uncheck();
    await studentCheckbox(up, MATCHED_STUDENTS[1]).check();
    await up.getByText("2 of 2 chosen").waitFor();
    await up.getByRole("button", { name: "Name these students" }).click();
    await up.waitForURL((url) => url.pathname === "/university/allocations", { timeout: 15_000 });
    await up.getByRole("status").filter({ hasText: "2 students have been named." }).waitFor({ timeout: 15_000 });
    await university.settle();

    // ---- The matched allocation: its students named, and completing it before its end date needs a reason ----
    await university.visit(`/allocations/${matchedId}`);
    expect(await up.locator("main").textContent()).toContain("Allocation · Students named");
    const named = (await up.getByRole("region", { name: "Named students" }).textContent()) ?? "";
    for (const email of MATCHED_STUDENTS) expect(named).toContain(`(${email})`);
    expect(named).not.toContain(CLASHING_STUDENT);
    const earlyReason = up.getByLabel("Why is it finishing early?");
    expect(await earlyReason.isVisible(), "the placement has not ended, so completing it asks why").toBe(true);
    expect(await earlyReason.evaluate((field) => (field as HTMLTextAreaElement).required)).toBe(true);
  }, 300_000);
});
