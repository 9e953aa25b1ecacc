import { apportionLargestRemainder, fairShareBand, fairShareRatio, type FairShareBand, type FairShareBands } from "~/fair-share/fair-share";

export interface StandingInput {
  /** Students requested in the period per profession, placed or not. */
  demand: Record<string, number>;
  /** WTE per provider per profession. */
  workforce: { providerId: string; profession: string; wte: number }[];
  /** Students already in live allocations per provider and profession (before this run). */
  held: { providerId: string; profession: string; students: number }[];
  /** What this run proposes. */
  proposed: { providerId: string; profession: string; students: number }[];
}

export interface StandingRow {
  providerId: string;
  profession: string;
  fairShare: number;
  before: number;
  after: number;
  ratioBefore: number | null;
  ratioAfter: number | null;
  bandBefore: FairShareBand | null;
  bandAfter: FairShareBand | null;
}

const key = (providerId: string, profession: string) => `${providerId}\u0000${profession}`;

/**
 * Each provider's fair share of the period's demand (whole units, largest remainder) and how
 * far its hosted students meet it before and after the run's proposals.
 */
export function standingsBeforeAndAfter(input: StandingInput, bands: FairShareBands): StandingRow[] {
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  for (const row of input.held) {
    before.set(key(row.providerId, row.profession), (before.get(key(row.providerId, row.profession)) ?? 0) + row.students);
  }
  for (const [k, v] of before) after.set(k, v);
  for (const row of input.proposed) {
    after.set(key(row.providerId, row.profession), (after.get(key(row.providerId, row.profession)) ?? 0) + row.students);
  }
  const rows: StandingRow[] = [];
  for (const [profession, demand] of Object.entries(input.demand)) {
    const weights = input.workforce.filter((w) => w.profession === profession).map((w) => ({ id: w.providerId, weight: w.wte }));
    const shares = apportionLargestRemainder(demand, weights);
    const providers = new Set([...shares.keys(), ...[...after.keys()].filter((k) => k.endsWith(`\u0000${profession}`)).map((k) => k.split("\u0000")[0])]);
    for (const providerId of providers) {
      const fairShare = shares.get(providerId) ?? 0;
      const b = before.get(key(providerId, profession)) ?? 0;
      const a = after.get(key(providerId, profession)) ?? 0;
      if (fairShare === 0 && a === 0) continue;
      const ratioBefore = fairShareRatio(b, fairShare);
      const ratioAfter = fairShareRatio(a, fairShare);
      rows.push({
        providerId,
        profession,
        fairShare,
        before: b,
        after: a,
        ratioBefore,
        ratioAfter,
        bandBefore: fairShareBand(ratioBefore, bands),
        bandAfter: fairShareBand(ratioAfter, bands),
      });
    }
  }
  return rows.sort((x, y) => x.profession.localeCompare(y.profession) || (x.ratioAfter ?? Infinity) - (y.ratioAfter ?? Infinity));
}

export interface UnmetSummaryRow {
  universityId: string;
  profession: string;
  requested: number;
  unmet: number;
}

/** Unmet students by university and profession, largest shortfall first. */
export function unmetByUniversity(
  requests: { id: string; universityId: string; profession: string; students: number }[],
  unmet: { requestId: string; students: number }[],
): UnmetSummaryRow[] {
  const unmetByRequest = new Map(unmet.map((row) => [row.requestId, row.students]));
  const groups = new Map<string, UnmetSummaryRow>();
  for (const request of requests) {
    const k = key(request.universityId, request.profession);
    const group = groups.get(k) ?? { universityId: request.universityId, profession: request.profession, requested: 0, unmet: 0 };
    group.requested += request.students;
    group.unmet += unmetByRequest.get(request.id) ?? 0;
    groups.set(k, group);
  }
  return [...groups.values()].sort((a, b) => b.unmet - a.unmet || a.profession.localeCompare(b.profession));
}

/** Bars in the review's fair-share charts: enough to see the run's effect, few enough to read. */
export const CHART_ROWS = 20;

/**
 * The providers a run moves, the most placed first (ties by name), at most `limit` of them: what the
 * review charts. The page sends only these; the full table has its own page.
 */
export function mostMovedStandings<Row extends { after: number; before: number; provider: string }>(standings: readonly Row[], limit: number) {
  const changed = standings.filter((row) => row.after !== row.before).sort((a, b) => b.after - b.before - (a.after - a.before) || a.provider.localeCompare(b.provider));
  return { charted: changed.slice(0, limit), changedCount: changed.length };
}
