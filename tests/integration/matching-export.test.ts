import { describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { solveMatching } from "~/matching/solver/match";
import { parseMatchingInput } from "~/matching/solver/parse-input";
import { bookOffer } from "~/marketplace/allocations.server";
import { loadMatchingDocument } from "~/matching/instance.server";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createRegion, createUser } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";

useTestDatabase();

describe("the database's matching instance", () => {
  it("is a valid matching document: remaining students, places already taken, and a warning for offers without workforce", async () => {
    const region = await createRegion();
    const trust = await createOrganisation({ regionId: region.id, name: "Workforce Trust" });
    const noWorkforce = await createOrganisation({ regionId: region.id, name: "No Workforce Trust" });
    await prisma.workforce.create({ data: { organisationId: trust.id, profession: "PT", year: 2026, wte: 12 } });
    const offer = await createOffer(trust.id, { slots: 4 });
    await createOffer(noWorkforce.id, { slots: 2 });
    await createOffer(trust.id, { slots: 3, status: "DRAFT" });
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
    const lead = await createUser("UNIVERSITY", { organisationId: university.id });
    const request = await createRequest(university.id, { students: 5 });
    await bookOffer(lead as SessionUser, { offerId: offer.id, requestId: request.id, students: 2 });

    const { document, warnings } = await loadMatchingDocument({ regionId: region.id, periodStart: new Date("2026-09-01"), periodEnd: new Date("2027-08-31"), profession: null });
    expect(document.offers).toHaveLength(2);
    expect(document.offers.find((o) => o.id === offer.id)).toMatchObject({ capacity: 4, taken: 2, profession: "PT", start: "2027-01-04" });
    expect(document.requests).toEqual([expect.objectContaining({ id: request.id, students: 3, year: 2 })]);
    expect(warnings).toEqual([expect.stringContaining("No Workforce Trust offers physiotherapy placements but has no physiotherapy workforce")]);
    const result = solveMatching(parseMatchingInput(JSON.parse(JSON.stringify(document))));
    expect(result.stats.placed).toBe(3);
  });
});
