import type { SessionUser } from "~/accounts/session.server";
import { fairShareRatio, fairShareBand, type FairShareBand } from "~/fair-share/fair-share";
import { loadRegionFairShare, type RegionFairShare } from "~/fair-share/fair-share.server";
import { PLACED_STATUSES, placedStudents } from "~/marketplace/allocation-rules";
import { recordAudit } from "~/platform/audit.server";
import { prisma, type Prisma } from "~/platform/db/db.server";
import { Refusal } from "~/platform/refusal";
import { academicYearOf } from "~/vocabulary/academic-year";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import type { AwardForm, PaymentForm, ProgrammeForm } from "./funding-forms";
import { comparableEarlierPeriod, placedByMonth, summariseAwardDelivery, totalPlaced, type AwardDelivery, type CountedPlacement, type DeliveryGroup, type DeliveryTotals, type FundingUnitName } from "./funding-rules";
import { canManageFunding, canViewAward, fundingProgrammeScope, requireFundedProvider, requireFundingRegion } from "./policy";

type Db = Pick<typeof prisma, "allocation">;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

// ---------------------------------------------------------------------------------------------
// Placements counted for awards: the one query

interface AwardScope {
  id: string;
  providerId: string;
  profession: ProfessionCode;
  periodStart: Date;
  periodEnd: Date;
}

/**
 * Placed allocations (PLACED_STATUSES) on each award's provider's offers, in its profession, for blocks
 * starting in its period. The block's dates are the placement's: they give its weeks and its month.
 */
export async function placementsForAwards(awards: readonly AwardScope[], db: Db = prisma): Promise<Map<string, CountedPlacement[]>> {
  const byAward = new Map<string, CountedPlacement[]>(awards.map((award) => [award.id, []]));
  if (awards.length === 0) return byAward;
  const rows = await db.allocation.findMany({
    where: {
      status: { in: [...PLACED_STATUSES] },
      OR: awards.map((award) => ({
        offer: { providerId: award.providerId },
        request: { profession: award.profession, startDate: { gte: award.periodStart, lte: award.periodEnd } },
      })),
    },
    select: { students: true, offer: { select: { providerId: true } }, request: { select: { profession: true, startDate: true, endDate: true } } },
  });
  for (const row of rows) {
    for (const award of awards) {
      if (row.offer.providerId !== award.providerId || row.request.profession !== award.profession) continue;
      if (row.request.startDate < award.periodStart || row.request.startDate > award.periodEnd) continue;
      byAward.get(award.id)!.push({ students: row.students, startDate: row.request.startDate, endDate: row.request.endDate });
    }
  }
  return byAward;
}

/** The baseline an award defaults to: what the provider had placed in the same dates a year before. */
export async function defaultBaseline(providerId: string, profession: ProfessionCode, periodStart: Date, periodEnd: Date, db: Db = prisma) {
  const earlier = comparableEarlierPeriod(periodStart, periodEnd);
  const placements = await placementsForAwards([{ id: "baseline", providerId, profession, periodStart: earlier.start, periodEnd: earlier.end }], db);
  return totalPlaced(placements.get("baseline")!);
}

// ---------------------------------------------------------------------------------------------
// Programmes

export async function listProgrammes(user: SessionUser) {
  const scope = fundingProgrammeScope(user);
  const programmes = await prisma.fundingProgramme.findMany({
    where: scope,
    select: {
      id: true,
      name: true,
      amountPence: true,
      periodStart: true,
      periodEnd: true,
      region: { select: { name: true } },
      awards: { select: { amountPence: true } },
    },
    orderBy: [{ periodStart: "desc" }, { name: "asc" }],
  });
  return programmes.map(({ awards, region, ...programme }) => ({
    ...programme,
    regionName: region.name,
    awardCount: awards.length,
    awardedPence: awards.reduce((sum, award) => sum + award.amountPence, 0),
  }));
}

function programmeData(form: ProgrammeForm) {
  return {
    name: form.name,
    amountPence: form.amount,
    periodStart: day(form.periodStart),
    periodEnd: day(form.periodEnd),
    ratePerWeekPence: form.ratePerWeek ?? null,
    notes: form.notes || null,
  };
}

async function refuseTakenName(tx: Prisma.TransactionClient, regionId: string, name: string, exceptId?: string) {
  const taken = await tx.fundingProgramme.findFirst({ where: { regionId, name: { equals: name, mode: "insensitive" }, id: exceptId ? { not: exceptId } : undefined }, select: { id: true } });
  if (taken) throw new Refusal(400, "Your region already has a programme with that name", "name");
}

export async function createProgramme(user: SessionUser, form: ProgrammeForm) {
  const regionId = requireFundingRegion(user);
  return prisma.$transaction(async (tx) => {
    await refuseTakenName(tx, regionId, form.name);
    const created = await tx.fundingProgramme.create({ data: { ...programmeData(form), regionId, createdById: user.id }, select: { id: true } });
    await recordAudit(tx, { actorId: user.id, action: "funding-programme-created", entityType: "FundingProgramme", entityId: created.id, details: { name: form.name, amountPence: form.amount } });
    return created;
  });
}

/** A programme the user may read, or a 404: another region's programme is never revealed. */
export async function loadProgrammeForUser(user: SessionUser, programmeId: string) {
  const programme = await prisma.fundingProgramme.findFirst({ where: { id: programmeId, ...fundingProgrammeScope(user) }, include: { region: { select: { name: true } } } });
  if (!programme) throw new Refusal(404, "Funding programme not found");
  return programme;
}

async function requireManagedProgramme(user: SessionUser, programmeId: string) {
  const programme = await loadProgrammeForUser(user, programmeId);
  if (!canManageFunding(user, programme)) throw new Refusal(403, "Only the region's facilitators can change its funding.");
  return programme;
}

export async function updateProgramme(user: SessionUser, programmeId: string, form: ProgrammeForm) {
  const programme = await requireManagedProgramme(user, programmeId);
  return prisma.$transaction(async (tx) => {
    await refuseTakenName(tx, programme.regionId, form.name, programme.id);
    const awarded = await tx.fundingAward.aggregate({ where: { programmeId }, _sum: { amountPence: true } });
    if ((awarded._sum.amountPence ?? 0) > form.amount) throw new Refusal(400, "The amount cannot be less than the awards already made from it", "amount");
    const outside = await tx.fundingAward.count({ where: { programmeId, OR: [{ periodStart: { lt: day(form.periodStart) } }, { periodEnd: { gt: day(form.periodEnd) } }] } });
    if (outside > 0) throw new Refusal(400, "The period must cover the periods of the awards already made", "periodStart");
    await tx.fundingProgramme.update({ where: { id: programmeId }, data: programmeData(form) });
    await recordAudit(tx, { actorId: user.id, action: "funding-programme-updated", entityType: "FundingProgramme", entityId: programmeId, details: { name: form.name, amountPence: form.amount } });
  });
}

// ---------------------------------------------------------------------------------------------
// Awards

interface AwardRow {
  id: string;
  programmeId: string;
  providerId: string;
  profession: ProfessionCode;
  periodStart: Date;
  periodEnd: Date;
  unit: FundingUnitName;
  committed: number;
  baselineStudents: number;
  baselineWeeks: number;
  amountPence: number;
  notes: string | null;
  provider: { name: string };
  payments: { id: string; payOn: Date; amountPence: number; note: string | null }[];
}

/** What an award commits its provider to, for how long and for how much: what its delivery is measured against. */
export const AWARD_TERMS_SELECT = {
  id: true,
  providerId: true,
  profession: true,
  periodStart: true,
  periodEnd: true,
  unit: true,
  committed: true,
  baselineStudents: true,
  baselineWeeks: true,
  amountPence: true,
  provider: { select: { name: true } },
} satisfies Prisma.FundingAwardSelect;

const AWARD_SELECT = {
  ...AWARD_TERMS_SELECT,
  programmeId: true,
  notes: true,
  payments: { select: { id: true, payOn: true, amountPence: true, note: true }, orderBy: [{ payOn: "asc" }, { id: "asc" }] },
} satisfies Prisma.FundingAwardSelect;

export interface FairShareEffect {
  year: number;
  fairShare: number;
  /** Students placed (PLACED_STATUSES) on the provider's offers in the year. */
  placed: number;
  ratioNow: number | null;
  bandNow: FairShareBand | null;
  /** The placed ratio had the award's additional students not been placed. */
  ratioWithout: number | null;
  bandWithout: FairShareBand | null;
}

/**
 * What the award's additional students did to the provider's fair-share ratio of placed students in
 * the academic year its period starts (placed ÷ fair share, both from loadRegionFairShare), and the
 * same ratio without them.
 */
function fairShareEffect(region: RegionFairShare, providerId: string, profession: ProfessionCode, additionalStudents: number): FairShareEffect | null {
  const row = region.providers.find((provider) => provider.id === providerId)?.rows.find((candidate) => candidate.profession === profession);
  if (!row) return null;
  const placed = placedStudents(row.stages);
  const ratioNow = fairShareRatio(placed, row.fairShare);
  const ratioWithout = fairShareRatio(Math.max(0, placed - additionalStudents), row.fairShare);
  return {
    year: region.year,
    fairShare: row.fairShare,
    placed,
    ratioNow,
    bandNow: fairShareBand(ratioNow, region.bands),
    ratioWithout,
    bandWithout: fairShareBand(ratioWithout, region.bands),
  };
}

/** Each award with its delivery and fair-share effect; one region fair-share load per academic year. */
async function deliverAwards<A extends AwardRow>(awards: readonly A[], regionId: string, rateOf: (award: A) => number | null, today: Date) {
  const placements = await placementsForAwards(awards);
  const regions = new Map<number, Promise<RegionFairShare>>();
  const regionFor = (year: number) => {
    if (!regions.has(year)) regions.set(year, loadRegionFairShare(regionId, year));
    return regions.get(year)!;
  };
  return Promise.all(
    awards.map(async (award) => {
      const counted = placements.get(award.id) ?? [];
      const delivery = summariseAwardDelivery(award, counted, award.payments, today, rateOf(award));
      const region = await regionFor(academicYearOf(award.periodStart));
      return {
        award,
        delivery,
        byMonth: placedByMonth(counted),
        fairShare: fairShareEffect(region, award.providerId, award.profession, delivery.additional.students),
      };
    }),
  );
}

export type DeliveredAward = Awaited<ReturnType<typeof deliverAwards<AwardRow>>>[number];


function addUp(rows: readonly DeliveredAward[]): DeliveryTotals {
  const totals: DeliveryTotals = { committedWeeks: 0, committedStudents: 0, additionalWeeks: 0, additionalStudents: 0, amountPence: 0, paidPence: 0, behind: 0 };
  for (const { award, delivery } of rows) {
    if (award.unit === "WEEKS") totals.committedWeeks += award.committed;
    else totals.committedStudents += award.committed;
    totals.additionalWeeks += delivery.additional.weeks;
    totals.additionalStudents += delivery.additional.students;
    totals.amountPence += award.amountPence;
    totals.paidPence += delivery.paidPence;
    if (delivery.behind) totals.behind += 1;
  }
  return totals;
}

function groupTotals(rows: readonly DeliveredAward[], keyOf: (row: DeliveredAward) => string, labelOf: (row: DeliveredAward) => string): DeliveryGroup[] {
  const groups = new Map<string, { label: string; rows: DeliveredAward[] }>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key) ?? { label: labelOf(row), rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .map(([key, group]) => {
      const totals = addUp(group.rows);
      return { key, label: group.label, ...totals, pencePerAdditionalWeek: totals.additionalWeeks > 0 ? totals.paidPence / totals.additionalWeeks : null };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The facilitator's dashboard of one programme: every award's delivery, by provider and by profession. */
export async function programmeDashboard(user: SessionUser, programmeId: string, today = new Date()) {
  const programme = await loadProgrammeForUser(user, programmeId);
  const awards = await prisma.fundingAward.findMany({ where: { programmeId }, select: AWARD_SELECT, orderBy: [{ provider: { name: "asc" } }, { profession: "asc" }, { id: "asc" }] });
  const delivered = await deliverAwards(awards, programme.regionId, () => programme.ratePerWeekPence, today);
  const canManage = canManageFunding(user, programme);
  const providers = canManage
    ? await prisma.organisation.findMany({ where: { regionId: programme.regionId, kind: "PROVIDER", active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } })
    : [];
  const totals = addUp(delivered);
  return {
    programme,
    awards: delivered,
    totals: { ...totals, pencePerAdditionalWeek: totals.additionalWeeks > 0 ? totals.paidPence / totals.additionalWeeks : null },
    byProvider: groupTotals(delivered, (row) => row.award.providerId, (row) => row.award.provider.name),
    byProfession: groupTotals(delivered, (row) => row.award.profession, (row) => PROFESSION_LABELS[row.award.profession]),
    canManage,
    providers,
  };
}

async function checkAward(tx: Prisma.TransactionClient, programme: { id: string; regionId: string; amountPence: number; periodStart: Date; periodEnd: Date }, form: AwardForm, exceptAwardId?: string) {
  const provider = await tx.organisation.findFirst({ where: { id: form.providerId, regionId: programme.regionId, kind: "PROVIDER" }, select: { id: true } });
  if (!provider) throw new Refusal(400, "Choose a provider of the programme's region", "providerId");
  const start = day(form.periodStart);
  const end = day(form.periodEnd);
  if (start < programme.periodStart || end > programme.periodEnd) throw new Refusal(400, "The award's period must fall within the programme's", "periodStart");
  const overlapping = await tx.fundingAward.count({
    where: { programmeId: programme.id, providerId: form.providerId, profession: form.profession, periodStart: { lte: end }, periodEnd: { gte: start }, id: exceptAwardId ? { not: exceptAwardId } : undefined },
  });
  // Two awards counting the same placements would each claim them.
  if (overlapping > 0) throw new Refusal(400, "This provider already has an award for that profession in these dates", "periodStart");
  const others = await tx.fundingAward.aggregate({ where: { programmeId: programme.id, id: exceptAwardId ? { not: exceptAwardId } : undefined }, _sum: { amountPence: true } });
  if ((others._sum.amountPence ?? 0) + form.amount > programme.amountPence) throw new Refusal(400, "The awards would come to more than the programme's amount", "amount");
  if (exceptAwardId) {
    const paid = await tx.fundingPayment.aggregate({ where: { awardId: exceptAwardId }, _sum: { amountPence: true } });
    if ((paid._sum.amountPence ?? 0) > form.amount) throw new Refusal(400, "The amount cannot be less than the award's payments", "amount");
  }
  return { start, end };
}

/**
 * How an award form is stored. A baseline figure the form leaves blank comes from `baseline`, which the
 * caller provides whenever the form leaves one blank.
 */
function awardData(form: AwardForm, period: { start: Date; end: Date }, baseline: { students: number; weeks: number } | null) {
  return {
    providerId: form.providerId,
    profession: form.profession,
    periodStart: period.start,
    periodEnd: period.end,
    unit: form.unit,
    committed: form.committed,
    baselineStudents: form.baselineStudents ?? baseline!.students,
    baselineWeeks: form.baselineWeeks ?? baseline!.weeks,
    amountPence: form.amount,
    notes: form.notes || null,
  };
}

export async function createAward(user: SessionUser, programmeId: string, form: AwardForm) {
  const programme = await requireManagedProgramme(user, programmeId);
  return prisma.$transaction(async (tx) => {
    const { start, end } = await checkAward(tx, programme, form);
    const baseline = form.baselineStudents === undefined || form.baselineWeeks === undefined ? await defaultBaseline(form.providerId, form.profession, start, end, tx) : null;
    const created = await tx.fundingAward.create({
      data: { programmeId, ...awardData(form, { start, end }, baseline), createdById: user.id },
      select: { id: true, baselineStudents: true, baselineWeeks: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "funding-award-created",
      entityType: "FundingAward",
      entityId: created.id,
      details: { programmeId, providerId: form.providerId, profession: form.profession, unit: form.unit, committed: form.committed, amountPence: form.amount, baselineStudents: created.baselineStudents, baselineWeeks: created.baselineWeeks },
    });
    return created;
  });
}

/** An award the user may read (its provider's educators, its region's facilitators, administrators), or a 404. */
async function loadAwardForUser(user: SessionUser, awardId: string) {
  const award = await prisma.fundingAward.findUnique({
    where: { id: awardId },
    select: { ...AWARD_SELECT, programme: { select: { id: true, name: true, regionId: true, amountPence: true, periodStart: true, periodEnd: true, ratePerWeekPence: true } } },
  });
  if (!award || !canViewAward(user, { providerId: award.providerId, regionId: award.programme.regionId })) throw new Refusal(404, "Award not found");
  return award;
}

async function requireManagedAward(user: SessionUser, awardId: string) {
  const award = await loadAwardForUser(user, awardId);
  if (!canManageFunding(user, award.programme)) throw new Refusal(403, "Only the region's facilitators can change its funding.");
  return award;
}

export async function awardPage(user: SessionUser, awardId: string, today = new Date()) {
  const award = await loadAwardForUser(user, awardId);
  const [delivered] = await deliverAwards([award], award.programme.regionId, () => award.programme.ratePerWeekPence, today);
  const canManage = canManageFunding(user, award.programme);
  const providers = canManage
    ? await prisma.organisation.findMany({ where: { regionId: award.programme.regionId, kind: "PROVIDER", active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } })
    : [];
  return { ...delivered, notes: award.notes, payments: award.payments, programme: award.programme, canManage, providers };
}

export async function updateAward(user: SessionUser, awardId: string, form: AwardForm) {
  const award = await requireManagedAward(user, awardId);
  await prisma.$transaction(async (tx) => {
    const { start, end } = await checkAward(tx, award.programme, form, award.id);
    await tx.fundingAward.update({
      where: { id: award.id },
      data: awardData(form, { start, end }, { students: award.baselineStudents, weeks: award.baselineWeeks }),
    });
    await recordAudit(tx, { actorId: user.id, action: "funding-award-updated", entityType: "FundingAward", entityId: award.id, details: { committed: form.committed, amountPence: form.amount, unit: form.unit } });
  });
}

export async function addPayment(user: SessionUser, awardId: string, form: PaymentForm) {
  const award = await requireManagedAward(user, awardId);
  await prisma.$transaction(async (tx) => {
    const paid = await tx.fundingPayment.aggregate({ where: { awardId }, _sum: { amountPence: true } });
    if ((paid._sum.amountPence ?? 0) + form.amount > award.amountPence) throw new Refusal(400, "The payments would come to more than the award", "amount");
    const payment = await tx.fundingPayment.create({ data: { awardId, payOn: day(form.payOn), amountPence: form.amount, note: form.note || null }, select: { id: true } });
    await recordAudit(tx, { actorId: user.id, action: "funding-payment-added", entityType: "FundingAward", entityId: awardId, details: { paymentId: payment.id, payOn: form.payOn, amountPence: form.amount } });
  });
}

export async function removePayment(user: SessionUser, awardId: string, paymentId: string) {
  await requireManagedAward(user, awardId);
  await prisma.$transaction(async (tx) => {
    const removed = await tx.fundingPayment.deleteMany({ where: { id: paymentId, awardId } });
    if (removed.count === 0) throw new Refusal(404, "Payment not found", "paymentId");
    await recordAudit(tx, { actorId: user.id, action: "funding-payment-removed", entityType: "FundingAward", entityId: awardId, details: { paymentId } });
  });
}

/** An educator's view: their provider's awards, whichever programme they come from. */
export async function providerAwards(user: SessionUser, today = new Date()) {
  const providerId = requireFundedProvider(user);
  const provider = await prisma.organisation.findUniqueOrThrow({ where: { id: providerId }, select: { regionId: true } });
  const awards = await prisma.fundingAward.findMany({
    where: { providerId },
    select: { ...AWARD_SELECT, programme: { select: { name: true, ratePerWeekPence: true } } },
    orderBy: [{ periodStart: "desc" }, { profession: "asc" }, { id: "asc" }],
  });
  const delivered = await deliverAwards(awards, provider.regionId, (award) => award.programme.ratePerWeekPence, today);
  return delivered.map((row) => ({ ...row, programmeName: row.award.programme.name }));
}

export type { AwardDelivery };
