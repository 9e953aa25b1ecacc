import { describe, expect, it } from "vitest";
import { requireFacilitatorRegion } from "./policy";
import { actor } from "../../tests/helpers/actors";

function thrown(guard: () => unknown): unknown {
  try {
    guard();
  } catch (error) {
    return error;
  }
  return null;
}

describe("requireFacilitatorRegion", () => {
  it("is the facilitator's region", () => {
    expect(requireFacilitatorRegion(actor("FACILITATOR", { regionId: "region-london" }))).toBe("region-london");
  });

  it("answers 403 to a facilitator without a region and to anyone who is not a facilitator", () => {
    for (const who of [actor("FACILITATOR"), actor("ADMIN", { regionId: "region-london" }), actor("EDUCATOR", { organisationId: "org-trust" })]) {
      const refusal = thrown(() => requireFacilitatorRegion(who));
      expect(refusal).toBeInstanceOf(Response);
      expect((refusal as Response).status).toBe(403);
    }
  });
});
