import { describe, expect, it } from "vitest";
import { defaultRunWindow } from "./run-window";

describe("the default run window", () => {
  it("starts after the lead time, never on a block that has begun, and ends with that academic year", () => {
    expect(defaultRunWindow(new Date("2026-11-30T04:00:00Z"), 14)).toEqual({ periodStart: "2026-12-14", periodEnd: "2027-08-31" });
  });

  it("rolls into the next academic year when the lead time crosses 1 September", () => {
    expect(defaultRunWindow(new Date("2027-08-25T23:59:00Z"), 14)).toEqual({ periodStart: "2027-09-08", periodEnd: "2028-08-31" });
  });

  it("with no lead time starts today", () => {
    expect(defaultRunWindow(new Date("2026-09-01T10:00:00Z"), 0).periodStart).toBe("2026-09-01");
  });
});
