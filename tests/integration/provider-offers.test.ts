import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { bookOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { action as offerAction, loader as offerLoader } from "~/routes/provider.offers.$offerId";
import { loader as listLoader } from "~/routes/provider.offers._index";
import { action as newOfferAction, loader as newOfferLoader } from "~/routes/provider.offers.new";
import { useTestDatabase } from "../helpers/database";
import { bannerAfter } from "../helpers/flash";
import { createOffer, createRequest } from "../helpers/marketplace";
import { call, createProviderWorld, offerForm, signedInAs } from "./provider-fixtures";

useTestDatabase();

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const locationOf = (result: { response: Response | null }) => result.response?.headers.get("Location") ?? "";
const text = (value: unknown) => JSON.stringify(value);

async function createViaForm(world: Awaited<ReturnType<typeof createProviderWorld>>, overrides: Record<string, string | string[]> = {}) {
  const result = await call(newOfferAction, "/provider/offers/new", { as: world.signedIn, form: offerForm(world.site.id, overrides) });
  expect(result.status).toBe(302);
  const id = /\/provider\/offers\/([^?]+)/.exec(locationOf(result))?.[1] ?? "";
  return { result, offer: await prisma.offer.findUniqueOrThrow({ where: { id } }) };
}

describe("creating an offer", () => {
  it("saves a draft with every field and an audit event", async () => {
    const world = await createProviderWorld();
    const { result, offer } = await createViaForm(world);
    expect(locationOf(result)).toBe(`/provider/offers/${offer.id}`);
    expect(await bannerAfter(result.response, world.signedIn)).toBe("Your changes have been saved.");
    expect(offer).toMatchObject({
      providerId: world.provider.id,
      siteId: world.site.id,
      profession: "PT",
      specialty: "MSK outpatients",
      startDate: day("2027-01-04"),
      endDate: day("2027-02-26"),
      slots: 3,
      slotsTaken: 0,
      supervisionModel: "ONE_TO_ONE",
      yearsOfStudy: [2, 3],
      notes: "Uniform provided",
      status: "DRAFT",
      publishedAt: null,
      createdById: world.educator.id,
    });
    const audit = await prisma.auditEvent.findMany({ where: { entityId: offer.id } });
    expect(audit.map((event) => event.action)).toEqual(["offer-created"]);
  });

  it("publishes straight away, with no years meaning any year and empty specialty stored as none", async () => {
    const world = await createProviderWorld();
    const { offer } = await createViaForm(world, { intent: "publish", yearsOfStudy: [], specialty: "", notes: "" });
    expect(offer).toMatchObject({ status: "PUBLISHED", yearsOfStudy: [], specialty: null, notes: null });
    expect(offer.publishedAt).toBeInstanceOf(Date);
  });

  it("lists only the provider's own sites in the form", async () => {
    const world = await createProviderWorld();
    const result = await call(newOfferLoader, "/provider/offers/new", { as: world.signedIn });
    const sites = (result.data as { sites: { id: string }[] }).sites.map((site) => site.id).sort();
    expect(sites).toEqual([world.site.id, world.secondSite.id].sort());
  });

  it.each([
    ["end before start", { endDate: "2027-01-01" }, "The end date must be after the start date"],
    ["a window over 52 weeks", { startDate: "2027-01-04", endDate: "2028-01-10" }, "An offer's window can be at most 52 weeks"],
    ["no slots", { slots: "0" }, "Offer at least 1 slot"],
    ["too many slots", { slots: "51" }, "Offer at most 50 slots"],
    ["fractional slots", { slots: "1.5" }, "Enter the number of slots as a whole number"],
    ["a long specialty", { specialty: "x".repeat(81) }, "Use 80 characters or fewer for the specialty"],
    ["long notes", { notes: "x".repeat(2001) }, "Use 2000 characters or fewer for the notes"],
    ["year 5", { yearsOfStudy: ["2", "5"] }, "Years of study are 1, 2, 3 or 4"],
    ["no supervision model", { supervisionModel: "" }, "Choose the supervision model"],
  ])("refuses %s with 400 and saves nothing", async (_name, overrides, message) => {
    const world = await createProviderWorld();
    const result = await call(newOfferAction, "/provider/offers/new", { as: world.signedIn, form: offerForm(world.site.id, overrides) });
    expect(result.status).toBe(400);
    expect(text(result.data)).toContain(message);
    expect(await prisma.offer.count({ where: { providerId: world.provider.id } })).toBe(0);
  });

  it("refuses a site of another provider with 400", async () => {
    const world = await createProviderWorld();
    const result = await call(newOfferAction, "/provider/offers/new", { as: world.signedIn, form: offerForm(world.otherSite.id) });
    expect(result.status).toBe(400);
    expect(text(result.data)).toContain("Choose one of your organisation's sites");
    expect(await prisma.offer.count({ where: { OR: [{ providerId: world.provider.id }, { siteId: world.otherSite.id }] } })).toBe(0);
  });

  it("refuses every role but educators with 403, and a missing CSRF token", async () => {
    const world = await createProviderWorld();
    const offer = await createOffer(world.provider.id, { siteId: world.site.id });
    for (const [role, organisationId] of [
      ["UNIVERSITY", world.university.id],
      ["STUDENT", world.university.id],
      ["FACILITATOR", null],
      ["ADMIN", null],
    ] as const) {
      const signed = await signedInAs(role, organisationId, role === "FACILITATOR" ? world.region.id : null);
      expect((await call(listLoader, "/provider/offers", { as: signed })).status).toBe(403);
      expect((await call(newOfferLoader, "/provider/offers/new", { as: signed })).status).toBe(403);
      expect((await call(newOfferAction, "/provider/offers/new", { as: signed, form: offerForm(world.site.id) })).status).toBe(403);
      const params = { offerId: offer.id };
      expect((await call(offerLoader, `/provider/offers/${offer.id}`, { as: signed, params })).status).toBe(403);
      expect((await call(offerAction, `/provider/offers/${offer.id}`, { as: signed, params, form: { intent: "withdraw", reason: "Not mine" } })).status).toBe(403);
    }
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe("PUBLISHED");
    const noToken = await call(newOfferAction, "/provider/offers/new", { as: world.signedIn, form: offerForm(world.site.id), withCsrf: false });
    expect(noToken.status).toBe(403);
    expect(await prisma.offer.count({ where: { providerId: world.provider.id } })).toBe(1);
  });

  it("sends a signed-out visitor to sign in", async () => {
    const result = await call(listLoader, "/provider/offers");
    expect(result.status).toBe(302);
    expect(locationOf(result)).toMatch(/^\/sign-in\?redirectTo=/);
  });
});

describe("editing and publishing", () => {
  it("edits a draft, then publishes it", async () => {
    const world = await createProviderWorld();
    const { offer } = await createViaForm(world);
    const path = `/provider/offers/${offer.id}`;
    const params = { offerId: offer.id };
    const saved = await call(offerAction, path, {
      as: world.signedIn,
      params,
      form: offerForm(world.secondSite.id, { intent: "save-draft", slots: "5", specialty: "Neuro", profession: "OT", supervisionModel: "PEER_ASSISTED" }),
    });
    expect(saved.status).toBe(302);
    expect(locationOf(saved)).toBe(path);
    expect(await bannerAfter(saved.response, world.signedIn)).toBe("Your changes have been saved.");
    expect(await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).toMatchObject({
      siteId: world.secondSite.id,
      slots: 5,
      specialty: "Neuro",
      profession: "OT",
      supervisionModel: "PEER_ASSISTED",
      status: "DRAFT",
    });

    const published = await call(offerAction, path, { as: world.signedIn, params, form: offerForm(world.site.id, { intent: "publish" }) });
    expect(locationOf(published)).toBe(path);
    expect(await bannerAfter(published.response, world.signedIn)).toBe("The offer is published: universities can now book it.");
    const after = await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } });
    expect(after.status).toBe("PUBLISHED");
    expect(after.publishedAt).toBeInstanceOf(Date);
    const actions = (await prisma.auditEvent.findMany({ where: { entityId: offer.id }, orderBy: { createdAt: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(["offer-created", "offer-updated", "offer-published"]);
  });

  it("edits a published offer with the same validation, and it stays published", async () => {
    const world = await createProviderWorld();
    const offer = await createOffer(world.provider.id, { siteId: world.site.id, slots: 2 });
    const params = { offerId: offer.id };
    const ok = await call(offerAction, `/provider/offers/${offer.id}`, { as: world.signedIn, params, form: offerForm(world.site.id, { intent: "save", slots: "6" }) });
    expect(ok.status).toBe(302);
    expect(await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).toMatchObject({ slots: 6, status: "PUBLISHED" });

    const bad = await call(offerAction, `/provider/offers/${offer.id}`, {
      as: world.signedIn,
      params,
      form: offerForm(world.site.id, { intent: "save", endDate: "2026-12-01" }),
    });
    expect(bad.status).toBe(400);
    expect(text(bad.data)).toContain("The end date must be after the start date");
  });

  it("refuses slots below the students already allocated, with 400 and nothing changed", async () => {
    const world = await createProviderWorld();
    const offer = await createOffer(world.provider.id, { siteId: world.site.id, slots: 4 });
    const request = await createRequest(world.university.id, { students: 3 });
    await bookOffer(world.universityUser, { offerId: offer.id, requestId: request.id, students: 3 });
    const result = await call(offerAction, `/provider/offers/${offer.id}`, {
      as: world.signedIn,
      params: { offerId: offer.id },
      form: offerForm(world.site.id, { intent: "save", slots: "2" }),
    });
    expect(result.status).toBe(400);
    expect(text(result.data)).toContain("3 students are already allocated: offer at least 3 slots");
    expect(await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).toMatchObject({ slots: 4, slotsTaken: 3 });

    const exactly = await call(offerAction, `/provider/offers/${offer.id}`, {
      as: world.signedIn,
      params: { offerId: offer.id },
      form: offerForm(world.site.id, { intent: "save", slots: "3" }),
    });
    expect(exactly.status).toBe(302);
  });

  it("refuses new dates that no longer cover a live allocation's block", async () => {
    const world = await createProviderWorld();
    const offer = await createOffer(world.provider.id, { siteId: world.site.id, slots: 4 });
    const request = await createRequest(world.university.id, { students: 1 });
    await bookOffer(world.universityUser, { offerId: offer.id, requestId: request.id, students: 1 });
    const result = await call(offerAction, `/provider/offers/${offer.id}`, {
      as: world.signedIn,
      params: { offerId: offer.id },
      form: offerForm(world.site.id, { intent: "save", startDate: "2027-01-18" }),
    });
    expect(result.status).toBe(400);
    expect(text(result.data)).toContain("The offer's dates do not cover the placement block");
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).startDate).toEqual(day("2027-01-04"));
  });

  it("refuses a site of another provider on edit with 400", async () => {
    const world = await createProviderWorld();
    const offer = await createOffer(world.provider.id, { siteId: world.site.id });
    const result = await call(offerAction, `/provider/offers/${offer.id}`, {
      as: world.signedIn,
      params: { offerId: offer.id },
      form: offerForm(world.otherSite.id, { intent: "save" }),
    });
    expect(result.status).toBe(400);
    expect(text(result.data)).toContain("Choose one of your organisation's sites");
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).siteId).toBe(world.site.id);
  });

  it("answers 404 for another provider's offer, to read, edit or withdraw, and changes nothing", async () => {
    const world = await createProviderWorld();
    const theirs = await createOffer(world.otherProvider.id, { siteId: world.otherSite.id });
    const path = `/provider/offers/${theirs.id}`;
    const params = { offerId: theirs.id };
    expect((await call(offerLoader, path, { as: world.signedIn, params })).status).toBe(404);
    expect((await call(offerAction, path, { as: world.signedIn, params, form: offerForm(world.site.id, { intent: "save" }) })).status).toBe(404);
    expect((await call(offerAction, path, { as: world.signedIn, params, form: { intent: "withdraw", reason: "Mine now" } })).status).toBe(404);
    expect((await call(offerLoader, "/provider/offers/nope", { as: world.signedIn, params: { offerId: "nope" } })).status).toBe(404);
    expect(await prisma.offer.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ status: "PUBLISHED", siteId: world.otherSite.id });
  });
});

describe("withdrawing an offer", () => {
  it("requires a reason (400) and keeps the offer published", async () => {
    const world = await createProviderWorld();
    const offer = await createOffer(world.provider.id, { siteId: world.site.id });
    for (const reason of ["", "   "]) {
      const result = await call(offerAction, `/provider/offers/${offer.id}`, { as: world.signedIn, params: { offerId: offer.id }, form: { intent: "withdraw", reason } });
      expect(result.status).toBe(400);
      expect(text(result.data)).toContain("Give a reason for withdrawing");
    }
    const long = await call(offerAction, `/provider/offers/${offer.id}`, { as: world.signedIn, params: { offerId: offer.id }, form: { intent: "withdraw", reason: "x".repeat(501) } });
    expect(long.status).toBe(400);
    expect((await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe("PUBLISHED");
  });

  it("withdraws, cancelling live allocations and giving their places back to the requests, in one go", async () => {
    const world = await createProviderWorld();
    const offer = await createOffer(world.provider.id, { siteId: world.site.id, slots: 6 });
    const first = await createRequest(world.university.id, { students: 2 });
    const second = await createRequest(world.university.id, { students: 3 });
    const third = await createRequest(world.university.id, { students: 1 });
    const proposed = await bookOffer(world.universityUser, { offerId: offer.id, requestId: first.id, students: 2 });
    const confirmed = await bookOffer(world.universityUser, { offerId: offer.id, requestId: second.id, students: 1 });
    await transitionAllocation(world.educator, { allocationId: confirmed.id, to: "CONFIRMED" });
    const declined = await bookOffer(world.universityUser, { offerId: offer.id, requestId: third.id, students: 1 });
    await transitionAllocation(world.educator, { allocationId: declined.id, to: "DECLINED", reason: "No supervisor that week" });
    expect(await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).toMatchObject({ slotsTaken: 3 });
    expect(await prisma.placementRequest.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ studentsAllocated: 2, status: "FULLY_ALLOCATED" });

    const result = await call(offerAction, `/provider/offers/${offer.id}`, {
      as: world.signedIn,
      params: { offerId: offer.id },
      form: { intent: "withdraw", reason: "Ward closed for refurbishment" },
    });
    expect(result.status).toBe(302);
    expect(locationOf(result)).toBe(`/provider/offers/${offer.id}`);
    expect(await bannerAfter(result.response, world.signedIn)).toBe(
      "The offer has been withdrawn. 2 allocations were cancelled: 3 students need another placement. The universities and the region's placement facilitators can see this.",
    );

    const after = await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } });
    expect(after).toMatchObject({ status: "WITHDRAWN", withdrawnReason: "Ward closed for refurbishment", slotsTaken: 0 });
    expect(after.withdrawnAt).toBeInstanceOf(Date);
    const statuses = Object.fromEntries(
      (await prisma.allocation.findMany({ where: { offerId: offer.id }, select: { id: true, status: true } })).map((a) => [a.id, a.status]),
    );
    expect(statuses).toEqual({ [proposed.id]: "CANCELLED", [confirmed.id]: "CANCELLED", [declined.id]: "DECLINED" });
    expect(await prisma.placementRequest.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ studentsAllocated: 0, status: "OPEN" });
    expect(await prisma.placementRequest.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ studentsAllocated: 0, status: "OPEN" });
    const events = await prisma.allocationEvent.findMany({ where: { allocationId: confirmed.id, toStatus: "CANCELLED" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ fromStatus: "CONFIRMED", actorId: world.educator.id, reason: "Offer withdrawn: Ward closed for refurbishment" });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: offer.id, action: "offer-withdrawn" } });
    expect(audit).toMatchObject({ actorId: world.educator.id, entityType: "Offer" });
    expect(audit.details).toMatchObject({ allocationsCancelled: 2, studentsAffected: 3 });
  });

  it("refuses to change or withdraw a withdrawn offer with 409", async () => {
    const world = await createProviderWorld();
    const offer = await createOffer(world.provider.id, { siteId: world.site.id, status: "WITHDRAWN" });
    const params = { offerId: offer.id };
    const edit = await call(offerAction, `/provider/offers/${offer.id}`, { as: world.signedIn, params, form: offerForm(world.site.id, { intent: "save" }) });
    expect(edit.status).toBe(409);
    const again = await call(offerAction, `/provider/offers/${offer.id}`, { as: world.signedIn, params, form: { intent: "withdraw", reason: "Again" } });
    expect(again.status).toBe(409);
    expect(text(again.data)).toContain("already been withdrawn");
  });

  it("shows the offer's allocations with the university, students and status", async () => {
    const world = await createProviderWorld();
    const offer = await createOffer(world.provider.id, { siteId: world.site.id, slots: 3 });
    const request = await createRequest(world.university.id, { students: 2 });
    const allocation = await bookOffer(world.universityUser, { offerId: offer.id, requestId: request.id, students: 2 });
    const result = await call(offerLoader, `/provider/offers/${offer.id}`, { as: world.signedIn, params: { offerId: offer.id } });
    expect(result.status).toBe(200);
    const loaded = result.data as { offer: { allocations: { id: string; students: number; status: string; request: { university: { name: string } } }[] } };
    expect(loaded.offer.allocations).toEqual([
      expect.objectContaining({ id: allocation.id, students: 2, status: "PROPOSED", request: expect.objectContaining({ university: { name: world.university.name } }) }),
    ]);
  });
});

describe("the offers list", () => {
  it("filters by status (filled derived), profession, site and overlapping dates, only ever the provider's own", async () => {
    const world = await createProviderWorld();
    const draft = await createOffer(world.provider.id, { siteId: world.site.id, status: "DRAFT", profession: "OT" });
    const open = await createOffer(world.provider.id, { siteId: world.site.id, slots: 2, start: "2027-03-01", end: "2027-04-30" });
    const filled = await createOffer(world.provider.id, { siteId: world.secondSite.id, slots: 1 });
    await prisma.offer.update({ where: { id: filled.id }, data: { slotsTaken: 1 } });
    const withdrawn = await createOffer(world.provider.id, { siteId: world.site.id, status: "WITHDRAWN" });
    await createOffer(world.otherProvider.id, { siteId: world.otherSite.id });

    const ids = async (query: string) => {
      const result = await call(listLoader, `/provider/offers${query}`, { as: world.signedIn });
      return (result.data as { offers: { id: string }[] }).offers.map((offer) => offer.id).sort();
    };
    expect(await ids("")).toEqual([draft.id, open.id, filled.id, withdrawn.id].sort());
    expect(await ids("?status=draft")).toEqual([draft.id]);
    expect(await ids("?status=published")).toEqual([open.id]);
    expect(await ids("?status=filled")).toEqual([filled.id]);
    expect(await ids("?status=withdrawn")).toEqual([withdrawn.id]);
    expect(await ids("?profession=OT")).toEqual([draft.id]);
    expect(await ids(`?siteId=${world.secondSite.id}`)).toEqual([filled.id]);
    expect(await ids(`?siteId=${world.otherSite.id}`)).toEqual([]);
    expect(await ids("?from=2027-03-15")).toEqual([open.id]);
    expect(await ids("?to=2027-02-01")).toEqual([draft.id, filled.id, withdrawn.id].sort());
    expect(await ids("?status=bogus&profession=NOPE")).toHaveLength(4);
  });

  it("pages in the database, 25 to a page", async () => {
    const world = await createProviderWorld();
    await prisma.offer.createMany({
      data: Array.from({ length: 30 }, (_, index) => ({
        providerId: world.provider.id,
        siteId: world.site.id,
        profession: "PT" as const,
        startDate: day(`2027-01-${String(index + 1).padStart(2, "0")}`),
        endDate: day("2027-03-31"),
        slots: 2,
        supervisionModel: "ONE_TO_ONE" as const,
        yearsOfStudy: [],
      })),
    });
    const first = await call(listLoader, "/provider/offers", { as: world.signedIn });
    const second = await call(listLoader, "/provider/offers?page=2", { as: world.signedIn });
    const page = (result: typeof first) => result.data as { offers: { startDate: Date }[]; window: { page: number; pageCount: number; total: number } };
    expect(page(first).offers).toHaveLength(25);
    expect(page(first).window).toMatchObject({ page: 1, pageCount: 2, total: 30 });
    expect(page(second).offers).toHaveLength(5);
    expect(page(second).offers[0].startDate).toEqual(day("2027-01-26"));
  });
});
