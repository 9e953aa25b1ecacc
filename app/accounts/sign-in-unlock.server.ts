import { prisma } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import { appUrl } from "~/platform/app-url.server";
import { queueEmail } from "~/platform/mail.server";
import { forgiveSignInFailures, type SignInUnlockJobPayload } from "./sign-in.server";
import { generateToken, hashToken } from "./tokens.server";

export const UNLOCK_VALID_MINUTES = 30;

/** The queued half: emails a single-use unlock link when the address belongs to an active account. */
export async function sendSignInUnlock({ email }: SignInUnlockJobPayload) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, active: true, passwordHash: true } });
  if (!user || !user.active || !user.passwordHash) return;
  const token = generateToken();
  await prisma.$transaction(async (tx) => {
    // Only the newest link works.
    await tx.signInUnlock.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    const unlock = await tx.signInUnlock.create({
      data: { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + UNLOCK_VALID_MINUTES * 60_000) },
    });
    await queueEmail(
      tx,
      email,
      { template: "sign-in-unlock", props: { name: user.name, unlockUrl: appUrl(`/unlock-sign-in/${token}`), validMinutes: UNLOCK_VALID_MINUTES } },
      `sign-in-unlock:${unlock.id}`,
    );
  });
}

export async function findOpenUnlock(token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const unlock = await prisma.signInUnlock.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, usedAt: true, expiresAt: true, user: { select: { active: true, email: true } } },
  });
  if (!unlock || unlock.usedAt || unlock.expiresAt <= new Date() || !unlock.user.active) return null;
  return unlock;
}

/**
 * Spends the link and lifts the account's sign-in delay, from everywhere and for this browser's
 * address. The emailed link proves the owner; the password is still needed to sign in.
 */
export async function redeemSignInUnlock(token: string, ip?: string): Promise<boolean> {
  const unlock = await findOpenUnlock(token);
  if (!unlock) return false;
  const claimed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.signInUnlock.updateMany({ where: { id: unlock.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
    if (count !== 1) return false;
    await recordAudit(tx, { actorId: unlock.userId, action: "sign-in-unlocked", entityType: "User", entityId: unlock.userId });
    return true;
  });
  if (claimed) await forgiveSignInFailures(unlock.user.email, ip);
  return claimed;
}
