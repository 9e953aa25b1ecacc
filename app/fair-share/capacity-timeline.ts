import { academicYearRange } from "~/vocabulary/academic-year";
import { addUtcDays } from "~/platform/utc-days";
import { PROFESSIONS, type ProfessionCode } from "~/vocabulary/roles";

export const GRANULARITIES = ["month", "week"] as const;
export type Granularity = (typeof GRANULARITIES)[number];


export interface TimelineBucket {
  /** "2026-09" for a month, the Monday "2026-08-31" for a week. */
  key: string;
  /** "Sep 2026", or "w/c 31 Aug". */
  label: string;
  /** First and last day inside the academic year, inclusive. */
  start: Date;
  end: Date;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The months September to August, or the Monday-to-Sunday weeks that touch the year. */
export function timelineBuckets(year: number, granularity: Granularity): TimelineBucket[] {
  const range = academicYearRange(year);
  const buckets: TimelineBucket[] = [];
  if (granularity === "month") {
    for (let offset = 0; offset < 12; offset += 1) {
      const start = new Date(Date.UTC(year, 8 + offset, 1));
      const end = new Date(Date.UTC(year, 9 + offset, 0));
      buckets.push({
        key: `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, "0")}`,
        label: `${MONTHS[start.getUTCMonth()]} ${start.getUTCFullYear()}`,
        start,
        end,
      });
    }
    return buckets;
  }
  // getUTCDay: 0 Sunday … 6 Saturday; step back to the Monday of 1 September's week.
  let monday = addUtcDays(range.start, -((range.start.getUTCDay() + 6) % 7));
  while (monday <= range.end) {
    const sunday = addUtcDays(monday, 6);
    buckets.push({
      key: monday.toISOString().slice(0, 10),
      label: `w/c ${monday.getUTCDate()} ${MONTHS[monday.getUTCMonth()]}`,
      start: monday < range.start ? range.start : monday,
      end: sunday > range.end ? range.end : sunday,
    });
    monday = addUtcDays(monday, 7);
  }
  return buckets;
}

export interface CapacityOffer {
  profession: ProfessionCode;
  startDate: Date;
  endDate: Date;
  slots: number;
  slotsTaken: number;
}

export interface CapacityPoint {
  offered: number;
  taken: number;
}

export interface CapacityTimeline {
  buckets: TimelineBucket[];
  /** Professions with any offer in the year, in the usual order. */
  professions: ProfessionCode[];
  /** Per profession, one point per bucket (same order as buckets). */
  series: Partial<Record<ProfessionCode, CapacityPoint[]>>;
  /** The largest number offered in any bucket, for scaling bars. */
  peak: number;
}

/**
 * Slots offered and taken in each month or week of an academic year, per profession. An offer
 * counts in every bucket its window touches: its slots are the students it can host at that time.
 */
export function bucketCapacity(offers: readonly CapacityOffer[], year: number, granularity: Granularity): CapacityTimeline {
  const buckets = timelineBuckets(year, granularity);
  const series: Partial<Record<ProfessionCode, CapacityPoint[]>> = {};
  let peak = 0;
  for (const offer of offers) {
    const points = (series[offer.profession] ??= buckets.map(() => ({ offered: 0, taken: 0 })));
    buckets.forEach((bucket, index) => {
      if (offer.startDate > bucket.end || offer.endDate < bucket.start) return;
      points[index].offered += offer.slots;
      points[index].taken += Math.min(offer.slotsTaken, offer.slots);
      peak = Math.max(peak, points[index].offered);
    });
  }
  const professions = PROFESSIONS.filter((profession) => series[profession]?.some((point) => point.offered > 0));
  for (const profession of PROFESSIONS) if (!professions.includes(profession)) delete series[profession];
  return { buckets, professions, series, peak };
}
