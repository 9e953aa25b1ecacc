import { optionalParam, PageParam } from "~/platform/form-fields";
import { OFFER_TERMS_SELECT, type OfferTermsRow } from "./offer-terms";
import { Refusal } from "~/platform/refusal";
import { z } from "zod";
import type { SessionUser } from "~/accounts/session.server";
import { prisma, Prisma, queryRows, sqlPage } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import { LIVE_STATUSES } from "./allocation-rules";
import { offerAcceptsRequest } from "./compatibility";
import { OFFER_LIST_STATUSES, offerStartProblem, toDbDate, toIsoDate, type OfferFields, type OfferListStatus } from "./offer-form";
import { readCountedPage } from "~/platform/paging";
import { PROFESSIONS } from "~/vocabulary/roles";
import { withDateRange, type DateRangeFilter } from "~/vocabulary/calendar-date";
import { pushNotificationsAfterResponse } from "~/notifications/notify.server";
import { cancelAllocationsOfOffer } from "./allocations.server";
import { requireProviderScope } from "./policy";

type Tx = Prisma.TransactionClient;

/** The offers list's filters, from the URL; malformed values are dropped rather than refused. */
export const OfferFiltersSchema = z.object({
  status: optionalParam(z.enum(OFFER_LIST_STATUSES)),
  profession: optionalParam(z.enum(PROFESSIONS)),
  siteId: optionalParam(z.string().trim().max(40)),
  from: optionalParam(z.string().trim().max(30)),
  to: optionalParam(z.string().trim().max(30)),
  page: PageParam,
});
export type OfferFilters = z.output<typeof OfferFiltersSchema>;

/** The filters, with only real dates kept; what was wrong with the others is in `dateErrors`. */
export function parseOfferFilters(searchParams: URLSearchParams): OfferFilters & { dateErrors: DateRangeFilter["errors"] } {
  return withDateRange(OfferFiltersSchema.parse(Object.fromEntries(searchParams)));
}

function statusWhere(status: OfferListStatus | undefined): Prisma.OfferWhereInput {
  switch (status) {
    case "draft":
      return { status: "DRAFT" };
    case "withdrawn":
      return { status: "WITHDRAWN" };
    case "published":
      return { status: "PUBLISHED", slotsTaken: { lt: prisma.offer.fields.slots } };
    case "filled":
      return { status: "PUBLISHED", slotsTaken: { gte: prisma.offer.fields.slots } };
    default:
      return {};
  }
}

/** The provider's offers narrowed by the filters; the date range keeps offers whose window overlaps it. */
export function offerWhere(providerId: string, filters: OfferFilters): Prisma.OfferWhereInput {
  return {
    AND: [
      { providerId },
      statusWhere(filters.status),
      filters.profession ? { profession: filters.profession } : {},
      filters.siteId ? { siteId: filters.siteId } : {},
      filters.from ? { endDate: { gte: toDbDate(filters.from) } } : {},
      filters.to ? { startDate: { lte: toDbDate(filters.to) } } : {},
    ],
  };
}

const OFFER_ORDER: Prisma.OfferOrderByWithRelationInput[] = [{ startDate: "asc" }, { createdAt: "asc" }, { id: "asc" }];

/** `offerWhere` as SQL, for `FROM "Offer" o`; tests/integration/offers-sql.test.ts checks one against the other. */
function offerConditionsSql(providerId: string, filters: OfferFilters): Prisma.Sql {
  const conditions = [Prisma.sql`o."providerId" = ${providerId}`];
  if (filters.status === "draft") conditions.push(Prisma.sql`o."status" = 'DRAFT'`);
  if (filters.status === "withdrawn") conditions.push(Prisma.sql`o."status" = 'WITHDRAWN'`);
  if (filters.status === "published") conditions.push(Prisma.sql`o."status" = 'PUBLISHED' AND o."slotsTaken" < o."slots"`);
  if (filters.status === "filled") conditions.push(Prisma.sql`o."status" = 'PUBLISHED' AND o."slotsTaken" >= o."slots"`);
  if (filters.profession) conditions.push(Prisma.sql`o."profession" = ${filters.profession}::"Profession"`);
  if (filters.siteId) conditions.push(Prisma.sql`o."siteId" = ${filters.siteId}`);
  if (filters.from) conditions.push(Prisma.sql`o."endDate" >= ${filters.from}::date`);
  if (filters.to) conditions.push(Prisma.sql`o."startDate" <= ${filters.to}::date`);
  return Prisma.join(conditions, " AND ");
}

export interface ProviderOfferRow extends OfferTermsRow {
  status: "DRAFT" | "PUBLISHED" | "WITHDRAWN";
  siteName: string;
}

/** One page of the provider's offers. Read on the driver (queryRows): through Prisma its four reads cost ~3 ms of Node CPU a page. */
export async function listProviderOffers(user: SessionUser, filters: OfferFilters) {
  const providerId = requireProviderScope(user);
  const where = offerConditionsSql(providerId, filters);
  const [{ window, rows }, sites] = await Promise.all([
    readCountedPage(filters.page, (take, skip) =>
      queryRows<ProviderOfferRow & { total: number }>(Prisma.sql`
        SELECT o."id", o."profession"::text AS "profession", o."specialty",
          (o."startDate"::timestamp AT TIME ZONE 'UTC') AS "startDate", (o."endDate"::timestamp AT TIME ZONE 'UTC') AS "endDate",
          o."slots", o."slotsTaken", o."supervisionModel"::text AS "supervisionModel", o."yearsOfStudy", o."status"::text AS "status",
          s."name" AS "siteName",
          (SELECT count(*)::int FROM "Offer" o WHERE ${where}) AS "total"
        FROM (
          SELECT o."id", o."profession", o."specialty", o."startDate", o."endDate", o."slots", o."slotsTaken", o."supervisionModel", o."yearsOfStudy",
            o."status", o."siteId", o."createdAt"
          FROM "Offer" o WHERE ${where}
          ORDER BY o."startDate" ASC, o."createdAt" ASC, o."id" ASC
          ${sqlPage(take, skip)}
        ) o
          JOIN "Site" s ON s."id" = o."siteId"
        ORDER BY o."startDate" ASC, o."createdAt" ASC, o."id" ASC`),
    ),
    listProviderSites(providerId),
  ]);
  return { window, offers: rows, sites };
}

/** Every offer the filters match, for the CSV export (no paging: one provider's offers are few). */
export function listOffersForExport(user: SessionUser, filters: OfferFilters) {
  return prisma.offer.findMany({
    where: offerWhere(requireProviderScope(user), filters),
    orderBy: OFFER_ORDER,
    take: 50_000,
    select: {
      ...OFFER_TERMS_SELECT,
      notes: true,
      status: true,
      withdrawnReason: true,
      site: { select: { name: true } },
    },
  });
}

export function listProviderSites(providerId: string) {
  return queryRows<{ id: string; name: string }>(Prisma.sql`SELECT "id", "name" FROM "Site" WHERE "organisationId" = ${providerId} ORDER BY "name" ASC`);
}

/** One of the provider's offers with its allocations; null for an offer that is not theirs. */
export async function getProviderOffer(user: SessionUser, offerId: string) {
  const offer = await prisma.offer.findFirst({
    where: { id: offerId, providerId: requireProviderScope(user) },
    select: {
      ...OFFER_TERMS_SELECT,
      siteId: true,
      notes: true,
      status: true,
      publishedAt: true,
      withdrawnAt: true,
      withdrawnReason: true,
      createdAt: true,
      updatedAt: true,
      site: { select: { name: true, postcode: true } },
      allocations: {
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        select: {
          id: true,
          students: true,
          status: true,
          createdAt: true,
          request: {
            select: {
              yearOfStudy: true,
              startDate: true,
              endDate: true,
              university: { select: { name: true } },
              programme: { select: { name: true } },
            },
          },
        },
      },
    },
  });
  return offer;
}

async function requireOwnSite(tx: Tx, providerId: string, siteId: string) {
  const site = await tx.site.findFirst({ where: { id: siteId, organisationId: providerId }, select: { id: true } });
  if (!site) throw new Refusal(400, "Choose one of your organisation's sites", "siteId");
}

/** How an offer's form fields are stored: blanks become null and dates become database dates. */
export function offerData(fields: OfferFields) {
  return {
    siteId: fields.siteId,
    profession: fields.profession,
    specialty: fields.specialty || null,
    startDate: toDbDate(fields.startDate),
    endDate: toDbDate(fields.endDate),
    slots: fields.slots,
    supervisionModel: fields.supervisionModel,
    yearsOfStudy: fields.yearsOfStudy,
    notes: fields.notes || null,
  };
}

export async function createOffer(user: SessionUser, fields: OfferFields, options: { publish: boolean }) {
  const providerId = requireProviderScope(user);
  const startProblem = offerStartProblem(fields.startDate, new Date());
  if (startProblem) throw new Refusal(400, startProblem, "startDate");
  return prisma.$transaction(async (tx) => {
    await requireOwnSite(tx, providerId, fields.siteId);
    const offer = await tx.offer.create({
      data: {
        ...offerData(fields),
        providerId,
        createdById: user.id,
        status: options.publish ? "PUBLISHED" : "DRAFT",
        publishedAt: options.publish ? new Date() : null,
      },
      select: { id: true, status: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: options.publish ? "offer-published" : "offer-created",
      entityType: "Offer",
      entityId: offer.id,
      details: { slots: fields.slots },
    });
    return offer;
  });
}

/** Locks the provider's offer for the rest of the transaction; another provider's offer is not found. */
async function lockOffer(tx: Tx, providerId: string, offerId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Offer" WHERE "id" = ${offerId} AND "providerId" = ${providerId} FOR UPDATE`;
  if (locked.length === 0) throw new Refusal(404, "Offer not found");
  return tx.offer.findUniqueOrThrow({ where: { id: offerId }, select: { status: true, slots: true, slotsTaken: true, startDate: true } });
}

const MISMATCH_FIELDS: [RegExp, keyof OfferFields][] = [
  [/profession/, "profession"],
  [/dates/, "startDate"],
  [/year/, "yearsOfStudy"],
];

/**
 * Saves changes to a draft or published offer (and publishes a draft when asked). Slots never go
 * below the students already allocated, and the new details must still take every live allocation.
 */
export async function updateOffer(user: SessionUser, offerId: string, fields: OfferFields, options: { publish: boolean }) {
  const providerId = requireProviderScope(user);
  return prisma.$transaction(async (tx) => {
    const current = await lockOffer(tx, providerId, offerId);
    if (current.status === "WITHDRAWN") throw new Refusal(409, "This offer has been withdrawn and can no longer be changed");
    // A running offer keeps its past start when other details change; a new start date, or publishing, is judged today.
    if (fields.startDate !== toIsoDate(current.startDate) || (options.publish && current.status === "DRAFT")) {
      const startProblem = offerStartProblem(fields.startDate, new Date());
      if (startProblem) throw new Refusal(400, startProblem, "startDate");
    }
    await requireOwnSite(tx, providerId, fields.siteId);
    if (fields.slots < current.slotsTaken) {
      throw new Refusal(
        400,
        `${current.slotsTaken} ${current.slotsTaken === 1 ? "student is" : "students are"} already allocated: offer at least ${current.slotsTaken} slots`,
        "slots",
      );
    }
    const data = offerData(fields);
    const live = await tx.allocation.findMany({
      where: { offerId, status: { in: [...LIVE_STATUSES] } },
      select: { students: true, request: { select: { profession: true, startDate: true, endDate: true, yearOfStudy: true, university: { select: { name: true } } } } },
    });
    for (const allocation of live) {
      const mismatch = offerAcceptsRequest(data, allocation.request);
      if (mismatch) {
        const field = MISMATCH_FIELDS.find(([pattern]) => pattern.test(mismatch))?.[1];
        throw new Refusal(
          400,
          `${mismatch} of ${allocation.request.university.name}'s allocation (${allocation.students} ${allocation.students === 1 ? "student" : "students"}). Keep it compatible, or cancel that allocation first.`,
          field,
        );
      }
    }
    const publish = options.publish && current.status === "DRAFT";
    await tx.offer.update({
      where: { id: offerId },
      data: { ...data, ...(publish ? { status: "PUBLISHED", publishedAt: new Date() } : {}) },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: publish ? "offer-published" : "offer-updated",
      entityType: "Offer",
      entityId: offerId,
      details: { slots: fields.slots },
    });
    return { id: offerId, published: publish };
  });
}

/**
 * Withdraws an offer in one transaction: its live allocations are cancelled and their places go back
 * to the requests, which become the shortfalls a facilitator picks up.
 */
export async function withdrawOffer(user: SessionUser, offerId: string, reason: string) {
  const providerId = requireProviderScope(user);
  const trimmed = reason.trim();
  if (!trimmed) throw new Refusal(400, "Give a reason for withdrawing: universities with allocations will see it", "reason");
  const { details, notifications } = await prisma.$transaction(async (tx) => {
    const current = await lockOffer(tx, providerId, offerId);
    if (current.status === "WITHDRAWN") throw new Refusal(409, "This offer has already been withdrawn");
    await tx.offer.update({ where: { id: offerId }, data: { status: "WITHDRAWN", withdrawnAt: new Date(), withdrawnReason: trimmed } });
    const cancelled = await cancelAllocationsOfOffer(tx, user.id, offerId, trimmed);
    const details = {
      allocationsCancelled: cancelled.length,
      studentsAffected: cancelled.reduce((sum, allocation) => sum + allocation.students, 0),
      reason: trimmed,
    };
    await recordAudit(tx, { actorId: user.id, action: "offer-withdrawn", entityType: "Offer", entityId: offerId, details });
    return { details, notifications: cancelled.notifications };
  });
  pushNotificationsAfterResponse(notifications);
  return details;
}

/** Counts for the provider's home page: offers by status and allocations awaiting confirmation. */
export async function getOfferCounts(providerId: string) {
  const [byStatus, filled, awaitingConfirmation] = await Promise.all([
    prisma.offer.groupBy({ by: ["status"], where: { providerId }, _count: { _all: true } }),
    prisma.offer.count({ where: { providerId, status: "PUBLISHED", slotsTaken: { gte: prisma.offer.fields.slots } } }),
    prisma.allocation.count({ where: { status: "PROPOSED", offer: { providerId } } }),
  ]);
  const count = (status: "DRAFT" | "PUBLISHED" | "WITHDRAWN") => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const counts: Record<OfferListStatus, number> = {
    draft: count("DRAFT"),
    published: count("PUBLISHED") - filled,
    filled,
    withdrawn: count("WITHDRAWN"),
  };
  return { counts, awaitingConfirmation };
}
