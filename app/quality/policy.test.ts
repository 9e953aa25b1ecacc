import { describe, expect, it } from "vitest";
import { Refusal } from "~/platform/refusal";
import { canEditAudit, canGiveFeedback, canViewAudit, requireAuditingProvider } from "./policy";
import { ROLES } from "~/vocabulary/roles";
import { actor } from "../../tests/helpers/actors";

const audit = { providerId: "org-trust", regionId: "region-london" };

describe("canViewAudit", () => {
  it.each([
    ["an educator of the provider", actor("EDUCATOR", { organisationId: "org-trust" }), null, true],
    ["an educator of another provider in the region", actor("EDUCATOR", { organisationId: "org-other" }), "region-london", false],
    ["a facilitator of the region", actor("FACILITATOR", { regionId: "region-london" }), null, true],
    ["a facilitator of another region", actor("FACILITATOR", { regionId: "region-north" }), null, false],
    ["a university team of the region", actor("UNIVERSITY", { organisationId: "org-uni" }), "region-london", true],
    ["a university team of another region", actor("UNIVERSITY", { organisationId: "org-uni" }), "region-north", false],
    ["a university team member without an organisation", actor("UNIVERSITY"), "region-london", false],
    ["a student of a university in the region", actor("STUDENT", { organisationId: "org-uni" }), "region-london", false],
    ["an administrator", actor("ADMIN"), null, false],
  ] as const)("%s: %s", (_label, who, universityRegionId, expected) => {
    expect(canViewAudit(who, audit, universityRegionId)).toBe(expected);
  });
});

describe("canEditAudit", () => {
  it("lets only the provider's educators change the action plan", () => {
    expect(canEditAudit(actor("EDUCATOR", { organisationId: "org-trust" }), audit)).toBe(true);
    expect(canEditAudit(actor("EDUCATOR", { organisationId: "org-other" }), audit)).toBe(false);
    for (const role of ROLES.filter((role) => role !== "EDUCATOR")) {
      expect(canEditAudit(actor(role, { organisationId: "org-trust", regionId: "region-london" }), audit)).toBe(false);
    }
  });
});

describe("requireAuditingProvider", () => {
  it("is an educator's provider and refuses anyone else with a 403", () => {
    expect(requireAuditingProvider(actor("EDUCATOR", { organisationId: "org-trust" }))).toBe("org-trust");
    for (const who of [actor("EDUCATOR"), actor("FACILITATOR", { regionId: "region-london" }), actor("UNIVERSITY", { organisationId: "org-uni" })]) {
      expect(() => requireAuditingProvider(who)).toThrow(Refusal);
    }
  });
});

describe("canGiveFeedback", () => {
  it("is for students only", () => {
    expect(ROLES.filter((role) => canGiveFeedback(actor(role)))).toEqual(["STUDENT"]);
  });
});
