import { useNavigate } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";

/**
 * A link to a path in the portal as a plain anchor, navigated in the browser by the root's one click handler
 * (`usePlainLinkNavigation`) as a `<Link>` would be. React Router's `Link` and `NavLink` run a dozen hooks
 * for every link rendered (about a tenth of a 25-row list page's server time); this runs none. For the links
 * a page repeats (table rows, the main navigation); `data-discover` lets Remix learn the target's route
 * ahead of the click, as it does for its own links.
 */
export function PlainLink({
  to,
  className,
  current,
  children,
}: {
  to: `/${string}`;
  className?: string;
  /** Marks the link to the page being shown (`aria-current="page"`), as NavLink does. */
  current?: boolean;
  children: ReactNode;
}) {
  return (
    <a href={to} className={className} aria-current={current ? "page" : undefined} data-discover="true" data-plain-link="">
      {children}
    </a>
  );
}

/** Installed once, by the root route: turns a plain left click on a `PlainLink` into a navigation in the page. */
export function usePlainLinkNavigation() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      const anchor = event.target instanceof Element ? event.target.closest("a[data-plain-link]") : null;
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
