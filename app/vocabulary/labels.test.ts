import { describe, expect, it } from "vitest";
import { plural } from "./labels";

describe("plural", () => {
  it("says one thing in the singular and any other count in the plural", () => {
    expect(plural(1, "case")).toBe("1 case");
    expect(plural(0, "case")).toBe("0 cases");
    expect(plural(2, "opportunity", "opportunities")).toBe("2 opportunities");
    expect(plural(1, "opportunity", "opportunities")).toBe("1 opportunity");
    expect(plural(1200, "student")).toBe("1,200 students");
  });
});
