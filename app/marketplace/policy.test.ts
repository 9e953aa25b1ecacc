import { describe, expect, it } from "vitest";
import { canBookOffers, partyFor, providerScopeOf, requireProviderScope, requireUniversityScope, universityScopeOf } from "./policy";
import { ROLES } from "~/vocabulary/roles";
import { actor, refusal } from "../../tests/helpers/actors";

describe("providerScopeOf", () => {
  it("is the organisation of an educator", () => {
    expect(providerScopeOf(actor("EDUCATOR", { organisationId: "org-trust" }))).toBe("org-trust");
    expect(requireProviderScope(actor("EDUCATOR", { organisationId: "org-trust" }))).toBe("org-trust");
  });

  it("is null for every other role, and for an educator without an organisation", () => {
    expect(providerScopeOf(actor("EDUCATOR"))).toBeNull();
    for (const role of ROLES.filter((role) => role !== "EDUCATOR")) {
      expect(providerScopeOf(actor(role, { organisationId: "org-trust", regionId: "region-london" }))).toBeNull();
    }
  });

  it("refuses with a 403 where there is no provider to act for", () => {
    expect(() => requireProviderScope(actor("EDUCATOR"))).toThrow(refusal(403));
    expect(() => requireProviderScope(actor("UNIVERSITY", { organisationId: "org-uni" }))).toThrow(refusal(403));
  });
});

describe("universityScopeOf", () => {
  it("is the organisation of a university placement-team member", () => {
    expect(universityScopeOf(actor("UNIVERSITY", { organisationId: "org-uni" }))).toBe("org-uni");
    expect(requireUniversityScope(actor("UNIVERSITY", { organisationId: "org-uni" }))).toBe("org-uni");
  });

  it("is null for students of the university, every other role, and a team member without an organisation", () => {
    expect(universityScopeOf(actor("UNIVERSITY"))).toBeNull();
    for (const role of ROLES.filter((role) => role !== "UNIVERSITY")) {
      expect(universityScopeOf(actor(role, { organisationId: "org-uni", regionId: "region-london" }))).toBeNull();
    }
  });

  it("refuses with a 403 where there is no university to act for", () => {
    expect(() => requireUniversityScope(actor("UNIVERSITY"))).toThrow(refusal(403));
    expect(() => requireUniversityScope(actor("STUDENT", { organisationId: "org-uni" }))).toThrow(refusal(403));
  });
});

describe("canBookOffers", () => {
  it("lets only a university's placement team book", () => {
    expect(ROLES.filter((role) => canBookOffers(actor(role, { organisationId: "org-uni" })))).toEqual(["UNIVERSITY"]);
    expect(canBookOffers(actor("UNIVERSITY"))).toBe(false);
  });
});

describe("partyFor", () => {
  const allocation = { providerId: "org-trust", universityId: "org-uni", regionIds: ["region-london", "region-north"] };

  it.each([
    ["the offer's provider", actor("EDUCATOR", { organisationId: "org-trust" }), "provider"],
    ["the request's university", actor("UNIVERSITY", { organisationId: "org-uni" }), "university"],
    ["a facilitator of the provider's region", actor("FACILITATOR", { regionId: "region-london" }), "facilitator"],
    ["a facilitator of the university's region", actor("FACILITATOR", { regionId: "region-north" }), "facilitator"],
    ["an administrator", actor("ADMIN"), "facilitator"],
  ])("%s is a party", (_label, who, party) => {
    expect(partyFor(who, allocation)).toBe(party);
  });

  it.each([
    ["another provider's educator", actor("EDUCATOR", { organisationId: "org-other" })],
    ["an educator whose organisation is the university", actor("EDUCATOR", { organisationId: "org-uni" })],
    ["another university's team", actor("UNIVERSITY", { organisationId: "org-other" })],
    ["a university team member whose organisation is the provider", actor("UNIVERSITY", { organisationId: "org-trust" })],
    ["a facilitator of another region", actor("FACILITATOR", { regionId: "region-south" })],
    ["a facilitator without a region", actor("FACILITATOR")],
    ["a student of the university", actor("STUDENT", { organisationId: "org-uni" })],
  ])("%s is not", (_label, who) => {
    expect(partyFor(who, allocation)).toBeNull();
  });
});
