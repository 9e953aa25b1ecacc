import { prisma } from "~/platform/db/db.server";
import { consume, forgive, retryAfterSeconds } from "./rate-limit.server";
import { getDecoyHash, verifyPassword } from "./password.server";
import { createSession, invalidateSession, readSessionToken } from "./session.server";
import { hashToken } from "./tokens.server";
import type { Role } from "~/platform/db/db.server";

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: string; role: Role }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfter: number };

/**
 * Checks a password and opens a session. The same answer for an unknown email, a wrong
 * password and a deactivated account, so the form reveals nobody's account.
 */
export async function signIn(email: string, password: string, ip: string): Promise<SignInResult> {
  const accountKey = email.trim().toLowerCase();
  const waitForAccount = await retryAfterSeconds("signInByAccount", accountKey);
  const waitForIp = await retryAfterSeconds("signInByIp", ip);
  if (waitForAccount || waitForIp) {
    return { ok: false, reason: "rate-limited", retryAfter: Math.max(waitForAccount ?? 0, waitForIp ?? 0) };
  }
  const user = await prisma.user.findUnique({
    where: { email: accountKey },
    select: { id: true, passwordHash: true, active: true, role: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), password);
  if (!user || !user.active || !user.passwordHash || !valid) {
    await consume("signInByAccount", accountKey);
    await consume("signInByIp", ip);
    return { ok: false, reason: "invalid" };
  }
  await forgive("signInByAccount", accountKey);
  const session = await createSession(user.id);
  return { ok: true, userId: user.id, role: user.role, ...session };
}

/** A fresh token on every sign-in: a session id planted before sign-in is never promoted. */
export async function endPreviousSession(cookieHeader: string | null) {
  const previous = readSessionToken(cookieHeader);
  if (previous) await invalidateSession(hashToken(previous));
}
