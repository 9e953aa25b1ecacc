import { millisecondsInWeek } from "date-fns/constants";
import { describe, expect, it } from "vitest";
import { bucketCapacity, timelineBuckets } from "./capacity-timeline";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

describe("timelineBuckets", () => {
  it("has twelve months from September to August", () => {
    const months = timelineBuckets(2026, "month");
    expect(months).toHaveLength(12);
    expect(months[0]).toMatchObject({ key: "2026-09", label: "Sep 2026" });
    expect([iso(months[0].start), iso(months[0].end)]).toEqual(["2026-09-01", "2026-09-30"]);
    expect(months[5]).toMatchObject({ key: "2027-02", label: "Feb 2027" });
    expect(iso(months[5].end)).toBe("2027-02-28");
    expect(months[11].key).toBe("2027-08");
  });

  it("has Monday weeks covering the year, clipped to it", () => {
    const weeks = timelineBuckets(2026, "week");
    // 1 Sep 2026 is a Tuesday: the first week starts Monday 31 Aug but counts from 1 Sep.
    expect(weeks[0]).toMatchObject({ key: "2026-08-31", label: "w/c 31 Aug" });
    expect(iso(weeks[0].start)).toBe("2026-09-01");
    expect(iso(weeks[weeks.length - 1].end)).toBe("2027-08-31");
    expect(weeks).toHaveLength(53);
    for (let index = 1; index < weeks.length; index += 1) {
      expect(weeks[index].start.getUTCDay()).toBe(1);
      expect(weeks[index].start.getTime() - weeks[index - 1].start.getTime()).toBeLessThanOrEqual(millisecondsInWeek);
    }
  });
});

describe("bucketCapacity", () => {
  const offers = [
    { profession: "PT" as const, startDate: day("2027-01-04"), endDate: day("2027-02-26"), slots: 4, slotsTaken: 3 },
    { profession: "PT" as const, startDate: day("2027-02-01"), endDate: day("2027-03-12"), slots: 2, slotsTaken: 0 },
    { profession: "SLT" as const, startDate: day("2026-11-02"), endDate: day("2026-11-27"), slots: 1, slotsTaken: 1 },
    // Outside the year: ignored.
    { profession: "OT" as const, startDate: day("2027-09-06"), endDate: day("2027-10-01"), slots: 9, slotsTaken: 0 },
  ];

  it("counts an offer in every month its window touches, per profession", () => {
    const timeline = bucketCapacity(offers, 2026, "month");
    expect(timeline.professions).toEqual(["PT", "SLT"]);
    const pt = timeline.series.PT!;
    const at = (key: string) => pt[timeline.buckets.findIndex((bucket) => bucket.key === key)];
    expect(at("2026-12")).toEqual({ offered: 0, taken: 0 });
    expect(at("2027-01")).toEqual({ offered: 4, taken: 3 });
    expect(at("2027-02")).toEqual({ offered: 6, taken: 3 });
    expect(at("2027-03")).toEqual({ offered: 2, taken: 0 });
    expect(timeline.series.SLT![2]).toEqual({ offered: 1, taken: 1 });
    expect(timeline.series.OT).toBeUndefined();
    expect(timeline.peak).toBe(6);
  });

  it("counts by week, an offer ending on a Friday staying out of the next week", () => {
    const timeline = bucketCapacity(offers.slice(0, 1), 2026, "week");
    const pt = timeline.series.PT!;
    const keys = timeline.buckets.filter((_, index) => pt[index].offered > 0).map((bucket) => bucket.key);
    expect(keys).toEqual(["2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25", "2027-02-01", "2027-02-08", "2027-02-15", "2027-02-22"]);
  });

  it("never shows more taken than offered, and nothing for no offers", () => {
    const timeline = bucketCapacity([{ ...offers[0], slotsTaken: 9 }], 2026, "month");
    expect(timeline.series.PT![4]).toEqual({ offered: 4, taken: 4 });
    expect(bucketCapacity([], 2026, "week")).toMatchObject({ professions: [], peak: 0 });
  });
});
