import { describe, expect, it } from "vitest";
import { createCase } from "~/cases/cases.server";
import { bookOffer } from "~/marketplace/allocations.server";
import { prisma } from "~/platform/db/db.server";
import { action as caseAction, loader as caseLoader } from "~/routes/facilitator.cases.$caseId";
import { loader as searchLoader } from "~/routes/facilitator.cases.$caseId.search";
import { useTestDatabase } from "../helpers/database";
import { createOffer, createRequest, createSite } from "../helpers/marketplace";
import { call, createCaseWorld, type CaseWorld } from "./cases-fixtures";

useTestDatabase();

const ID = /\bc[a-z0-9]{20,30}\b/;

async function pickerWorld() {
  const world = await createCaseWorld();
  await prisma.organisation.update({ where: { id: world.provider.id }, data: { name: `Riverside Trust ${world.provider.id.slice(-5)}` } });
  await prisma.organisation.update({ where: { id: world.lowProvider.id }, data: { name: `Hillside Trust ${world.lowProvider.id.slice(-5)}` } });
  await prisma.organisation.update({ where: { id: world.otherProvider.id }, data: { name: `Riverside Far ${world.otherProvider.id.slice(-5)}` } });
  const stThomas = await createSite(world.provider.id, { name: "St Thomas Wing" });
  const riverside = await createOffer(world.provider.id, { siteId: stThomas.id, slots: 4, specialty: "Neuro", start: "2030-01-01", end: "2030-03-01" });
  const hillside = await createOffer(world.lowProvider.id, { siteId: world.lowSite.id, slots: 2, specialty: "MSK", start: "2030-01-01", end: "2030-03-01" });
  const far = await createOffer(world.otherProvider.id, { siteId: world.otherSite.id, slots: 2, start: "2030-01-01", end: "2030-03-01" });
  const request = await createRequest(world.university.id, { students: 2, start: "2030-01-07", end: "2030-02-01" });
  const allocation = await bookOffer(world.universityUser.user, { offerId: riverside.id, requestId: request.id, students: 2 });
  const created = await createCase(world.facilitator.user, {
    kind: "UNMET_DEMAND",
    severity: "HIGH",
    title: "Two PT students without a placement",
    profession: "PT",
    organisationIds: [world.provider.id, world.university.id],
    studentsAffected: 2,
  });
  return { world, riverside, hillside, far, allocation, request, caseId: created.id, stThomas };
}

const search = (world: CaseWorld, caseId: string, query: string, as = world.facilitator.signed) =>
  call(searchLoader, `/facilitator/cases/${caseId}/search?${query}`, { as, params: { caseId } });

async function json(result: { response: Response | null }) {
  return (await result.response!.json()) as { options: { id: string; label: string }[]; error?: string };
}

describe("picking offers and allocations by name", () => {
  it("finds the region's offers by provider, site, specialty or profession, never another region's", async () => {
    const { world, riverside, hillside, caseId } = await pickerWorld();
    const byProvider = await json(await search(world, caseId, "type=offer&q=riverside"));
    expect(byProvider.options.map((o) => o.id)).toEqual([riverside.id]);
    expect(byProvider.options[0].label).toMatch(/^Physiotherapy · Riverside Trust \w+, St Thomas Wing · Neuro · 1 Jan 2030 – 1 Mar 2030$/);
    expect((await json(await search(world, caseId, "type=offer&q=thomas neuro"))).options.map((o) => o.id)).toEqual([riverside.id]);
    expect((await json(await search(world, caseId, "type=offer&q=msk"))).options.map((o) => o.id)).toEqual([hillside.id]);
    const physio = (await json(await search(world, caseId, "type=offer&q=physio"))).options.map((o) => o.id);
    expect(physio.sort()).toEqual([riverside.id, hillside.id].sort());
    // "Riverside Far" is in the other region: never offered here.
    expect((await json(await search(world, caseId, "type=offer&q=far"))).options).toEqual([]);
    // Open offers show the places left.
    const open = await json(await search(world, caseId, "type=open-offer&q=riverside"));
    expect(open.options[0].label).toMatch(/· 2 places left$/);
  });

  it("finds allocations by university, programme or provider, named by programme, provider, site and dates", async () => {
    const { world, allocation, caseId } = await pickerWorld();
    const found = await json(await search(world, caseId, `type=allocation&q=${encodeURIComponent(world.university.name)}`));
    expect(found.options.map((o) => o.id)).toEqual([allocation.id]);
    expect(found.options[0].label).toMatch(/^2 Physiotherapy students of BSc PT \w+ \(.+\) · Riverside Trust \w+, St Thomas Wing · 7 Jan 2030 – 1 Feb 2030$/);
    expect((await json(await search(world, caseId, "type=allocation&q=hillside"))).options).toEqual([]);
  });

  it("answers a bad search with 400 and another region's case with 404; only facilitators and administrators may search", async () => {
    const { world, caseId } = await pickerWorld();
    const bad = await search(world, caseId, "type=user&q=x");
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toBe("Say what to search: offer, open-offer or allocation");
    expect((await search(world, caseId, `type=offer&q=${"x".repeat(101)}`)).status).toBe(400);
    expect((await search(world, caseId, "type=offer&q=riverside", world.otherFacilitator.signed)).status).toBe(404);
    expect((await search(world, caseId, "type=offer&q=riverside", world.educator.signed)).status).toBe(403);
    expect((await search(world, caseId, "type=offer&q=riverside", world.admin.signed)).status).toBe(200);
  });

  it("refuses to resolve with another region's offer", async () => {
    const { world, far, caseId } = await pickerWorld();
    const refused = await call(caseAction, `/facilitator/cases/${caseId}`, { as: world.facilitator.signed, params: { caseId }, form: { intent: "status", to: "RESOLVED", resolvedByOfferId: far.id } });
    expect(refused).toMatchObject({ status: 400, data: { field: "resolvedByOfferId" } });
    expect((await prisma.shortfallCase.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("OPEN");
  });
});

describe("the case timeline names things", () => {
  it("shows the offer and allocation that fixed a case, and proposals, by name; older notes' ids are named too", async () => {
    const { world, riverside, allocation, request, caseId } = await pickerWorld();
    const act = (form: Record<string, string>) => call(caseAction, `/facilitator/cases/${caseId}`, { as: world.facilitator.signed, params: { caseId }, form });
    expect((await act({ intent: "propose", organisationId: world.university.id, offerId: riverside.id })).status).toBe(200);
    expect((await act({ intent: "status", to: "RESOLVED", resolvedByOfferId: riverside.id, resolvedByAllocationId: allocation.id, note: "Placed" })).status).toBe(200);
    // A note as the portal used to write them.
    await prisma.caseNote.create({ data: { caseId, type: "raised", body: `Raised because request ${request.id} still has 2 unplaced students; see allocation ${allocation.id}` } });

    const detail = (await call(caseLoader, `/facilitator/cases/${caseId}`, { as: world.facilitator.signed, params: { caseId } })).data as {
      case: { resolvedByOfferName: string; resolvedByAllocationName: string };
      notes: { type: string; body: string }[];
    };
    expect(detail.case.resolvedByOfferName).toMatch(/^Physiotherapy · Riverside Trust \w+, St Thomas Wing · Neuro · 1 Jan 2030 – 1 Mar 2030$/);
    expect(detail.case.resolvedByAllocationName).toMatch(/^2 Physiotherapy students of BSc PT/);
    const proposed = detail.notes.find((n) => n.type === "offer-proposed")!;
    expect(proposed.body).toMatch(new RegExp(`^Proposed to ${world.university.name}: Physiotherapy · Riverside Trust \\w+, St Thomas Wing · Neuro · 1 Jan 2030 – 1 Mar 2030 · 2 places left$`));
    const resolved = detail.notes.filter((n) => n.type === "status").at(-1)!;
    expect(resolved.body).toMatch(/^Open → Resolved \(fixed by offer Physiotherapy · Riverside Trust .* and allocation 2 Physiotherapy students of BSc PT .*\): Placed$/);
    const legacy = detail.notes.at(-1)!;
    expect(legacy.body).toMatch(/^Raised because request BSc PT \w+ \(.+\) from 7 Jan 2030 still has 2 unplaced students; see allocation 2 Physiotherapy students/);
    for (const note of detail.notes) expect(note.body, note.body).not.toMatch(ID);
  });

  it("names the allocation on a case raised by a decline", async () => {
    const { world, allocation } = await pickerWorld();
    const { transitionAllocation } = await import("~/marketplace/allocations.server");
    await transitionAllocation(world.educator.user, { allocationId: allocation.id, to: "DECLINED", reason: "No educator" });
    const raised = await prisma.shortfallCase.findUniqueOrThrow({ where: { sourceKey: `cancellation:${allocation.id}` }, include: { notes: true } });
    expect(raised.notes[0].body).toMatch(/^Raised when the allocation 2 Physiotherapy students of BSc PT \w+ \(.+\) · Riverside Trust \w+, St Thomas Wing · 7 Jan 2030 – 1 Feb 2030 was declined: No educator$/);
  });
});
