import { describe, expect, it } from "vitest";
import { canChangeUserStatus, canEraseUser, canManageUsers, facilitatedRegionOf } from "./policy";
import { ROLES } from "~/vocabulary/roles";
import { actor } from "../../tests/helpers/actors";

describe("managing", () => {
  it("lets only administrators change users", () => {
    for (const role of ROLES) {
      expect(canManageUsers(actor(role))).toBe(role === "ADMIN");
    }
  });

  it("never lets an administrator deactivate or reactivate themself", () => {
    expect(canChangeUserStatus(actor("ADMIN"), { id: "user-2" })).toBe(true);
    expect(canChangeUserStatus(actor("ADMIN"), { id: "user-1" })).toBe(false);
    expect(canChangeUserStatus(actor("FACILITATOR"), { id: "user-2" })).toBe(false);
  });

  it("lets administrators erase anyone's data but their own", () => {
    expect(canEraseUser(actor("ADMIN"), { id: "user-2" })).toBe(true);
    expect(canEraseUser(actor("ADMIN"), { id: "user-1" })).toBe(false);
    for (const role of ROLES.filter((role) => role !== "ADMIN")) {
      expect(canEraseUser(actor(role), { id: "user-2" })).toBe(false);
    }
  });
});

describe("facilitatedRegionOf", () => {
  it("is the region of a facilitator linked to one", () => {
    expect(facilitatedRegionOf(actor("FACILITATOR", { regionId: "region-london" }))).toBe("region-london");
  });

  it("is null for a facilitator without a region and for every other role, region or not", () => {
    expect(facilitatedRegionOf(actor("FACILITATOR"))).toBeNull();
    for (const role of ROLES.filter((role) => role !== "FACILITATOR")) {
      expect(facilitatedRegionOf(actor(role, { regionId: "region-london", organisationId: "org-1" }))).toBeNull();
    }
  });
});
