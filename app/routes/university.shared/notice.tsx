import { useSearchParams } from "@remix-run/react";
import { FormMessage } from "~/components/forms";

/** The one-off confirmation an action left in the address (post/redirect/get). */
export function Notice() {
  const [searchParams] = useSearchParams();
  const notice = searchParams.get("notice");
  if (!notice) return null;
  return <FormMessage tone="success">{notice.slice(0, 300)}</FormMessage>;
}
