import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useBrowser, type Portal } from "./support/portal";
import { daysFromToday } from "./support/dates";
import { addBlock, addProgramme, idAfter, publishOffer, requestStudents } from "./support/journeys";

/*
 * The notification bell is pushed over socket.io: a booking made in another browser raises the
 * educator's unread count without the educator's page reloading, and "Mark all as read" in one tab
 * clears the bell in the educator's other tab.
 *
 * The dates are about 18 months ahead, in a window no other journey or seeded data uses, so the request made here is the only
 * one that fits the offer made here, whatever else runs against the same server.
 */
const browser = useBrowser();

const EDUCATOR = "educator@example.com";
const UNIVERSITY = "university@example.com";
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const DATES = { startDate: daysFromToday(530), endDate: daysFromToday(583) };
/** The push must arrive well within this; the page is never reloaded while we wait. */
const LIVE_TIMEOUT_MS = 5_000;

/** The number on the bell in the header, checked against the bell's accessible name. */
async function bellCount(page: Page): Promise<number> {
  const text = ((await page.getByTestId("unread-count").textContent()) ?? "").trim();
  const label = await page.getByTestId("notification-bell").getAttribute("aria-label");
  expect(label).toBe(`Notifications: ${text} unread`);
  return Number(text);
}

/** Marks the document, so we can tell later that it was never reloaded or replaced. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __pxSameDocument?: boolean }).__pxSameDocument = true;
  });
}

async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __pxSameDocument?: boolean }).__pxSameDocument === true);
}

/** A programme with one block on the offer's dates, and a request for 1 student of it. */
async function makeRequest(university: Portal): Promise<string> {
  const programmeId = await addProgramme(university, `BSc Physiotherapy live ${RUN}`);
  const block = `Autumn live block ${RUN}`;
  await addBlock(university, { name: block, yearOfStudy: 3, ...DATES });
  return requestStudents(university, programmeId, block, 1);
}

describe("live notifications", () => {
  it("a booking raises the educator's bell without a reload; Mark all as read clears it in another tab", async () => {
    // The educator publishes a fresh offer, then waits on their home page.
    const educator = await browser.open();
    await educator.signIn(EDUCATOR);
    const offerId = await publishOffer(educator, { ...DATES, specialty: `Live bell ${RUN}`, slots: 1 });
    await educator.visit("/provider");
    const before = await bellCount(educator.page);
    await markDocument(educator.page);
    const shownBefore = educator.visited().length;

    // The university makes a request and books the offer, in its own browser context.
    const university = await browser.open();
    await university.signIn(UNIVERSITY);
    const requestId = await makeRequest(university);
    await university.visit(`/university/book/${offerId}`);
    await university.page.getByLabel("Request", { exact: true }).selectOption(requestId);
    await university.page.getByLabel("Number of students").fill("1");
    await university.page.getByRole("button", { name: "Book the places" }).click();
    const allocationId = await idAfter(university.page, /^\/allocations\/([^/]+)$/);
    await university.settle();

    // The educator's bell goes up by one, pushed over the socket: same document, no navigation.
    await expect.poll(() => bellCount(educator.page), { timeout: LIVE_TIMEOUT_MS, interval: 100 }).toBe(before + 1);
    expect(await sameDocument(educator.page)).toBe(true);
    expect(educator.visited().length).toBe(shownBefore);
    expect(new URL(educator.page.url()).pathname).toBe("/provider");
    // Screen-reader users hear it too.
    expect(await educator.page.getByRole("status").filter({ hasText: "New notification:" }).textContent()).toContain(
      "asks for 1 place",
    );

    // A second educator tab, open on the home page with the raised count.
    const secondTab = await browser.open();
    await secondTab.signIn(EDUCATOR);
    await secondTab.visit("/provider");
    expect(await bellCount(secondTab.page)).toBe(before + 1);
    await markDocument(secondTab.page);

    // The inbox lists the new notification, unread, linking to the allocation.
    await educator.visit("/notifications");
    const item = educator.page.locator("main li").filter({ has: educator.page.locator(`a[href="/allocations/${allocationId}"]`) });
    await item.waitFor();
    expect(await item.getByRole("heading", { level: 2 }).getByRole("link").textContent()).toBe("City Health University asks for 1 place");
    expect(await item.textContent()).toContain("Unread");
    expect(await educator.page.getByRole("heading", { level: 1 }).textContent()).toBe("Notifications");

    // Mark all as read: the other tab's bell drops to 0 live, and so does this one's.
    await educator.page.getByRole("button", { name: "Mark all as read" }).click();
    await expect.poll(() => bellCount(secondTab.page), { timeout: LIVE_TIMEOUT_MS, interval: 100 }).toBe(0);
    expect(await sameDocument(secondTab.page)).toBe(true);
    expect(new URL(secondTab.page.url()).pathname).toBe("/provider");
    await expect.poll(() => bellCount(educator.page), { timeout: LIVE_TIMEOUT_MS, interval: 100 }).toBe(0);
    await educator.page.getByRole("button", { name: "Mark all as read" }).waitFor({ state: "detached" });
    expect(await item.textContent()).toContain("Read");
    expect(await item.textContent()).not.toContain("Unread");
    await educator.checkAccessibility("after marking all as read");
  }, 120_000);
});
