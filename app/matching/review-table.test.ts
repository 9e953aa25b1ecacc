import { describe, expect, it } from "vitest";
import { filterProposals, filterUnmet, parseReviewQuery, reviewChoices, sortProposals, sortProposalsOnce, sortUnmet, type ProposalRow, type UnmetRow } from "./review-table";

const row = (overrides: Partial<ProposalRow>): ProposalRow => ({
  requestId: "r",
  offerId: "o",
  providerId: "p1",
  provider: "Alder Trust",
  site: "Main",
  universityId: "u1",
  university: "Northern University",
  programme: "BSc Physiotherapy",
  profession: "PT",
  start: "2027-01-11",
  end: "2027-02-05",
  students: 2,
  travelMinutes: 30,
  specialtyMatched: null,
  explanation: "Nearest offer with room",
  ...overrides,
});

describe("the review table", () => {
  const rows = [
    row({ requestId: "a", provider: "Birch Trust", providerId: "p2", travelMinutes: 10 }),
    row({ requestId: "b", travelMinutes: null }),
    row({ requestId: "c", university: "Southern University", universityId: "u2", travelMinutes: 50, profession: "DIET", programme: "BSc Dietetics" }),
  ];

  it("filters by provider, university and profession, and searches names and reasons", () => {
    expect(filterProposals(rows, { q: "", provider: "p2", university: "", profession: "" }).map((r) => r.requestId)).toEqual(["a"]);
    expect(filterProposals(rows, { q: "", provider: "", university: "u2", profession: "" }).map((r) => r.requestId)).toEqual(["c"]);
    expect(filterProposals(rows, { q: "dietetics", provider: "", university: "", profession: "" }).map((r) => r.requestId)).toEqual(["c"]);
    expect(filterProposals(rows, { q: "", provider: "", university: "", profession: "PT" })).toHaveLength(2);
  });

  it("sorts by travel either way with unknown travel last", () => {
    expect(sortProposals(rows, "travel", "asc").map((r) => r.requestId)).toEqual(["a", "c", "b"]);
    expect(sortProposals(rows, "travel", "desc").map((r) => r.requestId)).toEqual(["c", "a", "b"]);
    expect(sortProposals(rows, "provider", "asc").map((r) => r.requestId)[0]).toBe("b");
  });

  it("sorts each order of the same rows once, and filtering the sorted rows gives what sorting the filtered rows gave", () => {
    const many = Array.from({ length: 60 }, (_, index) =>
      row({
        requestId: `r${index}`,
        offerId: `o${index % 7}`,
        provider: ["Birch Trust", "Alder Trust", "Cedar Health"][index % 3],
        providerId: `p${index % 3}`,
        university: index % 2 ? "Southern University" : "Northern University",
        universityId: `u${index % 2}`,
        start: `2027-0${1 + (index % 5)}-11`,
        students: 1 + (index % 4),
        travelMinutes: index % 9 === 0 ? null : (index * 37) % 90,
      }),
    );
    for (const sort of ["provider", "university", "start", "travel", "students"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const once = sortProposalsOnce(many, sort, dir);
        expect(sortProposalsOnce(many, sort, dir)).toBe(once);
        expect(once).toEqual(sortProposals(many, sort, dir));
        for (const query of [
          { q: "", provider: "p1", university: "", profession: "" },
          { q: "southern", provider: "", university: "", profession: "" },
          { q: "", provider: "p2", university: "u1", profession: "PT" },
        ] as const) {
          expect(filterProposals(once, query)).toEqual(sortProposals(filterProposals(many, query), sort, dir));
        }
      }
    }
    expect(sortProposalsOnce([...many], "provider", "asc")).not.toBe(sortProposalsOnce(many, "provider", "asc"));
  });

  it("sorts unmet requests most students first, then by university and start", () => {
    const unmet: UnmetRow[] = Array.from({ length: 40 }, (_, index) => ({
      requestId: `r${index}`,
      universityId: `u${index % 3}`,
      university: ["Southern University", "Northern University", "Eastern University"][index % 3]!,
      programme: "BSc Physiotherapy",
      profession: index % 4 ? "PT" : "OT",
      start: `2027-0${1 + (index % 6)}-11`,
      end: "2027-09-01",
      students: 1 + (index % 5),
      reason: index % 2 ? "No offer covers the block" : "Every compatible offer is full",
    }));
    const once = sortUnmet(unmet);
    expect(once).toEqual([...unmet].sort((a, b) => b.students - a.students || a.university.localeCompare(b.university) || a.start.localeCompare(b.start)));
    expect(once.map((row) => row.students)).toEqual([...once.map((row) => row.students)].sort((a, b) => b - a));
    expect(unmet[0]!.requestId).toBe("r0");
    expect(filterUnmet(once, { q: "full", university: "u1", profession: "PT" }).every((row) => row.universityId === "u1" && row.reason.includes("full"))).toBe(true);
  });

  it("lists the filters' options of a run's rows, by name", () => {
    const proposals = [
      row({ providerId: "p2", provider: "birch Trust", universityId: "u2", university: "Southern University", profession: "OT" }),
      row({ providerId: "p1", provider: "Alder Trust" }),
      row({ providerId: "p2", provider: "birch Trust" }),
    ];
    const unmet: UnmetRow[] = [{ requestId: "x", universityId: "u3", university: "Abbey University", programme: "BSc", profession: "SLT", start: "2027-01-11", end: "2027-02-05", students: 3, reason: "No offer" }];
    const choices = reviewChoices(proposals, unmet);
    expect(choices).toEqual({
      providers: [["p1", "Alder Trust"], ["p2", "birch Trust"]],
      universities: [["u3", "Abbey University"], ["u1", "Northern University"], ["u2", "Southern University"]],
      professions: ["OT", "PT", "SLT"],
    });
    expect(reviewChoices(proposals, []).universities).toEqual([["u1", "Northern University"], ["u2", "Southern University"]]);
  });

  it("reads a hostile query string as the defaults", () => {
    expect(parseReviewQuery(new URLSearchParams("sort=drop&dir=up&page=-4&profession=XX&view=all"))).toMatchObject({ sort: "provider", dir: "asc", page: 1, profession: "", view: "proposals" });
  });
});
