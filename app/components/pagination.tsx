import { Link } from "@remix-run/react";
import { pageHref, type PageWindow } from "~/platform/paging";
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
