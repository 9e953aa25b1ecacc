import { describe, expect, it } from "vitest";
import { action as supportAction } from "~/routes/support";
import { action as newProgrammeAction } from "~/routes/university.programmes.new";
import { FORM_LIMITS } from "~/platform/form-submission.server";
import { useTestDatabase } from "../helpers/database";
import { call, createProviderWorld, signedInAs } from "./provider-fixtures";

/** Every form is read through parseSubmission: bounded in size, and replies carry back only the fields the form has. */
useTestDatabase();

describe("forms read through parseSubmission", () => {
  it("refuses a support request with more fields than any form has with 413 and a reason", async () => {
    const world = await createProviderWorld();
    const form: Record<string, string | string[]> = { topic: "OTHER", body: "We need help with something", extra: Array.from({ length: FORM_LIMITS.maxFields + 1 }, (_, index) => `${index}`) };
    const result = await call(supportAction, "/support", { as: world.signedIn, form });
    expect(result.status).toBe(413);
    expect(await result.response?.text()).toMatch(/too many entries/);
  });

  it("refuses a field name nested beyond any form's with 400", async () => {
    const world = await createProviderWorld();
    const result = await call(supportAction, "/support", { as: world.signedIn, form: { topic: "OTHER", body: "short", [`a${"[a]".repeat(50)}`]: "1" } });
    expect(result.status).toBe(400);
    expect(result.data).toBeNull();
  });

  it("does not echo fields a form does not know when it answers bad input", async () => {
    const world = await createProviderWorld();
    const support = await call(supportAction, "/support", { as: world.signedIn, form: { topic: "OTHER", body: "short", nosy: "ECHOED-SUPPORT" } });
    expect(support.status).toBe(400);
    expect(JSON.stringify(support.data)).toContain("Describe the challenge in 10 characters or more");
    expect(JSON.stringify(support.data)).not.toContain("ECHOED-SUPPORT");

    const university = await signedInAs("UNIVERSITY", world.university.id);
    const programme = await call(newProgrammeAction, "/university/programmes/new", { as: university, form: { name: "", nosy: "ECHOED-PROGRAMME" } });
    expect(programme.status).toBe(400);
    expect(JSON.stringify(programme.data)).not.toContain("ECHOED-PROGRAMME");
  });
});
