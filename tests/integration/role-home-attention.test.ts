import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getAdminAttention } from "~/dashboards/home.server";
import { prisma } from "~/platform/db/db.server";
import { loader as adminHomeLoader } from "~/routes/admin._index";
import { currentAcademicYear } from "~/vocabulary/academic-year";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createUser, signInAs } from "../helpers/fixtures";
import { call } from "./provider-fixtures";

useTestDatabase();

const NOW = new Date("2026-11-30T09:00:00Z");

describe("the administrator's home: what needs attention", () => {
  it("counts invitations still open (not accepted, revoked or expired) and providers without this year's workforce", async () => {
    const before = await getAdminAttention(NOW);
    const admin = await createUser("ADMIN");
    const invite = (data: { expiresAt: Date; acceptedAt?: Date; revokedAt?: Date }) =>
      prisma.invitation.create({
        data: { tokenHash: randomUUID(), email: `${randomUUID()}@example.com`, name: "Invited", role: "EDUCATOR", invitedById: admin.id, ...data },
      });
    await invite({ expiresAt: new Date("2026-12-05T00:00:00Z") });
    await invite({ expiresAt: new Date("2026-12-05T00:00:00Z"), acceptedAt: NOW });
    await invite({ expiresAt: new Date("2026-12-05T00:00:00Z"), revokedAt: NOW });
    await invite({ expiresAt: new Date("2026-11-29T00:00:00Z") });

    const year = currentAcademicYear(NOW);
    const missing = await createOrganisation({ name: "Aaa Trust without figures" });
    const lastYearOnly = await createOrganisation({ name: "Aab Trust with last year's figures" });
    const complete = await createOrganisation({ name: "Aac Trust with figures" });
    await createOrganisation({ kind: "UNIVERSITY", name: "Aad University" });
    await prisma.workforce.create({ data: { organisationId: lastYearOnly.id, profession: "PT", year: year - 1, wte: 10 } });
    await prisma.workforce.create({ data: { organisationId: complete.id, profession: "PT", year, wte: 10 } });

    const after = await getAdminAttention(NOW);
    expect(after.pendingInvitations - before.pendingInvitations).toBe(1);
    expect(after.withoutWorkforce.count - before.withoutWorkforce.count).toBe(2);
    expect(after.withoutWorkforce.first.map((organisation) => organisation.id)).toEqual(expect.arrayContaining([missing.id, lastYearOnly.id]));
    expect(after.withoutWorkforce.first.map((organisation) => organisation.id)).not.toContain(complete.id);

    const page = await call(adminHomeLoader, "/admin", { as: await signInAs(admin) });
    expect(page.status).toBe(200);
    expect((page.data as { attention: { withoutWorkforce: { count: number } } }).attention.withoutWorkforce.count).toBeGreaterThanOrEqual(2);
  });
});
