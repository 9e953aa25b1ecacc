import { describe, expect, it } from "vitest";
import { noStudentsByStatus } from "~/marketplace/allocation-rules";
import type { ProviderRatioRow } from "./dashboard-rules";
import { parseProviderRatioQuery, PROVIDER_RATIO_PAGE_SIZE, providerRatioPage, type ProviderRatioQuery } from "./provider-ratio-table";

const row = (providerName: string, ratio: number | null, band: ProviderRatioRow["band"], fairShare = 4, offered = 2): ProviderRatioRow => ({
  providerId: providerName.toLowerCase().replace(/\s+/g, "-"),
  providerName,
  wte: 10,
  fairShare,
  offered,
  stages: noStudentsByStatus(),
  hosted: 0,
  ratio,
  band,
  weeksPerWte: null,
});

const query = (params: string): ProviderRatioQuery => parseProviderRatioQuery(new URLSearchParams(params));

const region = [
  row("Ash Trust", 0.5, "red", 8, 4),
  row("Birch Clinic", 1.5, "green", 2, 3),
  row("Cedar Services", null, null, 0, 5),
  row("Damson Trust", 0.9, "amber", 10, 9),
  row("Elm Practice", 1, "green", 1, 1),
];
const names = (page: { rows: ProviderRatioRow[] }) => page.rows.map((r) => r.providerName);

describe("the fair-share table's query", () => {
  it("falls back to the defaults on anything it does not recognise", () => {
    expect(query("q=%20Ash%20&band=purple&sort=drop%20table&page=-3")).toEqual({ q: "Ash", band: "", sort: "ratio-desc", page: 1 });
    expect(query("page=abc&sort=name&band=none")).toEqual({ q: "", band: "none", sort: "name", page: 1 });
    expect(query(`q=${"x".repeat(101)}`).q).toBe("");
  });
});

describe("a page of a profession's providers", () => {
  it("orders by ratio, highest first by default, with no-fair-share providers last either way", () => {
    expect(names(providerRatioPage(region, query("")))).toEqual(["Birch Clinic", "Elm Practice", "Damson Trust", "Ash Trust", "Cedar Services"]);
    expect(names(providerRatioPage(region, query("sort=ratio-asc")))).toEqual(["Ash Trust", "Damson Trust", "Elm Practice", "Birch Clinic", "Cedar Services"]);
  });

  it("orders by name, fair share or offered", () => {
    expect(names(providerRatioPage(region, query("sort=name")))).toEqual(["Ash Trust", "Birch Clinic", "Cedar Services", "Damson Trust", "Elm Practice"]);
    expect(names(providerRatioPage(region, query("sort=fair-share")))).toEqual(["Damson Trust", "Ash Trust", "Birch Clinic", "Elm Practice", "Cedar Services"]);
    expect(names(providerRatioPage(region, query("sort=offered")))).toEqual(["Damson Trust", "Cedar Services", "Ash Trust", "Birch Clinic", "Elm Practice"]);
  });

  it("filters by band and by a name fragment, ignoring case, and counts every band before filtering", () => {
    const green = providerRatioPage(region, query("band=green"));
    expect(names(green)).toEqual(["Birch Clinic", "Elm Practice"]);
    expect(green.bandCounts).toEqual({ red: 1, amber: 1, green: 2, none: 1 });
    expect(names(providerRatioPage(region, query("band=none")))).toEqual(["Cedar Services"]);
    expect(names(providerRatioPage(region, query("q=TRUST")))).toEqual(["Damson Trust", "Ash Trust"]);
    expect(names(providerRatioPage(region, query("q=trust&band=red")))).toEqual(["Ash Trust"]);
    const none = providerRatioPage(region, query("q=%25"));
    expect(none.rows).toEqual([]);
    expect(none.window.total).toBe(0);
  });

  it("pages through hundreds of providers, and a page past the end shows the last", () => {
    const many = Array.from({ length: 60 }, (_, index) => row(`Provider ${String(index).padStart(2, "0")}`, index / 10, "green"));
    const first = providerRatioPage(many, query("sort=name"));
    expect(first.rows).toHaveLength(PROVIDER_RATIO_PAGE_SIZE);
    expect(first.window).toMatchObject({ page: 1, pageCount: 3, total: 60 });
    expect(names(first)[0]).toBe("Provider 00");
    const second = providerRatioPage(many, query("sort=name&page=2"));
    expect(names(second)[0]).toBe(`Provider ${PROVIDER_RATIO_PAGE_SIZE}`);
    const beyond = providerRatioPage(many, query("sort=name&page=99"));
    expect(beyond.window.page).toBe(3);
    expect(names(beyond)).toEqual(names(providerRatioPage(many, query("sort=name&page=3"))));
    expect(beyond.rows).toHaveLength(60 - 2 * PROVIDER_RATIO_PAGE_SIZE);
    // Every provider appears on exactly one page.
    const all = [1, 2, 3].flatMap((page) => names(providerRatioPage(many, query(`sort=ratio-asc&page=${page}`))));
    expect(new Set(all).size).toBe(60);
  });
});
