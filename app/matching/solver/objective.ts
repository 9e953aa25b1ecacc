import { fairShareQuota } from "../../fair-share/fair-share";
import type { MatchingInput } from "./types";

/**
 * The objective of docs/matching.md, as integer costs. Levels, highest priority first:
 *   L1 unplaced students;
 *   L2 provider fair-share deviation  Σ (x_p − F_p)² / max(F_p, 1);
 *   L3 university shortfall           Σ s_u² / d_u   (per university and profession);
 *   L4 preferences                    travel minutes + a fixed price per unmet specialty wish.
 * L2 and L3 are convex and separable, so each unit of load or shortfall gets its own
 * unit-capacity arc priced at the marginal increase, scaled by COST_SCALE and rounded
 * half up. The rounded marginals are non-decreasing, so the arcs fill in order.
 */
export const COST_SCALE = 10_000;

/** A requested specialty is worth up to this many minutes of extra travel. */
export const SPECIALTY_MISMATCH_MINUTES = 60;

export const LEVEL_NAMES = ["unplaced", "fairShareCost", "universityShortfallCost", "preferenceCost"] as const;
export type LevelName = (typeof LEVEL_NAMES)[number];
export const LEVEL_COUNT = LEVEL_NAMES.length;

/** Increase of (x − F)² / max(F, 1) when a provider's load goes from unit − 1 to unit. */
export function fairShareMarginalCost(unit: number, fairShare: number): number {
  return Math.round((COST_SCALE * (2 * unit - 1 - 2 * fairShare)) / Math.max(fairShare, 1));
}

/** Increase of s² / d when a university's shortfall goes from unit − 1 to unit. */
export function universityShortfallMarginalCost(unit: number, demand: number): number {
  return Math.round((COST_SCALE * (2 * unit - 1)) / demand);
}

/**
 * Specialties compare case-insensitively. A request without wishes is matched by any
 * offer; an offer without a specialty matches no wish.
 */
export function normaliseSpecialty(value: string): string {
  return value.trim().toLowerCase();
}

/** Per-student L4 cost of placing a request's students on an offer. Unknown travel costs nothing. */
export function preferenceCost(travelMinutes: number | null, specialtyMatched: boolean): number {
  return Math.round(travelMinutes ?? 0) + (specialtyMatched ? 0 : SPECIALTY_MISMATCH_MINUTES);
}

const EARTH_RADIUS_KM = 6371;
const DEGREES_TO_RADIANS = Math.PI / 180;
export const TRAVEL_MINUTES_PER_KM = 3;

export function cosineOfLatitude(lat: number): number {
  return Math.cos(lat * DEGREES_TO_RADIANS);
}

/** Haversine with the cosines of both latitudes supplied, so callers in hot loops can cache them. */
export function haversineKmWithCosines(latA: number, lonA: number, cosLatA: number, latB: number, lonB: number, cosLatB: number): number {
  const sinLat = Math.sin(((latB - latA) * DEGREES_TO_RADIANS) / 2);
  const sinLon = Math.sin(((lonB - lonA) * DEGREES_TO_RADIANS) / 2);
  const h = sinLat * sinLat + cosLatA * cosLatB * sinLon * sinLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function haversineKm(latA: number, lonA: number, latB: number, lonB: number): number {
  return haversineKmWithCosines(latA, lonA, cosineOfLatitude(latA), latB, lonB, cosineOfLatitude(latB));
}

/** The one definition of travel time used by the network, the certificate and explanations. */
export function travelMinutesBetween(latA: number, lonA: number, latB: number, lonB: number): number {
  return TRAVEL_MINUTES_PER_KM * haversineKm(latA, lonA, latB, lonB);
}

export function travelMinutesWithCosines(latA: number, lonA: number, cosLatA: number, latB: number, lonB: number, cosLatB: number): number {
  return TRAVEL_MINUTES_PER_KM * haversineKmWithCosines(latA, lonA, cosLatA, latB, lonB, cosLatB);
}

export interface ProfessionFairShares {
  /** D_k: all students requested in the profession. */
  demand: number;
  /** F_pk for every provider, in input order. */
  fairShares: Map<string, number>;
}

/** F_pk = D_k × W_pk / Σ_q W_qk (fairShareQuota, unrounded); 0 for every provider when the profession has no workforce. */
export function computeFairShares(input: MatchingInput): Map<string, ProfessionFairShares> {
  const professions = new Set<string>();
  for (const request of input.requests) professions.add(request.profession);
  for (const offer of input.offers) professions.add(offer.profession);
  for (const provider of input.providers) for (const profession of Object.keys(provider.workforce)) professions.add(profession);

  const demand = new Map<string, number>();
  for (const request of input.requests) demand.set(request.profession, (demand.get(request.profession) ?? 0) + request.students);

  const result = new Map<string, ProfessionFairShares>();
  for (const profession of [...professions].sort()) {
    const professionDemand = demand.get(profession) ?? 0;
    let totalWorkforce = 0;
    for (const provider of input.providers) totalWorkforce += provider.workforce[profession] ?? 0;
    const fairShares = new Map<string, number>();
    for (const provider of input.providers) {
      const workforce = provider.workforce[profession] ?? 0;
      fairShares.set(provider.id, fairShareQuota(professionDemand, workforce, totalWorkforce));
    }
    result.set(profession, { demand: professionDemand, fairShares });
  }
  return result;
}
