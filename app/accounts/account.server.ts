import { prisma } from "~/platform/db/db.server";
import { Refusal } from "~/platform/refusal";
import { verifyPassword } from "./password.server";
import { consume, forgive, retryAfterSeconds } from "./rate-limit.server";
import type { SessionUser } from "./session.server";

/** What the account page shows: the organisation's name and how many browsers are signed in. */
export async function loadAccountSummary(user: SessionUser) {
  const [organisation, sessionCount] = await Promise.all([
    user.organisationId ? prisma.organisation.findUnique({ where: { id: user.organisationId }, select: { name: true } }) : null,
    prisma.session.count({ where: { userId: user.id, expiresAt: { gt: new Date() } } }),
  ]);
  return { organisationName: organisation?.name ?? null, sessionCount };
}

/**
 * Checks the signed-in user's current password before a change. A stolen session must not become a
 * password-guessing oracle, so wrong answers spend a small budget per account and per address.
 */
export async function checkCurrentPassword(userId: string, password: string, ip: string) {
  const wait = Math.max((await retryAfterSeconds("currentPasswordByUser", userId)) ?? 0, (await retryAfterSeconds("currentPasswordByIp", ip)) ?? 0);
  if (wait) throw new Refusal(429, `Too many attempts. Try again in ${Math.ceil(wait / 60)} minutes.`, "currentPassword");
  const account = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!account.passwordHash || !(await verifyPassword(account.passwordHash, password))) {
    await consume("currentPasswordByUser", userId);
    await consume("currentPasswordByIp", ip);
    throw new Refusal(400, "Your current password is not right", "currentPassword");
  }
  await forgive("currentPasswordByUser", userId);
}
