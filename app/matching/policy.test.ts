import { describe, expect, it } from "vitest";
import { canViewMatchingRun, choosesMatchingRegion, matchingRunScope, requireMatchingRegion } from "./policy";
import { ROLES } from "~/vocabulary/roles";
import { actor, refusal } from "../../tests/helpers/actors";

describe("requireMatchingRegion", () => {
  it("is a facilitator's own region, whatever they chose", () => {
    expect(requireMatchingRegion(actor("FACILITATOR", { regionId: "region-london" }), "region-north")).toBe("region-london");
    expect(requireMatchingRegion(actor("FACILITATOR", { regionId: "region-london" }), null)).toBe("region-london");
  });

  it("is the region an administrator chose, and asks them to choose one", () => {
    expect(requireMatchingRegion(actor("ADMIN"), "region-north")).toBe("region-north");
    expect(() => requireMatchingRegion(actor("ADMIN"), null)).toThrow(refusal(400, "regionId"));
  });

  it("refuses a facilitator without a region and every other role", () => {
    expect(() => requireMatchingRegion(actor("FACILITATOR"), "region-north")).toThrow(refusal(403));
    for (const role of ["EDUCATOR", "UNIVERSITY", "STUDENT"] as const) {
      expect(() => requireMatchingRegion(actor(role, { organisationId: "org-1", regionId: "region-london" }), "region-london")).toThrow(refusal(403));
    }
  });
});

describe("choosesMatchingRegion", () => {
  it("is for administrators only", () => {
    expect(ROLES.filter((role) => choosesMatchingRegion(actor(role, { regionId: "region-london" })))).toEqual(["ADMIN"]);
  });
});

describe("canViewMatchingRun and matchingRunScope", () => {
  const run = { regionId: "region-london" };

  it.each([
    ["an administrator", actor("ADMIN"), true],
    ["a facilitator of the run's region", actor("FACILITATOR", { regionId: "region-london" }), true],
    ["a facilitator of another region", actor("FACILITATOR", { regionId: "region-north" }), false],
    ["a facilitator without a region", actor("FACILITATOR"), false],
    ["an educator, even with the region", actor("EDUCATOR", { organisationId: "org-trust", regionId: "region-london" }), false],
    ["a university team member", actor("UNIVERSITY", { organisationId: "org-uni" }), false],
    ["a student", actor("STUDENT", { organisationId: "org-uni" }), false],
  ])("%s: %s", (_label, who, expected) => {
    expect(canViewMatchingRun(who, run)).toBe(expected);
    const scope = matchingRunScope(who);
    expect(scope !== null && (scope.regionId === undefined || scope.regionId === run.regionId)).toBe(expected);
  });
});
