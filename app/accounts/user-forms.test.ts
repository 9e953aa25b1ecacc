import { describe, expect, it } from "vitest";
import { parseUserFilters } from "./user-forms";

describe("user list filters", () => {
  it("reads good values and drops bad ones instead of failing", () => {
    expect(parseUserFilters(new URLSearchParams("role=STUDENT&status=inactive&page=x"))).toMatchObject({
      role: "STUDENT",
      status: "inactive",
      page: undefined,
    });
    expect(parseUserFilters(new URLSearchParams("role=KING&status=asleep"))).toMatchObject({ role: undefined, status: undefined });
  });
});
