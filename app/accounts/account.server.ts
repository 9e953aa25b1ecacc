import { prisma, Prisma, queryRows } from "~/platform/db/db.server";
import { Refusal } from "~/platform/refusal";
import { verifyPassword } from "./password.server";
import { consume, forgive, retryAfterSeconds } from "./rate-limit.server";
import type { SessionUser } from "./session.server";

/** What the account page shows: the organisation's name and how many browsers are signed in. */
export async function loadAccountSummary(user: SessionUser, now = new Date()) {
  // On the driver (queryRows): two Prisma reads were most of the account page's own CPU.
  const [organisations, [sessions]] = await Promise.all([
    user.organisationId ? queryRows<{ name: string }>(Prisma.sql`SELECT "name" FROM "Organisation" WHERE "id" = ${user.organisationId}`) : [],
    queryRows<{ count: number }>(Prisma.sql`SELECT count(*)::int AS "count" FROM "Session" WHERE "userId" = ${user.id} AND "expiresAt" > ${now.toISOString()}::timestamp(3)`),
  ]);
  return { organisationName: organisations[0]?.name ?? null, sessionCount: sessions.count };
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
