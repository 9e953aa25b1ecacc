import { describe, expect, it } from "vitest";
import {
  ageingBucket,
  allowedCaseMoves,
  canMoveCase,
  caseAgeDays,
  caseSeverity,
  CASE_STATUSES,
  checkCaseMove,
  countByAgeing,
  daysUntil,
  scannedCaseChange,
} from "./case-rules";
import { addUtcDays } from "~/platform/utc-days";

describe("case status moves", () => {
  it.each([
    ["OPEN", "IN_PROGRESS"],
    ["OPEN", "WAITING"],
    ["OPEN", "RESOLVED"],
    ["OPEN", "CLOSED"],
    ["IN_PROGRESS", "WAITING"],
    ["IN_PROGRESS", "RESOLVED"],
    ["IN_PROGRESS", "CLOSED"],
    ["WAITING", "IN_PROGRESS"],
    ["WAITING", "RESOLVED"],
    ["WAITING", "CLOSED"],
    ["RESOLVED", "CLOSED"],
    ["RESOLVED", "IN_PROGRESS"],
  ] as const)("allows %s → %s", (from, to) => {
    expect(canMoveCase(from, to)).toBe(true);
    expect(checkCaseMove(from, to)).toEqual({ ok: true });
  });

  it("allows nothing from closed", () => {
    expect(allowedCaseMoves("CLOSED")).toEqual([]);
    for (const to of CASE_STATUSES) expect(canMoveCase("CLOSED", to)).toBe(false);
  });

  it.each([
    ["IN_PROGRESS", "OPEN"],
    ["WAITING", "OPEN"],
    ["RESOLVED", "WAITING"],
    ["RESOLVED", "OPEN"],
    ["OPEN", "OPEN"],
  ] as const)("refuses %s → %s with 409", (from, to) => {
    const check = checkCaseMove(from, to);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.status).toBe(409);
  });

  it("explains a repeated move", () => {
    expect(checkCaseMove("WAITING", "WAITING")).toMatchObject({ message: "This case is already waiting" });
  });
});

describe("caseSeverity", () => {
  it("is low for few students far off or without a date", () => {
    expect(caseSeverity(1, 90)).toBe("LOW");
    expect(caseSeverity(2, null)).toBe("LOW");
  });
  it("rises with students and a near start", () => {
    expect(caseSeverity(3, 90)).toBe("MEDIUM");
    expect(caseSeverity(1, 30)).toBe("MEDIUM");
    expect(caseSeverity(10, 60)).toBe("HIGH");
    expect(caseSeverity(1, 14)).toBe("HIGH");
    expect(caseSeverity(3, 20)).toBe("HIGH");
    expect(caseSeverity(3, 7)).toBe("CRITICAL");
    expect(caseSeverity(12, -2)).toBe("CRITICAL");
  });
  it("treats the day boundaries exactly", () => {
    expect(caseSeverity(1, 42)).toBe("MEDIUM");
    expect(caseSeverity(1, 43)).toBe("LOW");
    expect(caseSeverity(1, 15)).toBe("MEDIUM");
  });
});

describe("daysUntil", () => {
  it("counts calendar days in UTC", () => {
    expect(daysUntil(new Date("2027-01-11T00:00:00Z"), new Date("2027-01-01T23:30:00Z"))).toBe(10);
    expect(daysUntil(new Date("2027-01-01T00:00:00Z"), new Date("2027-01-03T08:00:00Z"))).toBe(-2);
  });
});

describe("ageing", () => {
  const now = new Date("2027-03-01T12:00:00Z");
  const daysAgo = (days: number) => addUtcDays(now, -days);

  it("puts ages in the four buckets at their edges", () => {
    expect(ageingBucket(0)).toBe("0-7");
    expect(ageingBucket(7)).toBe("0-7");
    expect(ageingBucket(8)).toBe("8-30");
    expect(ageingBucket(30)).toBe("8-30");
    expect(ageingBucket(31)).toBe("31-90");
    expect(ageingBucket(90)).toBe("31-90");
    expect(ageingBucket(91)).toBe("90+");
  });

  it("ages in whole days and never below zero", () => {
    expect(caseAgeDays(daysAgo(7.9), now)).toBe(7);
    expect(caseAgeDays(new Date(now.getTime() + 1000), now)).toBe(0);
  });

  it("counts every bucket, empty ones as zero", () => {
    expect(countByAgeing([daysAgo(1), daysAgo(2), daysAgo(40), daysAgo(200)], now).map((b) => b.count)).toEqual([2, 0, 1, 1]);
    expect(countByAgeing([], now).map((b) => b.count)).toEqual([0, 0, 0, 0]);
  });
});

describe("what the daily scan does with a case it raised", () => {
  it.each([
    [null, 0, "none"],
    [null, 3, "open"],
    [{ status: "OPEN", studentsAffected: 3 }, 3, "none"],
    [{ status: "OPEN", studentsAffected: 3 }, 5, "update"],
    [{ status: "WAITING", studentsAffected: 3 }, 1, "update"],
    [{ status: "IN_PROGRESS", studentsAffected: 3 }, 0, "resolve"],
    [{ status: "RESOLVED", studentsAffected: 0 }, 0, "none"],
    [{ status: "RESOLVED", studentsAffected: 0 }, 2, "reopen"],
    // Resolved by a facilitator with 3 still short: only a larger shortfall reopens it.
    [{ status: "RESOLVED", studentsAffected: 3 }, 3, "none"],
    [{ status: "RESOLVED", studentsAffected: 3 }, 4, "reopen"],
    [{ status: "CLOSED", studentsAffected: 0 }, 9, "none"],
  ] as const)("case %j, %i short → %s", (existing, short, change) => {
    expect(scannedCaseChange(existing, short)).toBe(change);
  });
});
