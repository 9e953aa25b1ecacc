import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { useBrowser, type Portal } from "./support/portal";
import { idAfter } from "./support/journeys";

/*
 * A facilitator works a shortfall case from opening to resolution through the real UI:
 *   the cases list (with the demo cancellation case the declined allocation raised) -> open a case by hand
 *   -> find it in the list -> assign it to themselves -> add a note -> In progress -> propose an
 *   alternative offer to the university, found by name -> resolve it, picking the offer by name (each form
 *   clears after it is sent) -> the case, its timeline and
 *   the board all say Resolved. An educator is refused the cases list.
 *
 * The case is opened by hand with a title of its own, so nothing else running against the same server
 * (say, another journey touching the demo cancellation case) can move it under us. The action used is
 * "Propose an alternative offer to the university": it notifies the university's placement team, never
 * educator@example.com, whose bell live-notifications.test.ts counts while the files run side by side.
 */
const browser = useBrowser();

const FACILITATOR = "facilitator@example.com";
const FACILITATOR_NAME = "Fay Facilitator";
const UNIVERSITY_NAME = "City Health University";
const PROVIDER_NAME = "Royal Riverside NHS Foundation Trust";
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const TITLE = `E2E shortfall ${RUN}: 2 physiotherapy students lost their placement`;
const NOTE = `Spoke to the placement lead ${RUN}; two students still need a spring block.`;
const RESOLUTION = `Students re-placed on the proposed offer ${RUN}`;

/** The value shown next to a term in the case's Details list. */
async function detail(page: Page, term: string): Promise<string> {
  const details = page.getByRole("region", { name: "Details" });
  const dd = details.locator(`dt:text-is("${term}") + dd`);
  return ((await dd.textContent()) ?? "").trim();
}

/** Submits one of the case page's forms (they post to the page itself) and waits for its message. */
async function submitAndWait(portal: Portal, panel: Locator, button: string, message: string, label: string) {
  await panel.getByRole("button", { name: button }).click();
  await panel
    .getByRole("status")
    .filter({ hasText: message })
    .waitFor({ timeout: 15_000 })
    .catch(async (error: Error) => {
      // Say what the page showed instead (a refusal next to a field, say), not only that the message never came.
      const page = portal.page;
      const shown = await page.locator("main").innerText({ timeout: 2_000 }).catch(() => "(no main)");
      throw new Error(`${error.message}\nAt ${page.url()} the page showed: ${shown.replace(/\s+/g, " ").slice(0, 1_500)}`);
    });
  await waitIdle(portal.page);
  await portal.checkAccessibility(label);
}

/** Remix has finished the submission and the revalidation that follows it. */
async function waitIdle(page: Page) {
  await page.waitForFunction(
    () => (window as unknown as { __remixRouter?: { state: { navigation: { state: string } } } }).__remixRouter?.state.navigation.state === "idle",
    undefined,
    { timeout: 15_000 },
  );
}

/** The list of cases (the page also has an ageing table and a support requests table). */
function casesTable(page: Page): Locator {
  return page.locator("table", { has: page.locator("caption", { hasText: "Shortfall cases, newest first" }) });
}

function panel(page: Page, title: string): Locator {
  return page.getByRole("region", { name: title, exact: true });
}

describe("a facilitator resolves a shortfall case", () => {
  it("opens, assigns, notes, works, proposes an offer and resolves a case; the board shows it resolved", async () => {
    const facilitator = await browser.open();
    await facilitator.signIn(FACILITATOR);
    const fp = facilitator.page;

    // ---- The cases list: the demo cancellation raised by the declined allocation is there ----
    await facilitator.visit("/facilitator/cases?kind=CANCELLATION");
    expect(await fp.getByRole("heading", { level: 1 }).textContent()).toBe("Shortfall cases");
    const cancellations = casesTable(fp).locator("tbody tr");
    expect(await cancellations.count(), "the demo seed's declined allocation raised a cancellation case").toBeGreaterThan(0);
    expect(await cancellations.first().locator("td").nth(1).textContent()).toBe("Cancellation");

    // ---- Open a case by hand ----
    await fp.getByRole("link", { name: "Open a case" }).click();
    await fp.waitForURL((url) => url.pathname === "/facilitator/cases/new", { timeout: 15_000 });
    await facilitator.settle();
    expect(await fp.getByRole("heading", { level: 1 }).textContent()).toBe("Open a case");
    await fp.getByLabel("Title", { exact: true }).fill(TITLE);
    await fp.getByLabel("Kind", { exact: true }).selectOption("CANCELLATION");
    await fp.getByLabel("Severity", { exact: true }).selectOption("HIGH");
    await fp.getByLabel("Students affected", { exact: true }).fill("2");
    await fp.getByLabel("Owner", { exact: true }).selectOption("");
    await fp
      .getByLabel("Organisations involved", { exact: true })
      .selectOption([{ label: `${UNIVERSITY_NAME} (university)` }, { label: `${PROVIDER_NAME} (provider)` }]);
    await fp.getByRole("button", { name: "Open the case" }).click();
    const caseId = await idAfter(fp, /^\/facilitator\/cases\/([^/]+)$/);
    await facilitator.settle();
    expect(await fp.getByRole("heading", { level: 1 }).textContent()).toBe(TITLE);

    // ---- Find it among the open cases and open it ----
    await facilitator.visit("/facilitator/cases?status=OPEN&kind=CANCELLATION");
    const row = casesTable(fp).locator("tbody tr").filter({ has: fp.locator(`a[href="/facilitator/cases/${caseId}"]`) });
    expect(await row.count()).toBe(1);
    const cells = await row.locator("td").allTextContents();
    expect(cells.slice(0, 6)).toEqual([TITLE, "Cancellation", "High", "Open", "2", "Unassigned"]);
    await row.getByRole("link", { name: TITLE }).click();
    await fp.waitForURL((url) => url.pathname === `/facilitator/cases/${caseId}`, { timeout: 15_000 });
    await facilitator.settle();
    expect(await detail(fp, "Status")).toBe("Open");
    expect(await detail(fp, "Owner")).toBe("Unassigned");

    // ---- Assign it to themselves ----
    const owner = panel(fp, "Owner");
    await owner.getByLabel("Owner", { exact: true }).selectOption({ label: FACILITATOR_NAME });
    await submitAndWait(facilitator, owner, "Assign", "Owner changed", "after assigning");
    expect(await detail(fp, "Owner")).toBe(FACILITATOR_NAME);

    // ---- Add a note ----
    const timeline = panel(fp, "Timeline");
    await timeline.getByLabel("Add a note", { exact: true }).fill(NOTE);
    await submitAndWait(facilitator, timeline, "Add note", "Note added", "after adding a note");
    expect(await timeline.getByLabel("Add a note", { exact: true }).inputValue(), "the note form clears after it is sent").toBe("");

    // ---- Move it to In progress ----
    const status = panel(fp, "Change status");
    await status.getByLabel("New status", { exact: true }).selectOption({ label: "In progress" });
    await submitAndWait(facilitator, status, "Change status", "Status changed to in progress", "after moving to in progress");
    expect(await detail(fp, "Status")).toBe("In progress");

    // ---- Propose an alternative offer (published, with places) to the university, found by searching its site's name ----
    const propose = panel(fp, "Propose an alternative offer to the university");
    await propose.getByLabel("University", { exact: true }).selectOption({ label: UNIVERSITY_NAME });
    const offerSelect = propose.getByLabel("Offer", { exact: true });
    const firstLabel = ((await offerSelect.locator("option").first().textContent()) ?? "").trim();
    // "Profession · Provider, Site · [specialty ·] dates · N places left"
    const siteName = firstLabel.split(" · ")[1]?.split(", ").slice(1).join(", ") ?? "";
    expect(siteName, "a published offer in the region has places left").not.toBe("");
    await propose.getByLabel("Search offers", { exact: true }).fill(siteName);
    await propose.getByRole("status").filter({ hasText: `found for “${siteName}”` }).waitFor({ timeout: 15_000 });
    const offerOption = offerSelect.locator("option").first();
    const offerId = (await offerOption.getAttribute("value")) ?? "";
    const offerText = ((await offerOption.textContent()) ?? "").trim();
    expect(offerText).toContain(siteName);
    expect(offerText, "offers are named, never shown by reference").not.toContain(offerId);
    const places = Number(/· (\d+) places? left$/.exec(offerText)?.[1]);
    expect(places).toBeGreaterThan(0);
    const offerName = offerText.replace(/ · \d+ places? left$/, "");
    await offerSelect.selectOption(offerId);
    await submitAndWait(facilitator, propose, "Propose the offer", "Offer proposed to the university", "after proposing an offer");

    // ---- Resolve it, picking the offer by name ----
    await status.getByLabel("New status", { exact: true }).selectOption({ label: "Resolved" });
    await status.getByLabel("Note (optional)", { exact: true }).fill(RESOLUTION);
    const fixedBy = status.getByLabel("Fixed by offer (when resolving)", { exact: true });
    const search = status.getByLabel("Search offers", { exact: true });
    await search.focus();
    await fp.keyboard.type(siteName);
    // Enter searches, it does not send the form.
    await fp.keyboard.press("Enter");
    await status.getByRole("status").filter({ hasText: `found for “${siteName}”` }).waitFor({ timeout: 15_000 });
    expect(await detail(fp, "Status")).toBe("In progress");
    await fixedBy.selectOption({ label: offerName });
    expect(await fixedBy.locator("option:checked").textContent()).toBe(offerName);
    await submitAndWait(facilitator, status, "Change status", "Status changed to resolved", "after resolving");
    // The form is cleared after it is sent: nothing typed is sent again with the next action.
    expect(await status.getByLabel("Note (optional)", { exact: true }).inputValue()).toBe("");
    expect(await status.getByLabel("Search offers", { exact: true }).inputValue()).toBe("");
    expect(await status.getByLabel("Fixed by offer (when resolving)", { exact: true }).inputValue()).toBe("");

    // ---- The case page, loaded afresh, shows it resolved, with the offer and its history ----
    await facilitator.visit(`/facilitator/cases/${caseId}`);
    expect(await detail(fp, "Status")).toBe("Resolved");
    expect(await detail(fp, "Owner")).toBe(FACILITATOR_NAME);
    expect(await detail(fp, "Fixed by offer")).toBe(offerName);
    expect(await detail(fp, "Resolved")).not.toBe("");
    // A resolved case may only be closed or reopened.
    const moves = await status.getByLabel("New status", { exact: true }).locator("option").allTextContents();
    expect(moves).toEqual(["Closed", "Reopen (in progress)"]);

    // Each entry: "<type> · <author> · <when>" then the body.
    const entries = await Promise.all(
      (await timeline.getByRole("listitem").all()).map(async (item) => ({
        type: ((await item.locator("strong").textContent()) ?? "").trim(),
        text: ((await item.textContent()) ?? "").replace(/\s+/g, " "),
        body: ((await item.locator("p").nth(1).textContent()) ?? "").trim(),
      })),
    );
    expect(entries.map((entry) => entry.type)).toEqual([
      "Case raised",
      "Owner changed",
      "Note",
      "Status changed",
      "Offer proposed to university",
      "Status changed",
    ]);
    for (const entry of entries) expect(entry.text).toContain(FACILITATOR_NAME);
    expect(entries[1].body).toBe(`Assigned to ${FACILITATOR_NAME}`);
    expect(entries[2].body).toBe(NOTE);
    expect(entries[3].body).toBe("Open → In progress");
    expect(entries[4].body).toBe(`Proposed to ${UNIVERSITY_NAME}: ${offerText}`);
    expect(entries[5].body).toBe(`In progress → Resolved (fixed by offer ${offerName}): ${RESOLUTION}`);
    for (const entry of entries) expect(entry.body).not.toContain(offerId);

    // ---- The list and the board put it under Resolved ----
    await facilitator.visit("/facilitator/cases?status=RESOLVED");
    const resolvedRow = casesTable(fp).locator("tbody tr").filter({ has: fp.locator(`a[href="/facilitator/cases/${caseId}"]`) });
    expect(await resolvedRow.locator("td").nth(3).textContent()).toBe("Resolved");
    expect(await resolvedRow.locator("td").nth(5).textContent()).toBe(FACILITATOR_NAME);

    await facilitator.visit("/facilitator/cases/board");
    expect(await fp.getByRole("heading", { level: 1 }).textContent()).toBe("Cases board");
    const column = (status: string) => fp.locator("section", { has: fp.locator(`h2#column-${status}`) });
    const link = fp.locator(`a[href="/facilitator/cases/${caseId}"]`);
    expect(await column("RESOLVED").locator("li", { has: link }).count()).toBe(1);
    for (const other of ["OPEN", "IN_PROGRESS", "WAITING", "CLOSED"]) expect(await column(other).locator("li", { has: link }).count(), `not in the ${other} column`).toBe(0);
    const card = column("RESOLVED").locator("li", { has: link });
    expect(((await card.textContent()) ?? "").replace(/\s+/g, " ")).toContain(`Cancellation · High severity · 2 students`);
    expect(await card.textContent()).toContain(`Owner: ${FACILITATOR_NAME}`);
  }, 180_000);

  it("an educator cannot open the cases list", async () => {
    const educator = await browser.open();
    educator.allowConsoleError(/status of 403/);
    await educator.signIn("educator@example.com");
    const response = await educator.visit("/facilitator/cases");
    expect(response?.status()).toBe(403);
    expect(await educator.page.getByRole("heading", { level: 1 }).textContent()).toBe("You do not have access to this page");
    expect(await educator.page.locator("main").textContent()).not.toContain("Shortfall cases");
  });
});
