import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireUserForm } from "~/accounts/guards.server";
import { clearedSessionCookie, invalidateAllSessions, invalidateSession } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { redirectWithFlash } from "~/platform/flash.server";
import { recordAudit } from "~/platform/audit.server";

export async function loader() {
  throw redirect("/");
}

/** Signs out this browser, or with everywhere=true every browser of the account. */
export async function action({ request }: ActionFunctionArgs) {
  const { user, form, sessionId } = await requireUserForm(request);
  if (form.get("everywhere") === "true") {
    await invalidateAllSessions(user.id);
    await recordAudit(prisma, { actorId: user.id, action: "signed-out-everywhere", entityType: "User", entityId: user.id });
  } else {
    await invalidateSession(sessionId);
  }
  return redirectWithFlash("/sign-in", "You have signed out.", { headers: { "Set-Cookie": clearedSessionCookie() } });
}
