import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { useBrowser, type Portal } from "./support/portal";

/*
 * Feedback after a completed placement, through the real UI:
 *   the educator marks the demo STUDENTS_NAMED allocation (student@example.com is named on it) completed,
 *   giving a reason when its block has not ended yet (and the form is not sent without one)
 *   -> the student gives feedback from "My placements" -> the button goes, and the form answers
 *   "already given" on a second visit -> the provider's audits page keeps the site's feedback hidden
 *   (fewer than 3 responses) and never shows the comment.
 *
 * Completing raises no notification and the ratings given are high (no low-feedback alert), so
 * educator@example.com's bell, which live-notifications.test.ts counts, does not move.
 */
const browser = useBrowser();

const EDUCATOR = "educator@example.com";
const STUDENT = "student@example.com";
const PROVIDER_NAME = "Royal Riverside NHS Foundation Trust";
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const COMMENT = `Supportive team and varied caseload, e2e feedback ${RUN}`;
const HIDDEN = "Not enough responses yet to show without identifying students";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "11 Dec 2026", as the portal shows a date, as YYYY-MM-DD. */
function isoDate(shown: string): string {
  const match = /(\d{1,2}) ([A-Z][a-z]{2,3}) (\d{4})/.exec(shown);
  // September is "Sept" in newer ICU data, "Sep" in older.
  const month = match ? MONTHS.indexOf(match[2].slice(0, 3)) : -1;
  if (!match || month < 0) throw new Error(`No date in: ${shown}`);
  return `${match[3]}-${String(month + 1).padStart(2, "0")}-${match[1].padStart(2, "0")}`;
}

/** The card of the site's feedback on /provider/audits. */
function feedbackCard(page: Page, siteName: string): Locator {
  return page
    .getByRole("region", { name: "Student feedback by site" })
    .locator("div.card", { has: page.getByRole("heading", { level: 3, name: siteName, exact: true }) });
}

async function feedbackText(page: Page, siteName: string): Promise<string> {
  const card = feedbackCard(page, siteName);
  expect(await card.count(), `one feedback card for ${siteName}`).toBe(1);
  return ((await card.textContent()) ?? "").replace(/\s+/g, " ");
}

/** Responses counted so far in "Not enough responses yet … (N of 3)". */
function hiddenCount(text: string): number {
  const match = /\((\d+) of 3\)/.exec(text);
  if (!match) throw new Error(`No response count in: ${text}`);
  return Number(match[1]);
}

/** The allocation ids on a provider allocations list page (each row links to its allocation). */
async function allocationIds(portal: Portal, path: string): Promise<string[]> {
  await portal.visit(path);
  const hrefs = await portal.page.locator('tbody tr th a[href^="/allocations/"]').evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.map((href) => href.replace("/allocations/", ""));
}

describe("student feedback after a completed placement", () => {
  it("the provider completes the placement, the student gives feedback once, and the provider sees it only anonymised", async () => {
    // ---- Student: the demo placement, named and not yet completed, with no feedback button ----
    const student = await browser.open();
    await student.signIn(STUDENT);
    await student.visit("/student/placements");
    const sp = student.page;
    const demoCards = sp.locator("main li.card").filter({ hasText: PROVIDER_NAME }).filter({ hasText: "Students named" });
    expect(await demoCards.count(), "the demo seed names student@example.com on a Royal Riverside allocation").toBeGreaterThan(0);
    expect(await sp.getByRole("link", { name: /^Give feedback/ }).count()).toBe(0);

    // ---- Educator: find the STUDENTS_NAMED allocation with student@example.com on it ----
    const educator = await browser.open();
    await educator.signIn(EDUCATOR);
    const ep = educator.page;
    let allocationId: string | null = null;
    for (const id of await allocationIds(educator, "/provider/allocations?status=STUDENTS_NAMED")) {
      await educator.visit(`/allocations/${id}`);
      const named = ep.getByRole("region", { name: "Named students" });
      if ((await named.count()) > 0 && ((await named.textContent()) ?? "").includes(`(${STUDENT})`)) {
        allocationId = id;
        break;
      }
    }
    if (!allocationId) throw new Error(`${EDUCATOR} has no STUDENTS_NAMED allocation naming ${STUDENT}`);
    const siteName = ((await ep.locator("dt:text-is('Site') + dd").textContent()) ?? "").split(",")[0].trim();
    expect(siteName).not.toBe("");
    expect(await ep.locator("main").textContent()).toContain("Allocation · Students named");

    // The site's feedback before: hidden, with fewer than 3 responses.
    await educator.visit("/provider/audits");
    const before = await feedbackText(ep, siteName);
    expect(before).toContain(HIDDEN);
    const countBefore = hiddenCount(before);
    expect(countBefore, "this journey needs room for one more response below the threshold").toBeLessThan(2);

    // ---- Educator: mark it completed on the allocation's page ----
    // The seeded block's dates are fixed while today moves on, so the block may not have ended yet:
    // before its last day, completing asks why and is not sent without a reason.
    await educator.visit(`/allocations/${allocationId}`);
    const blockText = (await ep.locator("dt:text-is('Block') + dd").textContent()) ?? "";
    const lastDay = isoDate(blockText.split(" – ").at(-1) ?? "");
    const endsLater = new Date().toISOString().slice(0, 10) < lastDay;
    const earlyReason = ep.getByLabel("Why is it finishing early?");
    expect(await earlyReason.isVisible(), `the block ends ${lastDay}: completing asks why only before then`).toBe(endsLater);
    await ep.getByLabel("The placement has finished. Students can then give feedback on it.").check();
    if (endsLater) {
      await ep.getByRole("button", { name: "Mark completed" }).click();
      expect(await earlyReason.evaluate((field) => (field as HTMLTextAreaElement).validity.valueMissing), "no reason, so the form is not sent").toBe(true);
      expect(await ep.locator("main").textContent()).toContain("Allocation · Students named");
      await earlyReason.fill("The student finished the block's work early.");
    }
    await ep.getByRole("button", { name: "Mark completed" }).click();
    await ep.getByRole("status").filter({ hasText: "The allocation is now completed." }).waitFor({ timeout: 15_000 });
    await ep.getByText("Allocation · Completed").waitFor({ timeout: 15_000 });
    await educator.checkAccessibility("after marking completed");
    const history = await ep.getByRole("region", { name: "History" }).getByRole("listitem").allTextContents();
    expect(history.at(-1)?.replace(/\s+/g, " ")).toContain("Students named → Completed");

    // ---- Student: the card now offers feedback ----
    await student.visit("/student/placements");
    const feedbackLink = sp.locator(`a[href="/student/placements/${allocationId}/feedback"]`);
    expect(await feedbackLink.count()).toBe(1);
    expect(await feedbackLink.textContent()).toBe("Give feedback on this placement");
    const card = sp.locator("main li.card", { has: feedbackLink });
    const cardText = (await card.textContent()) ?? "";
    expect(cardText).toContain(siteName);
    expect(cardText).toContain("Completed");
    await feedbackLink.click();
    await sp.waitForURL((url) => url.pathname === `/student/placements/${allocationId}/feedback`, { timeout: 15_000 });
    await student.settle();
    expect(
      await sp.getByRole("heading", { level: 1 }).textContent(),
      "the feedback form shows at /student/placements/<id>/feedback (not the parent's My placements list)",
    ).toBe("Feedback on your placement");
    expect(await sp.locator("main").textContent()).toContain(siteName);

    // The short standard form: four 1–5 radio groups and a comment.
    const ratings: [string, string][] = [
      ["Overall, how would you rate this placement?", "5 – Very good"],
      ["How good was your induction?", "4 – Good"],
      ["How good was your supervision?", "5 – Very good"],
      ["How good were the learning opportunities?", "4 – Good"],
    ];
    for (const [question, answer] of ratings) {
      const group = sp.getByRole("group", { name: question, exact: true });
      expect(await group.getByRole("radio").count()).toBe(5);
      await group.getByRole("radio", { name: answer, exact: true }).check();
    }
    await sp.getByLabel("Comments (optional)", { exact: true }).fill(COMMENT);
    await sp.getByRole("button", { name: "Send feedback" }).click();
    await sp.waitForURL((url) => url.pathname === "/student/placements", { timeout: 15_000 });
    await student.settle();
    expect(await sp.getByRole("status").filter({ hasText: "Thank you: your feedback has been sent." }).count()).toBe(1);
    expect(await sp.locator(`a[href="/student/placements/${allocationId}/feedback"]`).count()).toBe(0);

    // ---- Student: a second visit to the form is refused ----
    student.allowConsoleError(/status of 409/);
    const again = await student.visit(`/student/placements/${allocationId}/feedback`);
    expect(again?.status()).toBe(409);
    expect(await sp.locator("main").textContent()).toContain("You have already given feedback on this placement. Thank you.");
    expect(await sp.getByRole("radio").count()).toBe(0);

    // ---- Educator: the site's feedback is still hidden, one response more, and the comment is nowhere ----
    await educator.visit("/provider/audits");
    const after = await feedbackText(ep, siteName);
    expect(after).toContain(`${HIDDEN} (${countBefore + 1} of 3)`);
    expect(await ep.locator("body").textContent()).not.toContain(COMMENT);
    expect(await ep.locator("body").textContent()).not.toContain(RUN);
  }, 120_000);
});
