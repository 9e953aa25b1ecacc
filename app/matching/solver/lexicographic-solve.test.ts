import { describe, expect, it } from "vitest";
import { ARC_REQUEST_OFFER, buildProfessionNetworks, MatchingInstanceTooLargeError } from "./build-network";
import {
  CHEAPEST_OFFERS_PRICED_FIRST,
  computeLevelValues,
  initialSearchArcs,
  levelPathBounds,
  planStages,
  solveLexicographic,
  SPREAD_OFFERS_PRICED_FIRST,
  stagePathBound,
  stageWeightByLevel,
  weightedCosts,
} from "./lexicographic-solve";
import { INFINITE_CAPACITY, NetworkSimplex } from "./network-simplex";
import type { MatchingInput, MatchingOffer } from "./types";

// One request with no travel limit and 40 offers at sites 1..40 km east of its origin
// (about 3 minutes per km), plus one request that can use only two of them.
const offers: MatchingOffer[] = Array.from({ length: 40 }, (_, index) => ({
  id: `O${index + 1}`,
  providerId: `P${(index % 5) + 1}`,
  siteId: `S${index + 1}`,
  profession: "PT",
  start: "2027-01-04",
  end: "2027-02-12",
  capacity: 1,
  taken: 0,
  years: index < 2 ? null : [1],
  specialty: null,
}));
const input: MatchingInput = {
  providers: Array.from({ length: 5 }, (_, provider) => ({
    id: `P${provider + 1}`,
    workforce: { PT: provider + 1 },
    sites: offers
      .filter((offer) => offer.providerId === `P${provider + 1}`)
      .map((offer) => ({ id: offer.siteId, location: { lat: 52, lon: -1 + (Number(offer.id.slice(1)) * 1) / (111.2 * Math.cos((52 * Math.PI) / 180)) } })),
  })),
  offers,
  requests: [
    { id: "WIDE", universityId: "U1", profession: "PT", year: 1, start: "2027-01-11", end: "2027-02-05", students: 30, origin: { lat: 52, lon: -1 }, maxTravelMinutes: null, specialties: [] },
    { id: "NARROW", universityId: "U2", profession: "PT", year: 2, start: "2027-01-11", end: "2027-02-05", students: 3, origin: { lat: 52, lon: -1 }, maxTravelMinutes: null, specialties: [] },
  ],
};

describe("offers priced from the start", () => {
  const [network] = buildProfessionNetworks(input);
  const candidates = initialSearchArcs(network);
  const arcsOf = (request: number) => Array.from({ length: network.requestArcStart[request + 1] - network.requestArcStart[request] }, (_, index) => network.requestArcStart[request] + index);

  it("are a wide request's cheapest offers and as many others spread over the rest", () => {
    const wide = arcsOf(0);
    expect(wide).toHaveLength(40);
    const chosen = wide.filter((arc) => candidates[arc]);
    expect(chosen).toHaveLength(CHEAPEST_OFFERS_PRICED_FIRST + SPREAD_OFFERS_PRICED_FIRST);
    const byCost = [...wide].sort((a, b) => network.levelCost[a] - network.levelCost[b] || a - b);
    for (const arc of byCost.slice(0, CHEAPEST_OFFERS_PRICED_FIRST)) expect(candidates[arc]).toBe(1);
    const spread = chosen.filter((arc) => !byCost.slice(0, CHEAPEST_OFFERS_PRICED_FIRST).includes(arc));
    expect(spread).toHaveLength(SPREAD_OFFERS_PRICED_FIRST);
    // Spread, not the next cheapest: some come from the farther half.
    expect(spread.some((arc) => byCost.indexOf(arc) >= 20)).toBe(true);
  });

  it("are every offer of a request with few, and every arc that is not request → offer", () => {
    for (const arc of arcsOf(1)) expect(candidates[arc]).toBe(1);
    for (let arc = 0; arc < network.arcCount; arc++) if (network.kind[arc] !== ARC_REQUEST_OFFER) expect(candidates[arc]).toBe(1);
  });

  it("leave the optimum unchanged", () => {
    const solution = solveLexicographic(network);
    // NARROW's year is taken by two offers only.
    expect(solution.levelValues[0]).toBe(1);
    const bounds = levelPathBounds(network);
    const unrestricted = new NetworkSimplex(network);
    planStages(network, false, bounds).forEach((stage, index, stages) => {
      unrestricted.setCosts(weightedCosts(network, stageWeightByLevel(stage)), stagePathBound(stage, bounds) + 1);
      unrestricted.run();
      if (index < stages.length - 1) unrestricted.freezeArcsWithNonzeroReducedCost();
    });
    expect(solution.levelValues).toEqual(computeLevelValues(network, unrestricted.flow.slice(0, network.arcCount)));
  });

  it("leaves arcs out of requests without a bound of their own", () => {
    for (const arc of arcsOf(0)) expect(network.capacity[arc]).toBe(INFINITE_CAPACITY);
    expect(network.capacity[network.firstRequestShortfallArc]).toBe(INFINITE_CAPACITY);
  });
});

describe("an instance with more request → offer pairs than a run may hold", () => {
  it("stops while building, before the arcs are allocated, naming the profession", () => {
    expect(() => buildProfessionNetworks(input, undefined, 39)).toThrow(MatchingInstanceTooLargeError);
    expect(() => buildProfessionNetworks(input, undefined, 39)).toThrow(/profession PT: the first 1 of 2 requests already have 40 compatible offers, more than the 39/);
    expect(buildProfessionNetworks(input, undefined, 40)[0].firstOfferProviderArc).toBe(42);
  });
});
