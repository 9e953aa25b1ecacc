import { describe, expect, it } from "vitest";
import { createSession } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { loader as accountLoader } from "~/routes/account";
import { useTestDatabase } from "../helpers/database";
import { buildRequest, createOrganisation, createUser, settle, signInAs, testContext } from "../helpers/fixtures";

useTestDatabase();

describe("the account page", () => {
  it("names the organisation and counts the browsers still signed in, not the expired ones, in any time zone", async () => {
    const organisation = await createOrganisation({ name: "Riverside Trust" });
    const user = await createUser("EDUCATOR", { organisationId: organisation.id });
    const other = await createUser("EDUCATOR", { organisationId: organisation.id });
    const signedIn = await signInAs(user);
    await createSession(user.id);
    await createSession(other.id);
    const expired = await createSession(user.id);
    // Expired an hour ago: a server in a zone behind UTC must not count it as live.
    await prisma.session.updateMany({ where: { userId: user.id, expiresAt: expired.expiresAt }, data: { expiresAt: new Date(Date.now() - 3_600_000) } });
    const zone = process.env.TZ;
    try {
      for (const tz of ["UTC", "America/New_York", "Asia/Tokyo"]) {
        process.env.TZ = tz;
        const page = await settle(() => accountLoader({ request: buildRequest("/account", { as: signedIn }), params: {}, context: testContext }));
        expect(page.status).toBe(200);
        expect(page.data, tz).toMatchObject({ organisationName: "Riverside Trust", sessionCount: 2 });
      }
    } finally {
      process.env.TZ = zone;
    }
    const student = await createUser("STUDENT");
    const studentSignedIn = await signInAs(student);
    const alone = await settle(() => accountLoader({ request: buildRequest("/account", { as: studentSignedIn }), params: {}, context: testContext }));
    expect(alone.data).toMatchObject({ organisationName: null, sessionCount: 1 });
  });
});
