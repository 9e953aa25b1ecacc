import { prisma } from "~/platform/db/db.server";
import { recordAudits } from "~/platform/audit.server";

/**
 * Reasonable-adjustment notes are personal data: every time someone is shown them, the audit log
 * says who saw which request's notes, and where.
 */
export async function recordSensitiveViews(actorId: string, requestIds: string[], where: string) {
  const unique = [...new Set(requestIds)];
  if (unique.length === 0) return;
  await recordAudits(
    prisma,
    unique.map((entityId) => ({ actorId, action: "viewed-reasonable-adjustments", entityType: "PlacementRequest", entityId, details: { where } })),
  );
}
