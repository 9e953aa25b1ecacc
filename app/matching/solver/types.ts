/** Input and result shapes of the matching service (docs/matching-format.md; how results are chosen: docs/matching.md). */

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface ProviderSite {
  id: string;
  /** Absent when the site has no known location: no travel limit applies to it. */
  location: GeoPoint | null;
}

export interface MatchingProvider {
  id: string;
  /** Registered WTE per profession. */
  workforce: Record<string, number>;
  sites: ProviderSite[];
}

export interface MatchingOffer {
  id: string;
  providerId: string;
  siteId: string;
  profession: string;
  /** ISO date, inclusive. */
  start: string;
  /** ISO date, inclusive. */
  end: string;
  capacity: number;
  /** Places already confirmed outside this run; they reduce what the matcher may fill. */
  taken: number;
  /** Years of study accepted; null means every year. */
  years: number[] | null;
  specialty: string | null;
}

export interface PlacementRequest {
  id: string;
  universityId: string;
  profession: string;
  year: number;
  start: string;
  end: string;
  students: number;
  origin: GeoPoint | null;
  maxTravelMinutes: number | null;
  specialties: string[];
}

/** A validated instance: every reference resolves, every number is in range. */
export interface MatchingInput {
  providers: MatchingProvider[];
  offers: MatchingOffer[];
  requests: PlacementRequest[];
  /** A reviewer's fixed choices, applied to the network before solving (solver/decisions.ts). */
  decisions?: MatchingDecisions;
  /** Pairings to start the search from (a re-run's earlier proposals): they shape the start only, never the result. */
  startPairings?: { requestId: string; offerId: string; students: number }[];
}

/**
 * Excluded pairings are never used. A locked pairing holds at least its students: they count
 * toward the request, the offer, the provider's fair-share load and the university as placed,
 * and the rest is optimised around them. Requests' students and offers' capacity stay the
 * full figures, so fair shares and university demand are those of the undecided instance.
 */
export interface MatchingDecisions {
  excluded: { requestId: string; offerId: string }[];
  locked: { requestId: string; offerId: string; students: number }[];
}

export interface Allocation {
  requestId: string;
  offerId: string;
  students: number;
  travelMinutes: number | null;
  specialtyMatched: boolean;
  explanation: string;
}

export type UnmetCause =
  | "no-offer-in-profession"
  | "no-offer-covers-block"
  | "no-offer-accepts-year"
  | "travel-limit-excludes-all"
  | "compatible-offers-full";

export interface UnmetRequest {
  requestId: string;
  students: number;
  reason: string;
  cause: UnmetCause;
}

export interface ProviderStanding {
  providerId: string;
  profession: string;
  fairShare: number;
  placed: number;
  /** Places the provider made available to this run (capacity minus taken). */
  offered: number;
  /** placed / fairShare; null when the fair share is 0. */
  fairShareRatio: number | null;
}

/** Optimal value of each priority level, in the integer units documented in docs/matching.md. */
export interface ObjectiveLevels {
  unplaced: number;
  fairShareCost: number;
  universityShortfallCost: number;
  preferenceCost: number;
}

export interface MatchingStats {
  requested: number;
  placed: number;
  /** Σ over provider×profession of (placed − fairShare)² / max(fairShare, 1): the fair-share deviation. */
  objective: number;
  levels: ObjectiveLevels;
  ms: number;
  /** Wall-clock milliseconds per phase. */
  phaseMs: Record<MatchingPhase, number>;
  nodes: number;
  arcs: number;
  pivots: number;
  /** Threads that solved batches of professions side by side (the calling thread counts when it took one); 0 when all were solved in the calling thread. */
  workerThreads: number;
  certificate: "verified";
}

export interface MatchingResult {
  allocations: Allocation[];
  unmet: UnmetRequest[];
  providers: ProviderStanding[];
  stats: MatchingStats;
}

export type MatchingPhase = "build" | "solve" | "verify" | "explain";

export interface MatchingProgress {
  phase: MatchingPhase;
  /** 0..1 over the whole run. */
  fraction: number;
  detail?: string;
}

export interface SolveMatchingOptions {
  onProgress?: (progress: MatchingProgress) => void;
  /**
   * Solve each priority level on its own instead of merging levels whose
   * weighted costs provably fit in exact double arithmetic. Same optimum; tests use it.
   */
  separateLevels?: boolean;
}
