import { Link } from "@remix-run/react";
import { pageHref, type PageWindow } from "~/platform/paging";

/** "N things · page X of Y" with previous/next links that keep the list's filters. */
export function Pagination({
  window,
  pathname,
  filters,
  label,
  noun = "results",
}: {
  window: PageWindow;
  pathname: string;
  filters: Record<string, string | number | undefined | null>;
  label: string;
  noun?: string;
}) {
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-4">
      <p>
        {window.total.toLocaleString("en-GB")} {noun}
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
