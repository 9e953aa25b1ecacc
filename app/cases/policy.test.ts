import { describe, expect, it } from "vitest";
import { caseRegionScope, choosesCaseRegion, requireCaseRegionScope, requireSupportOrganisation, supportOrganisationOf } from "./policy";
import { ROLES } from "~/vocabulary/roles";
import { actor, refusal } from "../../tests/helpers/actors";

describe("caseRegionScope", () => {
  it("spans every region for administrators and one for a facilitator", () => {
    expect(caseRegionScope(actor("ADMIN"))).toEqual({});
    expect(caseRegionScope(actor("FACILITATOR", { regionId: "region-london" }))).toEqual({ regionId: "region-london" });
    expect(requireCaseRegionScope(actor("FACILITATOR", { regionId: "region-london" }))).toEqual({ regionId: "region-london" });
  });

  it("is null for a facilitator without a region and for providers, universities and students", () => {
    expect(caseRegionScope(actor("FACILITATOR"))).toBeNull();
    for (const role of ["EDUCATOR", "UNIVERSITY", "STUDENT"] as const) {
      expect(caseRegionScope(actor(role, { organisationId: "org-1", regionId: "region-london" }))).toBeNull();
      expect(() => requireCaseRegionScope(actor(role, { organisationId: "org-1" }))).toThrow(refusal(403));
    }
  });
});

describe("choosesCaseRegion", () => {
  it("is for administrators only", () => {
    expect(ROLES.filter((role) => choosesCaseRegion(actor(role, { regionId: "region-london" })))).toEqual(["ADMIN"]);
  });
});

describe("supportOrganisationOf", () => {
  it("is the organisation of a provider's educator or a university's team", () => {
    expect(supportOrganisationOf(actor("EDUCATOR", { organisationId: "org-trust" }))).toBe("org-trust");
    expect(requireSupportOrganisation(actor("UNIVERSITY", { organisationId: "org-uni" }))).toBe("org-uni");
  });

  it("is null for students, facilitators, administrators and anyone without an organisation", () => {
    expect(supportOrganisationOf(actor("STUDENT", { organisationId: "org-uni" }))).toBeNull();
    expect(supportOrganisationOf(actor("FACILITATOR", { regionId: "region-london" }))).toBeNull();
    expect(supportOrganisationOf(actor("ADMIN"))).toBeNull();
    expect(supportOrganisationOf(actor("EDUCATOR"))).toBeNull();
    expect(() => requireSupportOrganisation(actor("STUDENT", { organisationId: "org-uni" }))).toThrow(refusal(403));
  });
});
