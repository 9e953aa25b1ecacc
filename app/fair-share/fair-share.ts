import { PROFESSIONS, type ProfessionCode } from "~/vocabulary/roles";
import { LIVE_STATUS_NAMES, noStudentsByStatus, type StudentsByStatus } from "~/marketplace/allocation-rules";

export interface Weight {
  id: string;
  weight: number;
}

/**
 * A provider's exact fair share F = D × W / ΣW: the demand D split by its share of the region's
 * workforce (W of ΣW whole-time equivalents); 0 when nobody has workforce. The portal's figures
 * round it to whole students (apportionLargestRemainder); the matching solver keeps it unrounded,
 * because its cost (x − F)² / max(F, 1) is continuous in F and rounding would only add error.
 */
export function fairShareQuota(demand: number, wte: number, regionWte: number): number {
  return regionWte > 0 ? (demand * wte) / regionWte : 0;
}

// Remainders closer than this are equal: the same fraction computed two ways may differ in its last bits.
const REMAINDER_TOLERANCE = 1e-9;

/**
 * Splits `total` whole units in proportion to the weights by the largest-remainder (Hamilton)
 * method: each gets the whole part of its quota, and the units left go one each to the largest
 * remainders, ties to the smaller id. The shares add up to `total` exactly, unless every weight
 * is zero: then nobody has a share and all are 0.
 */
export function apportionLargestRemainder(total: number, weights: readonly Weight[]): Map<string, number> {
  if (!Number.isInteger(total) || total < 0) throw new RangeError("The total must be a whole number, 0 or more");
  for (const { weight } of weights) {
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError("Weights must be finite numbers, 0 or more");
  }
  const shares = new Map<string, number>(weights.map(({ id }) => [id, 0]));
  if (shares.size !== weights.length) throw new RangeError("Each weight needs its own id");
  const sum = weights.reduce((acc, { weight }) => acc + weight, 0);
  if (total === 0 || sum === 0) return shares;

  const quotas = weights
    .filter(({ weight }) => weight > 0)
    .map(({ id, weight }) => {
      const quota = fairShareQuota(total, weight, sum);
      const whole = Math.floor(quota);
      return { id, whole, remainder: quota - whole };
    });
  let left = total - quotas.reduce((acc, quota) => acc + quota.whole, 0);
  const order = [...quotas].sort((a, b) =>
    Math.abs(a.remainder - b.remainder) > REMAINDER_TOLERANCE ? b.remainder - a.remainder : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  for (const quota of quotas) shares.set(quota.id, quota.whole);
  // `left` is below the number of positive weights, so one pass hands out every unit.
  for (let index = 0; left > 0 && index < order.length; index += 1, left -= 1) {
    shares.set(order[index].id, order[index].whole + 1);
  }
  return shares;
}

// ---- Fair-share ratio and its red/amber/green band ----

export interface FairShareBands {
  /** A ratio below this is red. */
  red: number;
  /** A ratio below this (and not red) is amber; from here on it is green. */
  amber: number;
}

export const DEFAULT_FAIR_SHARE_BANDS: FairShareBands = { red: 0.8, amber: 1.0 };

export type FairShareBand = "red" | "amber" | "green";

export const FAIR_SHARE_BAND_LABELS: Record<FairShareBand, string> = {
  red: "Well below fair share",
  amber: "Below fair share",
  green: "At or above fair share",
};

/** Provision over fair share; null when the fair share is 0 (there is nothing to compare with). */
export function fairShareRatio(provision: number, fairShare: number): number | null {
  if (fairShare <= 0) return null;
  return provision / fairShare;
}

export function fairShareBand(ratio: number | null, bands: FairShareBands = DEFAULT_FAIR_SHARE_BANDS): FairShareBand | null {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  if (ratio < bands.red) return "red";
  if (ratio < bands.amber) return "amber";
  return "green";
}

/** "1.25", or "—" when there is no ratio. */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? "—" : ratio.toFixed(2);
}

/** Placement weeks (students × weeks) per whole-time equivalent; null without workforce. */
export function weeksPerWte(placementWeeks: number, wte: number): number | null {
  if (!(wte > 0)) return null;
  return placementWeeks / wte;
}

/** RCSLT: 25 practice-based learning days per SLT WTE a year, about 5 placement weeks. */
export const RCSLT_WEEKS_PER_WTE = 5;

// ---- One provider's standing in its region for one academic year ----

export interface ProviderFairShareInput {
  providerId: string;
  /** Students requested per profession in the region and year (cancelled requests left out). */
  demand: Partial<Record<ProfessionCode, number>>;
  /** WTE per profession of every provider in the region, this one included. */
  workforce: readonly { organisationId: string; profession: ProfessionCode; wte: number }[];
  /** Slots in the provider's published offers, and slots × weeks of their windows. */
  offered: Partial<Record<ProfessionCode, { slots: number; weeks: number }>>;
  /** Students of completed placements on the provider's offers, and students × weeks of their blocks. */
  hosted: Partial<Record<ProfessionCode, { students: number; weeks: number }>>;
  /** Students on the provider's offers at each live stage, from proposed (held) to completed. */
  stages?: Partial<Record<ProfessionCode, StudentsByStatus>>;
  bands?: FairShareBands;
  /** apportionRegion(demand, workforce), when the caller has worked it out once for the whole region. */
  regionShares?: RegionShares;
}

/** Per profession: each provider's WTE, the region's total, and the demand apportioned over them. */
export type RegionShares = Map<ProfessionCode, { weights: Map<string, number>; regionWte: number; shares: Map<string, number> }>;

/**
 * The fair shares of every provider of a region, in whole students by largest remainder: the same for
 * each of its providers, so a region's page works it out once rather than once per provider.
 */
export function apportionRegion(
  demand: ProviderFairShareInput["demand"],
  workforce: ProviderFairShareInput["workforce"],
): RegionShares {
  const result: RegionShares = new Map();
  for (const profession of PROFESSIONS) {
    const weights = new Map<string, number>();
    for (const row of workforce) {
      if (row.profession !== profession) continue;
      weights.set(row.organisationId, (weights.get(row.organisationId) ?? 0) + row.wte);
    }
    const shares = apportionLargestRemainder(
      demand[profession] ?? 0,
      [...weights].map(([id, weight]) => ({ id, weight })),
    );
    result.set(profession, { weights, regionWte: [...weights.values()].reduce((sum, value) => sum + value, 0), shares });
  }
  return result;
}

export interface ProviderFairShareRow {
  profession: ProfessionCode;
  demand: number;
  wte: number;
  regionWte: number;
  fairShare: number;
  offered: number;
  /** Completed placements: hosted means completed. */
  hosted: number;
  /** Students at each stage, counted apart: a proposal only holds places. */
  stages: StudentsByStatus;
  offeredRatio: number | null;
  offeredBand: FairShareBand | null;
  hostedRatio: number | null;
  hostedBand: FairShareBand | null;
  offeredWeeksPerWte: number | null;
  hostedWeeksPerWte: number | null;
}

/**
 * The fair share F = D × W / ΣW of each profession, in whole students by largest remainder over
 * the region's providers, against what the provider offered and hosted. Lists the professions
 * where the provider has workforce, offers or placements.
 */
export function computeProviderFairShare(input: ProviderFairShareInput): ProviderFairShareRow[] {
  const bands = input.bands ?? DEFAULT_FAIR_SHARE_BANDS;
  const region = input.regionShares ?? apportionRegion(input.demand, input.workforce);
  const rows: ProviderFairShareRow[] = [];
  for (const profession of PROFESSIONS) {
    const { weights, regionWte, shares } = region.get(profession)!;
    const wte = weights.get(input.providerId) ?? 0;
    const offered = input.offered[profession] ?? { slots: 0, weeks: 0 };
    const hosted = input.hosted[profession] ?? { students: 0, weeks: 0 };
    const stages = input.stages?.[profession] ?? noStudentsByStatus();
    const staged = LIVE_STATUS_NAMES.some((status) => stages[status] > 0);
    if (wte === 0 && offered.slots === 0 && hosted.students === 0 && !staged) continue;

    const demand = input.demand[profession] ?? 0;
    const fairShare = shares.get(input.providerId) ?? 0;
    const offeredRatio = fairShareRatio(offered.slots, fairShare);
    const hostedRatio = fairShareRatio(hosted.students, fairShare);
    rows.push({
      profession,
      demand,
      wte,
      regionWte,
      fairShare,
      offered: offered.slots,
      hosted: hosted.students,
      stages,
      offeredRatio,
      offeredBand: fairShareBand(offeredRatio, bands),
      hostedRatio,
      hostedBand: fairShareBand(hostedRatio, bands),
      offeredWeeksPerWte: weeksPerWte(offered.weeks, wte),
      hostedWeeksPerWte: weeksPerWte(hosted.weeks, wte),
    });
  }
  return rows;
}

/** All professions together: total offered over total fair share. */
export function summariseFairShare(rows: readonly ProviderFairShareRow[], bands: FairShareBands = DEFAULT_FAIR_SHARE_BANDS) {
  const fairShare = rows.reduce((sum, row) => sum + row.fairShare, 0);
  const offered = rows.reduce((sum, row) => sum + row.offered, 0);
  const hosted = rows.reduce((sum, row) => sum + row.hosted, 0);
  const ratio = fairShareRatio(offered, fairShare);
  return { fairShare, offered, hosted, ratio, band: fairShareBand(ratio, bands) };
}
