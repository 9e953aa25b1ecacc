import { describe, expect, it } from "vitest";
import { jobHandlers } from "~/job-handlers.server";
import { setPreferences } from "~/notifications/inbox.server";
import { prisma } from "~/platform/db/db.server";
import { runQualityChecks } from "~/quality/quality-checks.server";
import { loader as qualityLoader } from "~/routes/facilitator.quality";
import { action as supportAction } from "~/routes/support";
import { addUtcDays, startOfUtcDay } from "~/platform/utc-days";
import { useTestDatabase } from "../helpers/database";
import { usePortalMailWithWorker } from "../helpers/smtp";
import { call, createCaseWorld, notificationsOf } from "./cases-fixtures";

useTestDatabase();
const { smtp, worker } = usePortalMailWithWorker();

const mailsTo = (email: string, subject: string) =>
  smtp.messages.filter((mail) => mail.subject?.includes(subject) && mail.to && "text" in mail.to && mail.to.text.includes(email));

describe("a support request", () => {
  it("tells the region's facilitators in the portal, and by email to those who want it at once", async () => {
    const world = await createCaseWorld();
    // The colleague keeps support requests in the portal only.
    await setPreferences(world.colleague.user.id, { "support-requested": "IN_APP" });
    const body = "We have lost two PT educators and cannot host in March.";
    const sent = await call(supportAction, "/support", { as: world.educator.signed, form: { topic: "capacity", body } });
    expect(sent.status).toBe(200);

    const expected = {
      title: `${world.provider.name} asks for support: a capacity challenge`,
      body: `${world.educator.user.name} wrote: ${body}`,
      link: "/facilitator/cases#support-heading",
    };
    expect(await notificationsOf(world.facilitator.user.id, "support-requested")).toEqual([expected]);
    expect(await notificationsOf(world.colleague.user.id, "support-requested")).toEqual([expected]);
    // Nobody outside the region, and not the asker.
    expect(await notificationsOf(world.otherFacilitator.user.id, "support-requested")).toEqual([]);
    expect(await notificationsOf(world.educator.user.id, "support-requested")).toEqual([]);
    expect(await prisma.notification.count({ where: { kind: "support-requested", userId: world.admin.user.id } })).toBe(0);

    await worker.drain();
    const mails = mailsTo(world.facilitator.user.email, "asks for support");
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(body);
    expect(mails[0].text).toContain("http://portal.test/facilitator/cases#support-heading");
    expect(mailsTo(world.colleague.user.email, "asks for support")).toHaveLength(0);
    expect(smtp.messages.filter((mail) => mail.subject?.includes("asks for support"))).toHaveLength(1);
  });

  it("from a university reaches its region's facilitators too", async () => {
    const world = await createCaseWorld();
    await call(supportAction, "/support", { as: world.universityUser.signed, form: { topic: "quality", body: "Students report no induction at two sites." } });
    expect(await notificationsOf(world.facilitator.user.id, "support-requested")).toEqual([
      expect.objectContaining({ title: `${world.university.name} asks for support: a quality challenge` }),
    ]);
    expect(await notificationsOf(world.otherFacilitator.user.id, "support-requested")).toEqual([]);
  });
});

describe("the daily quality checks", () => {
  it("flag an expired audit and an overdue action, and tell the provider's educators and the region's facilitators once", async () => {
    const world = await createCaseWorld();
    const now = new Date();
    const today = startOfUtcDay(now);
    const audit = await prisma.placementAudit.create({
      data: { siteId: world.site.id, providerId: world.provider.id, rating: "REQUIRES_IMPROVEMENT", auditedOn: addUtcDays(today, -800), expiresOn: addUtcDays(today, -3) },
    });
    const overdue = await prisma.auditActionItem.create({ data: { auditId: audit.id, description: "Name a practice educator for every student", dueOn: addUtcDays(today, -10) } });
    // Done, and not yet due: neither is overdue.
    await prisma.auditActionItem.create({ data: { auditId: audit.id, description: "Induction pack", dueOn: addUtcDays(today, -20), completedOn: addUtcDays(today, -21) } });
    await prisma.auditActionItem.create({ data: { auditId: audit.id, description: "Rota review", dueOn: addUtcDays(today, 5) } });
    // Another region's provider with its own overdue action: its people only.
    const otherAudit = await prisma.placementAudit.create({
      data: { siteId: world.otherSite.id, providerId: world.otherProvider.id, rating: "SATISFACTORY", auditedOn: addUtcDays(today, -100), expiresOn: addUtcDays(today, 600) },
    });
    const otherItem = await prisma.auditActionItem.create({ data: { auditId: otherAudit.id, description: "Update the learning agreement", dueOn: addUtcDays(today, -1) } });

    // The flags show on the facilitator's quality page as soon as the records say so.
    const page = await call(qualityLoader, "/facilitator/quality", { as: world.facilitator.signed });
    const flags = (page.data as { providers: { id: string; flags: { flag: string; siteId: string }[] }[] }).providers.find((p) => p.id === world.provider.id)?.flags;
    expect(flags?.filter((f) => f.siteId === world.site.id).map((f) => f.flag).sort()).toEqual(["actions-overdue", "audit-expired"]);

    await jobHandlers["quality-checks"]({ id: "job", queue: "quality-checks", payload: {}, attempts: 1 } as never);
    for (const person of [world.educator, world.facilitator, world.colleague]) {
      expect(await notificationsOf(person.user.id, "audit-action-overdue")).toEqual([
        {
          title: `An audit action for ${world.site.name} is overdue`,
          body: expect.stringContaining(`"Name a practice educator for every student" was due on`),
          link: `/provider/audits/${audit.id}`,
        },
      ]);
      expect(await notificationsOf(person.user.id, "audit-expiring")).toEqual([
        expect.objectContaining({ title: `The placement audit of ${world.site.name} has expired`, link: `/provider/audits/${audit.id}` }),
      ]);
    }
    // Not another provider's educators, and another region's facilitator hears only of their own.
    expect(await notificationsOf(world.lowEducator.user.id, "audit-action-overdue")).toEqual([]);
    expect(await notificationsOf(world.otherFacilitator.user.id, "audit-action-overdue")).toEqual([expect.objectContaining({ link: `/provider/audits/${otherAudit.id}` })]);
    expect(await prisma.notification.count({ where: { eventKey: `audit-action-overdue:${overdue.id}` } })).toBe(3);
    expect(await prisma.notification.count({ where: { eventKey: `audit-action-overdue:${otherItem.id}` } })).toBe(2);

    await worker.drain();
    expect(mailsTo(world.educator.user.email, "audit action")).toHaveLength(1);
    expect(mailsTo(world.facilitator.user.email, "audit action")).toHaveLength(1);

    // The next day's run tells nobody again; marking the action done stops the flag.
    await runQualityChecks(addUtcDays(now, 1));
    expect(await prisma.notification.count({ where: { eventKey: `audit-action-overdue:${overdue.id}` } })).toBe(3);
    expect(await prisma.notification.count({ where: { kind: "audit-expiring", eventKey: `audit-expiring:${audit.id}:expired` } })).toBe(3);
    await worker.drain();
    expect(mailsTo(world.educator.user.email, "audit action")).toHaveLength(1);
    await prisma.auditActionItem.update({ where: { id: overdue.id }, data: { completedOn: today } });
    const after = await call(qualityLoader, "/facilitator/quality", { as: world.facilitator.signed });
    const flagsAfter = (after.data as { providers: { id: string; flags: { flag: string; siteId: string }[] }[] }).providers.find((p) => p.id === world.provider.id)?.flags;
    expect(flagsAfter?.filter((f) => f.siteId === world.site.id).map((f) => f.flag)).toEqual(["audit-expired"]);
  });
});
