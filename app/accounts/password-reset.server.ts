import { prisma } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import { queueEmail } from "~/platform/mail.server";
import { appUrl } from "~/platform/app-url.server";
import { hashPassword } from "./password.server";
import { forgetCachedSessions, invalidateAllSessions } from "./session.server";
import { generateToken, hashToken } from "./tokens.server";

export const RESET_VALID_MINUTES = 60;

/**
 * Emails a single-use reset link when the address belongs to an active account.
 * The caller answers the same whether or not it does.
 */
export async function requestPasswordReset(emailInput: string) {
  const email = emailInput.trim().toLowerCase();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, active: true } });
  if (!user || !user.active) return;
  const token = generateToken();
  await prisma.$transaction(async (tx) => {
    // Only the newest link works.
    await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    const reset = await tx.passwordReset.create({
      data: { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_VALID_MINUTES * 60_000) },
    });
    await queueEmail(
      tx,
      email,
      { template: "password-reset", props: { name: user.name, resetUrl: appUrl(`/reset-password/${token}`), validMinutes: RESET_VALID_MINUTES } },
      `password-reset:${reset.id}`,
    );
  });
}

export async function findOpenReset(token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const reset = await prisma.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, usedAt: true, expiresAt: true, user: { select: { active: true, email: true } } },
  });
  if (!reset || reset.usedAt || reset.expiresAt <= new Date() || !reset.user.active) return null;
  return reset;
}

/** Sets the new password, spends the link and signs the account out everywhere. */
export async function completePasswordReset(token: string, password: string): Promise<boolean> {
  const reset = await findOpenReset(token);
  if (!reset) return false;
  const passwordHash = await hashPassword(password);
  const done = await prisma.$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) return false;
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    await recordAudit(tx, { actorId: reset.userId, action: "password-reset", entityType: "User", entityId: reset.userId });
    return true;
  });
  if (done) await invalidateAllSessions(reset.userId);
  return done;
}

/** For a signed-in user who knows their current password; other sessions end. */
export async function changePassword(userId: string, keepSessionId: string, newPassword: string) {
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash } }),
    prisma.session.deleteMany({ where: { userId, id: { not: keepSessionId } } }),
    recordAudit(prisma, { actorId: userId, action: "password-changed", entityType: "User", entityId: userId }),
  ]);
  forgetCachedSessions(userId);
}
