import { describe, expect, it } from "vitest";
import { compareProposals, decisionsForInstance, fairShareDifference } from "./review-decisions";
import type { MatchingInput } from "./solver/types";

const input: MatchingInput = {
  providers: [{ id: "P1", workforce: { PT: 1 }, sites: [{ id: "S1", location: null }] }],
  offers: [
    { id: "O1", providerId: "P1", siteId: "S1", profession: "PT", start: "2027-01-04", end: "2027-02-12", capacity: 3, taken: 1, years: null, specialty: null },
    { id: "O2", providerId: "P1", siteId: "S1", profession: "PT", start: "2027-01-04", end: "2027-02-12", capacity: 2, taken: 0, years: [3], specialty: null },
  ],
  requests: [{ id: "R1", universityId: "U1", profession: "PT", year: 2, start: "2027-01-11", end: "2027-02-05", students: 4, origin: null, maxTravelMinutes: null, specialties: [] }],
};

describe("decisions a re-run applies", () => {
  it("keeps exclusions, keeps locks that still fit and drops the rest with a reason", () => {
    const { apply, dropped } = decisionsForInstance(input, [
      { requestId: "R1", offerId: "O9", kind: "EXCLUDE", students: 1 },
      { requestId: "R1", offerId: "O1", kind: "LOCK", students: 2 },
      { requestId: "R1", offerId: "O2", kind: "LOCK", students: 1 },
      { requestId: "R9", offerId: "O1", kind: "LOCK", students: 1 },
    ]);
    expect(apply).toEqual({ excluded: [{ requestId: "R1", offerId: "O9" }], locked: [{ requestId: "R1", offerId: "O1", students: 2 }] });
    expect(dropped).toEqual([
      "The locked proposal of U1 with O2 was not kept: the pairing no longer meets the offer's terms",
      "The locked proposal of a request with O1 was not kept: the request has no students left to place",
    ]);
  });

  it("drops a lock whose offer no longer has the places", () => {
    const { apply, dropped } = decisionsForInstance(input, [{ requestId: "R1", offerId: "O1", kind: "LOCK", students: 3 }]);
    expect(apply.locked).toEqual([]);
    expect(dropped[0]).toMatch(/the offer no longer has the places/);
  });
});

describe("the difference between two runs", () => {
  it("pairs proposals by request and offer", () => {
    const p = (requestId: string, offerId: string, students: number) => ({ requestId, offerId, providerId: "P", students });
    const difference = compareProposals([p("R1", "O1", 2), p("R2", "O1", 1), p("R3", "O2", 1)], [p("R1", "O1", 2), p("R2", "O1", 2), p("R4", "O2", 1)]);
    expect(difference.added).toEqual([p("R4", "O2", 1)]);
    expect(difference.removed).toEqual([p("R3", "O2", 1)]);
    expect(difference.changed).toEqual([{ before: p("R2", "O1", 1), after: p("R2", "O1", 2) }]);
    expect([difference.placedBefore, difference.placedAfter]).toEqual([4, 5]);
  });

  it("lists providers whose ratio moved, largest move first", () => {
    const s = (providerId: string, ratioAfter: number | null) => ({ providerId, profession: "PT", fairShare: 2, ratioAfter, bandAfter: null });
    const rows = fairShareDifference([s("A", 1), s("B", 0.5), s("C", 1)], [s("A", 1), s("B", 1.5), s("C", 0.5)]);
    expect(rows.map((row) => [row.providerId, row.ratioBefore, row.ratioAfter])).toEqual([
      ["B", 0.5, 1.5],
      ["C", 1, 0.5],
    ]);
  });
});
