import type { SessionUser } from "~/accounts/session.server";
import { prisma, Prisma, queryRows, sqlPage } from "~/platform/db/db.server";
import type { ProfessionCode } from "~/vocabulary/roles";
import { recordAudit } from "~/platform/audit.server";
import { addStudentsByStatus, LIVE_STATUSES, noStudentsByStatus, requestStatusFor } from "./allocation-rules";
import { readCountedPage } from "~/platform/paging";
import { requestPlacementFields, type RequestFilters, type RequestFormValue, type RequestStatusName } from "./request-form";
import { requireUniversityScope } from "./policy";
import { BLOCK_ORDER, BLOCK_SELECT, PROGRAMME_SELECT } from "./programmes.server";
import { Refusal } from "~/platform/refusal";

type Tx = Prisma.TransactionClient;

/** Live allocations that are not finished: these must be cancelled before their request can be. */
const CANCELLABLE_LIVE = ["PROPOSED", "CONFIRMED", "ACCEPTED", "STUDENTS_NAMED"] as const;

/** The most requests one CSV export holds. */
export const MAX_EXPORT_ROWS = 20_000;

export function requestWhere(universityId: string, filters: RequestFilters): Prisma.PlacementRequestWhereInput {
  return {
    universityId,
    status: filters.status,
    profession: filters.profession,
    programmeId: filters.programmeId,
    // Blocks that overlap the chosen dates.
    endDate: filters.from ? { gte: new Date(`${filters.from}T00:00:00Z`) } : undefined,
    startDate: filters.to ? { lte: new Date(`${filters.to}T00:00:00Z`) } : undefined,
  };
}

/** What a request asks for: which students, how many, when, and how many of them are placed already. */
export const REQUEST_NEED_SELECT = {
  profession: true,
  yearOfStudy: true,
  startDate: true,
  endDate: true,
  students: true,
  studentsAllocated: true,
} satisfies Prisma.PlacementRequestSelect;

/** A request as one row of a list shows it: what it asks for, under its programme's and block's names. */
export const REQUEST_ROW_SELECT = {
  id: true,
  ...REQUEST_NEED_SELECT,
  programme: { select: { name: true } },
  block: { select: { name: true } },
} satisfies Prisma.PlacementRequestSelect;

const REQUEST_ORDER: Prisma.PlacementRequestOrderByWithRelationInput[] = [{ startDate: "asc" }, { createdAt: "asc" }, { id: "asc" }];

/** `requestWhere` as SQL, for `FROM "PlacementRequest" r`; tests/integration/requests-sql.test.ts checks one against the other. */
function requestConditionsSql(universityId: string, filters: RequestFilters): Prisma.Sql {
  const conditions = [Prisma.sql`r."universityId" = ${universityId}`];
  if (filters.status) conditions.push(Prisma.sql`r."status" = ${filters.status}::"RequestStatus"`);
  if (filters.profession) conditions.push(Prisma.sql`r."profession" = ${filters.profession}::"Profession"`);
  if (filters.programmeId) conditions.push(Prisma.sql`r."programmeId" = ${filters.programmeId}`);
  if (filters.from) conditions.push(Prisma.sql`r."endDate" >= ${filters.from}::date`);
  if (filters.to) conditions.push(Prisma.sql`r."startDate" <= ${filters.to}::date`);
  return Prisma.join(conditions, " AND ");
}

export interface RequestListRow {
  id: string;
  profession: ProfessionCode;
  yearOfStudy: number;
  startDate: Date;
  endDate: Date;
  students: number;
  studentsAllocated: number;
  status: RequestStatusName;
  programmeName: string;
  blockName: string;
}

/**
 * One page of the university's requests. Never selects reasonable adjustments: lists do not show them.
 * Read on the driver (queryRows): through Prisma its five reads cost ~4 ms of Node CPU a page.
 */
export async function listRequests(user: SessionUser, filters: RequestFilters) {
  const universityId = requireUniversityScope(user);
  const where = requestConditionsSql(universityId, filters);
  const [{ window, rows }, programmes] = await Promise.all([
    readCountedPage(filters.page, (take, skip) =>
      queryRows<RequestListRow & { total: number }>(Prisma.sql`
        SELECT r."id", r."profession"::text AS "profession", r."yearOfStudy",
          (r."startDate"::timestamp AT TIME ZONE 'UTC') AS "startDate", (r."endDate"::timestamp AT TIME ZONE 'UTC') AS "endDate",
          r."students", r."studentsAllocated", r."status"::text AS "status", p."name" AS "programmeName", b."name" AS "blockName",
          (SELECT count(*)::int FROM "PlacementRequest" r WHERE ${where}) AS "total"
        FROM (
          SELECT r."id", r."profession", r."yearOfStudy", r."startDate", r."endDate", r."students", r."studentsAllocated", r."status",
            r."programmeId", r."blockId", r."createdAt"
          FROM "PlacementRequest" r WHERE ${where}
          ORDER BY r."startDate" ASC, r."createdAt" ASC, r."id" ASC
          ${sqlPage(take, skip)}
        ) r
          JOIN "Programme" p ON p."id" = r."programmeId"
          JOIN "PlacementBlock" b ON b."id" = r."blockId"
        ORDER BY r."startDate" ASC, r."createdAt" ASC, r."id" ASC`),
    ),
    queryRows<{ id: string; name: string }>(Prisma.sql`SELECT "id", "name" FROM "Programme" WHERE "universityId" = ${universityId} ORDER BY "name" ASC`),
  ]);
  return { window, requests: rows, programmes };
}

/** What the request form chooses from: the university's programmes and blocks, its campuses, and regional provider sites. */
export async function getRequestFormOptions(user: SessionUser) {
  const universityId = requireUniversityScope(user);
  const university = await prisma.organisation.findUniqueOrThrow({ where: { id: universityId }, select: { regionId: true } });
  const [programmes, campuses, providerSites] = await Promise.all([
    prisma.programme.findMany({
      where: { universityId },
      orderBy: { name: "asc" },
      select: { ...PROGRAMME_SELECT, blocks: { orderBy: BLOCK_ORDER, select: BLOCK_SELECT } },
    }),
    prisma.site.findMany({ where: { organisationId: universityId }, orderBy: { name: "asc" }, select: { id: true, name: true, postcode: true } }),
    prisma.site.findMany({
      where: { organisation: { kind: "PROVIDER", active: true, regionId: university.regionId } },
      orderBy: [{ organisation: { name: "asc" } }, { name: "asc" }],
      take: 2000,
      select: { id: true, name: true, postcode: true, organisation: { select: { name: true } } },
    }),
  ]);
  return {
    programmes,
    campuses,
    providerSites: providerSites.map((site) => ({ id: site.id, name: site.name, postcode: site.postcode, providerName: site.organisation.name })),
  };
}

/** Checks the form's choices against what the university may use, and copies profession, year and dates. */
async function resolveRequestInput(universityId: string, value: RequestFormValue) {
  const programme = await prisma.programme.findFirst({
    where: { id: value.programmeId, universityId },
    select: { id: true, profession: true },
  });
  if (!programme) throw new Refusal(404, "Programme not found: choose one of your programmes", "programmeId");
  const block = await prisma.placementBlock.findUnique({
    where: { id: value.blockId },
    select: { id: true, programmeId: true, yearOfStudy: true, startDate: true, endDate: true },
  });
  if (!block || block.programmeId !== programme.id) {
    throw new Refusal(400, "Choose a placement block of the chosen programme", "blockId");
  }
  let origin: { originLatitude: number | null; originLongitude: number | null } = { originLatitude: null, originLongitude: null };
  if (value.campusSiteId) {
    const campus = await prisma.site.findFirst({
      where: { id: value.campusSiteId, organisationId: universityId },
      select: { latitude: true, longitude: true },
    });
    if (!campus) throw new Refusal(400, "Choose one of your own sites as the campus", "campusSiteId");
    origin = { originLatitude: campus.latitude, originLongitude: campus.longitude };
  }
  if (value.preferredSiteIds.length > 0) {
    const university = await prisma.organisation.findUniqueOrThrow({ where: { id: universityId }, select: { regionId: true } });
    const found = await prisma.site.count({
      where: { id: { in: value.preferredSiteIds }, organisation: { kind: "PROVIDER", regionId: university.regionId } },
    });
    if (found !== value.preferredSiteIds.length) {
      throw new Refusal(400, "Choose preferred sites from the list of providers in your region", "preferredSiteIds");
    }
  }
  return {
    ...requestPlacementFields(programme, block),
    students: value.students,
    specialties: value.specialties,
    preferredSiteIds: value.preferredSiteIds,
    maxTravelMinutes: value.maxTravelMinutes ?? null,
    ...origin,
    reasonableAdjustments: value.reasonableAdjustments,
  };
}

function auditDetails(data: Awaited<ReturnType<typeof resolveRequestInput>>): Prisma.InputJsonValue {
  // The audit trail records that adjustments exist, not what they are.
  const { reasonableAdjustments, startDate, endDate, ...rest } = data;
  return { ...rest, startDate: startDate.toISOString(), endDate: endDate.toISOString(), hasReasonableAdjustments: Boolean(reasonableAdjustments) };
}

export async function createRequest(user: SessionUser, value: RequestFormValue) {
  const universityId = requireUniversityScope(user);
  const data = await resolveRequestInput(universityId, value);
  return prisma.$transaction(async (tx) => {
    const request = await tx.placementRequest.create({ data: { ...data, universityId, createdById: user.id }, select: { id: true } });
    await recordAudit(tx, { actorId: user.id, action: "request-created", entityType: "PlacementRequest", entityId: request.id, details: auditDetails(data) });
    return request;
  });
}

/** Locks the request row for this transaction; bookings update the same row, so they wait for us. */
async function lockRequest(tx: Tx, universityId: string, requestId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "PlacementRequest" WHERE "id" = ${requestId} AND "universityId" = ${universityId} FOR UPDATE`;
  if (rows.length !== 1) throw new Refusal(404, "Request not found");
  return tx.placementRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { id: true, status: true, students: true, studentsAllocated: true, blockId: true, programmeId: true, reasonableAdjustments: true },
  });
}

export async function updateRequest(user: SessionUser, requestId: string, value: RequestFormValue) {
  const universityId = requireUniversityScope(user);
  const existing = await prisma.placementRequest.findFirst({ where: { id: requestId, universityId }, select: { id: true } });
  if (!existing) throw new Refusal(404, "Request not found");
  const data = await resolveRequestInput(universityId, value);
  return prisma.$transaction(async (tx) => {
    const current = await lockRequest(tx, universityId, requestId);
    if (current.status === "CANCELLED") throw new Refusal(409, "This request is cancelled, so it cannot be changed");
    if (data.students < current.studentsAllocated) {
      throw new Refusal(
        400,
        `${current.studentsAllocated} ${current.studentsAllocated === 1 ? "student is" : "students are"} already allocated: ask for at least ${current.studentsAllocated}`,
        "students",
      );
    }
    if (current.studentsAllocated > 0 && (data.blockId !== current.blockId || data.programmeId !== current.programmeId)) {
      throw new Refusal(
        409,
        "Students of this request are already allocated for its block: cancel those allocations before moving it to another block",
        "blockId",
      );
    }
    await tx.placementRequest.update({
      where: { id: requestId },
      data: { ...data, status: requestStatusFor(data.students, current.studentsAllocated) },
    });
    await recordAudit(tx, { actorId: user.id, action: "request-updated", entityType: "PlacementRequest", entityId: requestId, details: auditDetails(data) });
    if ((current.reasonableAdjustments ?? null) !== (data.reasonableAdjustments ?? null)) {
      // Personal data: who changed the notes, and when (not what they say).
      await recordAudit(tx, { actorId: user.id, action: "changed-reasonable-adjustments", entityType: "PlacementRequest", entityId: requestId });
    }
    return { id: requestId };
  });
}

export async function cancelRequest(user: SessionUser, requestId: string, reason: string) {
  const universityId = requireUniversityScope(user);
  return prisma.$transaction(async (tx) => {
    const current = await lockRequest(tx, universityId, requestId);
    if (current.status === "CANCELLED") throw new Refusal(409, "This request is already cancelled");
    const live = await tx.allocation.count({ where: { requestId, status: { in: [...CANCELLABLE_LIVE] } } });
    if (live > 0) {
      throw new Refusal(
        409,
        `This request has ${live} live ${live === 1 ? "allocation" : "allocations"}: cancel ${live === 1 ? "it" : "them"} first, then cancel the request`,
      );
    }
    const completed = await tx.allocation.count({ where: { requestId, status: "COMPLETED" } });
    if (completed > 0) throw new Refusal(409, "Students of this request have completed their placement, so it cannot be cancelled");
    await tx.placementRequest.update({ where: { id: requestId }, data: { status: "CANCELLED" } });
    await recordAudit(tx, { actorId: user.id, action: "request-cancelled", entityType: "PlacementRequest", entityId: requestId, details: { reason } });
    return { id: requestId };
  });
}

/**
 * One request with everything its own university may see, including reasonable adjustments.
 * Null for anyone else's request: the page answers 404 and reveals nothing.
 */
export async function getRequestForUniversity(user: SessionUser, requestId: string) {
  const universityId = requireUniversityScope(user);
  const request = await prisma.placementRequest.findFirst({
    where: { id: requestId, universityId },
    select: {
      id: true,
      programmeId: true,
      blockId: true,
      ...REQUEST_NEED_SELECT,
      specialties: true,
      preferredSiteIds: true,
      originLatitude: true,
      originLongitude: true,
      maxTravelMinutes: true,
      reasonableAdjustments: true,
      status: true,
      createdAt: true,
      programme: { select: { name: true } },
      block: { select: { name: true } },
      allocations: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          status: true,
          students: true,
          source: true,
          updatedAt: true,
          offer: { select: { specialty: true, provider: { select: { name: true } }, site: { select: { name: true } } } },
        },
      },
    },
  });
  if (!request) return null;
  const [preferredSites, campuses, cancellation] = await Promise.all([
    request.preferredSiteIds.length
      ? prisma.site.findMany({
          where: { id: { in: request.preferredSiteIds } },
          select: { id: true, name: true, organisation: { select: { name: true } } },
          orderBy: [{ organisation: { name: "asc" } }, { name: "asc" }],
        })
      : [],
    request.originLatitude !== null
      ? prisma.site.findMany({ where: { organisationId: universityId }, select: { id: true, name: true, latitude: true, longitude: true } })
      : [],
    request.status === "CANCELLED"
      ? prisma.auditEvent.findFirst({
          where: { entityType: "PlacementRequest", entityId: requestId, action: "request-cancelled" },
          orderBy: { createdAt: "desc" },
          select: { details: true, createdAt: true },
        })
      : null,
  ]);
  const campus = campuses.find((site) => site.latitude === request.originLatitude && site.longitude === request.originLongitude) ?? null;
  const details = cancellation?.details as { reason?: string } | null | undefined;
  return {
    request,
    preferredSites: preferredSites.map((site) => ({ id: site.id, name: site.name, providerName: site.organisation.name })),
    campus: campus ? { id: campus.id, name: campus.name } : null,
    cancellation: cancellation ? { reason: details?.reason ?? "", at: cancellation.createdAt } : null,
  };
}

/** Every request the filters select, for the CSV download (not paged, but capped). */
export async function listRequestsForExport(user: SessionUser, filters: RequestFilters) {
  const universityId = requireUniversityScope(user);
  const [requests, campuses] = await Promise.all([
    prisma.placementRequest.findMany({
      where: requestWhere(universityId, filters),
      orderBy: REQUEST_ORDER,
      take: MAX_EXPORT_ROWS,
      select: {
        ...REQUEST_ROW_SELECT,
        specialties: true,
        maxTravelMinutes: true,
        originLatitude: true,
        originLongitude: true,
        reasonableAdjustments: true,
        status: true,
        allocations: { where: { status: { in: [...LIVE_STATUSES] } }, select: { status: true, students: true } },
      },
    }),
    prisma.site.findMany({ where: { organisationId: universityId }, select: { name: true, latitude: true, longitude: true } }),
  ]);
  return requests.map(({ allocations, ...request }) => ({
    ...request,
    byStatus: allocations.reduce((counts, allocation) => (addStudentsByStatus(counts, allocation.status, allocation.students), counts), noStudentsByStatus()),
    campus:
      request.originLatitude === null
        ? null
        : (campuses.find((site) => site.latitude === request.originLatitude && site.longitude === request.originLongitude)?.name ?? null),
  }));
}

/** The numbers on the university's home page. */
export async function getUniversitySummary(user: SessionUser) {
  const universityId = requireUniversityScope(user);
  const [byStatus, unplaced, allocations] = await Promise.all([
    prisma.placementRequest.groupBy({ by: ["status"], where: { universityId }, _count: { _all: true } }),
    prisma.placementRequest.aggregate({
      where: { universityId, status: { in: ["OPEN", "PARTLY_ALLOCATED"] } },
      _sum: { students: true, studentsAllocated: true },
    }),
    prisma.allocation.groupBy({
      by: ["status"],
      where: { request: { universityId }, status: { in: ["CONFIRMED", "ACCEPTED"] } },
      _count: { _all: true },
    }),
  ]);
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const allocationCount = (status: string) => allocations.find((row) => row.status === status)?._count._all ?? 0;
  return {
    requests: {
      OPEN: count("OPEN"),
      PARTLY_ALLOCATED: count("PARTLY_ALLOCATED"),
      FULLY_ALLOCATED: count("FULLY_ALLOCATED"),
      CANCELLED: count("CANCELLED"),
    },
    studentsUnplaced: (unplaced._sum.students ?? 0) - (unplaced._sum.studentsAllocated ?? 0),
    awaitingAcceptance: allocationCount("CONFIRMED"),
    awaitingNames: allocationCount("ACCEPTED"),
  };
}
