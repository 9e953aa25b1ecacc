import { Link } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import type { NotificationPush, UnreadCountPush } from "~/platform/realtime/events";
import { useSocket, useSocketEvent } from "./realtime";

/** The unread count, kept live in every open tab; screen readers hear new arrivals. */
export function NotificationBell({ initialCount }: { initialCount: number }) {
  const [count, setCount] = useState(initialCount);
  const [announcement, setAnnouncement] = useState("");
  const socket = useSocket();
  useEffect(() => setCount(initialCount), [initialCount]);

  useSocketEvent(
    "notification",
    useCallback((push: NotificationPush) => {
      setCount(push.unreadCount);
      setAnnouncement(`New notification: ${push.title}`);
    }, []),
  );
  useSocketEvent(
    "unread-count",
    useCallback((push: UnreadCountPush) => setCount(push.unreadCount), []),
  );
  // After a reconnect, catch up on anything raised while the socket was away.
  useEffect(() => {
    if (!socket) return;
    const refresh = () => {
      fetch("/notifications/count", { credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : null))
        .then((body: { unreadCount: number } | null) => body && setCount(body.unreadCount))
        .catch(() => {});
    };
    socket.on("connect", refresh);
    return () => {
      socket.off("connect", refresh);
    };
  }, [socket]);

  return (
    <>
      <Link
        to="/notifications"
        className="relative inline-flex items-center gap-1 text-white no-underline visited:text-white"
        aria-label={`Notifications: ${count} unread`}
        data-testid="notification-bell"
      >
        <svg aria-hidden="true" focusable="false" width="22" height="22" viewBox="0 0 24 24" fill="currentColor">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
        </svg>
        <span
          data-testid="unread-count"
          className={`min-w-6 rounded-full px-1.5 text-center text-sm font-bold ${count > 0 ? "bg-nhs-red text-white" : "bg-white/20"}`}
        >
          {count}
        </span>
      </Link>
      <span className="sr-only" role="status" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}
