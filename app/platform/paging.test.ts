import { describe, expect, it } from "vitest";
import { literalSearch, pageHref, pageWindow, readCountedPage, uncountedPage, uncountedPageQuery } from "./paging";

describe("pageWindow", () => {
  it("pages 25 at a time", () => {
    expect(pageWindow(60, 2)).toEqual({ page: 2, pageCount: 3, total: 60, skip: 25, take: 25 });
  });

  it("shows the last page for a page past the end, and the first for nonsense", () => {
    expect(pageWindow(60, 9)).toMatchObject({ page: 3, skip: 50 });
    expect(pageWindow(60, 0)).toMatchObject({ page: 1, skip: 0 });
    expect(pageWindow(60, undefined)).toMatchObject({ page: 1, skip: 0 });
    expect(pageWindow(60, Number.NaN)).toMatchObject({ page: 1, skip: 0 });
  });

  it("has one empty page when there is nothing", () => {
    expect(pageWindow(0, 4)).toEqual({ page: 1, pageCount: 1, total: 0, skip: 0, take: 25 });
  });
});

describe("counted pages read in one go", () => {
  /** A list of `count` rows read as the statement reads it: the page asked for, each row carrying the total. */
  function listOf(count: number) {
    const reads: [number, number][] = [];
    const readRows = async (take: number, skip: number) => {
      reads.push([take, skip]);
      return Array.from({ length: Math.max(0, Math.min(take, count - skip)) }, (_, i) => ({ n: skip + i + 1, total: count }));
    };
    return { reads, readRows };
  }

  it("reads a page and its total in one read, and shows what pageWindow shows", async () => {
    const list = listOf(60);
    const { window, rows } = await readCountedPage(2, list.readRows);
    expect(window).toEqual(pageWindow(60, 2));
    expect(rows.map((row) => row.n)).toEqual(Array.from({ length: 25 }, (_, i) => 26 + i));
    expect(rows[0]).not.toHaveProperty("total");
    expect(list.reads).toEqual([[25, 25]]);
  });

  it("shows the last page for a page past the end, at the cost of two more reads, and one empty page for nothing", async () => {
    const list = listOf(60);
    const { window, rows } = await readCountedPage(9, list.readRows);
    expect(window).toEqual(pageWindow(60, 9));
    expect(rows.map((row) => row.n)).toEqual(Array.from({ length: 10 }, (_, i) => 51 + i));
    expect(list.reads).toEqual([[25, 200], [1, 0], [25, 50]]);
    const empty = listOf(0);
    expect(await readCountedPage(3, empty.readRows)).toEqual({ window: pageWindow(0, 3), rows: [] });
    expect((await readCountedPage(1, empty.readRows)).window).toEqual(pageWindow(0, 1));
    expect(empty.reads).toEqual([[25, 50], [1, 0], [25, 0]]);
  });
});

describe("uncounted pages", () => {
  const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

  it("reads one row more than a page shows, and shows only the page", () => {
    const query = uncountedPageQuery(2, 25);
    expect(query).toMatchObject({ page: 2, skip: 25, take: 26 });
    const { rows: shown, window } = uncountedPage(rows(26, 26), query);
    expect(shown).toEqual(rows(26, 25));
    expect(window).toEqual({ page: 2, first: 26, last: 50, hasNext: true, total: null });
  });

  it("knows the total on the last page, and only there", () => {
    expect(uncountedPage(rows(51, 10), uncountedPageQuery(3, 25)).window).toEqual({ page: 3, first: 51, last: 60, hasNext: false, total: 60 });
    expect(uncountedPage(rows(1, 25), uncountedPageQuery(1, 25)).window).toMatchObject({ hasNext: false, total: 25 });
    expect(uncountedPage([], uncountedPageQuery(1, 25)).window).toEqual({ page: 1, first: 0, last: 0, hasNext: false, total: 0 });
  });

  it("leaves a page past the end empty without claiming a total, and reads nonsense as the first page", () => {
    expect(uncountedPage([], uncountedPageQuery(9, 25)).window).toEqual({ page: 9, first: 0, last: 0, hasNext: false, total: null });
    expect(uncountedPageQuery(0)).toMatchObject({ page: 1, skip: 0 });
    expect(uncountedPageQuery(Number.NaN)).toMatchObject({ page: 1, skip: 0 });
  });
});

describe("pageHref", () => {
  it("keeps the filters, drops empty ones, and omits page 1", () => {
    expect(pageHref("/admin/users", { q: "ann", role: undefined, status: "", page: 4 }, 2)).toBe("/admin/users?q=ann&page=2");
    expect(pageHref("/admin/users", { q: "ann & co" }, 1)).toBe("/admin/users?q=ann+%26+co");
    expect(pageHref("/admin/users", {}, 1)).toBe("/admin/users");
  });
});

describe("literalSearch", () => {
  it("escapes LIKE wildcards and the escape character", () => {
    expect(literalSearch("100% _real_ C:\\path")).toBe("100\\% \\_real\\_ C:\\\\path");
    expect(literalSearch("Leeds")).toBe("Leeds");
  });
});
