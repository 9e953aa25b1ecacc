import type { SessionUser } from "~/accounts/session.server";
import { ACTIVE_CASE_STATUSES } from "~/cases/case-rules";
import { summariseFairShare } from "~/fair-share/fair-share";
import { loadRegionFairShare } from "~/fair-share/fair-share.server";
import { PLACED_STATUSES, type AllocationStatusName } from "~/marketplace/allocation-rules";
import { keptUntilDataChanges, readDataVersion } from "~/platform/db/data-version.server";
import { prisma, Prisma, queryRows, sqlDay } from "~/platform/db/db.server";
import { addUtcDays, startOfUtcDay } from "~/platform/utc-days";
import { getRegionOverview } from "./region.server";
import { placementsAwaitingFeedback } from "~/quality/feedback.server";
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

type StageCount = { allocations: number; students: number };
const NONE: StageCount = { allocations: 0, students: 0 };

/** Allocations and their students by status, so each home counts proposed, confirmed and placed apart. */
async function allocationStages(where: Prisma.AllocationWhereInput) {
  const rows = await prisma.allocation.groupBy({ by: ["status"], where, _count: { _all: true }, _sum: { students: true } });
  const of = (statuses: readonly AllocationStatusName[]): StageCount =>
    rows
      .filter((row) => statuses.includes(row.status))
      .reduce((sum, row) => ({ allocations: sum.allocations + row._count._all, students: sum.students + (row._sum.students ?? 0) }), NONE);
  return { proposed: of(["PROPOSED"]), confirmed: of(["CONFIRMED"]), accepted: of(["ACCEPTED"]), placed: of(PLACED_STATUSES) };
}

/** Days ahead within which an audit's expiry or an action's due date needs the provider's attention. */
const AUDIT_NOTICE_DAYS = 60;
const ACTION_NOTICE_DAYS = 14;

/**
 * What needs a provider now: proposals to confirm or decline, placements that ended and can be marked
 * completed, audit actions due and audits running out. Confirmed (waiting for the university) and
 * placed are shown beside them, never added to them.
 */
export async function getProviderAttention(providerId: string, now = new Date()) {
  const today = startOfUtcDay(now);
  const [stages, toComplete, actions, audits] = await Promise.all([
    allocationStages({ offer: { providerId } }),
    prisma.allocation.count({ where: { offer: { providerId }, status: "STUDENTS_NAMED", request: { endDate: { lt: today } } } }),
    prisma.auditActionItem.findMany({
      where: { audit: { providerId }, completedOn: null, dueOn: { lte: addUtcDays(today, ACTION_NOTICE_DAYS) } },
      select: { dueOn: true },
    }),
    prisma.placementAudit.findMany({ where: { providerId }, select: { siteId: true, auditedOn: true, expiresOn: true }, orderBy: { auditedOn: "desc" } }),
  ]);
  const latestBySite = new Map<string, Date>();
  for (const audit of audits) if (!latestBySite.has(audit.siteId)) latestBySite.set(audit.siteId, audit.expiresOn);
  const auditsDue = [...latestBySite.values()].filter((expiresOn) => expiresOn <= addUtcDays(today, AUDIT_NOTICE_DAYS)).length;
  return {
    ...stages,
    toComplete,
    actionsOverdue: actions.filter((action) => action.dueOn < today).length,
    actionsDueSoon: actions.filter((action) => action.dueOn >= today).length,
    auditsDue,
    noticeDays: { actions: ACTION_NOTICE_DAYS, audits: AUDIT_NOTICE_DAYS },
  };
}

/**
 * What needs a university now: confirmed allocations to accept, accepted ones still to name
 * students on, and students on open requests with no allocation yet. Proposals still waiting for
 * the provider are counted apart: they hold places but are not placements.
 */
export async function getUniversityAttention(universityId: string) {
  const [stages, unmet] = await Promise.all([
    allocationStages({ request: { universityId } }),
    prisma.placementRequest.aggregate({
      where: { universityId, status: { in: ["OPEN", "PARTLY_ALLOCATED"] } },
      _count: { _all: true },
      _sum: { students: true, studentsAllocated: true },
    }),
  ]);
  return {
    ...stages,
    unmetRequests: unmet._count._all,
    unmetStudents: (unmet._sum.students ?? 0) - (unmet._sum.studentsAllocated ?? 0),
  };
}

/**
 * The facilitator's home: the region's overview and what needs attention, their kept figures checked against one
 * read of the data version (made for this request, so after anything the facilitator has just committed).
 */
export async function getFacilitatorHome(regionId: string, year: number) {
  const dataVersion = readDataVersion();
  dataVersion.catch(() => {}); // Its readers report a failure; this only stops it counting as unhandled if none gets to read it.
  const [overview, attention] = await Promise.all([getRegionOverview(regionId, year, dataVersion), getFacilitatorAttention(regionId, year, { dataVersion })]);
  return { overview, attention };
}

/** Days ahead within which a case's due date counts as due now. */
const CASE_NOTICE_DAYS = 7;

/**
 * What needs a region's facilitators now: open cases overdue or due within a week, providers below
 * their fair share this year, support requests nobody has turned into a case yet, and proposals the
 * region's providers have not answered.
 */
export async function getFacilitatorAttention(regionId: string, year: number, { now = new Date(), dataVersion }: { now?: Date; dataVersion?: Promise<string> } = {}) {
  const today = startOfUtcDay(now);
  // Plain SQL on the driver (queryRows), the three counts in one statement: the overview is the facilitator's home,
  // and each statement costs this process a round trip. The same counts as the Prisma filters they replaced.
  const [[counts], below] = await Promise.all([
    queryRows<{ overdue: number; dueSoon: number; support: number; proposedAllocations: number; proposedStudents: number }>(Prisma.sql`
      SELECT cases."overdue", cases."dueSoon", support."open" AS "support", proposed."allocations" AS "proposedAllocations",
        proposed."students" AS "proposedStudents"
      FROM (
        SELECT count(*) FILTER (WHERE "dueOn" < ${sqlDay(today)})::int AS "overdue", count(*) FILTER (WHERE "dueOn" >= ${sqlDay(today)})::int AS "dueSoon"
        FROM "ShortfallCase"
        WHERE "regionId" = ${regionId} AND "status"::text IN (${Prisma.join([...ACTIVE_CASE_STATUSES])}) AND "dueOn" <= ${sqlDay(addUtcDays(today, CASE_NOTICE_DAYS))}
      ) cases,
      (SELECT count(*)::int AS "open" FROM "SupportRequest" WHERE "regionId" = ${regionId} AND "caseId" IS NULL) support,
      -- allocationStages' proposed count for the region's providers' offers.
      (
        SELECT count(*)::int AS "allocations", COALESCE(SUM(a."students"), 0)::int AS "students"
        FROM "Allocation" a JOIN "Offer" o ON o."id" = a."offerId" JOIN "Organisation" p ON p."id" = o."providerId"
        WHERE p."regionId" = ${regionId} AND a."status" = 'PROPOSED'
      ) proposed`),
    providersBelowShare(regionId, year, dataVersion),
  ]);
  return {
    casesOverdue: counts.overdue,
    casesDueSoon: counts.dueSoon,
    caseNoticeDays: CASE_NOTICE_DAYS,
    supportRequests: counts.support,
    belowShare: below,
    proposed: { allocations: counts.proposedAllocations, students: counts.proposedStudents } satisfies StageCount,
  };
}

/**
 * The region's providers below the amber band this year, lowest first: how many, and the first five. Kept
 * with the region's fair share until the data changes (decision 007), rather than summarised anew for
 * every view of the overview.
 */
function providersBelowShare(regionId: string, year: number, dataVersion?: Promise<string>) {
  return keptUntilDataChanges(`providers-below-share ${regionId} ${year}`, async () => {
    const fairShare = await loadRegionFairShare(regionId, year, dataVersion);
    const below = fairShare.providers
      .map((provider) => ({ id: provider.id, name: provider.name, ...summariseFairShare(provider.rows, fairShare.bands) }))
      .filter((provider) => provider.ratio !== null && provider.ratio < fairShare.bands.amber)
      .sort((a, b) => (a.ratio ?? 0) - (b.ratio ?? 0));
    return { count: below.length, first: below.slice(0, 5).map(({ id, name, ratio }) => ({ id, name, ratio })) };
  }, { dataVersion });
}

/**
 * A student's home: the next placement they are named on (site, dates, who to contact, what to
 * bring when the offer says) and the finished placements still waiting for their feedback.
 */
export async function getStudentHome(studentId: string, now = new Date()) {
  const today = startOfUtcDay(now);
  const [next, feedbackDue] = await Promise.all([
    prisma.allocationStudent.findFirst({
      where: { studentId, allocation: { status: "STUDENTS_NAMED", request: { endDate: { gte: today } } } },
      orderBy: { allocation: { request: { startDate: "asc" } } },
      select: {
        allocation: {
          select: {
            id: true,
            offer: {
              select: {
                profession: true,
                specialty: true,
                notes: true,
                createdById: true,
                provider: { select: { name: true } },
                site: { select: { name: true, postcode: true } },
              },
            },
            request: { select: { startDate: true, endDate: true } },
          },
        },
      },
    }),
    placementsAwaitingFeedback(studentId).then((ids) =>
      prisma.allocationStudent.findMany({
        where: { studentId, allocationId: { in: ids } },
        orderBy: { allocation: { request: { endDate: "desc" } } },
        select: { allocation: { select: { id: true, offer: { select: { profession: true, provider: { select: { name: true } }, site: { select: { name: true } } } } } } },
      }),
    ),
  ]);
  let placement = null;
  if (next) {
    const { offer, request } = next.allocation;
    const contact = offer.createdById
      ? await prisma.user.findFirst({ where: { id: offer.createdById, active: true }, select: { name: true, email: true } })
      : null;
    placement = {
      id: next.allocation.id,
      profession: offer.profession,
      specialty: offer.specialty,
      providerName: offer.provider.name,
      siteName: offer.site.name,
      postcode: offer.site.postcode,
      startDate: request.startDate,
      endDate: request.endDate,
      contact,
      whatToBring: offer.notes,
    };
  }
  return {
    placement,
    feedbackDue: feedbackDue.map(({ allocation }) => ({
      id: allocation.id,
      profession: allocation.offer.profession,
      providerName: allocation.offer.provider.name,
      siteName: allocation.offer.site.name,
    })),
  };
}
