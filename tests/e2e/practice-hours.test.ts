import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useBrowser, type Portal } from "./support/portal";

/*
 * Practice hours through the real UI, on the demo seed's hours scenario:
 *   student.0.0 (on a placement under way at the second demo trust) records the next week
 *   -> the university's ledger shows it waiting -> educator2@example.com confirms it
 *   -> the university's ledger shows it confirmed.
 */
const browser = useBrowser();

const STUDENT = "student.0.0@example.com";
const EDUCATOR = "educator2@example.com";
const UNIVERSITY = "university@example.com";

const hours = (text: string | null) => Number((text ?? "").replace(/,/g, "").trim());

/** The student's row on the university's hours page, after finding the programme it is on. */
async function ledgerRow(university: Portal, studentName: string) {
  const page = university.page;
  await university.visit("/university/hours");
  const programmeIds = await page.getByLabel("Programme", { exact: true }).locator("option").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  for (const programmeId of programmeIds) {
    await university.visit(`/university/hours?programmeId=${programmeId}`);
    const row = page.locator("tbody tr").filter({ has: page.locator("th", { hasText: studentName }) });
    if ((await row.count()) === 1) {
      const cells = row.locator("td");
      return { confirmed: hours(await cells.nth(1).textContent()), waiting: hours(await cells.nth(2).textContent()), programmeId };
    }
  }
  throw new Error(`${studentName} is on none of the university's programmes`);
}

async function flash(page: Page, text: string) {
  await page.getByRole("status").filter({ hasText: text }).waitFor({ timeout: 15_000 });
}

describe("practice hours", () => {
  it("a student submits a week, the educator confirms it, and the university sees the ledger change", async () => {
    // ---- Student: record the first week of the placement under way ----
    const student = await browser.open();
    await student.signIn(STUDENT);
    await student.visit("/student/hours");
    const sp = student.page;
    // The header shows who is signed in (beside the bell's unread count).
    const studentName = ((await sp.getByRole("banner").locator("span.font-bold").filter({ hasNotText: /^\s*\d+\s*$/ }).first().textContent()) ?? "").trim();
    expect(studentName).toMatch(/[A-Za-z]/);
    expect(await sp.getByRole("heading", { level: 1 }).textContent()).toBe("My practice hours");
    const form = sp.getByRole("form", { name: /^Record a week at / });
    expect(await form.count(), "one placement of the demo student is under way").toBe(1);
    const week = sp.getByLabel("Week", { exact: true });
    const weekLabel = ((await week.locator("option:checked").textContent()) ?? "").trim();
    const weekDate = weekLabel.replace(/^Week of /, "").replace(/ \(.*\)$/, "");
    expect(weekLabel).toMatch(/^Week of \d{1,2} \w{3} \d{4}$/);

    // ---- University: the ledger before ----
    const university = await browser.open();
    await university.signIn(UNIVERSITY);
    const before = await ledgerRow(university, studentName);

    // Bad input first: no hours is refused next to the field, and nothing is recorded.
    await sp.getByLabel("Days attended").fill("5");
    await form.getByRole("button", { name: "Submit the week" }).click();
    await sp.getByText("Enter the hours you attended this week").waitFor({ timeout: 15_000 });
    await student.checkAccessibility("hours refused");

    await sp.getByLabel("In-person hours").fill("30");
    await sp.getByLabel("Telehealth hours").fill("7.5");
    await form.getByRole("button", { name: "Submit the week" }).click();
    await flash(sp, "Your week has been sent to your practice educator to confirm.");
    await student.settle();
    const weekRow = sp.locator("tbody tr").filter({ has: sp.locator("th", { hasText: weekDate }) });
    expect(await weekRow.textContent()).toContain("Waiting for the educator");

    const waiting = await ledgerRow(university, studentName);
    expect(waiting.waiting).toBe(before.waiting + 37.5);
    expect(waiting.confirmed).toBe(before.confirmed);

    // ---- Educator: confirm the week ----
    const educator = await browser.open();
    await educator.signIn(EDUCATOR);
    await educator.visit("/provider/timesheets");
    const ep = educator.page;
    await ep.getByRole("button", { name: `Confirm ${studentName}, week of ${weekDate}` }).click();
    await flash(ep, "The week is confirmed: it now counts toward the student's hours.");
    await educator.settle();
    expect(await ep.getByRole("button", { name: `Confirm ${studentName}, week of ${weekDate}` }).count()).toBe(0);

    // ---- University: the ledger after ----
    const after = await ledgerRow(university, studentName);
    expect(after.confirmed).toBe(before.confirmed + 37.5);
    expect(after.waiting).toBe(before.waiting);
    await university.visit(`/university/hours?programmeId=${after.programmeId}`);
    expect(await university.page.locator("main").textContent()).toContain("At risk");

    // ---- Student: the week is confirmed and can no longer be chosen ----
    await student.visit("/student/hours");
    expect(await sp.locator("tbody tr").filter({ has: sp.locator("th", { hasText: weekDate }) }).textContent()).toContain("Confirmed");
    expect(await sp.getByLabel("Week", { exact: true }).locator("option", { hasText: weekLabel }).count()).toBe(0);
  }, 180_000);
});
