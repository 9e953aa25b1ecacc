import { describe, expect, it } from "vitest";
import { describeBulkOutcome } from "./bulk-rules";

describe("describeBulkOutcome", () => {
  it("counts what moved", () => {
    expect(describeBulkOutcome("CONFIRMED", 7, [])).toBe("Confirmed 7 allocations.");
    expect(describeBulkOutcome("ACCEPTED", 1, [])).toBe("Accepted 1 allocation.");
  });

  it("names each failure with its reason, and only counts those past the fifth", () => {
    const failures = Array.from({ length: 7 }, (_, index) => ({ label: `Uni ${index + 1}`, message: "it is declined" }));
    expect(describeBulkOutcome("DECLINED", 2, failures.slice(0, 1))).toBe("Declined 2 allocations. 1 could not be declined: Uni 1 (it is declined).");
    expect(describeBulkOutcome("CONFIRMED", 0, failures)).toBe(
      "7 could not be confirmed: Uni 1 (it is declined); Uni 2 (it is declined); Uni 3 (it is declined); Uni 4 (it is declined); Uni 5 (it is declined); and 2 others.",
    );
  });
});
