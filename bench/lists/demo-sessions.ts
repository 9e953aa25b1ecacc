import { createSession } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";

/** A session cookie for a seeded demo account, as its browser would send it. */
export async function demoSessionCookie(email: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  return `px_session=${(await createSession(user.id)).token}`;
}
