import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { action as programmeAction, loader as programmeLoader } from "~/routes/university.programmes.$programmeId";
import { loader as programmesLoader } from "~/routes/university.programmes._index";
import { action as newProgrammeAction } from "~/routes/university.programmes.new";
import { useTestDatabase } from "../helpers/database";
import { bannerAfter } from "../helpers/flash";
import { bookOffer } from "~/marketplace/allocations.server";
import { createOffer, createRequest } from "../helpers/marketplace";
import { call, createUniversityWorld, day, fieldErrors } from "./university-fixtures";

useTestDatabase();

const blockForm = (overrides: Record<string, string> = {}) => ({
  intent: "add-block",
  name: "Year 1 autumn",
  yearOfStudy: "1",
  startDate: "2026-11-02",
  endDate: "2026-11-27",
  ...overrides,
});

describe("programmes", () => {
  it("creates a programme, lists it, and refuses a second one with the same name", async () => {
    const w = await createUniversityWorld();
    const created = await call(newProgrammeAction, "/university/programmes/new", {
      as: w.signed,
      form: { name: "BSc Occupational Therapy", profession: "OT", years: "3" },
    });
    expect(created.status).toBe(302);
    const programme = await prisma.programme.findFirstOrThrow({ where: { universityId: w.university.id, name: "BSc Occupational Therapy" } });
    expect(programme).toMatchObject({ profession: "OT", years: 3 });
    expect(created.response?.headers.get("Location")).toBe(`/university/programmes/${programme.id}`);
    expect(await bannerAfter(created.response, w.signed)).toBe("BSc Occupational Therapy has been added. Now add its placement blocks.");
    expect(await prisma.auditEvent.count({ where: { entityId: programme.id, action: "programme-created", actorId: w.lead.id } })).toBe(1);

    const list = await call(programmesLoader, "/university/programmes", { as: w.signed });
    const names = (list.data as { programmes: { name: string }[] }).programmes.map((p) => p.name);
    expect(names).toEqual(["BSc Occupational Therapy", "BSc Physiotherapy"]);

    const twin = await call(newProgrammeAction, "/university/programmes/new", {
      as: w.signed,
      form: { name: "bsc occupational therapy", profession: "OT", years: "3" },
    });
    expect(twin.status).toBe(400);
    expect(fieldErrors(twin).name).toEqual(["You already have a programme called BSc Occupational Therapy"]);
    expect(await prisma.programme.count({ where: { universityId: w.university.id } })).toBe(2);
  });

  it("lets another university use the same name, but never shows it to the first", async () => {
    const w = await createUniversityWorld();
    const other = await call(newProgrammeAction, "/university/programmes/new", {
      as: w.otherSigned,
      form: { name: "BSc Physiotherapy", profession: "PT", years: "3" },
    });
    expect(other.status).toBe(302);
    const list = await call(programmesLoader, "/university/programmes", { as: w.signed });
    expect((list.data as { programmes: unknown[] }).programmes).toHaveLength(1);
  });

  it("refuses bad numbers with messages and saves nothing", async () => {
    const w = await createUniversityWorld();
    const result = await call(newProgrammeAction, "/university/programmes/new", { as: w.signed, form: { name: "", profession: "NURSING", years: "7" } });
    expect(result.status).toBe(400);
    expect(fieldErrors(result)).toMatchObject({
      name: ["Enter the programme's name"],
      profession: ["Choose the profession"],
      years: ["Enter the length in years as a whole number from 1 to 5"],
    });
    expect(await prisma.programme.count({ where: { universityId: w.university.id } })).toBe(1);
  });

  it("edits a programme, but keeps its profession once it has requests and its length above its blocks' years", async () => {
    const w = await createUniversityWorld();
    const path = `/university/programmes/${w.programme.id}`;
    const params = { programmeId: w.programme.id };
    const renamed = await call(programmeAction, path, { as: w.signed, params, form: { intent: "programme", name: "BSc (Hons) Physiotherapy", profession: "PT", years: "4" } });
    expect(renamed.status).toBe(302);
    expect(await prisma.programme.findUniqueOrThrow({ where: { id: w.programme.id } })).toMatchObject({ name: "BSc (Hons) Physiotherapy", years: 4 });

    const shorter = await call(programmeAction, path, { as: w.signed, params, form: { intent: "programme", name: "BSc (Hons) Physiotherapy", profession: "PT", years: "1" } });
    expect(shorter.status).toBe(400);
    expect(fieldErrors(shorter).years).toEqual(["The block Year 2 spring is for year 2: change or remove it first"]);

    await prisma.placementRequest.create({
      data: { universityId: w.university.id, programmeId: w.programme.id, blockId: w.block.id, profession: "PT", yearOfStudy: 2, startDate: w.block.startDate, endDate: w.block.endDate, students: 2 },
    });
    const profession = await call(programmeAction, path, { as: w.signed, params, form: { intent: "programme", name: "BSc (Hons) Physiotherapy", profession: "OT", years: "4" } });
    expect(profession.status).toBe(409);
    expect(fieldErrors(profession).profession?.[0]).toMatch(/has 1 request .* so its profession cannot change/);
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: w.programme.id } })).profession).toBe("PT");
  });

  it("answers 403 to other roles and 404 for another university's programme", async () => {
    const w = await createUniversityWorld();
    const path = `/university/programmes/${w.programme.id}`;
    const params = { programmeId: w.programme.id };
    for (const as of [w.educatorSigned, w.studentSigned]) {
      expect((await call(programmesLoader, "/university/programmes", { as })).status).toBe(403);
      expect((await call(programmeLoader, path, { as, params })).status).toBe(403);
      expect((await call(newProgrammeAction, "/university/programmes/new", { as, form: { name: "X", profession: "PT", years: "3" } })).status).toBe(403);
    }
    expect((await call(programmeLoader, path, { as: w.otherSigned, params })).status).toBe(404);
    const hijack = await call(programmeAction, path, { as: w.otherSigned, params, form: { intent: "programme", name: "Mine now", profession: "PT", years: "3" } });
    expect(hijack.status).toBe(404);
    const addBlock = await call(programmeAction, path, { as: w.otherSigned, params, form: blockForm() });
    expect(addBlock.status).toBe(404);
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: w.programme.id } })).name).toBe("BSc Physiotherapy");
    expect(await prisma.placementBlock.count({ where: { programmeId: w.programme.id } })).toBe(1);
  });
});

describe("placement blocks", () => {
  it("adds a block and shows it on the programme page", async () => {
    const w = await createUniversityWorld();
    const params = { programmeId: w.programme.id };
    const added = await call(programmeAction, `/university/programmes/${w.programme.id}`, { as: w.signed, params, form: blockForm() });
    expect(added.status).toBe(302);
    const page = await call(programmeLoader, `/university/programmes/${w.programme.id}`, { as: w.signed, params });
    const blocks = (page.data as { programme: { blocks: { name: string; yearOfStudy: number; startDate: Date; requestCount: number }[] } }).programme.blocks;
    expect(blocks.map((b) => [b.name, b.yearOfStudy, b.startDate.toISOString().slice(0, 10), b.requestCount])).toEqual([
      ["Year 1 autumn", 1, "2026-11-02", 0],
      ["Year 2 spring", 2, "2027-01-11", 0],
    ]);
  });

  it("refuses a duplicate name, a year beyond the programme, an end before the start and a block over 16 weeks", async () => {
    const w = await createUniversityWorld();
    const params = { programmeId: w.programme.id };
    const path = `/university/programmes/${w.programme.id}`;
    const cases: [Record<string, string>, string, string][] = [
      [{ name: "year 2 SPRING" }, "name", "This programme already has a block called Year 2 spring"],
      [{ yearOfStudy: "4" }, "yearOfStudy", "Enter the year of study as a whole number from 1 to 3"],
      [{ yearOfStudy: "0" }, "yearOfStudy", "Enter the year of study as a whole number from 1 to 3"],
      [{ startDate: "2026-11-27", endDate: "2026-11-02" }, "endDate", "The end date must be after the start date"],
      [{ startDate: "2026-11-02", endDate: "2026-11-02" }, "endDate", "The end date must be after the start date"],
      [{ startDate: "2026-11-02", endDate: "2027-02-22" }, "endDate", "A placement block can be at most 16 weeks long"],
      [{ startDate: "2026-02-30" }, "startDate", "Enter a real date, like 2027-01-11"],
    ];
    for (const [overrides, field, message] of cases) {
      const result = await call(programmeAction, path, { as: w.signed, params, form: blockForm(overrides) });
      expect(result.status, JSON.stringify(overrides)).toBe(400);
      expect(fieldErrors(result)[field], JSON.stringify(overrides)).toEqual([message]);
    }
    expect(await prisma.placementBlock.count({ where: { programmeId: w.programme.id } })).toBe(1);
    // Exactly 16 weeks is allowed.
    const longest = await call(programmeAction, path, { as: w.signed, params, form: blockForm({ startDate: "2026-11-02", endDate: "2027-02-21" }) });
    expect(longest.status).toBe(302);
  });

  it("edits a block and moves its requests' year and dates with it", async () => {
    const w = await createUniversityWorld();
    const params = { programmeId: w.programme.id };
    const request = await prisma.placementRequest.create({
      data: { universityId: w.university.id, programmeId: w.programme.id, blockId: w.block.id, profession: "PT", yearOfStudy: 2, startDate: w.block.startDate, endDate: w.block.endDate, students: 2 },
    });
    const edited = await call(programmeAction, `/university/programmes/${w.programme.id}`, {
      as: w.signed,
      params,
      form: { intent: "edit-block", blockId: w.block.id, name: "Year 3 spring", yearOfStudy: "3", startDate: "2027-01-18", endDate: "2027-02-12" },
    });
    expect(edited.status).toBe(302);
    expect(await prisma.placementBlock.findUniqueOrThrow({ where: { id: w.block.id } })).toMatchObject({ name: "Year 3 spring", yearOfStudy: 3, startDate: day("2027-01-18") });
    expect(await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ yearOfStudy: 3, startDate: day("2027-01-18"), endDate: day("2027-02-12") });
  });

  it("keeps a block's dates while students of its requests are allocated", async () => {
    const w = await createUniversityWorld();
    const request = await prisma.placementRequest.create({
      data: { universityId: w.university.id, programmeId: w.programme.id, blockId: w.block.id, profession: "PT", yearOfStudy: 2, startDate: w.block.startDate, endDate: w.block.endDate, students: 2 },
    });
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 2 });
    await bookOffer(w.lead, { offerId: offer.id, requestId: request.id, students: 1 });
    const params = { programmeId: w.programme.id };
    const moved = await call(programmeAction, `/university/programmes/${w.programme.id}`, {
      as: w.signed,
      params,
      form: { intent: "edit-block", blockId: w.block.id, name: "Year 2 spring", yearOfStudy: "2", startDate: "2027-01-18", endDate: "2027-02-12" },
    });
    expect(moved.status).toBe(409);
    expect(fieldErrors(moved).startDate?.[0]).toMatch(/already allocated/);
    expect((await prisma.placementBlock.findUniqueOrThrow({ where: { id: w.block.id } })).startDate).toEqual(day("2027-01-11"));
    // A new name alone is fine.
    const renamed = await call(programmeAction, `/university/programmes/${w.programme.id}`, {
      as: w.signed,
      params,
      form: { intent: "edit-block", blockId: w.block.id, name: "Spring block", yearOfStudy: "2", startDate: "2027-01-11", endDate: "2027-02-05" },
    });
    expect(renamed.status).toBe(302);
  });

  it("removes a block without requests and refuses one with requests, with a message", async () => {
    const w = await createUniversityWorld();
    const params = { programmeId: w.programme.id };
    const path = `/university/programmes/${w.programme.id}`;
    const spare = await prisma.placementBlock.create({
      data: { programmeId: w.programme.id, name: "Spare", yearOfStudy: 1, startDate: day("2026-11-02"), endDate: day("2026-11-27") },
    });
    const removed = await call(programmeAction, path, { as: w.signed, params, form: { intent: "remove-block", blockId: spare.id } });
    expect(removed.status).toBe(302);
    expect(await prisma.placementBlock.findUnique({ where: { id: spare.id } })).toBeNull();

    await prisma.placementRequest.create({
      data: { universityId: w.university.id, programmeId: w.programme.id, blockId: w.block.id, profession: "PT", yearOfStudy: 2, startDate: w.block.startDate, endDate: w.block.endDate, students: 2, status: "CANCELLED" },
    });
    const refused = await call(programmeAction, path, { as: w.signed, params, form: { intent: "remove-block", blockId: w.block.id } });
    expect(refused.status).toBe(409);
    expect(fieldErrors(refused)[""]).toEqual(["This block has 1 request, so it cannot be removed: it stays as the record of that request"]);
    expect(await prisma.placementBlock.findUnique({ where: { id: w.block.id } })).not.toBeNull();
  });

  it("answers 404 for a block of another programme", async () => {
    const w = await createUniversityWorld();
    const other = await createRequest(w.otherUniversity.id);
    const params = { programmeId: w.programme.id };
    const result = await call(programmeAction, `/university/programmes/${w.programme.id}`, {
      as: w.signed,
      params,
      form: { intent: "remove-block", blockId: other.blockId },
    });
    expect(result.status).toBe(404);
    expect(await prisma.placementBlock.findUnique({ where: { id: other.blockId } })).not.toBeNull();
  });
});
