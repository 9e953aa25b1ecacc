import { describe, expect, it } from "vitest";
import type { Actor } from "~/accounts/policy";
import { canCommentOnResources, canManageResources } from "./policy";
import { ROLES } from "~/vocabulary/roles";

const actor = (role: Actor["role"]): Actor => ({ id: "user-1", role, organisationId: null, regionId: null });

describe("resources policy", () => {
  it("lets facilitators and administrators manage resources", () => {
    expect(ROLES.filter((role) => canManageResources(actor(role)))).toEqual(["ADMIN", "FACILITATOR"]);
  });

  it("lets everyone but students comment", () => {
    expect(ROLES.filter((role) => !canCommentOnResources(actor(role)))).toEqual(["STUDENT"]);
  });
});
