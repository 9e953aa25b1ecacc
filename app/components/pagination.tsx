import { Link } from "@remix-run/react";
import { pageHref, type PageWindow, type UncountedPage } from "~/platform/paging";
import { plural } from "~/vocabulary/labels";

/** "N things · page X of Y" with previous/next links that keep the list's filters. */
export function Pagination({
  window,
  pathname,
  filters,
  label,
  noun = "result",
  nounPlural,
}: {
  window: PageWindow;
  pathname: string;
  filters: Record<string, string | number | undefined | null>;
  label: string;
  /** What one row is, e.g. "offer"; `nounPlural` when it is not the noun plus "s". */
  noun?: string;
  nounPlural?: string;
}) {
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-4">
      <p>
        {plural(window.total, noun, nounPlural)}
        {window.pageCount > 1 && ` · page ${window.page} of ${window.pageCount.toLocaleString("en-GB")}`}
      </p>
      <div className="flex gap-4">
        {window.page > 1 && (
          <Link to={pageHref(pathname, filters, window.page - 1)} rel="prev">
            Previous page
          </Link>
        )}
        {window.page < window.pageCount && (
          <Link to={pageHref(pathname, filters, window.page + 1)} rel="next">
            Next page
          </Link>
        )}
      </div>
    </nav>
  );
}

/**
 * Previous/next for a list that is not counted: "N things" only when the last page shows the total,
 * otherwise which rows these are ("things 26–50"); never a page count it does not know.
 */
export function UncountedPagination({
  window,
  pathname,
  filters,
  label,
  noun = "result",
  nounPlural = `${noun}s`,
}: {
  window: UncountedPage;
  pathname: string;
  filters: Record<string, string | number | undefined | null>;
  label: string;
  noun?: string;
  nounPlural?: string;
}) {
  const range = `${window.first.toLocaleString("en-GB")}–${window.last.toLocaleString("en-GB")}`;
  let summary: string;
  if (window.total !== null) summary = `${plural(window.total, noun, nounPlural)}${window.page > 1 ? ` · page ${window.page} of ${window.page}` : ""}`;
  else if (window.first === 0) summary = `Page ${window.page.toLocaleString("en-GB")} is past the end of the list`;
  else summary = `${nounPlural[0]!.toUpperCase()}${nounPlural.slice(1)} ${range} · page ${window.page.toLocaleString("en-GB")}`;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-4">
      <p>{summary}</p>
      <div className="flex gap-4">
        {window.page > 1 && window.first === 0 && (
          <Link to={pageHref(pathname, filters, 1)} rel="first">
            First page
          </Link>
        )}
        {window.page > 1 && window.first > 0 && (
          <Link to={pageHref(pathname, filters, window.page - 1)} rel="prev">
            Previous page
          </Link>
        )}
        {window.hasNext && (
          <Link to={pageHref(pathname, filters, window.page + 1)} rel="next">
            Next page
          </Link>
        )}
      </div>
    </nav>
  );
}
