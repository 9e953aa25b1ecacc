import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { bookOffer } from "~/marketplace/allocations.server";
import { loader as homeLoader } from "~/routes/university._index";
import { action as requestAction, loader as requestLoader } from "~/routes/university.requests.$requestId";
import { loader as requestsLoader } from "~/routes/university.requests._index";
import { action as newRequestAction, loader as newRequestLoader } from "~/routes/university.requests.new";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createRegion } from "../helpers/fixtures";
import { createOffer, createRequest, createSite } from "../helpers/marketplace";
import { call, createUniversityWorld, day, fieldErrors } from "./university-fixtures";

useTestDatabase();

type World = Awaited<ReturnType<typeof createUniversityWorld>>;

const requestForm = (w: World, overrides: Record<string, string | string[]> = {}) => ({
  programmeId: w.programme.id,
  blockId: w.block.id,
  students: "4",
  specialties: "MSK, neuro",
  preferredSiteIds: [w.providerSite.id],
  maxTravelMinutes: "45",
  campusSiteId: w.campus.id,
  reasonableAdjustments: "One student uses a wheelchair",
  ...overrides,
});

async function createViaForm(w: World, overrides: Record<string, string | string[]> = {}) {
  const result = await call(newRequestAction, "/university/requests/new", { as: w.signed, form: requestForm(w, overrides) });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  const id = result.response!.headers.get("Location")!.split("?")[0].split("/").pop()!;
  return prisma.placementRequest.findUniqueOrThrow({ where: { id } });
}

describe("making a request", () => {
  it("copies profession, year of study and dates from the programme and block, and stores the preferences", async () => {
    const w = await createUniversityWorld();
    const request = await createViaForm(w);
    expect(request).toMatchObject({
      universityId: w.university.id,
      programmeId: w.programme.id,
      blockId: w.block.id,
      profession: "PT",
      yearOfStudy: 2,
      startDate: day("2027-01-11"),
      endDate: day("2027-02-05"),
      students: 4,
      studentsAllocated: 0,
      status: "OPEN",
      specialties: ["MSK", "neuro"],
      preferredSiteIds: [w.providerSite.id],
      maxTravelMinutes: 45,
      originLatitude: 51.52,
      originLongitude: -0.13,
      reasonableAdjustments: "One student uses a wheelchair",
      createdById: w.lead.id,
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: request.id, action: "request-created" } });
    expect(JSON.stringify(audit.details)).not.toContain("wheelchair");
  });

  it("offers the university's programmes, its own campuses and the sites of providers in its region", async () => {
    const w = await createUniversityWorld();
    const farRegion = await createRegion();
    const farProvider = await createOrganisation({ regionId: farRegion.id });
    await createSite(farProvider.id, { name: "Far away hospital" });
    await createSite(w.otherUniversity.id, { name: "Rival campus" });
    const page = await call(newRequestLoader, "/university/requests/new", { as: w.signed });
    const options = page.data as { programmes: { id: string }[]; campuses: { name: string }[]; providerSites: { name: string; providerName: string }[] };
    expect(options.programmes.map((p) => p.id)).toEqual([w.programme.id]);
    expect(options.campuses.map((c) => c.name)).toEqual(["Main campus"]);
    expect(options.providerSites).toEqual([expect.objectContaining({ name: "St Thomas' Hospital", providerName: w.provider.name })]);
  });

  it("refuses bad input with messages next to the fields and saves nothing", async () => {
    const w = await createUniversityWorld();
    const cases: [Record<string, string | string[]>, number, string, string][] = [
      [{ students: "0" }, 400, "students", "Enter the number of students as a whole number from 1 to 200"],
      [{ students: "201" }, 400, "students", "Enter the number of students as a whole number from 1 to 200"],
      [{ students: "two" }, 400, "students", "Enter the number of students as a whole number from 1 to 200"],
      [{ maxTravelMinutes: "5" }, 400, "maxTravelMinutes", "Enter the maximum travel time in minutes as a whole number from 10 to 300"],
      [{ maxTravelMinutes: "301" }, 400, "maxTravelMinutes", "Enter the maximum travel time in minutes as a whole number from 10 to 300"],
      [{ campusSiteId: "" }, 400, "campusSiteId", "Choose the campus the travel time is measured from"],
      [{ specialties: Array.from({ length: 11 }, (_, i) => `s${i}`).join(",") }, 400, "specialties", "List at most 10 specialties"],
      [{ specialties: "x".repeat(81) }, 400, "specialties", "Keep each specialty to 80 characters or fewer"],
      [{ reasonableAdjustments: "x".repeat(2001) }, 400, "reasonableAdjustments", "Use 2000 characters or fewer"],
      [{ programmeId: "" }, 400, "programmeId", "Choose the programme"],
    ];
    for (const [overrides, status, field, message] of cases) {
      const result = await call(newRequestAction, "/university/requests/new", { as: w.signed, form: requestForm(w, overrides) });
      expect(result.status, JSON.stringify(overrides).slice(0, 80)).toBe(status);
      expect(fieldErrors(result)[field], field).toEqual([message]);
    }
    expect(await prisma.placementRequest.count({ where: { universityId: w.university.id } })).toBe(0);
  });

  it("refuses another university's programme (404), a block of another programme (400), and campuses or sites it may not use", async () => {
    const w = await createUniversityWorld();
    const rival = await prisma.programme.create({ data: { universityId: w.otherUniversity.id, name: "Rival PT", profession: "PT", years: 3 } });
    const rivalBlock = await prisma.placementBlock.create({
      data: { programmeId: rival.id, name: "Rival block", yearOfStudy: 2, startDate: day("2027-01-11"), endDate: day("2027-02-05") },
    });
    const ownOther = await prisma.programme.create({ data: { universityId: w.university.id, name: "BSc OT", profession: "OT", years: 3 } });
    const ownOtherBlock = await prisma.placementBlock.create({
      data: { programmeId: ownOther.id, name: "OT block", yearOfStudy: 1, startDate: day("2027-01-11"), endDate: day("2027-02-05") },
    });
    const rivalCampus = await createSite(w.otherUniversity.id, { name: "Rival campus" });
    const farProvider = await createOrganisation({ regionId: (await createRegion()).id });
    const farSite = await createSite(farProvider.id);

    const programme = await call(newRequestAction, "/university/requests/new", { as: w.signed, form: requestForm(w, { programmeId: rival.id, blockId: rivalBlock.id }) });
    expect(programme.status).toBe(404);
    expect(fieldErrors(programme).programmeId).toEqual(["Programme not found: choose one of your programmes"]);

    for (const blockId of [ownOtherBlock.id, rivalBlock.id]) {
      const block = await call(newRequestAction, "/university/requests/new", { as: w.signed, form: requestForm(w, { blockId }) });
      expect(block.status).toBe(400);
      expect(fieldErrors(block).blockId).toEqual(["Choose a placement block of the chosen programme"]);
    }

    const campus = await call(newRequestAction, "/university/requests/new", { as: w.signed, form: requestForm(w, { campusSiteId: rivalCampus.id }) });
    expect(campus.status).toBe(400);
    expect(fieldErrors(campus).campusSiteId).toEqual(["Choose one of your own sites as the campus"]);

    for (const siteId of [farSite.id, w.campus.id]) {
      const site = await call(newRequestAction, "/university/requests/new", { as: w.signed, form: requestForm(w, { preferredSiteIds: [siteId] }) });
      expect(site.status).toBe(400);
      expect(fieldErrors(site).preferredSiteIds).toEqual(["Choose preferred sites from the list of providers in your region"]);
    }
    expect(await prisma.placementRequest.count({ where: { universityId: w.university.id } })).toBe(0);
  });

  it("answers 403 to every other role, for pages and changes", async () => {
    const w = await createUniversityWorld();
    const request = await createViaForm(w);
    for (const as of [w.educatorSigned, w.studentSigned]) {
      expect((await call(requestsLoader, "/university/requests", { as })).status).toBe(403);
      expect((await call(newRequestLoader, "/university/requests/new", { as })).status).toBe(403);
      expect((await call(newRequestAction, "/university/requests/new", { as, form: requestForm(w) })).status).toBe(403);
      expect((await call(requestLoader, `/university/requests/${request.id}`, { as, params: { requestId: request.id } })).status).toBe(403);
      const cancel = await call(requestAction, `/university/requests/${request.id}`, { as, params: { requestId: request.id }, form: { intent: "cancel", reason: "x" } });
      expect(cancel.status).toBe(403);
      expect((await call(homeLoader, "/university", { as })).status).toBe(403);
    }
    expect((await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("OPEN");
  });
});

describe("the request list", () => {
  it("filters by status, profession, programme and block dates, pages in the database, and never carries reasonable adjustments", async () => {
    const w = await createUniversityWorld();
    const ot = await prisma.programme.create({ data: { universityId: w.university.id, name: "BSc OT", profession: "OT", years: 3 } });
    const otBlock = await prisma.placementBlock.create({
      data: { programmeId: ot.id, name: "OT summer", yearOfStudy: 1, startDate: day("2027-06-07"), endDate: day("2027-07-02") },
    });
    for (let i = 0; i < 27; i++) await createViaForm(w, { students: String(i + 1) });
    const otRequest = await createViaForm(w, { programmeId: ot.id, blockId: otBlock.id, students: "2" });
    await prisma.placementRequest.update({ where: { id: otRequest.id }, data: { status: "CANCELLED" } });
    await createRequest(w.otherUniversity.id, { reasonableAdjustments: "Rival secret" });

    const first = await call(requestsLoader, "/university/requests", { as: w.signed });
    const list = first.data as { requests: Record<string, unknown>[]; window: { total: number; page: number; pageCount: number } };
    expect(list.window).toMatchObject({ total: 28, page: 1, pageCount: 2 });
    expect(list.requests).toHaveLength(25);
    for (const row of list.requests) expect(row).not.toHaveProperty("reasonableAdjustments");
    expect(JSON.stringify(list)).not.toContain("wheelchair");

    const second = (await call(requestsLoader, "/university/requests?page=2", { as: w.signed })).data as typeof list;
    expect(second.requests).toHaveLength(3);

    const count = async (query: string) => ((await call(requestsLoader, `/university/requests?${query}`, { as: w.signed })).data as typeof list).window.total;
    expect(await count("status=CANCELLED")).toBe(1);
    expect(await count("status=OPEN")).toBe(27);
    expect(await count("profession=OT")).toBe(1);
    expect(await count(`programmeId=${w.programme.id}`)).toBe(27);
    expect(await count("from=2027-06-01&to=2027-06-30")).toBe(1);
    expect(await count("from=2027-02-01&to=2027-02-28")).toBe(27);
    expect(await count("to=2026-12-31")).toBe(0);
    expect(await count("status=NONSENSE&from=garbage")).toBe(28);
  });
});

describe("the request page", () => {
  it("shows its own university the request, its adjustments, its allocations and its status", async () => {
    const w = await createUniversityWorld();
    const request = await createViaForm(w, { students: "3" });
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 5 });
    const allocation = await bookOffer(w.lead, { offerId: offer.id, requestId: request.id, students: 2 });
    const page = await call(requestLoader, `/university/requests/${request.id}`, { as: w.signed, params: { requestId: request.id } });
    expect(page.status).toBe(200);
    const data = page.data as {
      request: { status: string; studentsAllocated: number; reasonableAdjustments: string; allocations: { id: string; status: string }[] };
      campus: { name: string };
      preferredSites: { name: string }[];
    };
    expect(data.request).toMatchObject({ status: "PARTLY_ALLOCATED", studentsAllocated: 2, reasonableAdjustments: "One student uses a wheelchair" });
    expect(data.request.allocations).toEqual([expect.objectContaining({ id: allocation.id, status: "PROPOSED" })]);
    expect(data.campus.name).toBe("Main campus");
    expect(data.preferredSites.map((s) => s.name)).toEqual(["St Thomas' Hospital"]);
  });

  it("answers 404 to another university: its adjustments never leave", async () => {
    const w = await createUniversityWorld();
    const request = await createViaForm(w);
    const page = await call(requestLoader, `/university/requests/${request.id}`, { as: w.otherSigned, params: { requestId: request.id } });
    expect(page.status).toBe(404);
    expect(page.data).toBeNull();
    expect(await page.response!.text()).not.toContain("wheelchair");
    const list = await call(requestsLoader, "/university/requests", { as: w.otherSigned });
    expect((list.data as { requests: unknown[] }).requests).toHaveLength(0);
    const edit = await call(requestAction, `/university/requests/${request.id}`, {
      as: w.otherSigned,
      params: { requestId: request.id },
      form: { intent: "save", ...requestForm(w, { students: "9" }) },
    });
    expect(edit.status).toBe(404);
    const cancel = await call(requestAction, `/university/requests/${request.id}`, { as: w.otherSigned, params: { requestId: request.id }, form: { intent: "cancel", reason: "Mine" } });
    expect(cancel.status).toBe(404);
    expect(await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ students: 4, status: "OPEN" });
  });
});

describe("changing and cancelling a request", () => {
  async function allocatedRequest(w: World, students = 4, allocate = 2) {
    const request = await createViaForm(w, { students: String(students) });
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 10 });
    const allocation = await bookOffer(w.lead, { offerId: offer.id, requestId: request.id, students: allocate });
    return { request, offer, allocation };
  }
  const save = (w: World, requestId: string, overrides: Record<string, string | string[]> = {}) =>
    call(requestAction, `/university/requests/${requestId}`, { as: w.signed, params: { requestId }, form: { intent: "save", ...requestForm(w, overrides) } });

  it("saves changes and keeps the status in step with the students allocated", async () => {
    const w = await createUniversityWorld();
    const { request } = await allocatedRequest(w, 4, 2);
    const saved = await save(w, request.id, { students: "2", specialties: "Paediatrics", maxTravelMinutes: "", campusSiteId: "", reasonableAdjustments: "" });
    expect(saved.status).toBe(302);
    expect(await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      students: 2,
      status: "FULLY_ALLOCATED",
      specialties: ["Paediatrics"],
      maxTravelMinutes: null,
      originLatitude: null,
      reasonableAdjustments: null,
    });
    const notesChanged = () => prisma.auditEvent.count({ where: { entityId: request.id, action: "changed-reasonable-adjustments" } });
    expect(await notesChanged()).toBe(1);
    expect((await save(w, request.id, { students: "5", reasonableAdjustments: "" })).status).toBe(302);
    expect(await notesChanged()).toBe(1);
    expect((await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("PARTLY_ALLOCATED");
  });

  it("never asks for fewer students than are allocated, nor moves an allocated request to another block", async () => {
    const w = await createUniversityWorld();
    const { request } = await allocatedRequest(w, 4, 3);
    const fewer = await save(w, request.id, { students: "2" });
    expect(fewer.status).toBe(400);
    expect(fieldErrors(fewer).students).toEqual(["3 students are already allocated: ask for at least 3"]);
    const otherBlock = await prisma.placementBlock.create({
      data: { programmeId: w.programme.id, name: "Year 2 summer", yearOfStudy: 2, startDate: day("2027-06-07"), endDate: day("2027-07-02") },
    });
    const moved = await save(w, request.id, { blockId: otherBlock.id });
    expect(moved.status).toBe(409);
    expect(fieldErrors(moved).blockId?.[0]).toMatch(/already allocated/);
    expect(await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ students: 4, blockId: w.block.id });
  });

  it("refuses to move a request to another university's programme, next to the field", async () => {
    const w = await createUniversityWorld();
    const request = await createViaForm(w);
    const rival = await createRequest(w.otherUniversity.id);
    const moved = await save(w, request.id, { programmeId: rival.programmeId, blockId: rival.blockId });
    expect(moved.status).toBe(404);
    expect(fieldErrors(moved).programmeId).toEqual(["Programme not found: choose one of your programmes"]);
    expect((await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).programmeId).toBe(w.programme.id);
  });

  it("moves an unallocated request to another block, copying its dates", async () => {
    const w = await createUniversityWorld();
    const request = await createViaForm(w);
    const summer = await prisma.placementBlock.create({
      data: { programmeId: w.programme.id, name: "Year 3 summer", yearOfStudy: 3, startDate: day("2027-06-07"), endDate: day("2027-07-02") },
    });
    expect((await save(w, request.id, { blockId: summer.id })).status).toBe(302);
    expect(await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      blockId: summer.id,
      yearOfStudy: 3,
      startDate: day("2027-06-07"),
      endDate: day("2027-07-02"),
    });
  });

  it("cancels only with a reason and only without live allocations", async () => {
    const w = await createUniversityWorld();
    const { request, allocation } = await allocatedRequest(w, 4, 2);
    const path = `/university/requests/${request.id}`;
    const params = { requestId: request.id };
    const noReason = await call(requestAction, path, { as: w.signed, params, form: { intent: "cancel", reason: "  " } });
    expect(noReason.status).toBe(400);
    expect(fieldErrors(noReason).reason).toEqual(["Give a reason for cancelling the request"]);

    const live = await call(requestAction, path, { as: w.signed, params, form: { intent: "cancel", reason: "Cohort smaller" } });
    expect(live.status).toBe(409);
    expect(fieldErrors(live)[""]).toEqual(["This request has 1 live allocation: cancel it first, then cancel the request"]);
    expect((await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("PARTLY_ALLOCATED");

    await prisma.allocation.update({ where: { id: allocation.id }, data: { status: "CANCELLED" } });
    const cancelled = await call(requestAction, path, { as: w.signed, params, form: { intent: "cancel", reason: "Cohort smaller" } });
    expect(cancelled.status).toBe(302);
    expect((await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("CANCELLED");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: request.id, action: "request-cancelled" } });
    expect(audit).toMatchObject({ actorId: w.lead.id, details: { reason: "Cohort smaller" } });

    const page = await call(requestLoader, path, { as: w.signed, params });
    expect(page.data).toMatchObject({ cancellation: { reason: "Cohort smaller" }, options: null });
    const again = await call(requestAction, path, { as: w.signed, params, form: { intent: "cancel", reason: "Again" } });
    expect(again.status).toBe(409);
    const edit = await save(w, request.id);
    expect(edit.status).toBe(409);
    expect(fieldErrors(edit)[""]).toEqual(["This request is cancelled, so it cannot be changed"]);
  });
});

describe("the university home page", () => {
  it("counts requests by status, students still to place and allocations waiting for the university", async () => {
    const w = await createUniversityWorld();
    const open = await createViaForm(w, { students: "3" });
    const partly = await createViaForm(w, { students: "5" });
    const offer = await createOffer(w.provider.id, { siteId: w.providerSite.id, slots: 10 });
    const allocation = await bookOffer(w.lead, { offerId: offer.id, requestId: partly.id, students: 2 });
    await prisma.allocation.update({ where: { id: allocation.id }, data: { status: "CONFIRMED" } });
    expect(open.status).toBe("OPEN");
    const home = await call(homeLoader, "/university", { as: w.signed });
    expect((home.data as { summary: unknown }).summary).toEqual({
      requests: { OPEN: 1, PARTLY_ALLOCATED: 1, FULLY_ALLOCATED: 0, CANCELLED: 0 },
      studentsUnplaced: 6,
      awaitingAcceptance: 1,
      awaitingNames: 0,
    });
  });
});
