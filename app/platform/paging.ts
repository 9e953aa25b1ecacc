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
