import { useLocation } from "@remix-run/react";
import { useState } from "react";
import type { Flash } from "~/platform/flash.server";

/** The one banner for a flash: the message a change left for the page it redirected to. */
export function FlashBanner({ flash }: { flash: Flash | null }) {
  const { key } = useLocation();
  // The root loader does not run again on every navigation, so its flash would outlive the page it
  // was meant for: it is shown only at the location where it arrived.
  const [arrival, setArrival] = useState(flash ? { id: flash.id, key } : null);
  if (flash && arrival?.id !== flash.id) setArrival({ id: flash.id, key });
  if (!flash || arrival?.id !== flash.id || arrival.key !== key) return null;
  return (
    <div role="status" className={`mb-6 border-l-8 bg-white p-4 ${flash.tone === "info" ? "border-nhs-blue" : "border-nhs-green"}`}>
      {flash.message}
    </div>
  );
}
