import { describe, expect, it } from "vitest";
import { Refusal } from "~/platform/refusal";
import { ROLES } from "~/vocabulary/roles";
import { canManageFunding, canViewAward, fundingProgrammeScope, requireFundedProvider, requireFundingRegion } from "./policy";
import { actor } from "../../tests/helpers/actors";

const award = { providerId: "org-trust", regionId: "region-london" };

describe("programmes", () => {
  it("are read by administrators everywhere and by facilitators in their region only", () => {
    expect(fundingProgrammeScope(actor("ADMIN"))).toEqual({});
    expect(fundingProgrammeScope(actor("FACILITATOR", { regionId: "region-london" }))).toEqual({ regionId: "region-london" });
    for (const role of ["EDUCATOR", "UNIVERSITY", "STUDENT"] as const) {
      expect(() => fundingProgrammeScope(actor(role, { organisationId: "org-trust", regionId: "region-london" }))).toThrow(Refusal);
    }
    expect(() => fundingProgrammeScope(actor("FACILITATOR"))).toThrow(Refusal);
  });

  it("are changed only by the region's facilitators", () => {
    expect(canManageFunding(actor("FACILITATOR", { regionId: "region-london" }), award)).toBe(true);
    expect(canManageFunding(actor("FACILITATOR", { regionId: "region-north" }), award)).toBe(false);
    for (const role of ROLES.filter((role) => role !== "FACILITATOR")) {
      expect(canManageFunding(actor(role, { organisationId: "org-trust", regionId: "region-london" }), award)).toBe(false);
    }
    expect(requireFundingRegion(actor("FACILITATOR", { regionId: "region-london" }))).toBe("region-london");
    expect(() => requireFundingRegion(actor("ADMIN"))).toThrow(Refusal);
  });
});

describe("awards", () => {
  it.each([
    ["the provider's educator", actor("EDUCATOR", { organisationId: "org-trust" }), true],
    ["another provider's educator", actor("EDUCATOR", { organisationId: "org-other" }), false],
    ["a facilitator of the region", actor("FACILITATOR", { regionId: "region-london" }), true],
    ["a facilitator of another region", actor("FACILITATOR", { regionId: "region-north" }), false],
    ["an administrator", actor("ADMIN"), true],
    ["a university team of the region", actor("UNIVERSITY", { organisationId: "org-trust", regionId: "region-london" }), false],
    ["a student", actor("STUDENT", { organisationId: "org-trust" }), false],
  ] as const)("%s may read one: %s", (_label, who, expected) => {
    expect(canViewAward(who, award)).toBe(expected);
  });

  it("are listed for an educator's own provider only", () => {
    expect(requireFundedProvider(actor("EDUCATOR", { organisationId: "org-trust" }))).toBe("org-trust");
    expect(() => requireFundedProvider(actor("FACILITATOR", { regionId: "region-london" }))).toThrow(Refusal);
  });
});
