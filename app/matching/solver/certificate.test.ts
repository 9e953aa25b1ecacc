import { describe, expect, it } from "vitest";
import { ARC_OFFER_PROVIDER, ARC_REQUEST_OFFER, buildProfessionNetworks, type ProfessionNetwork } from "./build-network";
import { MatchingCertificateError, verifyAllocationsAgainstInput, verifyLexicographicOptimality } from "./certificate";
import { type LexicographicSolution, solveLexicographic } from "./lexicographic-solve";
import type { MatchingInput } from "./types";

// One provider with a near and a far site; two requests; a second provider with workforce only.
const input: MatchingInput = {
  providers: [
    {
      id: "P",
      workforce: { PT: 4 },
      sites: [
        { id: "NEAR", location: { lat: 51.5, lon: -0.1 } },
        { id: "FAR", location: { lat: 51.6, lon: -0.1 } },
      ],
    },
    { id: "Q", workforce: { PT: 2 }, sites: [] },
  ],
  offers: [
    { id: "O-NEAR", providerId: "P", siteId: "NEAR", profession: "PT", start: "2027-01-04", end: "2027-02-12", capacity: 2, taken: 0, years: null, specialty: null },
    { id: "O-FAR", providerId: "P", siteId: "FAR", profession: "PT", start: "2027-01-04", end: "2027-02-12", capacity: 2, taken: 0, years: [2], specialty: null },
  ],
  requests: [
    {
      id: "R1",
      universityId: "U1",
      profession: "PT",
      year: 2,
      start: "2027-01-11",
      end: "2027-02-05",
      students: 2,
      origin: { lat: 51.5, lon: -0.1 },
      maxTravelMinutes: 60,
      specialties: [],
    },
    {
      id: "R2",
      universityId: "U2",
      profession: "PT",
      year: 2,
      start: "2027-01-11",
      end: "2027-02-05",
      students: 3,
      origin: null,
      maxTravelMinutes: null,
      specialties: [],
    },
  ],
};

function solved(): { network: ProfessionNetwork; solution: LexicographicSolution } {
  const [network] = buildProfessionNetworks(input);
  return { network, solution: solveLexicographic(network, { separateLevels: true }) };
}

function arcBetween(network: ProfessionNetwork, kind: number, from: number, to: number): number {
  for (let arc = 0; arc < network.arcCount; arc++) {
    if (network.kind[arc] === kind && network.source[arc] === from && network.target[arc] === to) return arc;
  }
  throw new Error("no such arc");
}

describe("verifyLexicographicOptimality", () => {
  it("accepts the solver's answer", () => {
    const { network, solution } = solved();
    expect(() => verifyLexicographicOptimality(network, solution)).not.toThrow();
  });

  it("rejects a feasible allocation that is worse on travel", () => {
    const { network, solution } = solved();
    const nearOffer = network.firstOfferNode;
    const farOffer = network.firstOfferNode + 1;
    // R1 (node 0, at the near site) swaps one student with R2 (node 1, no origin) on the far site.
    const r1Near = arcBetween(network, ARC_REQUEST_OFFER, 0, nearOffer);
    const r1Far = arcBetween(network, ARC_REQUEST_OFFER, 0, farOffer);
    const r2Near = arcBetween(network, ARC_REQUEST_OFFER, 1, nearOffer);
    const r2Far = arcBetween(network, ARC_REQUEST_OFFER, 1, farOffer);
    expect(solution.flow[r1Near]).toBeGreaterThan(0);
    expect(solution.flow[r2Far]).toBeGreaterThan(0);
    const flow = Int32Array.from(solution.flow);
    flow[r1Near] -= 1;
    flow[r1Far] += 1;
    flow[r2Far] -= 1;
    flow[r2Near] += 1;
    const tampered = { ...solution, flow, levelValues: solution.levelValues.map((value, level) => (level === 3 ? value + 1000 : value)) };
    expect(() => verifyLexicographicOptimality(network, tampered)).toThrow(/reduced cost/);
  });

  it("rejects a flow that does not conserve students", () => {
    const { network, solution } = solved();
    const flow = Int32Array.from(solution.flow);
    const arc = arcBetween(network, ARC_REQUEST_OFFER, 0, network.firstOfferNode);
    flow[arc] -= 1;
    expect(() => verifyLexicographicOptimality(network, { ...solution, flow })).toThrow(/node 0 sends 1 but has supply 2/);
  });

  it("rejects a flow above capacity", () => {
    const { network, solution } = solved();
    const flow = Int32Array.from(solution.flow);
    flow[arcBetween(network, ARC_OFFER_PROVIDER, network.firstOfferNode, network.firstProviderNode)] = 99;
    expect(() => verifyLexicographicOptimality(network, { ...solution, flow })).toThrow(/outside \[0, 2\]/);
  });

  it("rejects potentials that do not prove optimality", () => {
    const { network, solution } = solved();
    const potentials = solution.potentials.map((potential) => Float64Array.from(potential));
    potentials[3][network.firstOfferNode + 1] += 500;
    expect(() => verifyLexicographicOptimality(network, { ...solution, potentials })).toThrow(MatchingCertificateError);
  });

  it("rejects weights that could let a lower level buy a higher one", () => {
    const [network] = buildProfessionNetworks(input);
    const solution = solveLexicographic(network);
    expect(solution.stages.length).toBeLessThan(4);
    const stages = solution.stages.map((stage) => ({ ...stage, weights: stage.weights.map(() => 1) }));
    expect(() => verifyLexicographicOptimality(network, { ...solution, stages })).toThrow(/does not exceed the bound/);
  });

  it("rejects stages that skip a level", () => {
    const { network, solution } = solved();
    expect(() => verifyLexicographicOptimality(network, { ...solution, stages: solution.stages.slice(1), potentials: solution.potentials.slice(1) })).toThrow(
      /instead of each level once in order/,
    );
  });

  it("rejects misreported objective values", () => {
    const { network, solution } = solved();
    expect(() => verifyLexicographicOptimality(network, { ...solution, levelValues: [0, 0, 0, 0] })).toThrow(/reported/);
  });
});

describe("verifyAllocationsAgainstInput", () => {
  it.each([
    ["an unknown offer", { requestId: "R1", offerId: "O-X", students: 1 }, /unknown record/],
    ["more students than the offer has places", { requestId: "R2", offerId: "O-NEAR", students: 3 }, /beyond its 2 free places/],
    ["more students than the request has", { requestId: "R1", offerId: "O-NEAR", students: 2.5 }, /has 2.5 students/],
  ])("rejects %s", (_label, allocation, message) => {
    expect(() => verifyAllocationsAgainstInput(input, [allocation])).toThrow(message);
  });

  it("rejects an offer beyond the travel limit", () => {
    // O-FAR is about 33 minutes from R1's origin.
    const strict: MatchingInput = { ...input, requests: input.requests.map((request) => (request.id === "R1" ? { ...request, maxTravelMinutes: 30 } : request)) };
    expect(() => verifyAllocationsAgainstInput(input, [{ requestId: "R1", offerId: "O-FAR", students: 1 }])).not.toThrow();
    expect(() => verifyAllocationsAgainstInput(strict, [{ requestId: "R1", offerId: "O-FAR", students: 1 }])).toThrow(/33\.\d min exceeds the travel limit/);
  });

  it("rejects a year the offer does not accept and a window that does not cover the block", () => {
    const changed: MatchingInput = {
      ...input,
      requests: input.requests.map((request) => (request.id === "R2" ? { ...request, year: 3, end: "2027-03-01" } : request)),
    };
    expect(() => verifyAllocationsAgainstInput(changed, [{ requestId: "R2", offerId: "O-NEAR", students: 1 }])).toThrow(/does not cover the block/);
    const otherYear: MatchingInput = { ...input, requests: input.requests.map((request) => (request.id === "R2" ? { ...request, year: 3 } : request)) };
    expect(() => verifyAllocationsAgainstInput(otherYear, [{ requestId: "R2", offerId: "O-FAR", students: 1 }])).toThrow(/does not accept year 3/);
  });
});
