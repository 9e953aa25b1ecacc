import { describe, expect, it } from "vitest";
import { anonymisePeers, peerLetter, sortByRatio, summariseRegion, type ProviderRatioRow } from "./dashboard-rules";
import { PROFESSION_LABELS } from "~/vocabulary/roles";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("summariseRegion", () => {
  it("adds demand, offered, allocated and unmet by profession, month and in total", () => {
    const summary = summariseRegion(
      {
        requests: [
          { profession: "PT", startDate: day("2027-01-11"), students: 6, studentsAllocated: 3, studentsHeld: 2, studentsConfirmed: 0, studentsAccepted: 1 },
          { profession: "PT", startDate: day("2026-10-05"), students: 4, studentsAllocated: 1, studentsHeld: 0, studentsConfirmed: 1, studentsAccepted: 0 },
          // Over-allocation never makes unmet negative or allocated exceed demand.
          { profession: "OT", startDate: day("2026-11-02"), students: 2, studentsAllocated: 5, studentsHeld: 0, studentsConfirmed: 0, studentsAccepted: 2 },
        ],
        offers: [
          { profession: "PT", startDate: day("2027-01-04"), slots: 5 },
          { profession: "SLT", startDate: day("2026-09-01"), slots: 2 },
        ],
      },
      2026,
      PROFESSION_LABELS,
    );
    expect(summary.byProfession.map((row) => [row.key, row.demand, row.offered, row.allocated, row.unmet])).toEqual([
      ["PT", 10, 5, 4, 6],
      ["OT", 2, 0, 2, 0],
      ["SLT", 0, 2, 0, 0],
    ]);
    expect(summary.totals).toMatchObject({ demand: 12, offered: 7, allocated: 6, held: 2, confirmed: 1, accepted: 3, placed: 4, unmet: 6 });
    expect(summary.byMonth).toHaveLength(12);
    expect(summary.byMonth[0]).toMatchObject({ key: "2026-09", offered: 2, demand: 0 });
    expect(summary.byMonth.find((row) => row.key === "2026-10")).toMatchObject({ demand: 4, allocated: 1, unmet: 3 });
    expect(summary.byMonth.find((row) => row.key === "2027-01")).toMatchObject({ demand: 6, offered: 5, allocated: 3, unmet: 3 });
  });
});

const row = (providerId: string, ratio: number | null, offered = 1): ProviderRatioRow => ({
  providerId,
  providerName: `Name ${providerId}`,
  wte: 10,
  fairShare: 3,
  offered,
  stages: { PROPOSED: 0, CONFIRMED: 0, ACCEPTED: 0, STUDENTS_NAMED: 0, COMPLETED: 0 },
  hosted: 0,
  ratio,
  band: ratio === null ? null : ratio < 0.8 ? "red" : ratio < 1 ? "amber" : "green",
  weeksPerWte: 1,
});

describe("peers", () => {
  it("letters run A…Z then AA", () => {
    expect([peerLetter(0), peerLetter(25), peerLetter(26), peerLetter(27)]).toEqual(["A", "Z", "AA", "AB"]);
  });

  it("sorts by ratio, highest first, with no ratio last", () => {
    expect(sortByRatio([row("a", 0.5), row("b", null), row("c", 1.2), row("d", 0.5, 4)]).map((r) => r.providerId)).toEqual(["c", "d", "a", "b"]);
  });

  it("keeps the viewer's row and anonymises the others in ratio order, without names, ids or counts", () => {
    const rows = anonymisePeers([row("z-self", 0.9), row("b", 1.5), row("a", 0.2)], "z-self", "Our Trust");
    expect(rows.map((r) => r.label)).toEqual(["Provider A", "Our Trust (you)", "Provider B"]);
    expect(rows[1]).toMatchObject({ isSelf: true, fairShare: 3, offered: 1, wte: 10 });
    expect(rows[0]).toMatchObject({ isSelf: false, fairShare: null, offered: null, wte: null, ratio: 1.5 });
    const json = JSON.stringify(rows);
    expect(json).not.toContain("Name ");
    expect(json).not.toMatch(/"b"|"a"/);
  });
});

describe("summariseUniversities", () => {
  it("counts each stage apart and compares each university's share of placed with its share of demand", async () => {
    const { summariseUniversities, formatPercent } = await import("./dashboard-rules");
    const { noStudentsByStatus } = await import("~/marketplace/allocation-rules");
    const stages = (counts: Partial<ReturnType<typeof noStudentsByStatus>>) => ({ ...noStudentsByStatus(), ...counts });
    const rows = summariseUniversities([
      { universityId: "a", universityName: "A", requests: [{ students: 6, byStatus: stages({ ACCEPTED: 2, STUDENTS_NAMED: 1, PROPOSED: 2 }) }] },
      { universityId: "b", universityName: "B", requests: [{ students: 6, byStatus: stages({ CONFIRMED: 1, COMPLETED: 1 }) }] },
      // Over-allocation never counts more students than were asked for.
      { universityId: "c", universityName: "C", requests: [{ students: 3, byStatus: stages({ COMPLETED: 9 }) }] },
    ]);
    expect(rows.map((row) => [row.universityName, row.byStatus.PROPOSED, row.byStatus.CONFIRMED, row.placed, row.unmet])).toEqual([
      ["B", 0, 1, 2, 4],
      ["A", 2, 0, 3, 1],
      ["C", 0, 0, 3, 0],
    ]);
    expect(formatPercent(rows[0].demandShare)).toBe("40%");
    expect(formatPercent(rows[2].placedShare)).toBe("38%");
    expect(formatPercent(null)).toBe("—");
  });
});
