import { describe, expect, it } from "vitest";
import { AwardFormSchema, ProgrammeFormSchema } from "./funding-forms";
import {
  comparableEarlierPeriod,
  elapsedFraction,
  formatPence,
  parsePounds,
  placedByMonth,
  placementWeeks,
  summariseAwardDelivery,
  warrantsCase,
  type AwardTerms,
} from "./funding-rules";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const placement = (students: number, start: string, end: string) => ({ students, startDate: day(start), endDate: day(end) });

const YEAR: AwardTerms = {
  unit: "WEEKS",
  committed: 20,
  baselineStudents: 2,
  baselineWeeks: 8,
  periodStart: day("2026-09-01"),
  periodEnd: day("2027-08-31"),
  amountPence: 2_000_000,
};

describe("placement weeks", () => {
  it("are students × whole weeks of the block, rounded up", () => {
    expect(placementWeeks(placement(3, "2027-01-11", "2027-02-05"))).toBe(12);
    expect(placementWeeks(placement(1, "2027-01-11", "2027-01-13"))).toBe(1);
  });

  it("group by the month the block starts", () => {
    expect(placedByMonth([placement(1, "2027-03-01", "2027-03-26"), placement(2, "2026-11-02", "2026-12-11"), placement(1, "2027-03-15", "2027-03-19")])).toEqual([
      { month: "2026-11", students: 2, weeks: 12 },
      { month: "2027-03", students: 2, weeks: 5 },
    ]);
  });
});

describe("periods", () => {
  it("compare with the same dates a year earlier, 29 February staying in February", () => {
    expect(comparableEarlierPeriod(day("2026-09-01"), day("2027-08-31"))).toEqual({ start: day("2025-09-01"), end: day("2026-08-31") });
    expect(comparableEarlierPeriod(day("2028-02-29"), day("2028-03-31")).start).toEqual(day("2027-02-28"));
  });

  it("elapse from 0 before the start to 1 after the last day", () => {
    expect(elapsedFraction(day("2026-09-01"), day("2026-09-10"), day("2026-08-01"))).toBe(0);
    expect(elapsedFraction(day("2026-09-01"), day("2026-09-10"), new Date("2026-09-06T15:00:00Z"))).toBe(0.5);
    expect(elapsedFraction(day("2026-09-01"), day("2026-09-10"), day("2026-12-01"))).toBe(1);
  });
});

describe("delivery over the baseline", () => {
  const placements = [placement(2, "2026-11-02", "2026-12-11"), placement(3, "2027-03-01", "2027-03-26"), placement(5, "2027-09-06", "2027-10-01")];

  it("counts placed students and weeks of blocks starting in the period over the whole baseline", () => {
    const delivery = summariseAwardDelivery(YEAR, placements, [], day("2027-04-01"));
    // 2 × 6 weeks + 3 × 4 weeks; the September 2027 block is outside the period.
    expect(delivery.secured).toEqual({ students: 5, weeks: 24 });
    expect(delivery.additional).toEqual({ students: 3, weeks: 16 });
    expect(delivery.delivered).toBe(16);
  });

  it("never reports less than nothing delivered", () => {
    const delivery = summariseAwardDelivery({ ...YEAR, baselineStudents: 10, baselineWeeks: 50 }, placements, [], day("2027-04-01"));
    expect(delivery.additional).toEqual({ students: 0, weeks: 0 });
  });

  it("counts in students when the commitment is in students", () => {
    const delivery = summariseAwardDelivery({ ...YEAR, unit: "STUDENTS", committed: 4 }, placements, [], day("2027-04-01"));
    expect(delivery.delivered).toBe(3);
  });

  it("works out £ per additional week from payments made by today", () => {
    const payments = [
      { payOn: day("2026-10-01"), amountPence: 800_000 },
      { payOn: day("2027-06-01"), amountPence: 1_200_000 },
    ];
    const delivery = summariseAwardDelivery(YEAR, placements, payments, day("2027-04-01"), 50_000);
    expect(delivery.paidPence).toBe(800_000);
    expect(delivery.pencePerAdditionalWeek).toBe(50_000);
    expect(delivery.earnedPence).toBe(16 * 50_000);
    expect(summariseAwardDelivery(YEAR, [], payments, day("2027-04-01")).pencePerAdditionalWeek).toBeNull();
  });
});

describe("behind the commitment", () => {
  // Half the period gone on 2027-03-02 (182 of 365 days).
  const halfway = day("2027-03-02");

  it("compares additional units started so far with the commitment pro rata", () => {
    // Started: 2 × 6 = 12 weeks; baseline pro rata 8 × 0.4986 ≈ 4; 12 − 4 ≈ 8 against 20 × 0.4986 ≈ 10: behind.
    const behind = summariseAwardDelivery(YEAR, [placement(2, "2026-11-02", "2026-12-11")], [], halfway);
    expect(behind.elapsed).toBeCloseTo(182 / 365, 6);
    expect(behind.deliveredToDate).toBeCloseTo(12 - 8 * (182 / 365), 6);
    expect(behind.expectedToDate).toBeCloseTo(20 * (182 / 365), 6);
    expect(behind.behind).toBe(true);
    expect(warrantsCase(behind)).toBe(false);
    // One more student for 4 weeks: 16 − 4 ≈ 12 against 10: on track.
    const onTrack = summariseAwardDelivery(YEAR, [placement(2, "2026-11-02", "2026-12-11"), placement(1, "2027-01-11", "2027-02-05")], [], halfway);
    expect(onTrack.behind).toBe(false);
  });

  it("does not count blocks that have not started yet toward delivery so far", () => {
    const booked = summariseAwardDelivery(YEAR, [placement(10, "2027-06-07", "2027-07-30")], [], halfway);
    expect(booked.secured.weeks).toBe(80);
    expect(booked.behind).toBe(true);
  });

  it("is never behind before the period starts, and raises a case only with half the period gone", () => {
    expect(summariseAwardDelivery(YEAR, [], [], day("2026-08-01")).behind).toBe(false);
    expect(warrantsCase(summariseAwardDelivery(YEAR, [], [], day("2027-03-03")))).toBe(true);
  });
});

describe("money and forms", () => {
  it("reads pounds as people type them", () => {
    expect(parsePounds("1,199,633")).toBe(119_963_300);
    expect(parsePounds("£250.5")).toBe(25_050);
    expect(parsePounds("-5")).toBeNull();
    expect(parsePounds("1e6")).toBeNull();
    expect(formatPence(119_963_300)).toBe("£1,199,633");
    expect(formatPence(25_050)).toBe("£250.50");
  });

  it("refuses a period that ends before it starts, next to its end", () => {
    const result = ProgrammeFormSchema.safeParse({ name: "Expansion", amount: "1000", periodStart: "2027-01-01", periodEnd: "2026-01-01" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["periodEnd"], message: "The period must end on or after its start" });
  });

  it("refuses amounts above £20 million and commitments of nothing", () => {
    const base = { providerId: "p", profession: "PT", periodStart: "2026-09-01", periodEnd: "2027-08-31", unit: "WEEKS" };
    expect(AwardFormSchema.safeParse({ ...base, committed: 5, amount: "20000001" }).error?.issues[0].message).toBe("Enter £20,000,000 or less");
    expect(AwardFormSchema.safeParse({ ...base, committed: 0, amount: "1000" }).error?.issues[0].message).toBe("Enter 1 or more");
  });
});
