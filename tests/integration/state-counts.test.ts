import { beforeAll, describe, expect, it } from "vitest";
import { bookOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { prisma } from "~/platform/db/db.server";
import { loader as overviewLoader } from "~/routes/facilitator._index";
import { loader as providersCsvLoader } from "~/routes/facilitator.fair-share.providers[.csv]";
import { loader as universitiesLoader } from "~/routes/facilitator.universities";
import { loader as universitiesCsvLoader } from "~/routes/facilitator.universities[.csv]";
import { loader as capacityLoader } from "~/routes/provider.capacity";
import { loader as universityAllocationsLoader } from "~/routes/university.allocations._index";
import { loader as requestExportLoader } from "~/routes/university.requests.export[.]csv";
import { readCsv } from "~/platform/csv";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createRegion, createUser, signInAs, type SignedIn } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";
import { call, sessionUserOf } from "./provider-fixtures";

useTestDatabase();

/**
 * One region, one provider, one university, one request for 4 PT students starting in 2026/27,
 * and two allocations of one student each: one still proposed, one confirmed by the provider.
 * Every figure must say 1 proposed (held) and 1 confirmed: 1 placed (confirmed or later), never 2,
 * and nothing hosted (hosted means completed).
 */
let facilitator: SignedIn;
let educator: SignedIn;
let team: SignedIn;
let providerName: string;
let universityName: string;

beforeAll(async () => {
  const region = await createRegion();
  const provider = await createOrganisation({ regionId: region.id, name: "Counting Trust" });
  const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id, name: "Counting University" });
  providerName = provider.name;
  universityName = university.name;
  await prisma.workforce.create({ data: { organisationId: provider.id, profession: "PT", year: 2026, wte: 10 } });
  const lead = sessionUserOf(await createUser("UNIVERSITY", { organisationId: university.id }));
  const educatorUser = sessionUserOf(await createUser("EDUCATOR", { organisationId: provider.id }));
  const offer = await createOffer(provider.id, { slots: 4 });
  const request = await createRequest(university.id, { students: 4 });
  await bookOffer(lead, { offerId: offer.id, requestId: request.id, students: 1 });
  const confirmed = await bookOffer(lead, { offerId: offer.id, requestId: request.id, students: 1 });
  await transitionAllocation(educatorUser, { allocationId: confirmed.id, to: "CONFIRMED" });
  facilitator = await signInAs(await createUser("FACILITATOR", { regionId: region.id }));
  educator = await signInAs(educatorUser);
  team = await signInAs(lead);
});

async function csvRows(response: Response | null) {
  const text = await response!.text();
  const table = readCsv(new TextEncoder().encode(text), text.split(/\r?\n/)[0].split(","));
  if (!table.ok) throw new Error("unreadable CSV");
  return table.rows.map((row) => row.values);
}

describe("one proposed and one confirmed allocation", () => {
  it("the region overview counts 1 held and 1 confirmed, so 1 placed, not 2", async () => {
    const data = (await call(overviewLoader, "/facilitator?year=2026", { as: facilitator })).data as { totals: Record<string, number> };
    expect(data.totals).toMatchObject({ demand: 4, held: 1, confirmed: 1, accepted: 0, placed: 1 });
  });

  it("the universities page and its CSV count each stage apart", async () => {
    const page = (await call(universitiesLoader, "/facilitator/universities?year=2026", { as: facilitator })).data as {
      rows: { universityName: string; byStatus: Record<string, number>; placed: number; unmet: number }[];
    };
    expect(page.rows).toEqual([
      expect.objectContaining({
        universityName,
        byStatus: { PROPOSED: 1, CONFIRMED: 1, ACCEPTED: 0, STUDENTS_NAMED: 0, COMPLETED: 0 },
        placed: 1,
        unmet: 2,
      }),
    ]);
    const csv = await csvRows((await call(universitiesCsvLoader, "/facilitator/universities.csv?year=2026", { as: facilitator })).response);
    expect(csv).toEqual([
      expect.objectContaining({ university: universityName, demand: "4", proposed_held: "1", confirmed: "1", accepted: "0", completed: "0", placed: "1", unmet: "2" }),
    ]);
  });

  it("fair-share figures count them apart and host nobody", async () => {
    const csv = await csvRows((await call(providersCsvLoader, "/facilitator/fair-share/providers.csv?year=2026&profession=PT", { as: facilitator })).response);
    expect(csv).toEqual([expect.objectContaining({ provider: providerName, proposed_held: "1", confirmed: "1", accepted: "0", completed: "0", hosted: "0" })]);
    const capacity = (await call(capacityLoader, "/provider/capacity?year=2026", { as: educator })).data as {
      rows: { profession: string; hosted: number; stages: Record<string, number> }[];
    };
    expect(capacity.rows.find((row) => row.profession === "PT")).toMatchObject({
      hosted: 0,
      stages: { PROPOSED: 1, CONFIRMED: 1, ACCEPTED: 0, STUDENTS_NAMED: 0, COMPLETED: 0 },
    });
  });

  it("the university's allocations list and its requests CSV count each stage apart", async () => {
    const list = (await call(universityAllocationsLoader, "/university/allocations", { as: team })).data as {
      counts: Record<string, { allocations: number; students: number }>;
    };
    expect(list.counts).toEqual({ PROPOSED: { allocations: 1, students: 1 }, CONFIRMED: { allocations: 1, students: 1 } });
    const csv = await csvRows((await call(requestExportLoader, "/university/requests/export.csv", { as: team })).response);
    expect(csv).toEqual([expect.objectContaining({ students: "4", students_proposed_held: "1", students_confirmed: "1", students_accepted: "0", students_completed: "0" })]);
  });
});
