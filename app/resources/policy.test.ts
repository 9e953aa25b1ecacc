import { describe, expect, it } from "vitest";
import { canCommentOnResources, canManageResources } from "./policy";
import { ROLES } from "~/vocabulary/roles";
import { actor } from "../../tests/helpers/actors";

describe("resources policy", () => {
  it("lets facilitators and administrators manage resources", () => {
    expect(ROLES.filter((role) => canManageResources(actor(role)))).toEqual(["ADMIN", "FACILITATOR"]);
  });

  it("lets everyone but students comment", () => {
    expect(ROLES.filter((role) => !canCommentOnResources(actor(role)))).toEqual(["STUDENT"]);
  });
});
