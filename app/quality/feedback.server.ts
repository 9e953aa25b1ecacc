import type { SessionUser } from "~/accounts/session.server";
import { prisma, Prisma } from "~/platform/db/db.server";
import { averageIsLow } from "./quality-rules";
import { Refusal } from "~/platform/refusal";
import { withNotifications } from "~/notifications/notify.server";
import { getSettings } from "~/settings/settings.server";
import { canGiveFeedback } from "./policy";
import { feedbackLowNotification } from "./notifications";

/** The placement a student may give feedback on: theirs (named), completed, not yet rated by them. */
export async function getFeedbackTarget(user: SessionUser, allocationId: string) {
  if (!canGiveFeedback(user)) throw new Refusal(403, "Only students give placement feedback.");
  const named = await prisma.allocationStudent.findUnique({
    where: { allocationId_studentId: { allocationId, studentId: user.id } },
    select: {
      allocation: {
        select: {
          id: true,
          status: true,
          offer: { select: { providerId: true, siteId: true, profession: true, provider: { select: { name: true, regionId: true } }, site: { select: { name: true } } } },
          request: { select: { startDate: true, endDate: true } },
        },
      },
    },
  });
  if (!named) throw new Refusal(404, "Placement not found");
  const { allocation } = named;
  if (allocation.status !== "COMPLETED") throw new Refusal(409, "You can give feedback once the placement is completed.");
  const given = await prisma.placementFeedback.findUnique({ where: { allocationId_studentId: { allocationId, studentId: user.id } }, select: { id: true } });
  if (given) throw new Refusal(409, "You have already given feedback on this placement. Thank you.");
  return allocation;
}

export interface FeedbackInput {
  overall: number;
  induction: number;
  supervision: number;
  learning: number;
  comments?: string;
}

export async function submitFeedback(user: SessionUser, allocationId: string, input: FeedbackInput, now = new Date()) {
  const allocation = await getFeedbackTarget(user, allocationId);
  const settings = await getSettings();
  const { providerId, siteId } = allocation.offer;
  try {
    await withNotifications(async (tx, raise) => {
      await tx.placementFeedback.create({
        data: { allocationId, studentId: user.id, providerId, siteId, overall: input.overall, induction: input.induction, supervision: input.supervision, learning: input.learning, comments: input.comments || null },
      });
      const site = await tx.placementFeedback.aggregate({ where: { siteId }, _count: { _all: true }, _avg: { overall: true } });
      if (averageIsLow(site._count._all, site._avg.overall, settings.feedbackThreshold)) {
        await raise(
          feedbackLowNotification(
            { siteId, siteName: allocation.offer.site.name, providerId, providerName: allocation.offer.provider.name, regionId: allocation.offer.provider.regionId },
            { count: site._count._all, average: site._avg.overall ?? 0 },
            settings.feedbackThreshold,
            now,
          ),
        );
      }
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new Refusal(409, "You have already given feedback on this placement. Thank you.");
    }
    throw error;
  }
}

/** The student's completed placements that still lack their feedback. */
export async function placementsAwaitingFeedback(studentId: string): Promise<string[]> {
  const rows = await prisma.allocationStudent.findMany({ where: { studentId, allocation: { status: "COMPLETED" } }, select: { allocationId: true } });
  const given = await prisma.placementFeedback.findMany({ where: { studentId, allocationId: { in: rows.map((r) => r.allocationId) } }, select: { allocationId: true } });
  const done = new Set(given.map((g) => g.allocationId));
  return rows.map((r) => r.allocationId).filter((id) => !done.has(id));
}
