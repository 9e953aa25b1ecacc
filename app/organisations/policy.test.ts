import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canListOrganisations,
  canManageOrganisation,
  canViewOrganisation,
  listsOrganisationsOfEveryRegion,
  visibleOrganisationsFilter,
} from "./policy";
import { ROLES } from "~/vocabulary/roles";
import { actor } from "../../tests/helpers/actors";

const trust = { id: "org-trust", regionId: "region-london" };

describe("canViewOrganisation", () => {
  it.each([
    ["an administrator, anywhere", actor("ADMIN"), true],
    ["a facilitator in its region", actor("FACILITATOR", { regionId: "region-london" }), true],
    ["a facilitator of another region", actor("FACILITATOR", { regionId: "region-north" }), false],
    ["a facilitator with no region", actor("FACILITATOR"), false],
    ["an educator of the organisation", actor("EDUCATOR", { organisationId: "org-trust" }), true],
    ["an educator of another organisation in the same region", actor("EDUCATOR", { organisationId: "org-other" }), false],
    ["a university team member of another organisation", actor("UNIVERSITY", { organisationId: "org-uni" }), false],
    ["a student, even of the organisation", actor("STUDENT", { organisationId: "org-trust" }), false],
  ])("%s: %s", (_label, who, expected) => {
    expect(canViewOrganisation(who, trust)).toBe(expected);
  });
});

describe("managing", () => {
  it("lets only administrators change organisations", () => {
    for (const role of ROLES) {
      expect(canManageOrganisation(actor(role, { organisationId: trust.id, regionId: trust.regionId }), trust)).toBe(role === "ADMIN");
    }
  });

  it("lets administrators and facilitators list organisations", () => {
    expect(ROLES.filter((role) => canListOrganisations(actor(role)))).toEqual(["ADMIN", "FACILITATOR"]);
  });

  it("spans every region only for administrators, exactly when their filter is empty", () => {
    for (const role of ROLES) {
      const who = actor(role, { organisationId: trust.id, regionId: trust.regionId });
      expect(listsOrganisationsOfEveryRegion(who)).toBe(role === "ADMIN");
      expect(listsOrganisationsOfEveryRegion(who)).toBe(JSON.stringify(visibleOrganisationsFilter(who)) === "{}");
    }
  });
});

describe("visibleOrganisationsFilter", () => {
  const ids = fc.constantFrom("a", "b", "c");
  const actors = fc.record({
    id: fc.constant("user"),
    role: fc.constantFrom(...ROLES),
    organisationId: fc.option(ids, { nil: null }),
    regionId: fc.option(ids, { nil: null }),
  });
  const organisations = fc.record({ id: ids, regionId: ids });

  it("selects exactly the organisations canViewOrganisation allows", () => {
    fc.assert(
      fc.property(actors, organisations, (who, organisation) => {
        const filter = visibleOrganisationsFilter(who);
        const selected =
          filter !== null &&
          (filter.id === undefined || filter.id === organisation.id) &&
          (filter.regionId === undefined || filter.regionId === organisation.regionId);
        expect(selected).toBe(canViewOrganisation(who, organisation));
      }),
    );
  });
});
