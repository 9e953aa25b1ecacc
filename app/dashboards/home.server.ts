import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { navigationFor } from "~/accounts/navigation";

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
