import { describe, expect, it } from "vitest";
import { keptPerObject, sortedOncePerOrder } from "./kept-per-object";

describe("values kept per object", () => {
  it("builds once per object, even a value that is undefined, and anew for another object", () => {
    let builds = 0;
    const lengthOf = keptPerObject((list: readonly number[]) => (builds++, list.length === 0 ? undefined : list.length));
    const list = [1, 2, 3];
    expect([lengthOf(list), lengthOf(list)]).toEqual([3, 3]);
    const empty: number[] = [];
    expect([lengthOf(empty), lengthOf(empty)]).toEqual([undefined, undefined]);
    expect(builds).toBe(2);
  });

  it("sorts each order of a rows array once, and another array afresh", () => {
    const sorted = sortedOncePerOrder<number>();
    let sorts = 0;
    const rows = [3, 1, 2];
    const ascending = () => (sorts++, [...rows].sort((a, b) => a - b));
    const first = sorted(rows, "asc", ascending);
    expect(sorted(rows, "asc", ascending)).toBe(first);
    expect(sorted(rows, "desc", () => (sorts++, [...rows].sort((a, b) => b - a)))).toEqual([3, 2, 1]);
    expect(sorted([...rows], "asc", ascending)).not.toBe(first);
    expect(first).toEqual([1, 2, 3]);
    expect(sorts).toBe(3);
  });
});
