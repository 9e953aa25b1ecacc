import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/guards.server";
import { countUnread } from "~/notifications/inbox.server";

/** The bell asks this when its socket (re)connects, to catch up on anything it missed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return Response.json({ unreadCount: await countUnread(user.id) }, { headers: { "Cache-Control": "no-store" } });
}
