import { describe, expect, it } from "vitest";
import { awardDeliveryRow, awardStatus } from "./award-delivery-row";

const award = {
  id: "award-1",
  profession: "PT" as const,
  periodStart: "2026-09-01T00:00:00.000Z",
  periodEnd: new Date("2027-08-31T00:00:00Z"),
  unit: "WEEKS" as const,
  committed: 20,
  baselineStudents: 1,
  baselineWeeks: 4,
  amountPence: 2_000_000,
  provider: { name: "Royal Riverside NHS Foundation Trust" },
};
const delivery = {
  secured: { students: 4, weeks: 24 },
  additional: { students: 3, weeks: 20 },
  delivered: 20,
  elapsed: 0.5,
  deliveredToDate: 14.04,
  expectedToDate: 9.96,
  behind: false,
  paidPence: 500_000,
  pencePerAdditionalWeek: 25_000,
};

describe("an award's delivery row", () => {
  it("gives the table and the CSV the same figures: dates as dates, the unit in words, pro-rata figures to one decimal", () => {
    expect(awardDeliveryRow({ award, delivery, fairShare: { ratioNow: 1.2, ratioWithout: 0.9 }, programmeName: "London" })).toEqual({
      awardId: "award-1",
      providerName: "Royal Riverside NHS Foundation Trust",
      programmeName: "London",
      profession: "Physiotherapy",
      periodStart: new Date("2026-09-01T00:00:00Z"),
      periodEnd: new Date("2027-08-31T00:00:00Z"),
      unit: "weeks",
      committed: 20,
      baselineStudents: 1,
      baselineWeeks: 4,
      placedStudents: 4,
      placedWeeks: 24,
      additionalStudents: 3,
      additionalWeeks: 20,
      delivered: 20,
      deliveredToDate: 14,
      expectedToDate: 10,
      behind: false,
      status: "On track",
      amountPence: 2_000_000,
      paidPence: 500_000,
      pencePerAdditionalWeek: 25_000,
      fairShareRatioNow: 1.2,
      fairShareRatioWithout: 0.9,
    });
  });

  it("has no fair-share ratios when the profession has no fair share, and no programme name unless given", () => {
    const row = awardDeliveryRow({ award: { ...award, unit: "STUDENTS" }, delivery, fairShare: null });
    expect(row).toMatchObject({ unit: "students", programmeName: null, fairShareRatioNow: null, fairShareRatioWithout: null });
  });

  it("says whether an award has started, and then whether it is behind", () => {
    expect(awardStatus({ elapsed: 0, behind: true })).toBe("Not started");
    expect(awardStatus({ elapsed: 0.1, behind: true })).toBe("Behind");
    expect(awardStatus({ elapsed: 0.1, behind: false })).toBe("On track");
  });
});
