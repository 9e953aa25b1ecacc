import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { runCapacityChecks } from "~/notifications/capacity-checks.server";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createRegion, createUser } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";

useTestDatabase();
const NOW = new Date("2026-12-01T09:00:00Z");

describe("daily capacity checks", () => {
  it("warn the university and facilitators about requests still unmet close to their start, once", async () => {
    const region = await createRegion();
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
    const lead = await createUser("UNIVERSITY", { organisationId: university.id });
    const facilitator = await createUser("FACILITATOR", { regionId: region.id });
    const soon = await createRequest(university.id, { students: 3, start: "2026-12-14", end: "2027-01-08" });
    await createRequest(university.id, { students: 3, start: "2027-06-07", end: "2027-07-02" });
    await runCapacityChecks(NOW);
    const notes = await prisma.notification.findMany({ where: { kind: "request-unmet-near-start" } });
    expect(notes.map((n) => n.userId).sort()).toEqual([lead.id, facilitator.id].sort());
    expect(notes[0].link).toBe(`/university/requests/${soon.id}`);
    expect(notes[0].title).toContain("3 physiotherapy students have no placement yet");
    await runCapacityChecks(NOW);
    expect(await prisma.notification.count({ where: { kind: "request-unmet-near-start" } })).toBe(2);
  });

  it("tell a provider that falls into red against its fair share, and its region's facilitators", async () => {
    const region = await createRegion();
    const generous = await createOrganisation({ regionId: region.id });
    const stingy = await createOrganisation({ regionId: region.id });
    await prisma.workforce.createMany({
      data: [
        { organisationId: generous.id, profession: "OT", year: 2026, wte: 10 },
        { organisationId: stingy.id, profession: "OT", year: 2026, wte: 10 },
      ],
    });
    const generousEducator = await createUser("EDUCATOR", { organisationId: generous.id });
    const stingyEducator = await createUser("EDUCATOR", { organisationId: stingy.id });
    const facilitator = await createUser("FACILITATOR", { regionId: region.id });
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
    await createRequest(university.id, { profession: "OT", students: 10, start: "2027-03-01", end: "2027-03-26" });
    await createOffer(generous.id, { profession: "OT", slots: 6, start: "2027-02-22", end: "2027-04-02" });
    await createOffer(stingy.id, { profession: "OT", slots: 1, start: "2027-02-22", end: "2027-04-02" });
    await runCapacityChecks(NOW);
    const notes = await prisma.notification.findMany({ where: { kind: "provider-below-fair-share" } });
    expect(notes.map((n) => n.userId).sort()).toEqual([stingyEducator.id, facilitator.id].sort());
    expect(notes.some((n) => n.userId === generousEducator.id)).toBe(false);
    expect(notes[0].body).toContain("Offering 1 against a fair share of 5");
  });
});
