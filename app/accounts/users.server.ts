import { forgetCachedSessions, invalidateAllSessions } from "./session.server";
import { prisma, type Prisma } from "~/platform/db/db.server";
import { canChangeUserStatus, canEraseUser, type Actor } from "./policy";
import { Refusal } from "~/platform/refusal";
import { recordAudit } from "~/platform/audit.server";
import { literalSearch, pageWindow } from "~/platform/paging";
import type { UserFilters } from "./user-forms";
import { disconnectUser } from "~/platform/realtime/realtime.server";

export const OPEN_INVITATION_LIMIT = 50;

/** One page of users, sorted by name, narrowed by the users page's filters. */
export async function listUsers(filters: UserFilters) {
  const where: Prisma.UserWhereInput = {
    AND: [
      filters.role ? { role: filters.role } : {},
      filters.status ? { active: filters.status === "active" } : {},
      filters.organisationId ? { organisationId: filters.organisationId } : {},
      filters.organisation ? { organisation: { name: { contains: literalSearch(filters.organisation), mode: "insensitive" } } } : {},
      filters.q
        ? {
            OR: [
              { name: { contains: literalSearch(filters.q), mode: "insensitive" } },
              { email: { contains: literalSearch(filters.q.toLowerCase()) } },
            ],
          }
        : {},
    ],
  };
  const total = await prisma.user.count({ where });
  const window = pageWindow(total, filters.page);
  const users = await prisma.user.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: window.skip,
    take: window.take,
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      deactivatedAt: true,
      organisation: { select: { id: true, name: true } },
      region: { select: { name: true } },
    },
  });
  const organisation = filters.organisationId
    ? await prisma.organisation.findUnique({ where: { id: filters.organisationId }, select: { id: true, name: true } })
    : null;
  return { window, users, organisation };
}

/** Invitations neither accepted nor revoked, newest first; expired ones stay listed as expired. */
export async function listOpenInvitations() {
  const where: Prisma.InvitationWhereInput = { acceptedAt: null, revokedAt: null };
  const [total, invitations] = await Promise.all([
    prisma.invitation.count({ where }),
    prisma.invitation.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: OPEN_INVITATION_LIMIT,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        expiresAt: true,
        organisation: { select: { id: true, name: true } },
        regionId: true,
      },
    }),
  ]);
  const regionIds = [...new Set(invitations.map((invitation) => invitation.regionId).filter((id): id is string => id !== null))];
  const regions = regionIds.length
    ? await prisma.region.findMany({ where: { id: { in: regionIds } }, select: { id: true, name: true } })
    : [];
  const regionNames = new Map(regions.map((region) => [region.id, region.name]));
  return {
    total,
    invitations: invitations.map(({ regionId, ...invitation }) => ({
      ...invitation,
      regionName: regionId ? (regionNames.get(regionId) ?? null) : null,
    })),
  };
}

/**
 * Deactivates or reactivates an account. Deactivation ends every session and drops live sockets,
 * so the person is signed out everywhere at once. Within an organisation's page, only its users.
 */
export async function setUserActive(actor: Actor, userId: string, active: boolean, within: { organisationId?: string } = {}) {
  const target = await prisma.user.findFirst({
    where: { id: userId, ...(within.organisationId ? { organisationId: within.organisationId } : {}) },
    select: { id: true, email: true, active: true },
  });
  if (!target) throw new Refusal(404, "This user no longer exists");
  if (!canChangeUserStatus(actor, target)) {
    throw new Refusal(403, "You cannot deactivate or reactivate your own account");
  }
  if (target.active !== active) {
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { active, deactivatedAt: active ? null : new Date() } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: active ? "user-reactivated" : "user-deactivated",
        entityType: "User",
        entityId: userId,
        details: { email: target.email },
      });
    });
  }
  if (!active) {
    // Also when already inactive: a retry must still clear anything a crash left behind.
    await invalidateAllSessions(userId);
  }
  return target;
}

/**
 * Erases a person's personal data on request (UK GDPR), keeping the history whole: allocations,
 * audit trails and anonymous feedback stay, now attributed to "Deleted user". Their email address
 * is freed, sessions and notifications go, and live sockets are dropped.
 */
export async function eraseUser(actor: Actor, userId: string) {
  const target = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
  if (!target) throw new Refusal(404, "This user no longer exists");
  if (!canEraseUser(actor, target)) throw new Refusal(403, "You cannot delete your own account");
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { name: "Deleted user", email: `deleted-${userId}@deleted.invalid`, passwordHash: null, active: false, deactivatedAt: new Date() },
    });
    await tx.session.deleteMany({ where: { userId } });
    await tx.passwordReset.deleteMany({ where: { userId } });
    await tx.signInUnlock.deleteMany({ where: { userId } });
    await tx.notification.deleteMany({ where: { userId } });
    await tx.notificationPreference.deleteMany({ where: { userId } });
    await recordAudit(tx, { actorId: actor.id, action: "user-erased", entityType: "User", entityId: userId, details: { role: target.role } });
  });
  forgetCachedSessions(userId);
  disconnectUser(userId);
}
