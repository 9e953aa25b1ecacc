import { prisma } from "~/platform/db/db.server";
import { enqueueJob } from "~/platform/jobs/queue.server";
import { consume, forgive, holdFor, retryAfterSeconds, spentPoints } from "./rate-limit.server";
import { getDecoyHash, verifyPassword } from "./password.server";
import { createSession, invalidateSession, readSessionToken } from "./session.server";
import { hashToken } from "./tokens.server";
import type { Role } from "~/platform/db/db.server";

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: string; role: Role }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfter: number };

/** Failures for one account (from anywhere) before each further one adds a doubling delay, up to 15 minutes. */
const FAILURES_BEFORE_DELAY = 5;
const LONGEST_DELAY_SECONDS = 15 * 60;

export function delayAfterFailures(failures: number): number {
  if (failures < FAILURES_BEFORE_DELAY) return 0;
  return Math.min(2 ** (failures - FAILURES_BEFORE_DELAY), LONGEST_DELAY_SECONDS);
}

/**
 * Checks a password and opens a session. Guessing is limited per account and source together
 * (five tries), per source, and per account from everywhere with growing delays, so nobody can
 * lock an account for long from afar; the owner can always get in at once by resetting the password
 * or through the unlock link emailed once per lock window. The same answer for an unknown email, a wrong
 * password and a deactivated account, so the form reveals nobody's account.
 */
export async function signIn(email: string, password: string, ip: string): Promise<SignInResult> {
  const accountKey = email.trim().toLowerCase();
  const pairKey = `${accountKey}|${ip}`;
  const waits = await Promise.all([
    retryAfterSeconds("signInByAccountAndIp", pairKey),
    retryAfterSeconds("signInByIp", ip),
    retryAfterSeconds("signInByAccount", accountKey),
    retryAfterSeconds("signInDelayByAccount", accountKey),
  ]);
  const wait = Math.max(...waits.map((seconds) => seconds ?? 0));
  if (wait > 0) {
    // Held back for this account (not only for this source's guessing across accounts): the owner can lift it by email.
    if (waits[0] || waits[2] || waits[3]) await offerSignInUnlock(accountKey);
    return { ok: false, reason: "rate-limited", retryAfter: wait };
  }
  const user = await prisma.user.findUnique({
    where: { email: accountKey },
    select: { id: true, passwordHash: true, active: true, role: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), password);
  if (!user || !user.active || !user.passwordHash || !valid) {
    await consume("signInByAccountAndIp", pairKey);
    await consume("signInByIp", ip);
    await consume("signInByAccount", accountKey);
    const delay = delayAfterFailures(await spentPoints("signInByAccount", accountKey));
    if (delay > 0) {
      await holdFor("signInDelayByAccount", accountKey, delay);
      await offerSignInUnlock(accountKey);
    }
    return { ok: false, reason: "invalid" };
  }
  await forgiveSignInFailures(accountKey, ip);
  const session = await createSession(user.id);
  return { ok: true, userId: user.id, role: user.role, ...session };
}

/** A fresh token on every sign-in: a session id planted before sign-in is never promoted. */
export async function endPreviousSession(cookieHeader: string | null) {
  const previous = readSessionToken(cookieHeader);
  if (previous) await invalidateSession(hashToken(previous));
}

/** A successful sign-in or a password reset clears the account's failures. */
export async function forgiveSignInFailures(email: string, ip?: string) {
  const accountKey = email.trim().toLowerCase();
  await forgive("signInByAccount", accountKey);
  await forgive("signInDelayByAccount", accountKey);
  if (ip) await forgive("signInByAccountAndIp", `${accountKey}|${ip}`);
}

export const SIGN_IN_UNLOCK_QUEUE = "sign-in-unlock";

export interface SignInUnlockJobPayload {
  email: string;
}

/**
 * Offers the owner of an address whose sign-in is being delayed a link that lifts the delay, at
 * most once per lock window. The request only queues a job, the same for every address, so neither
 * the answer nor its timing says whether the address has an account; the job finds out later.
 */
export async function offerSignInUnlock(emailInput: string) {
  const email = emailInput.trim().toLowerCase();
  if (await consume("unlockEmailByAccount", email)) return;
  await enqueueJob(prisma, { queue: SIGN_IN_UNLOCK_QUEUE, payload: { email } });
}
