import { useNavigate } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";

/**
 * A link in a long list (a row of a table): a plain anchor, navigated in the browser by the page's one
 * click handler (`useListLinkNavigation`) as a `<Link>` would be. React Router's `Link` runs a dozen hooks
 * for every link it renders (about a tenth of a 25-row list page's server time); this runs none.
 * `data-discover` lets Remix learn the target's route ahead of the click, as it does for its own links.
 */
export function ListLink({ to, className, children }: { to: `/${string}`; className?: string; children: ReactNode }) {
  return (
    <a href={to} className={className} data-discover="true" data-list-link="">
      {children}
    </a>
  );
}

/** Installed once, by the root route: turns a plain left click on a `ListLink` into a client-side navigation. */
export function useListLinkNavigation() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      const anchor = event.target instanceof Element ? event.target.closest("a[data-list-link]") : null;
      if (!(anchor instanceof HTMLAnchorElement) || (anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      const path = `${url.pathname}${url.search}${url.hash}`;
      // As <Link> does: a link to where the browser already is replaces the history entry.
      navigate(path, { replace: path === `${window.location.pathname}${window.location.search}${window.location.hash}` });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}
