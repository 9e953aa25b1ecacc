import { describe, expect, it } from "vitest";
import { createCase } from "~/cases/cases.server";
import { prisma } from "~/platform/db/db.server";
import { action as caseAction, loader as caseLoader } from "~/routes/facilitator.cases.$caseId";
import { action as indexAction, loader as indexLoader } from "~/routes/facilitator.cases._index";
import { loader as boardLoader } from "~/routes/facilitator.cases.board";
import { action as newAction, loader as newLoader } from "~/routes/facilitator.cases.new";
import { action as supportAction, loader as supportLoader } from "~/routes/support";
import { useTestDatabase } from "../helpers/database";
import { createOffer } from "../helpers/marketplace";
import { call, createCaseWorld, notificationsOf, type CaseWorld } from "./cases-fixtures";

useTestDatabase();

async function openCase(world: CaseWorld, overrides: Partial<Parameters<typeof createCase>[1]> = {}) {
  return createCase(world.facilitator.user, {
    kind: "UNMET_DEMAND",
    severity: "HIGH",
    title: "Four PT students without a placement",
    profession: "PT",
    organisationIds: [world.provider.id, world.university.id],
    studentsAffected: 4,
    ...overrides,
  });
}

const act = (world: CaseWorld, caseId: string, form: Record<string, string>, as = world.facilitator.signed) =>
  call(caseAction, `/facilitator/cases/${caseId}`, { as, form, params: { caseId } });

describe("case lifecycle", () => {
  it.each([
    [[], "IN_PROGRESS"],
    [[], "WAITING"],
    [[], "RESOLVED"],
    [[], "CLOSED"],
    [["IN_PROGRESS"], "WAITING"],
    [["IN_PROGRESS"], "RESOLVED"],
    [["IN_PROGRESS"], "CLOSED"],
    [["WAITING"], "IN_PROGRESS"],
    [["WAITING"], "RESOLVED"],
    [["WAITING"], "CLOSED"],
    [["RESOLVED"], "CLOSED"],
  ])("after %j allows the move to %s, with a status note", async (path, to) => {
    const world = await createCaseWorld();
    const created = await openCase(world);
    for (const step of [...path, to]) {
      const result = await act(world, created.id, { intent: "status", to: step });
      expect(result.status).toBe(200);
    }
    const stored = await prisma.shortfallCase.findUniqueOrThrow({ where: { id: created.id }, include: { notes: true } });
    expect(stored.status).toBe(to);
    expect(stored.notes.filter((n) => n.type === "status")).toHaveLength(path.length + 1);
  });

  it("refuses a forbidden move with 409 and changes nothing", async () => {
    const world = await createCaseWorld();
    const created = await openCase(world);
    expect((await act(world, created.id, { intent: "status", to: "CLOSED" })).status).toBe(200);
    const refused = await act(world, created.id, { intent: "status", to: "IN_PROGRESS" });
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({ error: "A closed case cannot move to in progress" });
    expect((await prisma.shortfallCase.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("CLOSED");
    expect(await prisma.caseNote.count({ where: { caseId: created.id, type: "status" } })).toBe(1);
  });

  it("resolves with the offer that fixed it, and reopening clears the resolution", async () => {
    const world = await createCaseWorld();
    const created = await openCase(world);
    const offer = await createOffer(world.provider.id, { siteId: world.site.id });
    expect((await act(world, created.id, { intent: "status", to: "RESOLVED", resolvedByOfferId: offer.id })).status).toBe(200);
    let stored = await prisma.shortfallCase.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ status: "RESOLVED", resolvedByOfferId: offer.id });
    expect(stored.resolvedAt).toBeInstanceOf(Date);

    expect((await act(world, created.id, { intent: "status", to: "IN_PROGRESS" })).status).toBe(200);
    stored = await prisma.shortfallCase.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ status: "IN_PROGRESS", resolvedByOfferId: null, resolvedAt: null });
    const notes = await prisma.caseNote.findMany({ where: { caseId: created.id, type: "status" }, orderBy: { createdAt: "asc" } });
    expect(notes.at(-1)?.body).toContain("Reopened");
  });

  it("refuses a fixing offer of another region or that does not exist, with 400 on the field", async () => {
    const world = await createCaseWorld();
    const created = await openCase(world);
    const elsewhere = await createOffer(world.otherProvider.id, { siteId: world.otherSite.id });
    const attempts: Record<string, string>[] = [{ resolvedByOfferId: elsewhere.id }, { resolvedByOfferId: "nope" }, { resolvedByAllocationId: "nope" }];
    for (const form of attempts) {
      const refused = await act(world, created.id, { intent: "status", to: "RESOLVED", ...form });
      expect(refused.status).toBe(400);
      expect(refused.data).toMatchObject({ field: Object.keys(form)[0] });
    }
    expect((await prisma.shortfallCase.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("OPEN");
  });
});

describe("the case page's forms", () => {
  it("answers each successful action with a new form key, so the page clears what was typed; a refusal carries none", async () => {
    const world = await createCaseWorld();
    const created = await openCase(world);
    const first = await act(world, created.id, { intent: "note", body: "Rang the trust" });
    const second = await act(world, created.id, { intent: "note", body: "Trust rang back" });
    const keyOf = (result: { data: unknown }) => (result.data as { doneKey: string | null }).doneKey;
    expect(keyOf(first)).toEqual(expect.any(String));
    expect(keyOf(second)).toEqual(expect.any(String));
    expect(keyOf(second)).not.toBe(keyOf(first));
    const refused = await act(world, created.id, { intent: "status", to: "RESOLVED", resolvedByOfferId: "nope" });
    expect(refused.status).toBe(400);
    expect(keyOf(refused)).toBeNull();
  });
});

describe("permissions", () => {
  it("shows a facilitator only their region's cases and answers 404 for another region's", async () => {
    const world = await createCaseWorld();
    const ours = await openCase(world);
    const theirs = await createCase(world.otherFacilitator.user, { kind: "OTHER", severity: "LOW", title: "Elsewhere", organisationIds: [], studentsAffected: 0 });

    const listed = (await call(indexLoader, "/facilitator/cases", { as: world.facilitator.signed })).data as { cases: { id: string }[] };
    expect(listed.cases.map((c) => c.id)).toEqual([ours.id]);
    expect((await call(caseLoader, `/facilitator/cases/${theirs.id}`, { as: world.facilitator.signed, params: { caseId: theirs.id } })).status).toBe(404);
    expect((await act(world, theirs.id, { intent: "note", body: "sneaky" })).status).toBe(404);
    expect(await prisma.caseNote.count({ where: { caseId: theirs.id, type: "note" } })).toBe(0);

    type Board = { columns: { status: string; count: number; cards: { id: string }[] }[] };
    const board = (await call(boardLoader, "/facilitator/cases/board", { as: world.facilitator.signed })).data as Board;
    expect(board.columns.find((c) => c.status === "OPEN")).toMatchObject({ count: 1, cards: [{ id: ours.id }] });
    const adminBoard = (await call(boardLoader, "/facilitator/cases/board", { as: world.admin.signed })).data as Board;
    const adminOpen = adminBoard.columns.find((c) => c.status === "OPEN")?.cards.map((c) => c.id) ?? [];
    expect(adminOpen).toEqual(expect.arrayContaining([ours.id, theirs.id]));
    expect((await call(caseLoader, `/facilitator/cases/${theirs.id}`, { as: world.admin.signed, params: { caseId: theirs.id } })).status).toBe(200);
  });

  it("answers 403 to every other role on every case page", async () => {
    const world = await createCaseWorld();
    const created = await openCase(world);
    for (const as of [world.educator.signed, world.universityUser.signed]) {
      expect((await call(indexLoader, "/facilitator/cases", { as })).status).toBe(403);
      expect((await call(boardLoader, "/facilitator/cases/board", { as })).status).toBe(403);
      expect((await call(newLoader, "/facilitator/cases/new", { as })).status).toBe(403);
      expect((await call(caseLoader, `/facilitator/cases/${created.id}`, { as, params: { caseId: created.id } })).status).toBe(403);
      expect((await act(world, created.id, { intent: "status", to: "CLOSED" }, as)).status).toBe(403);
    }
    expect((await prisma.shortfallCase.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("OPEN");
  });
});

describe("creating, listing and assigning", () => {
  it("creates a case by hand and notifies the owner", async () => {
    const world = await createCaseWorld();
    const result = await call(newAction, "/facilitator/cases/new", {
      as: world.facilitator.signed,
      form: {
        kind: "CANCELLATION",
        severity: "CRITICAL",
        title: "Late cancellation at the trust",
        profession: "OT",
        organisationIds: [world.provider.id, world.university.id],
        studentsAffected: "3",
        ownerId: world.colleague.user.id,
        dueOn: "2027-01-10",
      },
    });
    expect(result.status).toBe(302);
    const created = await prisma.shortfallCase.findFirstOrThrow({ where: { title: "Late cancellation at the trust" } });
    expect(created).toMatchObject({ regionId: world.region.id, kind: "CANCELLATION", severity: "CRITICAL", profession: "OT", studentsAffected: 3, ownerId: world.colleague.user.id });
    expect(created.dueOn?.toISOString()).toBe("2027-01-10T00:00:00.000Z");
    expect(await notificationsOf(world.colleague.user.id, "case-assigned")).toHaveLength(1);
  });

  it("lets an administrator open a case in a region they choose", async () => {
    const world = await createCaseWorld();
    const form = { kind: "QUALITY", severity: "LOW", title: "Audit lapsed", studentsAffected: "0", organisationIds: [world.otherProvider.id] };
    expect(await call(newAction, "/facilitator/cases/new", { as: world.admin.signed, form })).toMatchObject({ status: 400, data: { field: "regionId" } });
    const created = await call(newAction, "/facilitator/cases/new", { as: world.admin.signed, form: { ...form, regionId: world.otherRegion.id, ownerId: world.otherFacilitator.user.id } });
    expect(created.status).toBe(302);
    expect(await prisma.shortfallCase.findFirstOrThrow({ where: { title: "Audit lapsed" } })).toMatchObject({ regionId: world.otherRegion.id, ownerId: world.otherFacilitator.user.id });
  });

  it("refuses organisations or owners from another region with 400, saving nothing", async () => {
    const world = await createCaseWorld();
    const base = { kind: "OTHER", severity: "LOW", title: "A problem", studentsAffected: "0" };
    const badOrg = await call(newAction, "/facilitator/cases/new", { as: world.facilitator.signed, form: { ...base, organisationIds: [world.otherProvider.id] } });
    expect(badOrg).toMatchObject({ status: 400, data: { field: "organisationIds" } });
    const badOwner = await call(newAction, "/facilitator/cases/new", { as: world.facilitator.signed, form: { ...base, ownerId: world.otherFacilitator.user.id } });
    expect(badOwner).toMatchObject({ status: 400, data: { field: "ownerId" } });
    const badTitle = await call(newAction, "/facilitator/cases/new", { as: world.facilitator.signed, form: { ...base, title: "" } });
    expect(badTitle).toMatchObject({ status: 400, data: { field: "title" } });
    expect(await prisma.shortfallCase.count({ where: { regionId: world.region.id } })).toBe(0);
  });

  it("filters by owner, status and organisation in the database, and counts ageing", async () => {
    const world = await createCaseWorld();
    const mine = await openCase(world, { ownerId: world.facilitator.user.id });
    const unassigned = await openCase(world, { organisationIds: [world.lowProvider.id] });
    await prisma.shortfallCase.update({ where: { id: unassigned.id }, data: { createdAt: new Date(Date.now() - 40 * 86_400_000) } });
    const ids = async (query: string) =>
      ((await call(indexLoader, `/facilitator/cases${query}`, { as: world.facilitator.signed })).data as { cases: { id: string }[] }).cases.map((c) => c.id);
    expect(await ids("?owner=me")).toEqual([mine.id]);
    expect(await ids("?owner=unassigned")).toEqual([unassigned.id]);
    expect(await ids(`?provider=${world.lowProvider.id}`)).toEqual([unassigned.id]);
    expect(await ids(`?university=${world.university.id}`)).toEqual([mine.id]);
    expect(await ids("?status=CLOSED")).toEqual([]);
    const page = (await call(indexLoader, "/facilitator/cases", { as: world.facilitator.signed })).data as { ageing: { key: string; count: number }[] };
    expect(page.ageing.map((b) => b.count)).toEqual([1, 0, 1, 0]);
  });

  it("assigns an owner of the region only", async () => {
    const world = await createCaseWorld();
    const created = await openCase(world);
    expect((await act(world, created.id, { intent: "assign", ownerId: world.otherFacilitator.user.id })).status).toBe(400);
    expect((await act(world, created.id, { intent: "assign", ownerId: world.colleague.user.id })).status).toBe(200);
    expect((await prisma.shortfallCase.findUniqueOrThrow({ where: { id: created.id } })).ownerId).toBe(world.colleague.user.id);
    expect(await notificationsOf(world.colleague.user.id, "case-assigned")).toHaveLength(1);
  });
});

describe("actions", () => {
  it("messages the provider's educators only, in the portal with a link to /support, and records it", async () => {
    const world = await createCaseWorld();
    const created = await openCase(world);
    const result = await act(world, created.id, { intent: "message", organisationId: world.provider.id, body: "Could you take two more PT students in January?" });
    expect(result.status).toBe(200);
    expect(await notificationsOf(world.educator.user.id, "case-message")).toEqual([
      expect.objectContaining({ body: "Could you take two more PT students in January?", link: "/support" }),
    ]);
    expect(await notificationsOf(world.lowEducator.user.id, "case-message")).toHaveLength(0);
    expect(await notificationsOf(world.universityUser.user.id, "case-message")).toHaveLength(0);
    expect(await prisma.caseNote.count({ where: { caseId: created.id, type: "message-sent" } })).toBe(1);
  });

  it("refuses to message a provider that is not involved", async () => {
    const world = await createCaseWorld();
    const created = await openCase(world);
    const refused = await act(world, created.id, { intent: "message", organisationId: world.lowProvider.id, body: "Hello there" });
    expect(refused).toMatchObject({ status: 400, data: { field: "organisationId" } });
    expect(await notificationsOf(world.lowEducator.user.id, "case-message")).toHaveLength(0);
    expect(await prisma.caseNote.count({ where: { caseId: created.id, type: "message-sent" } })).toBe(0);
  });

  it("proposes an offer with places to the university, linking to its booking page", async () => {
    const world = await createCaseWorld();
    const created = await openCase(world);
    const offer = await createOffer(world.lowProvider.id, { siteId: world.lowSite.id, slots: 3, start: "2030-01-01", end: "2030-02-01" });
    const full = await createOffer(world.lowProvider.id, { siteId: world.lowSite.id, slots: 1, start: "2030-01-01", end: "2030-02-01" });
    await prisma.offer.update({ where: { id: full.id }, data: { slotsTaken: 1 } });

    const detail = (await call(caseLoader, `/facilitator/cases/${created.id}`, { as: world.facilitator.signed, params: { caseId: created.id } })).data as {
      choices: Record<string, { id: string }[]>;
    };
    expect(detail.choices["open-offer"].map((o) => o.id)).toEqual([offer.id]);

    expect((await act(world, created.id, { intent: "propose", organisationId: world.university.id, offerId: full.id })).status).toBe(409);
    expect((await act(world, created.id, { intent: "propose", organisationId: world.university.id, offerId: offer.id })).status).toBe(200);
    expect(await notificationsOf(world.universityUser.user.id, "case-message")).toEqual([expect.objectContaining({ link: `/university/book/${offer.id}` })]);
    expect(await notificationsOf(world.educator.user.id, "case-message")).toHaveLength(0);
    expect(await prisma.caseNote.count({ where: { caseId: created.id, type: "offer-proposed" } })).toBe(1);
  });

  it("asks only providers below amber for the case's profession to post capacity", async () => {
    const world = await createCaseWorld();
    const created = await openCase(world);
    // Demand 10 PT in the current academic year; each provider's fair share is 5.
    const year = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
    await prisma.workforce.createMany({
      data: [
        { organisationId: world.provider.id, profession: "PT", year, wte: 10 },
        { organisationId: world.lowProvider.id, profession: "PT", year, wte: 10 },
      ],
    });
    const { createRequest } = await import("../helpers/marketplace");
    await createRequest(world.university.id, { students: 10, start: `${year + 1}-01-11`, end: `${year + 1}-02-05` });
    await createOffer(world.provider.id, { siteId: world.site.id, slots: 6, start: `${year + 1}-01-04`, end: `${year + 1}-02-26` });
    await createOffer(world.lowProvider.id, { siteId: world.lowSite.id, slots: 4, start: `${year + 1}-01-04`, end: `${year + 1}-02-26` });

    const result = await act(world, created.id, { intent: "ask-capacity" });
    expect(result).toMatchObject({ status: 200, data: { done: "Asked 1 provider to post capacity" } });
    expect(await notificationsOf(world.lowEducator.user.id, "capacity-asked")).toHaveLength(1);
    expect(await notificationsOf(world.educator.user.id, "capacity-asked")).toHaveLength(0);
    const note = await prisma.caseNote.findFirstOrThrow({ where: { caseId: created.id, type: "capacity-asked" } });
    expect(note.body).toContain("Asked 1 provider");
    expect(note.body).toContain(world.lowProvider.name);
  });
});

describe("support requests", () => {
  it("lets a provider ask for support, shows it to the region's facilitators, and turns it into a case once", async () => {
    const world = await createCaseWorld();
    const sent = await call(supportAction, "/support", { as: world.educator.signed, form: { topic: "capacity", body: "We have lost two PT educators and need help." } });
    expect(sent).toMatchObject({ status: 200, data: { sent: true } });
    const asked = await prisma.supportRequest.findFirstOrThrow({ where: { organisationId: world.provider.id } });
    expect(asked).toMatchObject({ organisationId: world.provider.id, regionId: world.region.id, authorId: world.educator.user.id, caseId: null });

    const bad = await call(supportAction, "/support", { as: world.educator.signed, form: { topic: "capacity", body: "short" } });
    expect(bad).toMatchObject({ status: 400, data: { field: "body", result: { error: { body: ["Describe the challenge in 10 characters or more"] } } } });
    // Like every other form: a missing choice is answered next to its field, not by the browser.
    const noTopic = await call(supportAction, "/support", { as: world.educator.signed, form: { body: "We have lost two PT educators and need help." } });
    expect(noTopic).toMatchObject({ status: 400, data: { field: "topic", result: { error: { topic: ["Choose what you need support with"] } } } });

    // Only the asker's organisation sees it; the other region's facilitators do not.
    expect(((await call(supportLoader, "/support", { as: world.educator.signed })).data as { requests: unknown[] }).requests).toHaveLength(1);
    expect(((await call(supportLoader, "/support", { as: world.lowEducator.signed })).data as { requests: unknown[] }).requests).toHaveLength(0);
    expect((await call(supportLoader, "/support", { as: world.facilitator.signed })).status).toBe(403);
    const theirList = (await call(indexLoader, "/facilitator/cases", { as: world.otherFacilitator.signed })).data as { support: { total: number } };
    expect(theirList.support.total).toBe(0);
    const ourList = (await call(indexLoader, "/facilitator/cases", { as: world.facilitator.signed })).data as { support: { total: number } };
    expect(ourList.support.total).toBe(1);

    const form = { intent: "support-to-case", supportRequestId: asked.id };
    expect((await call(indexAction, "/facilitator/cases", { as: world.otherFacilitator.signed, form })).status).toBe(404);
    const turned = await call(indexAction, "/facilitator/cases", { as: world.facilitator.signed, form });
    expect(turned.status).toBe(302);
    const created = await prisma.shortfallCase.findFirstOrThrow({ where: { regionId: world.region.id }, include: { notes: true } });
    expect(turned.response?.headers.get("Location")).toBe(`/facilitator/cases/${created.id}`);
    expect(created).toMatchObject({ kind: "SUPPORT_REQUEST", regionId: world.region.id, organisationIds: [world.provider.id] });
    expect(created.notes[0].body).toBe("We have lost two PT educators and need help.");
    expect((await prisma.supportRequest.findUniqueOrThrow({ where: { id: asked.id } })).caseId).toBe(created.id);

    const again = await call(indexAction, "/facilitator/cases", { as: world.facilitator.signed, form });
    expect(again.status).toBe(409);
    expect(await prisma.shortfallCase.count({ where: { regionId: world.region.id } })).toBe(1);
  });
});
