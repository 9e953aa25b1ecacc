import type { Page } from "playwright-core";
import type { Portal } from "./portal";

/** The id in the path the browser lands on next, e.g. /provider/offers/<id> (never a "new" form or the cases board). */
export async function idAfter(page: Page, pattern: RegExp): Promise<string> {
  const idIn = (pathname: string) => {
    const id = pattern.exec(pathname)?.[1];
    return id && id !== "new" && id !== "board" ? id : null;
  };
  await page.waitForURL((url) => idIn(url.pathname) !== null, { timeout: 15_000 });
  const id = idIn(new URL(page.url()).pathname);
  if (!id) throw new Error(`No id in ${page.url()} for ${pattern}`);
  return id;
}

/** Publishes a physiotherapy offer at the educator's first site, one-to-one supervision; returns its id. */
export async function publishOffer(educator: Portal, offer: { specialty: string; startDate: string; endDate: string; slots: number }): Promise<string> {
  const { page } = educator;
  await educator.visit("/provider/offers/new");
  await page.getByLabel("Profession").selectOption("PT");
  const siteSelect = page.getByLabel("Site", { exact: true });
  await siteSelect.selectOption((await siteSelect.locator("option:not([value=''])").first().getAttribute("value"))!);
  await page.getByLabel("Specialty (optional)").fill(offer.specialty);
  await page.getByLabel("Start date").fill(offer.startDate);
  await page.getByLabel("End date").fill(offer.endDate);
  await page.getByLabel("Slots").fill(String(offer.slots));
  await page.getByLabel("Supervision model").selectOption("ONE_TO_ONE");
  await page.getByRole("button", { name: "Publish" }).click();
  const offerId = await idAfter(page, /^\/provider\/offers\/([^/]+)$/);
  await educator.settle();
  return offerId;
}

/** Adds a three-year physiotherapy programme; returns its id, with the browser on its page. */
export async function addProgramme(university: Portal, name: string): Promise<string> {
  const { page } = university;
  await university.visit("/university/programmes/new");
  await page.getByLabel("Programme name").fill(name);
  await page.getByLabel("Profession").selectOption("PT");
  await page.getByLabel("Length in years of study").fill("3");
  await page.getByRole("button", { name: "Add the programme" }).click();
  const programmeId = await idAfter(page, /^\/university\/programmes\/([^/]+)$/);
  await university.settle();
  return programmeId;
}

/** Adds a placement block on the programme page the browser is on, and waits for its row. */
export async function addBlock(university: Portal, block: { name: string; yearOfStudy: number; startDate: string; endDate: string }) {
  const { page } = university;
  const blockForm = page.getByRole("form", { name: "Add a placement block" });
  await blockForm.getByLabel("Block name").fill(block.name);
  await blockForm.getByLabel("Year of study").fill(String(block.yearOfStudy));
  await blockForm.getByLabel("Start date").fill(block.startDate);
  await blockForm.getByLabel("End date").fill(block.endDate);
  await blockForm.getByRole("button", { name: "Add the block" }).click();
  await page.locator("tbody tr").filter({ hasText: block.name }).waitFor({ timeout: 15_000 });
  await university.settle();
}

/** Requests students for a block of a programme; returns the request's id. */
export async function requestStudents(university: Portal, programmeId: string, blockName: string, students: number): Promise<string> {
  const { page } = university;
  await university.visit("/university/requests/new");
  await page.getByLabel("Programme", { exact: true }).selectOption(programmeId);
  const blockSelect = page.getByLabel("Placement block");
  await blockSelect.selectOption((await blockSelect.locator("option", { hasText: blockName }).getAttribute("value"))!);
  await page.getByLabel("Number of students").fill(String(students));
  await page.getByRole("button", { name: "Make the request" }).click();
  const requestId = await idAfter(page, /^\/university\/requests\/([^/]+)$/);
  await university.settle();
  return requestId;
}
