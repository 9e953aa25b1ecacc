import { describe, expect, it } from "vitest";
import {
  computeLedger,
  countedMinutes,
  mondayOf,
  placementWeeks,
  plannedMinutes,
  recordableWeeks,
  requirementOn,
  simulationCap,
  timesheetOverdue,
  weeksToCover,
  ZERO,
  type Requirement,
} from "./hours-rules";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const h = (hours: number) => hours * 60;
const PT: Requirement = { minimumMinutes: h(1000), countsInPerson: true, countsTelehealth: true, countsSimulation: true, simulationCapMinutes: null, simulationCapPercent: 25 };

describe("what counts", () => {
  it("caps simulation by hours, by share of the minimum, or not at all", () => {
    expect(simulationCap(PT)).toBe(h(250));
    expect(simulationCap({ ...PT, simulationCapPercent: null, simulationCapMinutes: h(40) })).toBe(h(40));
    expect(simulationCap({ ...PT, simulationCapPercent: null })).toBe(Number.POSITIVE_INFINITY);
    expect(simulationCap({ ...PT, countsSimulation: false })).toBe(0);
  });

  it("leaves out kinds the body does not accept and simulation over the cap", () => {
    const hours = { inPerson: h(100), telehealth: h(20), simulation: h(300) };
    expect(countedMinutes(hours, PT)).toBe(h(100 + 20 + 250));
    expect(countedMinutes(hours, { ...PT, countsTelehealth: false })).toBe(h(100 + 250));
  });
});

describe("the ledger", () => {
  it("counts confirmed, then waiting, then planned hours, and flags a student whose total falls short", () => {
    const ledger = computeLedger(
      { confirmed: { inPerson: h(400), telehealth: 0, simulation: h(200) }, awaiting: { inPerson: 0, telehealth: 0, simulation: h(100) }, queried: { ...ZERO, inPerson: h(37.5) }, planned: { ...ZERO, inPerson: h(300) } },
      PT,
    );
    expect(ledger.confirmedCounted).toBe(h(600));
    // 300 h of simulation recorded, 250 count: the 50 over the cap are the waiting ones.
    expect(ledger.recordedCounted).toBe(h(650));
    expect(ledger.notCounted).toBe(h(50));
    expect(ledger.plannedCounted).toBe(h(300));
    expect(ledger.stillNeeded).toBe(h(350));
    expect(ledger.uncovered).toBe(h(50));
    expect(ledger.atRisk).toBe(true);
  });

  it("is not at risk when recorded and planned hours reach the minimum exactly", () => {
    const ledger = computeLedger({ confirmed: { ...ZERO, inPerson: h(500) }, awaiting: { ...ZERO, inPerson: h(62.5) }, queried: ZERO, planned: ZERO }, { ...PT, minimumMinutes: h(562.5) });
    expect(ledger.atRisk).toBe(false);
    expect(ledger.stillNeeded).toBe(0);
  });
});

describe("requirements over time", () => {
  it("takes the latest row in force on the day", () => {
    const rows = [{ id: "a", effectiveFrom: day("2020-09-01") }, { id: "b", effectiveFrom: day("2025-09-01") }];
    expect(requirementOn(rows, day("2025-08-31"))?.id).toBe("a");
    expect(requirementOn(rows, day("2025-09-01"))?.id).toBe("b");
    expect(requirementOn(rows, day("2019-01-01"))).toBeNull();
  });
});

describe("planned hours", () => {
  it("plans a Monday-to-Friday block at 37.5 hours a week, part weeks by their working days", () => {
    expect(placementWeeks(day("2027-01-11"), day("2027-02-19")).map((week) => week.days)).toEqual([5, 5, 5, 5, 5, 5]);
    // Wednesday to the next Tuesday: 3 days, then 2.
    expect(placementWeeks(day("2027-01-13"), day("2027-01-19")).map((week) => week.minutes)).toEqual([h(22.5), h(15)]);
    expect(mondayOf(day("2027-01-17")).toISOString().slice(0, 10)).toBe("2027-01-11");
  });

  it("counts only unrecorded weeks of placements not completed that end by the programme's end", () => {
    const ongoing = { startDate: day("2027-01-11"), endDate: day("2027-02-19"), completed: false, recordedWeeks: [day("2027-01-11"), day("2027-01-18")] };
    const done = { startDate: day("2026-06-01"), endDate: day("2026-06-26"), completed: true, recordedWeeks: [] };
    const late = { startDate: day("2027-09-06"), endDate: day("2027-10-01"), completed: false, recordedWeeks: [] };
    expect(plannedMinutes([ongoing, done], null)).toBe(h(4 * 37.5));
    expect(plannedMinutes([ongoing, late], day("2027-07-30"))).toBe(h(4 * 37.5));
    expect(plannedMinutes([ongoing, late], null)).toBe(h(8 * 37.5));
  });

  it("lets a student record weeks that have started and are not confirmed", () => {
    const weeks = recordableWeeks(day("2027-01-11"), day("2027-02-19"), day("2027-01-27"), [day("2027-01-11")]);
    expect(weeks.map((week) => week.toISOString().slice(0, 10))).toEqual(["2027-01-18", "2027-01-25"]);
  });

  it("turns uncovered hours into weeks of placement", () => {
    expect(weeksToCover(h(37.5))).toBe(1);
    expect(weeksToCover(h(40))).toBe(2);
  });
});

it("chases a timesheet after 7 days", () => {
  expect(timesheetOverdue(day("2027-01-01"), day("2027-01-07"))).toBe(false);
  expect(timesheetOverdue(day("2027-01-01"), day("2027-01-08"))).toBe(true);
});
