import { describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { action as resourceAction } from "~/routes/resources.$resourceId";
import { action as notificationsAction } from "~/routes/notifications._index";
import { action as newOfferAction } from "~/routes/provider.offers.new";
import { loader as offersLoader } from "~/routes/provider.offers._index";
import { loader as offersExport } from "~/routes/provider.offers.export[.csv]";
import { action as newCaseAction } from "~/routes/facilitator.cases.new";
import { action as startRunAction } from "~/routes/facilitator.matching._index";
import { useTestDatabase } from "../helpers/database";
import { call, createProviderWorld, offerForm, signedInAs } from "./provider-fixtures";

/** Bad input in forms and filters is a 4xx with a reason, or is cleaned; never a 500. */
useTestDatabase();

describe("control characters in forms", () => {
  it("drops a NUL from a comment instead of failing to save it", async () => {
    const world = await createProviderWorld();
    const resource = await prisma.resource.create({ data: { title: "Guide", summary: "A guide", category: "best-practice", tags: [] } });
    const result = await call(resourceAction, `/resources/${resource.id}`, {
      as: world.signedIn,
      params: { resourceId: resource.id },
      form: { body: "Useful\u0000 guide\u0007, thank you\nSecond line" },
    });
    expect(result.status).toBe(200);
    const [comment] = await prisma.resourceComment.findMany({ where: { resourceId: resource.id } });
    expect(comment?.body).toBe("Useful guide, thank you\nSecond line");
  });
});

describe("too many values in one post", () => {
  it("refuses 70,000 notification ids with 413 and a reason", async () => {
    const world = await createProviderWorld();
    const ids = Array.from({ length: 70_000 }, (_, index) => `n${index}`);
    const result = await call(notificationsAction, "/notifications", { as: world.signedIn, form: { intent: "mark-read", id: ids } });
    expect(result.status).toBe(413);
    expect(await result.response?.text()).toMatch(/too many entries/);
  });
});

describe("impossible dates", () => {
  it("says by the field that a filter date is not real, and keeps listing", async () => {
    const world = await createProviderWorld();
    const result = await call(offersLoader, "/provider/offers?from=9999-99-99&to=0000-01-01", { as: world.signedIn });
    expect(result.status).toBe(200);
    const body = result.data as { dateErrors: { from?: string; to?: string } };
    expect(body.dateErrors.from).toMatch(/real date/);
    expect(body.dateErrors.to).toMatch(/real date/);
  });

  it("says an end before the start is wrong rather than showing an empty list", async () => {
    const world = await createProviderWorld();
    const result = await call(offersLoader, "/provider/offers?from=2027-03-01&to=2027-01-01", { as: world.signedIn });
    expect((result.data as { dateErrors: { to?: string } }).dateErrors.to).toBe("The end date must be on or after the start date");
  });

  it("refuses an export with an impossible date with 400 and a reason", async () => {
    const world = await createProviderWorld();
    const result = await call(offersExport, "/provider/offers/export.csv?from=2026-13-01", { as: world.signedIn });
    expect(result.status).toBe(400);
    expect(await result.response?.text()).toMatch(/real date/);
  });

  it("refuses a case due on 0000-00-00 by its field", async () => {
    const world = await createProviderWorld();
    const facilitator = await signedInAs("FACILITATOR", null, world.region.id);
    const result = await call(newCaseAction, "/facilitator/cases/new", {
      as: facilitator,
      form: { kind: "OTHER", severity: "LOW", title: "Check the dates", studentsAffected: "0", dueOn: "0000-00-00" },
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ field: "dueOn" });
  });

  it("refuses a matching run over the whole calendar, saying why by the field", async () => {
    const world = await createProviderWorld();
    const facilitator = await signedInAs("FACILITATOR", null, world.region.id);
    for (const [periodStart, periodEnd] of [["0001-01-01", "9999-12-31"], ["2026-09-01", "2031-08-31"]]) {
      const result = await call(startRunAction, "/facilitator/matching", { as: facilitator, form: { periodStart, periodEnd, profession: "" } });
      expect(result.status, periodStart).toBe(400);
    }
    expect(await prisma.matchingRun.count()).toBe(0);
  });

  it("refuses to publish offers starting in 1900, 2020 or 9999", async () => {
    const world = await createProviderWorld();
    for (const [startDate, endDate] of [["1900-01-01", "1900-02-01"], ["2020-01-06", "2020-02-28"], ["9999-01-04", "9999-02-26"]]) {
      const result = await call(newOfferAction, "/provider/offers/new", {
        as: world.signedIn,
        form: offerForm(world.site.id, { intent: "publish", startDate, endDate }),
      });
      expect(result.status, startDate).toBe(400);
      expect(JSON.stringify(result.data), startDate).toMatch(/startDate/);
    }
    expect(await prisma.offer.count({ where: { providerId: world.provider.id } })).toBe(0);
  });
});
