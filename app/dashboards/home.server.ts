import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { navigationFor } from "~/accounts/navigation";
import { currentAcademicYear } from "~/vocabulary/academic-year";

/** What a role's home page shows before later features fill it: whose it is and where to go. */
export async function getHomeSummary(user: SessionUser) {
  const scopeName = user.organisationId
    ? (await prisma.organisation.findUnique({ where: { id: user.organisationId }, select: { name: true } }))?.name
    : user.regionId
      ? `${(await prisma.region.findUnique({ where: { id: user.regionId }, select: { name: true } }))?.name} region`
      : "Placement Exchange";
  const links = navigationFor(user)
    .filter((item) => item.label !== "Home")
    .map((item) => ({ to: item.to, label: item.label }));
  return { scopeName: scopeName ?? "", links };
}

/**
 * What needs an administrator now: invitations nobody has accepted yet, and provider
 * organisations with no workforce figures for this academic year (their fair share is unknown).
 */
export async function getAdminAttention(now = new Date()) {
  const year = currentAcademicYear(now);
  const [pendingInvitations, withoutWorkforce] = await Promise.all([
    prisma.invitation.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
    prisma.organisation.findMany({
      where: { kind: "PROVIDER", active: true, workforce: { none: { year } } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return { year, pendingInvitations, withoutWorkforce: { count: withoutWorkforce.length, first: withoutWorkforce.slice(0, 5) } };
}
