import { describe, expect, it } from "vitest";
import { literalSearch, pageHref, pageWindow } from "./paging";

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
