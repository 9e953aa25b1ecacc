import { Form, useLocation } from "@remix-run/react";
import { useState } from "react";
import type { SessionUser } from "~/accounts/session.server";
import { isInSection, navigationFor } from "~/accounts/navigation";
import { ROLE_LABELS } from "~/vocabulary/roles";
import { CsrfInput } from "./csrf-input";
import { NotificationBell } from "./notification-bell";
import { PlainLink } from "./plain-link";

export function SiteHeader({ user, unreadCount }: { user: SessionUser | null; unreadCount: number }) {
  const items = user ? navigationFor(user) : [];
  const { pathname } = useLocation();
  // The phone menu stays open on the page it was opened on: following one of its links closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === pathname;
  return (
    <header className="bg-nhs-blue text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-4">
        <PlainLink to="/" className="text-xl font-bold text-white no-underline visited:text-white">
          Placement Exchange
        </PlainLink>
        {user ? (
          <div className="flex items-center gap-4 text-sm">
            <NotificationBell initialCount={unreadCount} />
            <span>
              <span className="font-bold">{user.name}</span>
              <span className="hidden sm:inline"> · {ROLE_LABELS[user.role]}</span>
            </span>
            <PlainLink to="/account" className="text-white visited:text-white">
              Account
            </PlainLink>
            <Form method="post" action="/sign-out">
              <CsrfInput />
              <button type="submit" className="underline">
                Sign out
              </button>
            </Form>
          </div>
        ) : (
          <PlainLink to="/sign-in" className="text-white visited:text-white">
            Sign in
          </PlainLink>
        )}
      </div>
      {items.length > 0 && (
        <nav aria-label="Main" className="border-t border-white/30 bg-nhs-dark-blue">
          <div className="mx-auto max-w-6xl px-4">
            <button
              type="button"
              className="py-2 font-bold sm:hidden"
              aria-expanded={menuOpen}
              aria-controls="main-nav-list"
              onClick={() => setMenuOpenOn(menuOpen ? null : pathname)}
            >
              Menu
            </button>
            <ul id="main-nav-list" className={`${menuOpen ? "flex" : "hidden"} flex-col gap-1 pb-2 sm:flex sm:flex-row sm:gap-6 sm:pb-0`}>
              {items.map((item) => {
                const current = isInSection(pathname, item.to, item.label === "Home");
                return (
                  <li key={item.to}>
                    <PlainLink
                      to={item.to}
                      current={current}
                      className={`block py-2 text-white no-underline visited:text-white hover:underline ${current ? "border-b-4 border-white font-bold" : ""}`}
                    >
                      {item.label}
                    </PlainLink>
                  </li>
                );
              })}
            </ul>
          </div>
        </nav>
      )}
    </header>
  );
}
