export const PAGE_SIZE = 25;

export interface PageWindow {
  /** 1-based, clamped to the pages that exist. */
  page: number;
  pageCount: number;
  total: number;
  skip: number;
  take: number;
}

/** Which rows one page of a list holds; a page past the end shows the last page. */
export function pageWindow(total: number, requestedPage: number | undefined, pageSize = PAGE_SIZE): PageWindow {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const wanted = requestedPage && Number.isFinite(requestedPage) ? Math.floor(requestedPage) : 1;
  const page = Math.min(Math.max(1, wanted), pageCount);
  return { page, pageCount, total, skip: (page - 1) * pageSize, take: pageSize };
}

/**
 * One page of a counted list, read in one statement where it can be: `readRows(take, skip)` returns that page's rows,
 * each carrying the number of every matching row as `total` (an uncorrelated count in the select list, which
 * PostgreSQL works out once), so no count is sent first. Only a page past the end (no rows, hence no total) costs more: one row is read for the
 * total, then the last page, which is the page shown, as `pageWindow` would have it.
 */
export async function readCountedPage<Row extends { total: number }>(
  requestedPage: number | undefined,
  readRows: (take: number, skip: number) => Promise<Row[]>,
  pageSize = PAGE_SIZE,
): Promise<{ window: PageWindow; rows: Omit<Row, "total">[] }> {
  const wanted = pageWindow(Number.MAX_SAFE_INTEGER, requestedPage, pageSize);
  let rows = await readRows(pageSize, wanted.skip);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && wanted.page > 1) {
    total = (await readRows(1, 0))[0]?.total ?? 0;
    if (total > 0) rows = await readRows(pageSize, pageWindow(total, requestedPage, pageSize).skip);
  }
  return { window: pageWindow(total, requestedPage, pageSize), rows: rows.map(({ total: _total, ...row }) => row) };
}

/**
 * A page of a list too long to count on every load: it reads one row more than it shows, so it knows
 * whether another page follows. The total is known only when nothing follows (the rows before plus those shown).
 */
export interface UncountedPage {
  /** 1-based, as asked for: a page past the end is empty rather than moved back. */
  page: number;
  /** Positions (1-based) of the first and last rows shown; both 0 when the page is empty. */
  first: number;
  last: number;
  hasNext: boolean;
  total: number | null;
}

/** skip and take for page `requestedPage` of an uncounted list: take is one more than the page shows. */
export function uncountedPageQuery(requestedPage: number | undefined, pageSize = PAGE_SIZE) {
  const page = requestedPage && Number.isFinite(requestedPage) ? Math.max(1, Math.floor(requestedPage)) : 1;
  return { page, pageSize, skip: (page - 1) * pageSize, take: pageSize + 1 };
}

/** The rows to show of what `uncountedPageQuery` read, and what is known about the pages around them. */
export function uncountedPage<Row>(
  rows: Row[],
  query: ReturnType<typeof uncountedPageQuery>,
): { rows: Row[]; window: UncountedPage } {
  const hasNext = rows.length > query.pageSize;
  const shown = hasNext ? rows.slice(0, query.pageSize) : rows;
  const empty = shown.length === 0;
  return {
    rows: shown,
    window: {
      page: query.page,
      first: empty ? 0 : query.skip + 1,
      last: empty ? 0 : query.skip + shown.length,
      hasNext,
      // An empty page past the end says nothing about how many rows came before it.
      total: hasNext || (empty && query.page > 1) ? null : query.skip + shown.length,
    },
  };
}

/** The query string for another page of the same list, keeping its filters. */
export function pageHref(pathname: string, filters: Record<string, string | number | undefined | null>, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (key === "page" || value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** Search text for a `contains` filter: Postgres LIKE would read % and _ as wildcards, and Prisma passes them on. */
export function literalSearch(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
