import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "~/settings/settings";
import { action, loader } from "~/routes/admin.settings";
import { getSettings } from "~/settings/settings.server";
import { useTestDatabase } from "../helpers/database";
import { buildRequest, createOrganisation, createUser, settle, signInAs, testContext } from "../helpers/fixtures";

useTestDatabase();

const form = { fairShareRed: "0.7", fairShareAmber: "0.95", unmetRequestWeeks: "8", feedbackThreshold: "3.5", auditWarningDays: "45", matchingLeadDays: "21" };

describe("administrator thresholds", () => {
  it("start at the defaults and save what the administrator sets", async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    const admin = await signInAs(await createUser("ADMIN"));
    const saved = await settle(() => action({ request: buildRequest("/admin/settings", { as: admin, form }), params: {}, context: testContext }));
    expect(saved.status).toBe(200);
    expect(await getSettings()).toEqual({ fairShareRed: 0.7, fairShareAmber: 0.95, unmetRequestWeeks: 8, feedbackThreshold: 3.5, auditWarningDays: 45, matchingLeadDays: 21 });
  });

  it("refuse red at or above amber, and out-of-range values, saving nothing", async () => {
    const before = await getSettings();
    const admin = await signInAs(await createUser("ADMIN"));
    const bad = await settle(() => action({ request: buildRequest("/admin/settings", { as: admin, form: { ...form, fairShareRed: "1.2", unmetRequestWeeks: "99", matchingLeadDays: "-3" } }), params: {}, context: testContext }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data)).toContain("The red threshold must be below the amber threshold");
    expect(JSON.stringify(bad.data)).toContain("Enter 26 or less");
    expect(JSON.stringify(bad.data)).toContain("Enter 0 or more");
    expect(await getSettings()).toEqual(before);
  });

  it("are for administrators only", async () => {
    const facilitator = await signInAs(await createUser("FACILITATOR"));
    const educator = await signInAs(await createUser("EDUCATOR", { organisationId: (await createOrganisation()).id }));
    expect((await settle(() => loader({ request: buildRequest("/admin/settings", { as: facilitator }), params: {}, context: testContext }))).status).toBe(403);
    expect((await settle(() => action({ request: buildRequest("/admin/settings", { as: educator, form }), params: {}, context: testContext }))).status).toBe(403);
  });
});
