import { SUPPORT_TOPIC_LABELS,type SupportTopic } from "./case-rules";
import type { SessionUser } from "~/accounts/session.server";
import { prisma,Prisma } from "~/platform/db/db.server";
import { academicYearOf } from "~/vocabulary/academic-year";
import { recordAudit } from "~/platform/audit.server";
import { addUtcDays } from "~/platform/utc-days";
import {
ACTIVE_CASE_STATUSES,
AGEING_BUCKETS,
CASE_STATUS_LABELS,
CASE_STATUSES,
checkCaseMove,
offerLabel,
CASE_LINK_TYPES,
type CaseLinkOption,
type CaseLinkType,
type CaseKindName,
type CaseSeverityName,
type CaseStatusName,
} from "./case-rules";
import { pageWindow } from "~/platform/paging";
import { PROFESSION_LABELS,type ProfessionCode } from "~/vocabulary/roles";
import { loadRegionFairShare } from "~/fair-share/fair-share.server";
import { Refusal } from "~/platform/refusal";
import { withNotifications } from "~/notifications/notify.server";
import { alternativeOfferNotification,capacityAskedNotification,caseAssignedNotification,caseMessageNotification,supportRequestedNotification } from "./notifications";
import { getSettings } from "~/settings/settings.server";
import { describeLinks, nameLinkedIds, searchRegionAllocations, searchRegionOffers } from "./case-links.server";
import { caseRegionScope,choosesCaseRegion,requireCaseRegionScope,requireSupportOrganisation } from "./policy";

type Tx = Prisma.TransactionClient;

/** A case the user may see, or a 404 (another region's case is never revealed). */
export async function loadCaseForUser(user: SessionUser, caseId: string) {
  const found = await prisma.shortfallCase.findFirst({ where: { id: caseId, ...requireCaseRegionScope(user) } });
  if (!found) throw new Refusal(404, "Case not found");
  return found;
}

// ---------------------------------------------------------------------------------------------
// Lists

export interface CaseFilters {
  kind?: CaseKindName;
  status?: CaseStatusName;
  /** "me", "unassigned" or empty for anyone. */
  owner?: "me" | "unassigned" | "";
  profession?: ProfessionCode;
  provider?: string;
  university?: string;
  page?: number;
}

export async function listCases(user: SessionUser, filters: CaseFilters) {
  const where: Prisma.ShortfallCaseWhereInput = { ...requireCaseRegionScope(user) };
  if (filters.kind) where.kind = filters.kind;
  if (filters.status) where.status = filters.status;
  if (filters.owner === "me") where.ownerId = user.id;
  if (filters.owner === "unassigned") where.ownerId = null;
  if (filters.profession) where.profession = filters.profession;
  const organisationIds = [filters.provider, filters.university].filter((id): id is string => Boolean(id));
  if (organisationIds.length > 0) where.organisationIds = { hasEvery: organisationIds };
  const total = await prisma.shortfallCase.count({ where });
  const window = pageWindow(total, filters.page);
  const rows = await prisma.shortfallCase.findMany({
    where,
    select: { id: true, title: true, kind: true, severity: true, status: true, profession: true, studentsAffected: true, ownerId: true, dueOn: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: window.skip,
    take: window.take,
  });
  const owners = await userNames(rows.map((row) => row.ownerId));
  return { window, cases: rows.map((row) => ({ ...row, ownerName: row.ownerId ? (owners.get(row.ownerId) ?? "Unknown") : null })) };
}

async function userNames(ids: (string | null)[]) {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map<string, string>();
  const users = await prisma.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** Counts of cases still being worked, by how long they have been open. Counted in the database. */
export async function caseAgeing(user: SessionUser, now = new Date()) {
  const scope = { ...requireCaseRegionScope(user), status: { in: [...ACTIVE_CASE_STATUSES] } };
  return Promise.all(
    AGEING_BUCKETS.map(async (bucket) => {
      // Age in whole days: min ≤ age ≤ max  ⇔  now − (max+1) days < createdAt ≤ now − min days.
      const createdAt: Prisma.DateTimeFilter = { lte: addUtcDays(now, -bucket.min) };
      if (Number.isFinite(bucket.max)) createdAt.gt = addUtcDays(now, -(bucket.max + 1));
      const count = await prisma.shortfallCase.count({ where: { ...scope, createdAt } });
      return { key: bucket.key, label: bucket.label, count };
    }),
  );
}

const BOARD_CARDS = 50;

/** The board: every status with its count and its newest cards. */
export async function caseBoard(user: SessionUser) {
  const scope = requireCaseRegionScope(user);
  const columns = await Promise.all(
    CASE_STATUSES.map(async (status) => {
      const [count, cards] = await Promise.all([
        prisma.shortfallCase.count({ where: { ...scope, status } }),
        prisma.shortfallCase.findMany({
          where: { ...scope, status },
          select: { id: true, title: true, kind: true, severity: true, profession: true, studentsAffected: true, ownerId: true },
          orderBy: [{ createdAt: "desc" }, { id: "asc" }],
          take: BOARD_CARDS,
        }),
      ]);
      return { status, label: CASE_STATUS_LABELS[status], count, cards };
    }),
  );
  const owners = await userNames(columns.flatMap((column) => column.cards.map((card) => card.ownerId)));
  return columns.map((column) => ({
    ...column,
    cards: column.cards.map((card) => ({ ...card, ownerName: card.ownerId ? (owners.get(card.ownerId) ?? "Unknown") : null })),
  }));
}

/** Organisations and facilitators of the regions the user works in, for filters and forms. */
export async function caseChoices(user: SessionUser) {
  const regionWhere = caseRegionScope(user) ?? { regionId: "" };
  const [organisations, facilitators, regions] = await Promise.all([
    prisma.organisation.findMany({ where: { ...regionWhere, active: true }, select: { id: true, name: true, kind: true, regionId: true }, orderBy: { name: "asc" } }),
    prisma.user.findMany({ where: { ...regionWhere, role: "FACILITATOR", active: true }, select: { id: true, name: true, regionId: true }, orderBy: { name: "asc" } }),
    choosesCaseRegion(user) ? prisma.region.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }) : Promise.resolve([]),
  ]);
  return { organisations, facilitators, regions };
}

// ---------------------------------------------------------------------------------------------
// Creating and working a case

export interface NewCaseInput {
  regionId?: string | null;
  kind: CaseKindName;
  severity: CaseSeverityName;
  title: string;
  profession?: ProfessionCode | null;
  organisationIds: string[];
  studentsAffected: number;
  ownerId?: string | null;
  dueOn?: Date | null;
}

async function checkOwner(tx: Tx, regionId: string, ownerId: string) {
  const owner = await tx.user.findFirst({ where: { id: ownerId, role: "FACILITATOR", regionId, active: true }, select: { id: true } });
  if (!owner) throw new Refusal(400, "Choose a facilitator of the case's region", "ownerId");
}

export async function createCase(user: SessionUser, input: NewCaseInput) {
  requireCaseRegionScope(user);
  const regionId = choosesCaseRegion(user) ? input.regionId : user.regionId;
  if (!regionId) throw new Refusal(400, "Choose a region", "regionId");
  return withNotifications(async (tx, raise) => {
    if (choosesCaseRegion(user) && !(await tx.region.findUnique({ where: { id: regionId }, select: { id: true } }))) {
      throw new Refusal(400, "Choose a region", "regionId");
    }
    const organisationIds = [...new Set(input.organisationIds)];
    const inRegion = await tx.organisation.count({ where: { id: { in: organisationIds }, regionId } });
    if (inRegion !== organisationIds.length) throw new Refusal(400, "Choose organisations of the case's region", "organisationIds");
    if (input.ownerId) await checkOwner(tx, regionId, input.ownerId);
    const created = await tx.shortfallCase.create({
      data: {
        regionId,
        kind: input.kind,
        severity: input.severity,
        title: input.title,
        profession: input.profession ?? null,
        organisationIds,
        studentsAffected: input.studentsAffected,
        ownerId: input.ownerId ?? null,
        dueOn: input.dueOn ?? null,
        createdById: user.id,
        notes: { create: { authorId: user.id, type: "raised", body: `Opened by ${user.name}` } },
      },
    });
    await recordAudit(tx, { actorId: user.id, action: "case-created", entityType: "ShortfallCase", entityId: created.id, details: { kind: input.kind } });
    if (created.ownerId) {
      await raise(caseAssignedNotification({ caseId: created.id, caseTitle: created.title, ownerId: created.ownerId, actorId: user.id, stamp: created.createdAt.toISOString() }));
    }
    return created;
  });
}

/** Region check for the offer or allocation a resolution points at. */
async function checkResolution(tx: Tx, regionId: string, offerId: string | null, allocationId: string | null) {
  if (offerId) {
    const offer = await tx.offer.findFirst({ where: { id: offerId, provider: { regionId } }, select: { id: true } });
    if (!offer) throw new Refusal(400, "No offer with that reference in this region", "resolvedByOfferId");
  }
  if (allocationId) {
    const allocation = await tx.allocation.findFirst({
      where: { id: allocationId, OR: [{ offer: { provider: { regionId } } }, { request: { university: { regionId } } }] },
      select: { id: true },
    });
    if (!allocation) throw new Refusal(400, "No allocation with that reference in this region", "resolvedByAllocationId");
  }
}

export async function moveCase(
  user: SessionUser,
  caseId: string,
  input: { to: CaseStatusName; note?: string | null; resolvedByOfferId?: string | null; resolvedByAllocationId?: string | null },
) {
  const current = await loadCaseForUser(user, caseId);
  const check = checkCaseMove(current.status, input.to);
  if (!check.ok) throw new Refusal(check.status, check.message, "to");
  const offerId = input.to === "RESOLVED" ? input.resolvedByOfferId || null : null;
  const allocationId = input.to === "RESOLVED" ? input.resolvedByAllocationId || null : null;
  const names = await describeLinks({ offers: offerId ? [offerId] : [], allocations: allocationId ? [allocationId] : [] });
  return prisma.$transaction(async (tx) => {
    await checkResolution(tx, current.regionId, offerId, allocationId);
    const data: Prisma.ShortfallCaseUpdateManyMutationInput = { status: input.to };
    if (input.to === "RESOLVED") Object.assign(data, { resolvedAt: new Date(), resolvedByOfferId: offerId, resolvedByAllocationId: allocationId });
    if (current.status === "RESOLVED" && input.to === "IN_PROGRESS") Object.assign(data, { resolvedAt: null, resolvedByOfferId: null, resolvedByAllocationId: null });
    const moved = await tx.shortfallCase.updateMany({ where: { id: current.id, status: current.status }, data });
    if (moved.count !== 1) throw new Refusal(409, "Someone else has just changed this case: reload to see it", "to");
    const fixedBy = [offerId && `offer ${names.offers.get(offerId) ?? offerId}`, allocationId && `allocation ${names.allocations.get(allocationId) ?? allocationId}`]
      .filter(Boolean)
      .join(" and ");
    const reopened = current.status === "RESOLVED" && input.to === "IN_PROGRESS";
    const body = [
      `${reopened ? "Reopened" : `${CASE_STATUS_LABELS[current.status]} → ${CASE_STATUS_LABELS[input.to]}`}${fixedBy ? ` (fixed by ${fixedBy})` : ""}`,
      input.note?.trim(),
    ]
      .filter(Boolean)
      .join(": ");
    await tx.caseNote.create({ data: { caseId: current.id, authorId: user.id, type: "status", body } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "case-status",
      entityType: "ShortfallCase",
      entityId: current.id,
      details: { from: current.status, to: input.to, offerId, allocationId },
    });
    return tx.shortfallCase.findUniqueOrThrow({ where: { id: current.id } });
  });
}

export async function assignCase(user: SessionUser, caseId: string, ownerId: string | null) {
  const current = await loadCaseForUser(user, caseId);
  return withNotifications(async (tx, raise) => {
    if (ownerId) await checkOwner(tx, current.regionId, ownerId);
    const updated = await tx.shortfallCase.update({ where: { id: current.id }, data: { ownerId } });
    const ownerName = ownerId ? (await tx.user.findUniqueOrThrow({ where: { id: ownerId }, select: { name: true } })).name : null;
    const note = await tx.caseNote.create({ data: { caseId: current.id, authorId: user.id, type: "assigned", body: ownerName ? `Assigned to ${ownerName}` : "Unassigned" } });
    if (ownerId && ownerId !== current.ownerId) {
      await raise(caseAssignedNotification({ caseId: current.id, caseTitle: current.title, ownerId, actorId: user.id, stamp: note.id }));
    }
    return updated;
  });
}

export async function addCaseNote(user: SessionUser, caseId: string, body: string) {
  const current = await loadCaseForUser(user, caseId);
  return prisma.caseNote.create({ data: { caseId: current.id, authorId: user.id, type: "note", body } });
}

/** The case page: the case, its organisations, owner, timeline, and what the actions can offer. */
export async function getCaseDetail(user: SessionUser, caseId: string) {
  const found = await loadCaseForUser(user, caseId);
  const [organisations, notes, facilitators, supportRequests, choices, links] = await Promise.all([
    prisma.organisation.findMany({ where: { id: { in: found.organisationIds } }, select: { id: true, name: true, kind: true }, orderBy: { name: "asc" } }),
    prisma.caseNote.findMany({ where: { caseId: found.id }, select: { id: true, type: true, body: true, authorId: true, createdAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.user.findMany({ where: { role: "FACILITATOR", regionId: found.regionId, active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.supportRequest.findMany({ where: { caseId: found.id }, select: { id: true, topic: true, body: true, createdAt: true } }),
    // The first of each list, so the pickers work before any search (and without scripts).
    Promise.all(CASE_LINK_TYPES.map(async (type) => [type, await searchForCase(found, type, "")] as const)),
    describeLinks({ offers: found.resolvedByOfferId ? [found.resolvedByOfferId] : [], allocations: found.resolvedByAllocationId ? [found.resolvedByAllocationId] : [] }),
  ]);
  const [names, bodies] = await Promise.all([userNames([found.ownerId, ...notes.map((n) => n.authorId)]), nameLinkedIds(notes.map((n) => n.body))]);
  return {
    case: {
      ...found,
      ownerName: found.ownerId ? (names.get(found.ownerId) ?? "Unknown") : null,
      resolvedByOfferName: found.resolvedByOfferId ? (links.offers.get(found.resolvedByOfferId) ?? "An offer since deleted") : null,
      resolvedByAllocationName: found.resolvedByAllocationId ? (links.allocations.get(found.resolvedByAllocationId) ?? "An allocation since deleted") : null,
    },
    organisations,
    notes: notes.map((note, index) => ({ ...note, body: bodies[index], authorName: note.authorId ? (names.get(note.authorId) ?? "Unknown") : "Placement Exchange" })),
    facilitators,
    choices: Object.fromEntries(choices) as Record<CaseLinkType, CaseLinkOption[]>,
    supportRequests,
  };
}

function searchForCase(found: { regionId: string; profession: ProfessionCode | null }, type: CaseLinkType, q: string) {
  if (type === "allocation") return searchRegionAllocations(found.regionId, q);
  return searchRegionOffers(found.regionId, q, { open: type === "open-offer", profession: found.profession });
}

/** The search behind a case's pickers: only what the case's region holds, and only for someone who may see the case. */
export async function searchCaseLinks(user: SessionUser, caseId: string, type: CaseLinkType, q: string) {
  const found = await loadCaseForUser(user, caseId);
  return searchForCase(found, type, q);
}

// ---------------------------------------------------------------------------------------------
// Actions that reach providers and universities

async function involvedOrganisation(caseRow: { organisationIds: string[] }, organisationId: string, kind: "PROVIDER" | "UNIVERSITY") {
  const organisation = caseRow.organisationIds.includes(organisationId)
    ? await prisma.organisation.findFirst({ where: { id: organisationId, kind }, select: { id: true, name: true } })
    : null;
  if (!organisation) {
    throw new Refusal(400, kind === "PROVIDER" ? "Choose a provider involved in this case" : "Choose a university involved in this case", "organisationId");
  }
  return organisation;
}

/** "Message the provider's education lead": in-app and email to the provider's educators. */
export async function messageProvider(user: SessionUser, caseId: string, input: { organisationId: string; body: string }) {
  const current = await loadCaseForUser(user, caseId);
  const provider = await involvedOrganisation(current, input.organisationId, "PROVIDER");
  return withNotifications(async (tx, raise) => {
    const note = await tx.caseNote.create({ data: { caseId: current.id, authorId: user.id, type: "message-sent", body: `To ${provider.name}: ${input.body}` } });
    await raise(caseMessageNotification({ noteId: note.id, caseTitle: current.title, message: input.body, providerId: provider.id, actorId: user.id }));
    return note;
  });
}

/** "Propose an alternative offer to the university": points its placement team at a bookable offer. */
export async function proposeOffer(user: SessionUser, caseId: string, input: { organisationId: string; offerId: string }) {
  const current = await loadCaseForUser(user, caseId);
  const university = await involvedOrganisation(current, input.organisationId, "UNIVERSITY");
  const offer = await prisma.offer.findFirst({
    where: { id: input.offerId, status: "PUBLISHED", provider: { regionId: current.regionId }, ...(current.profession ? { profession: current.profession } : {}) },
    select: { id: true, profession: true, specialty: true, slots: true, slotsTaken: true, startDate: true, endDate: true, provider: { select: { name: true } }, site: { select: { name: true } } },
  });
  if (!offer) throw new Refusal(400, "Choose a published offer of this region", "offerId");
  if (offer.slotsTaken >= offer.slots) throw new Refusal(409, "This offer has no places left", "offerId");
  const description = offerLabel({ ...offer, providerName: offer.provider.name, siteName: offer.site.name, placesLeft: offer.slots - offer.slotsTaken });
  return withNotifications(async (tx, raise) => {
    const note = await tx.caseNote.create({ data: { caseId: current.id, authorId: user.id, type: "offer-proposed", body: `Proposed to ${university.name}: ${description}` } });
    await raise(alternativeOfferNotification({ noteId: note.id, offerId: offer.id, description, universityId: university.id, actorId: user.id }));
    return note;
  });
}

/** Providers of the region whose offered fair-share ratio for the profession is below amber. */
export async function providersBelowAmber(regionId: string, profession: ProfessionCode, year: number, amber: number) {
  const { providers } = await loadRegionFairShare(regionId, year);
  const below: { id: string; name: string; ratio: number }[] = [];
  for (const { id, name, rows } of providers) {
    const row = rows.find((r) => r.profession === profession);
    if (row && row.offeredRatio !== null && row.offeredRatio < amber) below.push({ id, name, ratio: row.offeredRatio });
  }
  return below;
}

/** "Ask providers below their share to post capacity". */
export async function askForCapacity(user: SessionUser, caseId: string, now = new Date()) {
  const current = await loadCaseForUser(user, caseId);
  if (!current.profession) throw new Refusal(409, "Give the case a profession before asking providers for capacity", "intent");
  const settings = await getSettings();
  const year = academicYearOf(now);
  const providers = await providersBelowAmber(current.regionId, current.profession, year, settings.fairShareAmber);
  const profession = PROFESSION_LABELS[current.profession];
  const professionCode = current.profession;
  return withNotifications(async (tx, raise) => {
    const note = await tx.caseNote.create({
      data: {
        caseId: current.id,
        authorId: user.id,
        type: "capacity-asked",
        body:
          providers.length === 0
            ? `No provider is below its ${profession} fair share: nobody was asked`
            : `Asked ${providers.length} ${providers.length === 1 ? "provider" : "providers"} below their ${profession} fair share to post capacity: ${providers.map((p) => p.name).join(", ")}`,
      },
    });
    if (providers.length > 0) {
      await raise(capacityAskedNotification({ noteId: note.id, profession: professionCode, providerIds: providers.map((p) => p.id), actorId: user.id }));
    }
    return { asked: providers.length, note };
  });
}

// ---------------------------------------------------------------------------------------------
// Support requests

export async function createSupportRequest(user: SessionUser, input: { topic: SupportTopic; body: string }) {
  const organisationId = requireSupportOrganisation(user);
  const organisation = await prisma.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { regionId: true, name: true } });
  return withNotifications(async (tx, raise) => {
    const created = await tx.supportRequest.create({ data: { organisationId, regionId: organisation.regionId, authorId: user.id, topic: input.topic, body: input.body } });
    await raise(
      supportRequestedNotification({
        supportRequestId: created.id,
        regionId: organisation.regionId,
        organisationName: organisation.name,
        authorId: user.id,
        authorName: user.name,
        topicLabel: SUPPORT_TOPIC_LABELS[input.topic],
        body: input.body,
      }),
    );
    return created;
  });
}

/** The asker's organisation's requests, newest first. */
export async function listOwnSupportRequests(user: SessionUser) {
  const organisationId = requireSupportOrganisation(user);
  return prisma.supportRequest.findMany({
    where: { organisationId },
    select: { id: true, topic: true, body: true, caseId: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 50,
  });
}

/** Requests of the user's region not yet turned into a case, newest first. */
export async function listRegionSupportRequests(user: SessionUser) {
  const scope = requireCaseRegionScope(user);
  const where = { ...scope, caseId: null };
  const [total, requests] = await Promise.all([
    prisma.supportRequest.count({ where }),
    prisma.supportRequest.findMany({ where, select: { id: true, topic: true, body: true, organisationId: true, authorId: true, createdAt: true }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 25 }),
  ]);
  const [organisations, authors] = await Promise.all([
    prisma.organisation.findMany({ where: { id: { in: requests.map((r) => r.organisationId) } }, select: { id: true, name: true } }),
    userNames(requests.map((r) => r.authorId)),
  ]);
  const orgNames = new Map(organisations.map((o) => [o.id, o.name]));
  return { total, requests: requests.map((r) => ({ ...r, organisationName: orgNames.get(r.organisationId) ?? "", authorName: authors.get(r.authorId) ?? "" })) };
}

export async function turnSupportRequestIntoCase(user: SessionUser, supportRequestId: string) {
  const scope = requireCaseRegionScope(user);
  const request = await prisma.supportRequest.findFirst({ where: { id: supportRequestId, ...(scope.regionId ? { regionId: scope.regionId as string } : {}) } });
  if (!request) throw new Refusal(404, "Support request not found");
  if (request.caseId) throw new Refusal(409, "This support request is already a case");
  const organisation = await prisma.organisation.findUniqueOrThrow({ where: { id: request.organisationId }, select: { name: true } });
  const topic = SUPPORT_TOPIC_LABELS[request.topic as SupportTopic] ?? request.topic;
  return prisma.$transaction(async (tx) => {
    const created = await tx.shortfallCase.create({
      data: {
        regionId: request.regionId,
        kind: "SUPPORT_REQUEST",
        severity: "MEDIUM",
        title: `Support: ${topic.toLowerCase()} at ${organisation.name}`,
        organisationIds: [request.organisationId],
        createdById: user.id,
        notes: { create: [{ authorId: request.authorId, type: "raised", body: request.body }] },
      },
    });
    const linked = await tx.supportRequest.updateMany({ where: { id: request.id, caseId: null }, data: { caseId: created.id } });
    if (linked.count !== 1) throw new Refusal(409, "This support request is already a case");
    await recordAudit(tx, { actorId: user.id, action: "case-from-support", entityType: "ShortfallCase", entityId: created.id, details: { supportRequestId: request.id } });
    return created;
  });
}
