import { paramOr } from "~/platform/form-fields";
import { sortedOncePerOrder } from "~/platform/kept-per-object";
import { z } from "zod";
import { FAIR_SHARE_BAND_LABELS } from "~/fair-share/fair-share";
import { pageWindow, type PageWindow } from "~/platform/paging";
import { sortByRatio, type ProviderRatioRow } from "./dashboard-rules";

/** A region's providers are shown a page at a time: a region has hundreds, and the page stays readable on a phone. */
export const PROVIDER_RATIO_PAGE_SIZE = 25;

export const PROVIDER_RATIO_SORTS = {
  "ratio-desc": "Offered ÷ fair share, highest first",
  "ratio-asc": "Offered ÷ fair share, lowest first",
  name: "Provider name",
  "fair-share": "Fair share, largest first",
  offered: "Offered, most first",
} as const;
export type ProviderRatioSort = keyof typeof PROVIDER_RATIO_SORTS;

/** "none": providers with no fair share to compare with (no workforce for the profession). */
export const PROVIDER_RATIO_BANDS = ["red", "amber", "green", "none"] as const;
export type ProviderRatioBandFilter = (typeof PROVIDER_RATIO_BANDS)[number];
export const PROVIDER_RATIO_BAND_LABELS: Record<ProviderRatioBandFilter, string> = { ...FAIR_SHARE_BAND_LABELS, none: "No fair share" };

/** The fair-share table's query string; anything unrecognised falls back to the default rather than failing. */
const ProviderRatioQuerySchema = z.object({
  q: paramOr(z.string().trim().max(100), ""),
  band: paramOr(z.enum(["", ...PROVIDER_RATIO_BANDS]), ""),
  sort: paramOr(z.enum(Object.keys(PROVIDER_RATIO_SORTS) as [ProviderRatioSort, ...ProviderRatioSort[]]), "ratio-desc"),
  page: paramOr(z.coerce.number().int().min(1).max(1_000_000), 1),
});
export type ProviderRatioQuery = z.infer<typeof ProviderRatioQuerySchema>;

export function parseProviderRatioQuery(params: URLSearchParams): ProviderRatioQuery {
  return ProviderRatioQuerySchema.parse({
    q: params.get("q") ?? undefined,
    band: params.get("band") ?? undefined,
    sort: params.get("sort") ?? undefined,
    page: params.get("page") ?? undefined,
  });
}

const bandOf = (row: ProviderRatioRow): ProviderRatioBandFilter => row.band ?? "none";
const nameOrder = new Intl.Collator("en-GB");
const byName = (a: ProviderRatioRow, b: ProviderRatioRow) => nameOrder.compare(a.providerName, b.providerName);

function sortRows(rows: readonly ProviderRatioRow[], sort: ProviderRatioSort): ProviderRatioRow[] {
  switch (sort) {
    case "ratio-desc":
      return sortByRatio(rows);
    case "ratio-asc": {
      // Lowest first, and still the providers with no fair share last: there is nothing to rank them by.
      const ranked = sortByRatio(rows.filter((row) => row.ratio !== null)).reverse();
      return [...ranked, ...sortByRatio(rows.filter((row) => row.ratio === null))];
    }
    case "name":
      return [...rows].sort(byName);
    case "fair-share":
      return [...rows].sort((a, b) => b.fairShare - a.fairShare || byName(a, b));
    case "offered":
      return [...rows].sort((a, b) => b.offered - a.offered || byName(a, b));
  }
}

export interface ProviderRatioPage {
  rows: ProviderRatioRow[];
  window: PageWindow;
  /** Providers in each band before the search and band filter: the region's picture, whatever is shown. */
  bandCounts: Record<ProviderRatioBandFilter, number>;
}

/** One page of a profession's providers, filtered by name and band and in the order asked for. */
export function providerRatioPage(rows: readonly ProviderRatioRow[], query: ProviderRatioQuery): ProviderRatioPage {
  const bandCounts: Record<ProviderRatioBandFilter, number> = { red: 0, amber: 0, green: 0, none: 0 };
  for (const row of rows) bandCounts[bandOf(row)] += 1;
  const needle = query.q.toLocaleLowerCase("en-GB");
  // Sorted, then filtered: the same rows in the same order (the sorts are stable), and the sorted list is kept.
  const matching = sortedRows(rows, query.sort).filter(
    (row) => (!query.band || bandOf(row) === query.band) && (!needle || row.providerName.toLocaleLowerCase("en-GB").includes(needle)),
  );
  const window = pageWindow(matching.length, query.page, PROVIDER_RATIO_PAGE_SIZE);
  return { rows: matching.slice(window.skip, window.skip + window.take), window, bandCounts };
}

// A region's rows are kept while its figures are (region.server.ts), so each order is worked out once for them.
const sortedProviderRows = sortedOncePerOrder<ProviderRatioRow>();

function sortedRows(rows: readonly ProviderRatioRow[], sort: ProviderRatioSort): readonly ProviderRatioRow[] {
  return sortedProviderRows(rows, sort, () => sortRows(rows, sort));
}
