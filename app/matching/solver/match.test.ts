import { describe, expect, it } from "vitest";
import { solveMatching } from "./match";
import type { GeoPoint, MatchingInput, MatchingOffer, MatchingProgress, MatchingProvider, PlacementRequest } from "./types";

// Small instances whose optimum can be worked out by hand. Distances are laid out due
// east of a campus: travel minutes = 3 × km (20 km/h).
const CAMPUS: GeoPoint = { lat: 51.5, lon: -0.12 };
const KM_PER_DEGREE_LON = (6371 * Math.PI * Math.cos((CAMPUS.lat * Math.PI) / 180)) / 180;
function minutesEast(minutes: number): GeoPoint {
  return { lat: CAMPUS.lat, lon: CAMPUS.lon + minutes / 3 / KM_PER_DEGREE_LON };
}

function provider(id: string, workforce: Record<string, number>, siteMinutes: number[] = [10]): MatchingProvider {
  return { id, workforce, sites: siteMinutes.map((minutes, index) => ({ id: `${id}-S${index + 1}`, location: minutesEast(minutes) })) };
}

function offer(id: string, providerId: string, overrides: Partial<MatchingOffer> = {}): MatchingOffer {
  return {
    id,
    providerId,
    siteId: `${providerId}-S1`,
    profession: "PT",
    start: "2027-01-04",
    end: "2027-02-12",
    capacity: 1,
    taken: 0,
    years: null,
    specialty: null,
    ...overrides,
  };
}

function request(id: string, universityId: string, students: number, overrides: Partial<PlacementRequest> = {}): PlacementRequest {
  return {
    id,
    universityId,
    profession: "PT",
    year: 2,
    start: "2027-01-11",
    end: "2027-02-05",
    students,
    origin: CAMPUS,
    maxTravelMinutes: null,
    specialties: [],
    ...overrides,
  };
}

function placedBy(result: ReturnType<typeof solveMatching>, key: "offerId" | "requestId"): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const allocation of result.allocations) totals[allocation[key]] = (totals[allocation[key]] ?? 0) + allocation.students;
  return totals;
}

describe("placing as many students as possible comes first", () => {
  it("uses a provider far above its share when nothing else can take the students", () => {
    const input: MatchingInput = {
      providers: [provider("BIG", { PT: 100 }), provider("SMALL", { PT: 1 })],
      offers: [offer("O-BIG", "BIG", { capacity: 5, start: "2027-03-01", end: "2027-03-31" }), offer("O-SMALL", "SMALL", { capacity: 3 })],
      requests: [request("R1", "U1", 3)],
    };
    const result = solveMatching(input);
    expect(result.stats.placed).toBe(3);
    expect(placedBy(result, "offerId")).toEqual({ "O-SMALL": 3 });
    const small = result.providers.find((row) => row.providerId === "SMALL")!;
    expect(small.fairShare).toBeCloseTo(3 / 101, 10);
    expect(small.fairShareRatio).toBeGreaterThan(90);
  });
});

describe("provider fair share", () => {
  it("sends students first to the provider furthest below its share, even when it is further away", () => {
    // D = 4, workforce 30 : 10, so F = 3 and 1; the near provider B would take all four on travel alone.
    const input: MatchingInput = {
      providers: [provider("A", { PT: 30 }, [50]), provider("B", { PT: 10 }, [5])],
      offers: [offer("OA", "A", { capacity: 4 }), offer("OB", "B", { capacity: 4 })],
      requests: [request("R1", "U1", 4)],
    };
    const result = solveMatching(input);
    expect(placedBy(result, "offerId")).toEqual({ OA: 3, OB: 1 });
    expect(result.providers.map((row) => [row.providerId, row.fairShare, row.placed])).toEqual([
      ["A", 3, 3],
      ["B", 1, 1],
    ]);
    expect(result.stats.objective).toBe(0);
    const far = result.allocations.find((allocation) => allocation.offerId === "OA")!;
    expect(far.explanation).toContain("provider A hosts 3 PT students against a fair share of 3");
    expect(far.explanation).toContain("better-suited offers: OB (5 min) has room, but its provider B hosts 1 PT students against a fair share of 1");
  });

  it("does not load one provider far above its share while another of equal share sits idle", () => {
    const input: MatchingInput = {
      providers: [provider("A", { PT: 10 }, [80]), provider("B", { PT: 10 }, [5])],
      offers: [offer("OA", "A", { capacity: 6 }), offer("OB", "B", { capacity: 6 })],
      requests: [request("R1", "U1", 6)],
    };
    expect(placedBy(solveMatching(input), "offerId")).toEqual({ OA: 3, OB: 3 });
  });

  it("balances on the ratio to fair share, so a small provider is not starved by a large one", () => {
    // F = 8 and 2 for D = 10; both offers can take all ten.
    const input: MatchingInput = {
      providers: [provider("LARGE", { PT: 40 }, [5]), provider("SMALL", { PT: 10 }, [5])],
      offers: [offer("OL", "LARGE", { capacity: 10 }), offer("OS", "SMALL", { capacity: 10 })],
      requests: [request("R1", "U1", 10)],
    };
    expect(placedBy(solveMatching(input), "offerId")).toEqual({ OL: 8, OS: 2 });
  });
});

describe("scarce capacity between universities", () => {
  it("is shared in proportion to demand", () => {
    // 6 places for 9 students: U1 (6) and U2 (3) each get two thirds.
    const input: MatchingInput = {
      providers: [provider("P", { PT: 10 })],
      offers: [offer("O1", "P", { capacity: 6 })],
      requests: [request("R1", "U1", 6), request("R2", "U2", 3)],
    };
    const result = solveMatching(input);
    expect(placedBy(result, "requestId")).toEqual({ R1: 4, R2: 2 });
    expect(result.unmet.map(({ requestId, students, cause }) => ({ requestId, students, cause }))).toEqual([
      { requestId: "R1", students: 2, cause: "compatible-offers-full" },
      { requestId: "R2", students: 1, cause: "compatible-offers-full" },
    ]);
    expect(result.unmet[0].reason).toBe(
      "the only compatible offer is full; 2 requests needing 9 students can only use 1 offer with 6 places between them, so 3 cannot be placed; U1 has 33% of its PT students unplaced (others competing for these offers: U2 33%)",
    );
  });

  it("counts a university's whole demand in the profession, even requests no offer can take", () => {
    // U1 asks for 6 (3 of them in year 3, which no offer accepts), U2 for 3. The 3 places go 2 : 1,
    // in proportion to demand, leaving both universities two thirds short.
    const input: MatchingInput = {
      providers: [provider("P", { PT: 10 })],
      offers: [offer("O1", "P", { capacity: 3, years: [2] })],
      requests: [request("R1", "U1", 3), request("R1b", "U1", 3, { year: 3 }), request("R2", "U2", 3)],
    };
    const result = solveMatching(input);
    expect(placedBy(result, "requestId")).toEqual({ R1: 2, R2: 1 });
    expect(result.unmet.find((unmet) => unmet.requestId === "R2")!.reason).toContain("U2 has 67% of its PT students unplaced (others competing for these offers: U1 67%)");
  });
});

describe("preferences come last", () => {
  it("prefers a requested specialty at equal travel", () => {
    const input: MatchingInput = {
      providers: [provider("P", { PT: 10 })],
      offers: [offer("O-NEURO", "P", { specialty: "neuro" }), offer("O-MSK", "P", { specialty: "MSK" })],
      requests: [request("R1", "U1", 1, { specialties: ["msk"] })],
    };
    const result = solveMatching(input);
    expect(placedBy(result, "offerId")).toEqual({ "O-MSK": 1 });
    expect(result.allocations[0].specialtyMatched).toBe(true);
  });

  it("trades a requested specialty for at most an hour of extra travel", () => {
    const build = (mskMinutes: number): MatchingInput => ({
      providers: [provider("P", { PT: 10 }, [mskMinutes, 5])],
      offers: [offer("O-MSK", "P", { specialty: "MSK" }), offer("O-GENERAL", "P", { siteId: "P-S2" })],
      requests: [request("R1", "U1", 1, { specialties: ["MSK"] })],
    });
    expect(placedBy(solveMatching(build(60)), "offerId")).toEqual({ "O-MSK": 1 });
    expect(placedBy(solveMatching(build(70)), "offerId")).toEqual({ "O-GENERAL": 1 });
  });

  it("prefers shorter travel", () => {
    const input: MatchingInput = {
      providers: [provider("P", { PT: 10 }, [20, 10])],
      offers: [offer("O-FAR", "P"), offer("O-NEAR", "P", { siteId: "P-S2" })],
      requests: [request("R1", "U1", 1)],
    };
    const result = solveMatching(input);
    expect(placedBy(result, "offerId")).toEqual({ "O-NEAR": 1 });
    expect(result.allocations[0].travelMinutes).toBeCloseTo(10, 6);
  });

  it("explains that a nearer offer was full", () => {
    const input: MatchingInput = {
      providers: [provider("P", { PT: 10 }, [20, 5])],
      offers: [offer("O-FAR", "P", { capacity: 2 }), offer("O-NEAR", "P", { siteId: "P-S2", capacity: 1 })],
      requests: [request("R1", "U1", 2)],
    };
    const far = solveMatching(input).allocations.find((allocation) => allocation.offerId === "O-FAR")!;
    expect(far.explanation).toContain("better-suited offers: O-NEAR (5 min) is full");
  });
});

describe("hard rules", () => {
  it("never breaks a travel limit, even when that leaves students unplaced", () => {
    const input: MatchingInput = {
      providers: [provider("P", { PT: 10 }, [45])],
      offers: [offer("O1", "P", { capacity: 5 })],
      requests: [request("R1", "U1", 2, { maxTravelMinutes: 30 })],
    };
    const result = solveMatching(input);
    expect(result.stats.placed).toBe(0);
    expect(result.unmet).toEqual([
      {
        requestId: "R1",
        students: 2,
        cause: "travel-limit-excludes-all",
        reason: "travel limit of 30 min excludes all 1 PT offer covering 11 Jan–5 Feb 2027 for year 2 (nearest 45 min away)",
      },
    ]);
  });

  it("applies no travel limit to a site without a location", () => {
    const input: MatchingInput = {
      providers: [{ id: "P", workforce: { PT: 1 }, sites: [{ id: "P-S1", location: null }] }],
      offers: [offer("O1", "P")],
      requests: [request("R1", "U1", 1, { maxTravelMinutes: 1 })],
    };
    const result = solveMatching(input);
    expect(result.stats.placed).toBe(1);
    expect(result.allocations[0].travelMinutes).toBeNull();
  });

  it("explains unmet demand by the first rule that rules offers out", () => {
    const input: MatchingInput = {
      providers: [provider("P", { PT: 10, OT: 5 })],
      offers: [offer("O-EARLY", "P", { end: "2027-01-29" }), offer("O-Y3", "P", { years: [3] })],
      requests: [
        request("R-BLOCK", "U1", 1, { start: "2027-01-11", end: "2027-02-26" }),
        request("R-YEAR", "U1", 2),
        request("R-OT", "U1", 1, { profession: "OT" }),
      ],
    };
    const result = solveMatching(input);
    expect(result.unmet.map(({ requestId, cause, reason }) => [requestId, cause, reason])).toEqual([
      ["R-BLOCK", "no-offer-covers-block", "no published PT offer covers 11 Jan–26 Feb 2027"],
      ["R-YEAR", "no-offer-accepts-year", "1 PT offer covers 11 Jan–5 Feb 2027 but none accepts year 2"],
      ["R-OT", "no-offer-in-profession", "no OT offer is published in this exchange"],
    ]);
  });

  it("treats places already taken as unavailable", () => {
    const input: MatchingInput = {
      providers: [provider("P", { PT: 10 })],
      offers: [offer("O1", "P", { capacity: 3, taken: 2 })],
      requests: [request("R1", "U1", 3)],
    };
    const result = solveMatching(input);
    expect(result.stats.placed).toBe(1);
    expect(result.unmet[0].reason).toBe("the only compatible offer is full; it has 1 place for 3 students; U1 has 67% of its PT students unplaced");
    expect(result.providers[0]).toMatchObject({ providerId: "P", offered: 1, placed: 1 });
  });
});

describe("the result", () => {
  const input: MatchingInput = {
    providers: [provider("P1", { PT: 5 }), provider("P2", { OT: 2 }), provider("P3", {})],
    offers: [offer("O1", "P1", { capacity: 2 }), offer("O3", "P3", { capacity: 2 })],
    requests: [request("R1", "U1", 3), request("R2", "U2", 0)],
  };

  it("lists one provider row per profession with workforce or placements, and stats", () => {
    const result = solveMatching(input);
    expect(result.providers.map((row) => [row.providerId, row.profession, row.fairShare, row.placed, row.fairShareRatio])).toEqual([
      ["P2", "OT", 0, 0, null],
      ["P1", "PT", 3, 2, 2 / 3],
      ["P3", "PT", 0, 1, null],
    ]);
    expect(result.allocations.every((allocation) => allocation.students > 0)).toBe(true);
    expect(result.stats).toMatchObject({ requested: 3, placed: 3, certificate: "verified" });
    expect(result.stats.levels.unplaced).toBe(0);
  });

  it("is the same on every run", () => {
    const first = solveMatching(input);
    const second = solveMatching(input);
    expect(second.allocations).toEqual(first.allocations);
    expect(second.stats.levels).toEqual(first.stats.levels);
  });

  it("reports progress through every phase, ending at 1", () => {
    const progress: MatchingProgress[] = [];
    solveMatching(input, { onProgress: (update) => progress.push(update) });
    expect([...new Set(progress.map((update) => update.phase))]).toEqual(["build", "solve", "verify", "explain"]);
    const fractions = progress.map((update) => update.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });

  it("handles an empty exchange", () => {
    const result = solveMatching({ providers: [], offers: [], requests: [] });
    expect(result).toMatchObject({ allocations: [], unmet: [], providers: [], stats: { requested: 0, placed: 0 } });
  });
});
