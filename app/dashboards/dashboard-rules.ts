import { ANONYMITY_THRESHOLD } from "~/quality/quality-rules";
import { timelineBuckets } from "~/fair-share/capacity-timeline";
import type { FairShareBand } from "~/fair-share/fair-share";
import { PROFESSIONS, type ProfessionCode } from "~/vocabulary/roles";
import { LIVE_STATUS_NAMES, noStudentsByStatus, placedStudents, type StudentsByStatus } from "~/marketplace/allocation-rules";

// ---- Region overview: demand, offered, allocated and unmet students ----

export interface RegionRequestInput {
  profession: ProfessionCode;
  startDate: Date;
  students: number;
  /** Students in live allocations on this request. */
  studentsAllocated: number;
  /** Of those, by stage (allocation-rules.ts `placementStage`). */
  studentsHeld: number;
  studentsConfirmed: number;
  studentsAccepted: number;
}

export interface RegionOfferInput {
  profession: ProfessionCode;
  startDate: Date;
  slots: number;
}

export interface SupplyDemandRow {
  key: string;
  label: string;
  demand: number;
  offered: number;
  /** Students in live allocations at any stage: held + confirmed + placed. */
  allocated: number;
  /** Held by proposals the provider has not answered. */
  held: number;
  /** Confirmed by the provider, awaiting the university. */
  confirmed: number;
  /** Accepted by the university or later (students named, completed). */
  accepted: number;
  /** Placed (PLACED_STATUSES, confirmed or later): confirmed + accepted. */
  placed: number;
  /** Requested with no allocation at any stage. */
  unmet: number;
}

function emptyRow(key: string, label: string): SupplyDemandRow {
  return { key, label, demand: 0, offered: 0, allocated: 0, held: 0, confirmed: 0, accepted: 0, placed: 0, unmet: 0 };
}

function addRequest(row: SupplyDemandRow, request: RegionRequestInput) {
  const allocated = Math.min(request.students, Math.max(0, request.studentsAllocated));
  row.demand += request.students;
  row.allocated += allocated;
  row.held += request.studentsHeld;
  row.confirmed += request.studentsConfirmed;
  row.accepted += request.studentsAccepted;
  row.placed += request.studentsConfirmed + request.studentsAccepted;
  row.unmet += request.students - allocated;
}

/**
 * Demand (students requested), offered (slots in published offers), allocated (students in live
 * allocations, at most the request's students) and unmet (requested with no placement), by
 * profession and by the month of the academic year in which the request or offer starts.
 * Callers pass only the year's requests (not cancelled) and published offers.
 */
export function summariseRegion(
  input: { requests: readonly RegionRequestInput[]; offers: readonly RegionOfferInput[] },
  year: number,
  professionLabels: Record<ProfessionCode, string>,
) {
  const byProfession = new Map<ProfessionCode, SupplyDemandRow>();
  const professionRow = (profession: ProfessionCode) => {
    let row = byProfession.get(profession);
    if (!row) byProfession.set(profession, (row = emptyRow(profession, professionLabels[profession])));
    return row;
  };
  const months = timelineBuckets(year, "month").map((bucket) => emptyRow(bucket.key, bucket.label));
  const monthRow = (date: Date) => months.find((row) => row.key === date.toISOString().slice(0, 7));
  const totals = emptyRow("total", "All professions");

  for (const request of input.requests) {
    addRequest(professionRow(request.profession), request);
    const month = monthRow(request.startDate);
    if (month) addRequest(month, request);
    addRequest(totals, request);
  }
  for (const offer of input.offers) {
    professionRow(offer.profession).offered += offer.slots;
    const month = monthRow(offer.startDate);
    if (month) month.offered += offer.slots;
    totals.offered += offer.slots;
  }
  const professions = PROFESSIONS.filter((code) => byProfession.has(code)).map((code) => byProfession.get(code)!);
  return { byProfession: professions, byMonth: months, totals };
}

/** "Demand 12, offered 10, allocated 8, unmet 4" for a chart's summary. */
export function describeSupplyDemand(row: SupplyDemandRow): string {
  return `${row.label}: demand ${row.demand}, offered ${row.offered}, placed ${row.placed} (confirmed awaiting university ${row.confirmed}, accepted or later ${row.accepted}), proposed and held awaiting provider ${row.held}, unmet ${row.unmet}`;
}

// ---- Providers' fair-share ratios for one profession ----

export interface ProviderRatioRow {
  providerId: string;
  providerName: string;
  wte: number;
  fairShare: number;
  offered: number;
  /** Students on its offers at each stage, counted apart; hosted is the completed ones. */
  stages: StudentsByStatus;
  hosted: number;
  ratio: number | null;
  band: FairShareBand | null;
  weeksPerWte: number | null;
}

/** Highest ratio first; providers with no ratio (no fair share) last; ties by offered, then name. */
export function sortByRatio<T extends { ratio: number | null; offered: number; label?: string; providerName?: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.ratio === null || b.ratio === null) {
      if (a.ratio !== b.ratio) return a.ratio === null ? 1 : -1;
    } else if (a.ratio !== b.ratio) return b.ratio - a.ratio;
    if (a.offered !== b.offered) return b.offered - a.offered;
    const nameA = a.providerName ?? a.label ?? "";
    const nameB = b.providerName ?? b.label ?? "";
    return nameA.localeCompare(nameB);
  });
}

export interface AnonymisedRatioRow {
  label: string;
  isSelf: boolean;
  ratio: number | null;
  band: FairShareBand | null;
  weeksPerWte: number | null;
  /** Only for the viewer's own organisation. */
  fairShare: number | null;
  offered: number | null;
  wte: number | null;
}

/** "Provider A" … "Provider Z", "Provider AA" … */
export function peerLetter(index: number): string {
  let label = "";
  let value = index;
  do {
    label = String.fromCharCode(65 + (value % 26)) + label;
    value = Math.floor(value / 26) - 1;
  } while (value >= 0);
  return label;
}

/**
 * The providers of a profession as one provider's educators may see them: their own row in full,
 * every other provider as "Provider A", "Provider B"… in ratio order (highest first), so the letter
 * says where a provider stands, never who it is. No names, ids, WTE or counts of peers are kept.
 * Ties in ratio are ordered by a value that is not shown (offered, then name), which reveals nothing.
 */
export function anonymisePeers(rows: readonly ProviderRatioRow[], selfId: string, selfName: string): AnonymisedRatioRow[] {
  let peer = 0;
  return sortByRatio(rows).map((row) => {
    if (row.providerId === selfId) {
      return { label: `${selfName} (you)`, isSelf: true, ratio: row.ratio, band: row.band, weeksPerWte: row.weeksPerWte, fairShare: row.fairShare, offered: row.offered, wte: row.wte };
    }
    const label = `Provider ${peerLetter(peer)}`;
    peer += 1;
    return { label, isSelf: false, ratio: row.ratio, band: row.band, weeksPerWte: row.weeksPerWte, fairShare: null, offered: null, wte: null };
  });
}

// ---- Feedback averages by month (never names or comments) ----

export interface FeedbackInput {
  createdAt: Date;
  overall: number;
  induction: number;
  supervision: number;
  learning: number;
}

/** A month's responses; its averages only when enough students answered that none can be singled out. */
export interface FeedbackMonth {
  key: string;
  responses: number;
  overall: number | null;
  induction: number | null;
  supervision: number | null;
  learning: number | null;
}

/** Mean ratings per calendar month (UTC), oldest first, rounded to 2 decimals. */
export function feedbackByMonth(rows: readonly FeedbackInput[]): FeedbackMonth[] {
  const sums = new Map<string, { key: string; responses: number; overall: number; induction: number; supervision: number; learning: number }>();
  for (const row of rows) {
    const key = row.createdAt.toISOString().slice(0, 7);
    const entry = sums.get(key) ?? { key, responses: 0, overall: 0, induction: 0, supervision: 0, learning: 0 };
    entry.responses += 1;
    entry.overall += row.overall;
    entry.induction += row.induction;
    entry.supervision += row.supervision;
    entry.learning += row.learning;
    sums.set(key, entry);
  }
  const mean = (sum: number, count: number) => (count < ANONYMITY_THRESHOLD ? null : Math.round((sum / count) * 100) / 100);
  return [...sums.values()]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((entry) => ({
      ...entry,
      overall: mean(entry.overall, entry.responses),
      induction: mean(entry.induction, entry.responses),
      supervision: mean(entry.supervision, entry.responses),
      learning: mean(entry.learning, entry.responses),
    }));
}

// ---- Universities' share of scarce capacity ----

export interface UniversityShareRow {
  universityId: string;
  universityName: string;
  demand: number;
  /** Students at each stage, counted apart (at most the request's students in all, per request). */
  byStatus: StudentsByStatus;
  /** Placed (PLACED_STATUSES): confirmed or later. */
  placed: number;
  /** Requested with no allocation at any stage: a student held by a proposal is not unmet, nor placed. */
  unmet: number;
  /** Placed ÷ requested; null without demand. */
  fillRate: number | null;
  /** Its demand ÷ the region's demand. */
  demandShare: number | null;
  /** Its placed students ÷ the region's placed students. */
  placedShare: number | null;
}

/** A request's stages, capped at its students: over-allocation never counts more than were asked for, later stages first. */
function cappedByStatus(students: number, byStatus: StudentsByStatus): StudentsByStatus {
  const capped = noStudentsByStatus();
  let room = students;
  for (const status of ["COMPLETED", "STUDENTS_NAMED", "ACCEPTED", "CONFIRMED", "PROPOSED"] as const) {
    capped[status] = Math.min(room, Math.max(0, byStatus[status]));
    room -= capped[status];
  }
  return capped;
}

/**
 * Each university's demand, its students at each stage, placed and unmet, and its share of the
 * placed students beside its share of demand: in a fair split of scarce capacity the two are close.
 * Sorted by demand, largest first, then most unmet, then name.
 */
export function summariseUniversities(
  rows: readonly { universityId: string; universityName: string; requests: readonly { students: number; byStatus: StudentsByStatus }[] }[],
): UniversityShareRow[] {
  const summed = rows.map((row) => {
    const byStatus = noStudentsByStatus();
    let demand = 0;
    for (const request of row.requests) {
      demand += request.students;
      const capped = cappedByStatus(request.students, request.byStatus);
      for (const status of LIVE_STATUS_NAMES) byStatus[status] += capped[status];
    }
    const live = LIVE_STATUS_NAMES.reduce((sum, status) => sum + byStatus[status], 0);
    return { universityId: row.universityId, universityName: row.universityName, demand, byStatus, placed: placedStudents(byStatus), unmet: demand - live };
  });
  const totalDemand = summed.reduce((sum, row) => sum + row.demand, 0);
  const totalPlaced = summed.reduce((sum, row) => sum + row.placed, 0);
  return summed
    .map((row) => ({
      ...row,
      fillRate: row.demand > 0 ? row.placed / row.demand : null,
      demandShare: totalDemand > 0 ? row.demand / totalDemand : null,
      placedShare: totalPlaced > 0 ? row.placed / totalPlaced : null,
    }))
    .sort((a, b) => b.demand - a.demand || b.unmet - a.unmet || a.universityName.localeCompare(b.universityName));
}

/** "42%" or "—". */
export function formatPercent(value: number | null): string {
  return value === null ? "—" : `${Math.round(value * 100)}%`;
}
