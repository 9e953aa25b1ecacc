import { describe, expect, it } from "vitest";
import { mostMovedStandings, standingsBeforeAndAfter, unmetByUniversity } from "./review";

const bands = { red: 0.8, amber: 1 };

describe("standings before and after a run", () => {
  it("shares demand by workforce and shows the run lifting a provider out of the red", () => {
    const rows = standingsBeforeAndAfter(
      {
        demand: { PT: 10 },
        workforce: [
          { providerId: "A", profession: "PT", wte: 30 },
          { providerId: "B", profession: "PT", wte: 10 },
        ],
        held: [{ providerId: "B", profession: "PT", students: 3 }],
        proposed: [
          { providerId: "A", profession: "PT", students: 7 },
          { providerId: "B", profession: "PT", students: 0 },
        ],
      },
      bands,
    );
    const a = rows.find((row) => row.providerId === "A")!;
    const b = rows.find((row) => row.providerId === "B")!;
    expect(a).toMatchObject({ fairShare: 8, before: 0, after: 7, bandBefore: "red", bandAfter: "amber" });
    expect(b).toMatchObject({ fairShare: 2, before: 3, after: 3, ratioBefore: 1.5, bandAfter: "green" });
  });

  it("keeps a provider that hosts without workforce, with no ratio", () => {
    const rows = standingsBeforeAndAfter(
      { demand: { OT: 4 }, workforce: [{ providerId: "A", profession: "OT", wte: 5 }], held: [], proposed: [{ providerId: "C", profession: "OT", students: 1 }] },
      bands,
    );
    expect(rows.find((row) => row.providerId === "C")).toMatchObject({ fairShare: 0, after: 1, ratioAfter: null, bandAfter: null });
  });
});

describe("unmet by university", () => {
  it("adds up requests and their unmet students per university and profession, worst first", () => {
    const summary = unmetByUniversity(
      [
        { id: "r1", universityId: "U1", profession: "PT", students: 5 },
        { id: "r2", universityId: "U1", profession: "PT", students: 3 },
        { id: "r3", universityId: "U2", profession: "PT", students: 4 },
      ],
      [
        { requestId: "r1", students: 2 },
        { requestId: "r3", students: 4 },
      ],
    );
    expect(summary).toEqual([
      { universityId: "U2", profession: "PT", requested: 4, unmet: 4 },
      { universityId: "U1", profession: "PT", requested: 8, unmet: 2 },
    ]);
  });
});

describe("the providers a run moves most", () => {
  it("keeps the changed rows, the most placed first and ties by name, up to the limit, and counts them all", () => {
    const row = (provider: string, before: number, after: number) => ({ provider, before, after });
    const standings = [row("Cedar", 2, 2), row("Ash", 0, 3), row("Birch", 1, 4), row("Damson", 0, 1), row("Elm", 5, 6)];
    expect(mostMovedStandings(standings, 10)).toEqual({ charted: [row("Ash", 0, 3), row("Birch", 1, 4), row("Damson", 0, 1), row("Elm", 5, 6)], changedCount: 4 });
    expect(mostMovedStandings(standings, 2)).toEqual({ charted: [row("Ash", 0, 3), row("Birch", 1, 4)], changedCount: 4 });
    expect(mostMovedStandings([row("Cedar", 2, 2)], 20)).toEqual({ charted: [], changedCount: 0 });
  });
});
