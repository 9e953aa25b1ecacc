import { describe, expect, it } from "vitest";
import { MatchingDecisionError } from "./decisions";
import { solveMatching } from "./match";
import { computeFairShares, fairShareMarginalCost, normaliseSpecialty, preferenceCost, travelMinutesBetween, universityShortfallMarginalCost } from "./objective";
import type { MatchingDecisions, MatchingInput } from "./types";

// Tiny random instances, each solved with decisions and compared with every feasible
// allocation that respects them, scored with the solver's own integer objective.

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function tinyInstance(seed: number): MatchingInput {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const providers = ["P1", "P2", "P3"].map((id) => ({
    id,
    workforce: { PT: 1 + pick(5) },
    sites: [{ id: `${id}-S`, location: { lat: 51.5, lon: -0.12 + next() * 0.3 } }],
  }));
  const offers = ["O1", "O2", "O3"].map((id, index) => ({
    id,
    providerId: providers[index === 2 ? pick(3) : index].id,
    siteId: "",
    profession: "PT",
    start: "2027-01-04",
    end: "2027-02-12",
    capacity: 1 + pick(3),
    taken: 0,
    years: pick(4) === 0 ? [3] : null,
    specialty: pick(2) === 0 ? "MSK" : null,
  }));
  for (const offer of offers) offer.siteId = `${offer.providerId}-S`;
  const requests = ["R1", "R2", "R3"].map((id, index) => ({
    id,
    universityId: index === 0 ? "U1" : "U2",
    profession: "PT",
    year: 2,
    start: "2027-01-11",
    end: "2027-02-05",
    students: 1 + pick(3),
    origin: { lat: 51.5, lon: -0.12 },
    maxTravelMinutes: null,
    specialties: pick(2) === 0 ? ["MSK"] : [],
  }));
  return { providers, offers, requests };
}

type Plan = Map<string, number>;
const key = (requestId: string, offerId: string) => `${requestId}|${offerId}`;

function compatible(input: MatchingInput, requestIndex: number, offerIndex: number): boolean {
  const request = input.requests[requestIndex];
  const offer = input.offers[offerIndex];
  return offer.start <= request.start && request.end <= offer.end && (!offer.years || offer.years.includes(request.year));
}

/** L1..L4 of a whole allocation, exactly as the network prices them. */
function score(input: MatchingInput, plan: Plan): number[] {
  const shares = computeFairShares(input).get("PT")!.fairShares;
  const load = new Map<string, number>();
  const placed = new Map<string, number>();
  let preference = 0;
  for (const [pair, students] of plan) {
    const [requestId, offerId] = pair.split("|");
    const request = input.requests.find((r) => r.id === requestId)!;
    const offer = input.offers.find((o) => o.id === offerId)!;
    const site = input.providers.find((p) => p.id === offer.providerId)!.sites[0].location!;
    const travel = travelMinutesBetween(request.origin!.lat, request.origin!.lon, site.lat, site.lon);
    const matched = request.specialties.length === 0 || (offer.specialty !== null && request.specialties.map(normaliseSpecialty).includes(normaliseSpecialty(offer.specialty)));
    preference += students * preferenceCost(travel, matched);
    load.set(offer.providerId, (load.get(offer.providerId) ?? 0) + students);
    placed.set(requestId, (placed.get(requestId) ?? 0) + students);
  }
  let fairShare = 0;
  for (const [providerId, units] of load) for (let unit = 1; unit <= units; unit++) fairShare += fairShareMarginalCost(unit, shares.get(providerId) ?? 0);
  let unplaced = 0;
  let shortfall = 0;
  for (const universityId of new Set(input.requests.map((r) => r.universityId))) {
    const own = input.requests.filter((r) => r.universityId === universityId);
    const demand = own.reduce((sum, r) => sum + r.students, 0);
    const missing = own.reduce((sum, r) => sum + r.students - (placed.get(r.id) ?? 0), 0);
    unplaced += missing;
    for (let unit = 1; unit <= missing; unit++) shortfall += universityShortfallMarginalCost(unit, demand);
  }
  return [unplaced, fairShare, shortfall, preference];
}

const lexLess = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
};

/** The best score over every integer allocation that obeys capacity, demand and the decisions. */
function bruteForceBest(input: MatchingInput, decisions: MatchingDecisions): number[] {
  const pairs: { requestIndex: number; offerIndex: number; fixed: number | null }[] = [];
  input.requests.forEach((request, requestIndex) =>
    input.offers.forEach((offer, offerIndex) => {
      if (!compatible(input, requestIndex, offerIndex)) return;
      if (decisions.excluded.some((d) => d.requestId === request.id && d.offerId === offer.id)) return;
      const lock = decisions.locked.find((d) => d.requestId === request.id && d.offerId === offer.id);
      pairs.push({ requestIndex, offerIndex, fixed: lock ? lock.students : null });
    }),
  );
  let best: number[] | null = null;
  const requestLeft = input.requests.map((r) => r.students);
  const offerLeft = input.offers.map((o) => o.capacity - o.taken);
  const plan: Plan = new Map();
  const visit = (index: number) => {
    if (index === pairs.length) {
      const value = score(input, plan);
      if (!best || lexLess(value, best)) best = value;
      return;
    }
    const { requestIndex, offerIndex, fixed } = pairs[index];
    const most = Math.min(requestLeft[requestIndex], offerLeft[offerIndex]);
    const from = fixed ?? 0;
    const choices = Array.from({ length: Math.max(0, most - from + 1) }, (_, n) => from + n);
    for (const students of choices) {
      requestLeft[requestIndex] -= students;
      offerLeft[offerIndex] -= students;
      const pair = key(input.requests[requestIndex].id, input.offers[offerIndex].id);
      if (students > 0) plan.set(pair, students);
      visit(index + 1);
      plan.delete(pair);
      requestLeft[requestIndex] += students;
      offerLeft[offerIndex] += students;
    }
  };
  visit(0);
  return best!;
}

/** The solver's allocations with the locked students added back, as a run stores them. */
function solveWithDecisions(input: MatchingInput, decisions: MatchingDecisions): Plan {
  const result = solveMatching({ ...input, decisions });
  const plan: Plan = new Map();
  for (const allocation of result.allocations) plan.set(key(allocation.requestId, allocation.offerId), allocation.students);
  for (const lock of decisions.locked) {
    const pair = key(lock.requestId, lock.offerId);
    plan.set(pair, (plan.get(pair) ?? 0) + lock.students);
  }
  return plan;
}

describe("a re-run with decisions", () => {
  it("never proposes an excluded pairing, keeps each locked pairing with at least its students, and is optimal for the rest", () => {
    let checked = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const input = tinyInstance(seed);
      const first = solveMatching(input);
      if (first.allocations.length < 2) continue;
      const [excludedOne, lockedOne] = first.allocations;
      const decisions: MatchingDecisions = {
        excluded: [{ requestId: excludedOne.requestId, offerId: excludedOne.offerId }],
        locked: [{ requestId: lockedOne.requestId, offerId: lockedOne.offerId, students: lockedOne.students }],
      };
      const plan = solveWithDecisions(input, decisions);
      expect(plan.has(key(excludedOne.requestId, excludedOne.offerId))).toBe(false);
      expect(plan.get(key(lockedOne.requestId, lockedOne.offerId))).toBeGreaterThanOrEqual(lockedOne.students);
      expect(score(input, plan), `seed ${seed}`).toEqual(bruteForceBest(input, decisions));
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("with no decisions scores as the brute force does (the scorer itself is right)", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const input = tinyInstance(seed);
      const plan: Plan = new Map(solveMatching(input).allocations.map((a) => [key(a.requestId, a.offerId), a.students]));
      expect(score(input, plan), `seed ${seed}`).toEqual(bruteForceBest(input, { excluded: [], locked: [] }));
    }
  });

  it("counts locked students toward the provider's fair-share load, steering the rest elsewhere", () => {
    // Equal workforce, one request of 2 and two equal offers: unlocked, the students split 1 + 1.
    // Locking one at P1 leaves the other to go to P2, whose load is 0.
    const input: MatchingInput = {
      providers: ["P1", "P2"].map((id) => ({ id, workforce: { PT: 1 }, sites: [{ id: `${id}-S`, location: null }] })),
      offers: ["P1", "P2"].map((providerId) => ({
        id: `O-${providerId}`,
        providerId,
        siteId: `${providerId}-S`,
        profession: "PT",
        start: "2027-01-04",
        end: "2027-02-12",
        capacity: 2,
        taken: 0,
        years: null,
        specialty: null,
      })),
      requests: [
        { id: "R1", universityId: "U1", profession: "PT", year: 2, start: "2027-01-11", end: "2027-02-05", students: 1, origin: null, maxTravelMinutes: null, specialties: [] },
        { id: "R2", universityId: "U1", profession: "PT", year: 2, start: "2027-01-11", end: "2027-02-05", students: 1, origin: null, maxTravelMinutes: null, specialties: [] },
      ],
    };
    const result = solveMatching({ ...input, decisions: { excluded: [], locked: [{ requestId: "R1", offerId: "O-P1", students: 1 }] } });
    expect(result.allocations.map((a) => [a.requestId, a.offerId, a.students])).toEqual([["R2", "O-P2", 1]]);
    expect(result.stats.placed).toBe(2);
    expect(result.unmet).toEqual([]);
  });

  it("refuses a locked pairing the hard rules forbid or that overfills its offer", () => {
    const input = tinyInstance(3);
    input.offers[0].years = [4];
    const forbidden = { excluded: [], locked: [{ requestId: "R1", offerId: "O1", students: 1 }] };
    expect(() => solveMatching({ ...input, decisions: forbidden })).toThrow(MatchingDecisionError);
    input.offers[0].years = null;
    const overfull = { excluded: [], locked: [{ requestId: "R1", offerId: "O1", students: input.offers[0].capacity + 1 }] };
    expect(() => solveMatching({ ...input, decisions: overfull })).toThrow(MatchingDecisionError);
  });
});
