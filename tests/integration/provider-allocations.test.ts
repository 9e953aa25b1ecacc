import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { bookOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { action, loader } from "~/routes/provider.allocations";
import { useTestDatabase } from "../helpers/database";
import { createOffer, createRequest } from "../helpers/marketplace";
import { bannerAfter } from "../helpers/flash";
import { call, createProviderWorld, signedInAs } from "./provider-fixtures";

useTestDatabase();

type World = Awaited<ReturnType<typeof createProviderWorld>>;
interface Listed {
  allocations: { id: string; status: string; students: number; request: { reasonableAdjustments: string | null; university: { name: string } } }[];
  counts: Record<string, number>;
  filters: { status: string };
  window: { total: number };
}

async function proposeOnOwnOffer(world: World, options: { students?: number; adjustments?: string } = {}) {
  const offer = await createOffer(world.provider.id, { siteId: world.site.id, slots: 4 });
  const request = await createRequest(world.university.id, { students: 3, reasonableAdjustments: options.adjustments });
  const allocation = await bookOffer(world.universityUser, { offerId: offer.id, requestId: request.id, students: options.students ?? 2 });
  return { offer, request, allocation };
}

const list = async (world: World, query = "") => (await call(loader, `/provider/allocations${query}`, { as: world.signedIn })).data as Listed;
const decide = (world: World, form: Record<string, string>, as = world.signedIn) => call(action, "/provider/allocations", { as, form });

describe("allocations proposed to a provider", () => {
  it("lists the proposed ones by default, with the request's reasonable adjustments, and never another provider's", async () => {
    const world = await createProviderWorld();
    const { allocation } = await proposeOnOwnOffer(world, { adjustments: "Step-free access needed" });
    const theirs = await createOffer(world.otherProvider.id, { siteId: world.otherSite.id, slots: 4 });
    const request = await createRequest(world.university.id, { students: 1 });
    await bookOffer(world.universityUser, { offerId: theirs.id, requestId: request.id, students: 1 });

    const listed = await list(world);
    expect(listed.filters.status).toBe("PROPOSED");
    expect(listed.allocations.map((row) => row.id)).toEqual([allocation.id]);
    expect(listed.allocations[0].request).toMatchObject({ reasonableAdjustments: "Step-free access needed", university: { name: world.university.name } });
    expect(listed.counts).toEqual({ PROPOSED: 1 });
    expect((await list(world, "?status=CONFIRMED")).allocations).toEqual([]);
    expect((await list(world, "?status=all")).allocations).toHaveLength(1);
    expect((await list(world, "?status=NONSENSE")).filters.status).toBe("PROPOSED");
  });

  it("confirms an allocation", async () => {
    const world = await createProviderWorld();
    const { allocation, offer } = await proposeOnOwnOffer(world);
    const result = await decide(world, { allocationId: allocation.id, intent: "confirm" });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ allocationId: allocation.id, done: "confirmed", error: null });
    expect(await prisma.allocation.findUniqueOrThrow({ where: { id: allocation.id } })).toMatchObject({ status: "CONFIRMED" });
    expect(await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).toMatchObject({ slotsTaken: 2 });
    const event = await prisma.allocationEvent.findFirstOrThrow({ where: { allocationId: allocation.id, toStatus: "CONFIRMED" } });
    expect(event).toMatchObject({ fromStatus: "PROPOSED", actorId: world.educator.id });
    expect((await list(world, "?status=CONFIRMED")).allocations.map((row) => row.id)).toEqual([allocation.id]);
  });

  it("refuses to confirm twice with 409", async () => {
    const world = await createProviderWorld();
    const { allocation } = await proposeOnOwnOffer(world);
    expect((await decide(world, { allocationId: allocation.id, intent: "confirm" })).status).toBe(200);
    const again = await decide(world, { allocationId: allocation.id, intent: "confirm" });
    expect(again.status).toBe(409);
    expect(again.data).toMatchObject({ allocationId: allocation.id, done: null });
    expect(JSON.stringify(again.data)).toContain("cannot become confirmed by provider");
  });

  it("refuses to decline without a reason (400), then declines with one and gives the places back", async () => {
    const world = await createProviderWorld();
    const { allocation, offer, request } = await proposeOnOwnOffer(world);
    for (const reason of [undefined, "", "   "]) {
      const result = await decide(world, { allocationId: allocation.id, intent: "decline", ...(reason === undefined ? {} : { reason }) });
      expect(result.status).toBe(400);
      expect(result.data).toMatchObject({ allocationId: allocation.id, error: "Give a reason: the other side will see it" });
    }
    expect(await prisma.allocation.findUniqueOrThrow({ where: { id: allocation.id } })).toMatchObject({ status: "PROPOSED" });

    const declined = await decide(world, { allocationId: allocation.id, intent: "decline", reason: "No supervisor available that month" });
    expect(declined.data).toMatchObject({ done: "declined" });
    expect(await prisma.allocation.findUniqueOrThrow({ where: { id: allocation.id } })).toMatchObject({ status: "DECLINED" });
    expect(await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).toMatchObject({ slotsTaken: 0 });
    expect(await prisma.placementRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ studentsAllocated: 0, status: "OPEN" });
    const event = await prisma.allocationEvent.findFirstOrThrow({ where: { allocationId: allocation.id, toStatus: "DECLINED" } });
    expect(event.reason).toBe("No supervisor available that month");
  });

  it("hides reasonable adjustments once an allocation is no longer live", async () => {
    const world = await createProviderWorld();
    const { allocation } = await proposeOnOwnOffer(world, { adjustments: "Needs a quiet room" });
    await transitionAllocation(world.educator, { allocationId: allocation.id, to: "DECLINED", reason: "Full" });
    const listed = await list(world, "?status=DECLINED");
    expect(listed.allocations.map((row) => [row.id, row.request.reasonableAdjustments])).toEqual([[allocation.id, null]]);
  });

  it("answers 404 for another provider's allocation and changes nothing", async () => {
    const world = await createProviderWorld();
    const { allocation } = await proposeOnOwnOffer(world);
    const result = await decide(world, { allocationId: allocation.id, intent: "confirm" }, world.otherSignedIn);
    expect(result.status).toBe(404);
    expect(result.data).toMatchObject({ error: "Allocation not found" });
    const decline = await decide(world, { allocationId: allocation.id, intent: "decline", reason: "Not ours" }, world.otherSignedIn);
    expect(decline.status).toBe(404);
    expect(await prisma.allocation.findUniqueOrThrow({ where: { id: allocation.id } })).toMatchObject({ status: "PROPOSED" });
    expect((await call(loader, "/provider/allocations", { as: world.otherSignedIn })).data).toMatchObject({ allocations: [] });
  });

  it("refuses an unknown decision with 400 and other roles with 403", async () => {
    const world = await createProviderWorld();
    const { allocation } = await proposeOnOwnOffer(world);
    expect((await decide(world, { allocationId: allocation.id, intent: "complete" })).status).toBe(400);
    const university = await signedInAs("UNIVERSITY", world.university.id);
    expect((await call(loader, "/provider/allocations", { as: university })).status).toBe(403);
    expect((await decide(world, { allocationId: allocation.id, intent: "confirm" }, university)).status).toBe(403);
    const facilitator = await signedInAs("FACILITATOR", null, world.region.id);
    expect((await decide(world, { allocationId: allocation.id, intent: "confirm" }, facilitator)).status).toBe(403);
    expect(await prisma.allocation.findUniqueOrThrow({ where: { id: allocation.id } })).toMatchObject({ status: "PROPOSED" });
  });
});

describe("deciding on many proposed allocations at once", () => {
  const bulk = (world: World, form: Record<string, string | string[]>, as = world.signedIn) =>
    call(action, "/provider/allocations?index&status=PROPOSED", { as, form });
  const statuses = async (ids: string[]) =>
    (await prisma.allocation.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: { status: true } })).map((row) => row.status);

  it("confirms every chosen allocation, each with its own audit row and notification, and says how many", async () => {
    const world = await createProviderWorld();
    const chosen = [await proposeOnOwnOffer(world), await proposeOnOwnOffer(world), await proposeOnOwnOffer(world)];
    const ids = chosen.map(({ allocation }) => allocation.id);
    const result = await bulk(world, { intent: "confirm-selected", allocationIds: ids });
    expect(result.status).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/provider/allocations?status=PROPOSED");
    expect(await bannerAfter(result.response, world.signedIn)).toBe("Confirmed 3 allocations.");
    expect(await statuses(ids)).toEqual(["CONFIRMED", "CONFIRMED", "CONFIRMED"]);
    const events = await prisma.allocationEvent.findMany({ where: { allocationId: { in: ids }, toStatus: "CONFIRMED" } });
    expect(events.map((event) => [event.fromStatus, event.actorId])).toEqual(ids.map(() => ["PROPOSED", world.educator.id]));
    const told = await prisma.notification.findMany({ where: { userId: world.universityUser.id, kind: "allocation-confirmed" } });
    expect(told).toHaveLength(3);
  });

  it("declines every chosen allocation with the one reason, giving their places back; no reason is refused next to the field", async () => {
    const world = await createProviderWorld();
    const chosen = [await proposeOnOwnOffer(world), await proposeOnOwnOffer(world)];
    const ids = chosen.map(({ allocation }) => allocation.id);
    for (const reason of [undefined, "", "   "]) {
      const refused = await bulk(world, { intent: "decline-selected", allocationIds: ids, ...(reason === undefined ? {} : { reason }) });
      expect(refused.status).toBe(400);
      expect((refused.data as { result: { error: Record<string, string[]> } }).result.error.reason).toEqual(["Give a reason: each university will see it"]);
    }
    expect(await statuses(ids)).toEqual(["PROPOSED", "PROPOSED"]);
    const declined = await bulk(world, { intent: "decline-selected", allocationIds: ids, reason: "Ward closed for refurbishment" });
    expect(await bannerAfter(declined.response, world.signedIn)).toBe("Declined 2 allocations.");
    expect(await statuses(ids)).toEqual(["DECLINED", "DECLINED"]);
    for (const { offer } of chosen) expect(await prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).toMatchObject({ slotsTaken: 0 });
    const reasons = await prisma.allocationEvent.findMany({ where: { allocationId: { in: ids }, toStatus: "DECLINED" }, select: { reason: true } });
    expect(reasons).toEqual([{ reason: "Ward closed for refurbishment" }, { reason: "Ward closed for refurbishment" }]);
  });

  it("names the ones that could not move and still moves the rest", async () => {
    const world = await createProviderWorld();
    const first = await proposeOnOwnOffer(world);
    const second = await proposeOnOwnOffer(world);
    await transitionAllocation(world.educator, { allocationId: second.allocation.id, to: "CONFIRMED" });
    const result = await bulk(world, { intent: "confirm-selected", allocationIds: [first.allocation.id, second.allocation.id] });
    expect(result.status).toBe(302);
    const banner = await bannerAfter(result.response, world.signedIn);
    expect(banner).toMatch(new RegExp(`^Confirmed 1 allocation\\. 1 could not be confirmed: ${world.university.name}, BSc PT \\w+, 11 Jan 2027 – 5 Feb 2027 \\(it is confirmed by provider\\)\\.$`));
    expect(await statuses([first.allocation.id])).toEqual(["CONFIRMED"]);
    expect(await prisma.allocationEvent.count({ where: { allocationId: second.allocation.id, toStatus: "CONFIRMED" } })).toBe(1);
  });

  it("refuses the whole action when one id is another provider's, an unknown id, or too many ids, and changes nothing", async () => {
    const world = await createProviderWorld();
    const mine = await proposeOnOwnOffer(world);
    const theirOffer = await createOffer(world.otherProvider.id, { siteId: world.otherSite.id, slots: 4 });
    const theirRequest = await createRequest(world.university.id, { students: 1 });
    const theirs = await bookOffer(world.universityUser, { offerId: theirOffer.id, requestId: theirRequest.id, students: 1 });
    for (const allocationIds of [[mine.allocation.id, theirs.id], [mine.allocation.id, "no-such-allocation"]]) {
      for (const form of [{ intent: "confirm-selected" }, { intent: "decline-selected", reason: "Not ours" }] as Record<string, string>[]) {
        const refused = await bulk(world, { ...form, allocationIds });
        expect(refused.status).toBe(404);
        expect((refused.data as { result: { error: Record<string, string[]> } }).result.error.allocationIds).toEqual([
          "One or more of the chosen allocations is not yours to change, so nothing was changed",
        ]);
      }
    }
    expect(await statuses([mine.allocation.id, theirs.id])).toEqual(["PROPOSED", "PROPOSED"]);
    expect(await prisma.allocationEvent.count({ where: { allocationId: { in: [mine.allocation.id, theirs.id] }, toStatus: { not: "PROPOSED" } } })).toBe(0);

    const tooMany = await bulk(world, { intent: "confirm-selected", allocationIds: Array.from({ length: 201 }, (_, index) => `id-${index}`) });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.data)).toContain("Choose at most 200 allocations at a time");
    const none = await bulk(world, { intent: "confirm-selected" });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.data)).toContain("Choose at least one allocation");
  });

  it("refuses other roles and a missing CSRF token", async () => {
    const world = await createProviderWorld();
    const { allocation } = await proposeOnOwnOffer(world);
    const university = await signedInAs("UNIVERSITY", world.university.id);
    expect((await bulk(world, { intent: "confirm-selected", allocationIds: [allocation.id] }, university)).status).toBe(403);
    const withoutToken = await call(action, "/provider/allocations", { as: world.signedIn, form: { intent: "confirm-selected", allocationIds: [allocation.id] }, withCsrf: false });
    expect(withoutToken.status).toBe(403);
    expect(await statuses([allocation.id])).toEqual(["PROPOSED"]);
  });
});
