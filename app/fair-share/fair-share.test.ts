import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  apportionLargestRemainder,
  computeProviderFairShare,
  fairShareBand,
  fairShareRatio,
  formatRatio,
  summariseFairShare,
  weeksPerWte,
} from "./fair-share";

const shares = (total: number, weights: [string, number][]) =>
  Object.fromEntries(apportionLargestRemainder(total, weights.map(([id, weight]) => ({ id, weight }))));

describe("apportionLargestRemainder", () => {
  it("gives each its quota's whole part and the rest to the largest remainders", () => {
    // Quotas 6.75 and 2.25: 6 and 2, the one unit left goes to the larger remainder.
    expect(shares(9, [["a", 30], ["b", 10]])).toEqual({ a: 7, b: 2 });
    // Quotas 4.2857, 2.8571, 2.8571 (30:20:20 of 10): wholes 4+2+2 = 8, two units to the .857s.
    expect(shares(10, [["a", 30], ["b", 20], ["c", 20]])).toEqual({ a: 4, b: 3, c: 3 });
  });

  it("is exactly proportional when the quotas are whole", () => {
    expect(shares(12, [["a", 1], ["b", 2], ["c", 3]])).toEqual({ a: 2, b: 4, c: 6 });
    expect(shares(100, [["a", 12.5], ["b", 37.5]])).toEqual({ a: 25, b: 75 });
  });

  it("gives nothing to a zero weight, even with units left over", () => {
    expect(shares(5, [["a", 1], ["b", 0], ["c", 1]])).toEqual({ a: 3, b: 0, c: 2 });
  });

  it("gives nobody anything when every weight is zero, or the total is zero", () => {
    expect(shares(7, [["a", 0], ["b", 0]])).toEqual({ a: 0, b: 0 });
    expect(shares(0, [["a", 3], ["b", 1]])).toEqual({ a: 0, b: 0 });
    expect(shares(4, [])).toEqual({});
  });

  it("breaks ties by id, whatever the input order", () => {
    expect(shares(1, [["b", 1], ["a", 1]])).toEqual({ a: 1, b: 0 });
    expect(shares(2, [["c", 1], ["b", 1], ["a", 1]])).toEqual({ a: 1, b: 1, c: 0 });
    // 0.1 + 0.2 style fractions that are equal in exact arithmetic still tie.
    expect(shares(1, [["z", 0.1 + 0.2], ["y", 0.3]])).toEqual({ y: 1, z: 0 });
  });

  it("refuses a fractional or negative total and negative weights", () => {
    expect(() => apportionLargestRemainder(2.5, [{ id: "a", weight: 1 }])).toThrow(RangeError);
    expect(() => apportionLargestRemainder(-1, [{ id: "a", weight: 1 }])).toThrow(RangeError);
    expect(() => apportionLargestRemainder(3, [{ id: "a", weight: -1 }])).toThrow(RangeError);
    expect(() => apportionLargestRemainder(3, [{ id: "a", weight: Number.NaN }])).toThrow(RangeError);
    expect(() => apportionLargestRemainder(3, [{ id: "a", weight: 1 }, { id: "a", weight: 2 }])).toThrow(RangeError);
  });

  it("always sums to the total and stays within one unit of each exact quota", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }).map((hundredths) => hundredths / 100), { minLength: 1, maxLength: 40 }),
        (total, weights) => {
          const input = weights.map((weight, index) => ({ id: `p${String(index).padStart(2, "0")}`, weight }));
          const result = apportionLargestRemainder(total, input);
          const sum = weights.reduce((a, b) => a + b, 0);
          const values = [...result.values()];
          if (sum === 0) return values.every((value) => value === 0);
          if (values.reduce((a, b) => a + b, 0) !== total) return false;
          return input.every(({ id, weight }) => {
            const quota = (total * weight) / sum;
            const share = result.get(id)!;
            return Number.isInteger(share) && share >= Math.floor(quota) && share <= Math.floor(quota) + 1 && (weight > 0 || share === 0);
          });
        },
      ),
    );
  });
});

describe("fair-share ratio and band", () => {
  it("divides provision by fair share, with no ratio for a zero share", () => {
    expect(fairShareRatio(7, 7)).toBe(1);
    expect(fairShareRatio(3, 4)).toBe(0.75);
    expect(fairShareRatio(5, 0)).toBeNull();
    expect(formatRatio(null)).toBe("—");
    expect(formatRatio(0.755)).toBe("0.76");
  });

  it("bands below 0.8 red, below 1.0 amber, else green by default", () => {
    expect(fairShareBand(0)).toBe("red");
    expect(fairShareBand(0.79)).toBe("red");
    expect(fairShareBand(0.8)).toBe("amber");
    expect(fairShareBand(0.99)).toBe("amber");
    expect(fairShareBand(1)).toBe("green");
    expect(fairShareBand(2.5)).toBe("green");
    expect(fairShareBand(null)).toBeNull();
  });

  it("uses the administrator's thresholds", () => {
    const bands = { red: 0.5, amber: 0.9 };
    expect(fairShareBand(0.6, bands)).toBe("amber");
    expect(fairShareBand(0.95, bands)).toBe("green");
    expect(fairShareBand(0.49, bands)).toBe("red");
  });

  it("expresses placement weeks per WTE, with none for no workforce", () => {
    expect(weeksPerWte(60, 12)).toBe(5);
    expect(weeksPerWte(60, 0)).toBeNull();
  });
});

describe("computeProviderFairShare", () => {
  const workforce = [
    { organisationId: "big", profession: "PT" as const, wte: 30 },
    { organisationId: "small", profession: "PT" as const, wte: 10 },
    { organisationId: "small", profession: "OT" as const, wte: 4 },
  ];

  it("apportions the region's demand by workforce and compares provision", () => {
    const rows = computeProviderFairShare({
      providerId: "big",
      demand: { PT: 9, OT: 3 },
      workforce,
      offered: { PT: { slots: 6, weeks: 48 } },
      hosted: { PT: { students: 4, weeks: 16 } },
    });
    expect(rows).toEqual([
      {
        profession: "PT",
        demand: 9,
        wte: 30,
        regionWte: 40,
        fairShare: 7,
        offered: 6,
        hosted: 4,
        stages: { PROPOSED: 0, CONFIRMED: 0, ACCEPTED: 0, STUDENTS_NAMED: 0, COMPLETED: 0 },
        offeredRatio: 6 / 7,
        offeredBand: "amber",
        hostedRatio: 4 / 7,
        hostedBand: "red",
        offeredWeeksPerWte: 1.6,
        hostedWeeksPerWte: 16 / 30,
      },
    ]);
  });

  it("lists a profession the provider offers without workforce, with a zero share and no ratio", () => {
    const rows = computeProviderFairShare({
      providerId: "small",
      demand: { PT: 9, OT: 3, SLT: 5 },
      workforce,
      offered: { SLT: { slots: 2, weeks: 8 } },
      hosted: {},
    });
    expect(rows.map((row) => [row.profession, row.fairShare, row.offeredRatio, row.offeredWeeksPerWte])).toEqual([
      ["PT", 2, 0, 0],
      ["OT", 3, 0, 0],
      ["SLT", 0, null, null],
    ]);
    expect(summariseFairShare(rows)).toMatchObject({ fairShare: 5, offered: 2, ratio: 0.4, band: "red" });
  });
});
