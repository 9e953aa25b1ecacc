import { describe, expect, it } from "vitest";
import { nextDailyRun } from "./daily";

const at = (iso: string) => new Date(iso);

describe("nextDailyRun", () => {
  it("is today at the hour while that is still ahead", () => {
    expect(nextDailyRun(at("2026-12-20T05:59:59.999Z"), 6).toISOString()).toBe("2026-12-20T06:00:00.000Z");
    expect(nextDailyRun(at("2026-12-20T00:00:00Z"), 7).toISOString()).toBe("2026-12-20T07:00:00.000Z");
  });

  it("is tomorrow once the hour has come, so a job run on time schedules the next day", () => {
    expect(nextDailyRun(at("2026-12-20T06:00:00Z"), 6).toISOString()).toBe("2026-12-21T06:00:00.000Z");
    expect(nextDailyRun(at("2026-12-20T06:00:00.001Z"), 6).toISOString()).toBe("2026-12-21T06:00:00.000Z");
    expect(nextDailyRun(at("2026-12-20T23:59:59Z"), 6).toISOString()).toBe("2026-12-21T06:00:00.000Z");
  });

  it("takes minutes past the hour", () => {
    expect(nextDailyRun(at("2026-12-20T06:15:00Z"), 6, 30).toISOString()).toBe("2026-12-20T06:30:00.000Z");
    expect(nextDailyRun(at("2026-12-20T06:30:00Z"), 6, 30).toISOString()).toBe("2026-12-21T06:30:00.000Z");
  });

  it("rolls over the end of a month and of a year", () => {
    expect(nextDailyRun(at("2026-02-28T08:00:00Z"), 6).toISOString()).toBe("2026-03-01T06:00:00.000Z");
    expect(nextDailyRun(at("2028-02-28T08:00:00Z"), 6).toISOString()).toBe("2028-02-29T06:00:00.000Z");
    expect(nextDailyRun(at("2026-12-31T07:00:00Z"), 7).toISOString()).toBe("2027-01-01T07:00:00.000Z");
  });

  it("keeps the UTC hour across the clocks changing in London", () => {
    expect(nextDailyRun(at("2027-03-27T12:00:00Z"), 6).toISOString()).toBe("2027-03-28T06:00:00.000Z");
    expect(nextDailyRun(at("2027-10-30T12:00:00Z"), 6).toISOString()).toBe("2027-10-31T06:00:00.000Z");
  });
});
