import { describe, expect, it } from "vitest";
import { isInSection, navigationFor } from "./navigation";

describe("isInSection (as NavLink marks the current section)", () => {
  it.each([
    ["/provider/offers", "/provider/offers", false, true],
    ["/provider/offers/abc", "/provider/offers", false, true],
    ["/provider/offers-archive", "/provider/offers", false, false],
    ["/provider/offer", "/provider/offers", false, false],
    ["/Provider/Offers/ABC", "/provider/offers", false, true],
    ["/provider", "/provider", true, true],
    ["/provider/offers", "/provider", true, false],
    ["/provider/offers", "/provider", false, true],
    ["/resources/", "/resources/", false, true],
    ["/resources/abc", "/resources/", false, true],
    // As in NavLink: "/" is current only on "/" itself.
    ["/anything", "/", false, false],
    ["/", "/", true, true],
    ["/anything", "/", true, false],
  ])("%s in %s (end: %s) → %s", (pathname, to, end, expected) => {
    expect(isInSection(pathname, to, end)).toBe(expected);
  });

  it("marks exactly one item of each role's navigation on its home page", () => {
    for (const role of ["ADMIN", "FACILITATOR", "EDUCATOR", "UNIVERSITY", "STUDENT"] as const) {
      const items = navigationFor({ role, organisationId: "org" });
      const home = items.find((item) => item.label === "Home")!;
      expect(items.filter((item) => isInSection(home.to, item.to, item.label === "Home"))).toEqual([home]);
    }
  });
});
