import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { bookOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { action, loader } from "~/routes/provider.allocations";
import { useTestDatabase } from "../helpers/database";
import { createOffer, createRequest } from "../helpers/marketplace";
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
