import { beforeAll, describe, expect, it } from "vitest";
import { fairShareRatio } from "~/fair-share/fair-share";
import { placedStudents } from "~/marketplace/allocation-rules";
import { loadRegionFairShare } from "~/fair-share/fair-share.server";
import { FUNDING_SCAN_QUEUE, nextFundingScanTime, runFundingScan } from "~/funding/funding-scan.server";
import { jobHandlers } from "~/job-handlers.server";
import { programmeDashboard, providerAwards } from "~/funding/funding.server";
import { prisma } from "~/platform/db/db.server";
import { action as awardAction, loader as awardLoader } from "~/routes/funding.awards.$awardId";
import { action as programmeAction, loader as programmeLoader } from "~/routes/facilitator.funding.$programmeId";
import { loader as csvLoader } from "~/routes/facilitator.funding.delivery[.csv]";
import { action as programmesAction, loader as programmesLoader } from "~/routes/facilitator.funding._index";
import { loader as providerLoader } from "~/routes/provider.funding";
import { useTestDatabase } from "../helpers/database";
import { bannerAfter } from "../helpers/flash";
import { createUser, signInAs, type SignedIn } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";
import { call, createProviderWorld, sessionUserOf, signedInAs } from "./provider-fixtures";

useTestDatabase();

type World = Awaited<ReturnType<typeof createProviderWorld>>;
let world: World;
let facilitatorUser: Awaited<ReturnType<typeof createUser>>;
let facilitator: SignedIn;
let elsewhereFacilitator: SignedIn;
let admin: SignedIn;
let programmeId: string;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const errorsOf = (data: unknown) => (data as { result: { error: Record<string, string[]> } }).result.error;

/** A placement of `students` on the provider's offer in `profession`, for a block with these dates, in `status`. */
async function placement(
  providerId: string,
  status: "PROPOSED" | "CONFIRMED" | "ACCEPTED" | "STUDENTS_NAMED" | "COMPLETED" | "DECLINED",
  students: number,
  start: string,
  end: string,
  profession: "PT" | "OT" = "PT",
) {
  const offer = await createOffer(providerId, { profession, slots: 10, start: "2025-09-01", end: "2027-12-31" });
  const request = await createRequest(world.university.id, { profession, students, start, end });
  return prisma.allocation.create({ data: { offerId: offer.id, requestId: request.id, students, status } });
}

const programmeForm = (overrides: Record<string, string> = {}) => ({
  intent: "create",
  name: "London clinical placement expansion",
  amount: "1,199,633",
  periodStart: "2026-09-01",
  periodEnd: "2027-08-31",
  ratePerWeek: "500",
  ...overrides,
});

const awardForm = (overrides: Record<string, string> = {}) => ({
  intent: "add-award",
  providerId: world.provider.id,
  profession: "PT",
  periodStart: "2026-09-01",
  periodEnd: "2027-08-31",
  unit: "WEEKS",
  committed: "20",
  amount: "20000",
  ...overrides,
});

beforeAll(async () => {
  world = await createProviderWorld();
  facilitatorUser = await createUser("FACILITATOR", { regionId: world.region.id });
  facilitator = await signInAs(facilitatorUser);
  elsewhereFacilitator = await signedInAs("FACILITATOR", null, (await prisma.region.create({ data: { name: "Funding elsewhere" } })).id);
  admin = await signedInAs("ADMIN", null);

  // Last year, the comparable earlier period: 1 student for 4 weeks placed, 1 only proposed.
  await placement(world.provider.id, "COMPLETED", 1, "2026-01-12", "2026-02-06");
  await placement(world.provider.id, "PROPOSED", 2, "2026-01-12", "2026-02-06");
  // This year: placed 2 × 6 weeks, 1 × 4 weeks (both started by March) and 1 × 8 weeks in summer.
  await placement(world.provider.id, "ACCEPTED", 2, "2026-11-02", "2026-12-11");
  await placement(world.provider.id, "COMPLETED", 1, "2027-01-11", "2027-02-05");
  await placement(world.provider.id, "STUDENTS_NAMED", 1, "2027-06-07", "2027-07-30");
  // Not placed, another profession, after the period, another provider: none of these count.
  await placement(world.provider.id, "DECLINED", 3, "2027-01-11", "2027-02-05");
  await placement(world.provider.id, "PROPOSED", 1, "2027-01-11", "2027-02-05");
  await placement(world.provider.id, "ACCEPTED", 2, "2027-01-11", "2027-02-05", "OT");
  await placement(world.provider.id, "ACCEPTED", 1, "2027-09-06", "2027-10-01");
  await placement(world.otherProvider.id, "ACCEPTED", 4, "2027-01-11", "2027-02-05");
  await prisma.workforce.createMany({
    data: [
      { organisationId: world.provider.id, profession: "PT", year: 2026, wte: 10 },
      { organisationId: world.otherProvider.id, profession: "PT", year: 2026, wte: 30 },
    ],
  });
});

describe("recording a programme", () => {
  it("records a programme in the facilitator's region, audited, with its amount in pence", async () => {
    const result = await call(programmesAction, "/facilitator/funding", { as: facilitator, form: programmeForm() });
    expect(result.status).toBe(302);
    const programme = await prisma.fundingProgramme.findFirstOrThrow({ where: { regionId: world.region.id } });
    programmeId = programme.id;
    expect(result.response?.headers.get("Location")).toBe(`/facilitator/funding/${programme.id}`);
    expect(await bannerAfter(result.response, facilitator)).toBe("The programme London clinical placement expansion has been recorded.");
    expect(programme).toMatchObject({ amountPence: 119_963_300, ratePerWeekPence: 50_000, createdById: facilitatorUser.id });
    expect(await prisma.auditEvent.count({ where: { entityId: programme.id, action: "funding-programme-created" } })).toBe(1);
  });

  it.each([
    [{ name: "" }, "name", "Enter a name"],
    [{ amount: "lots" }, "amount", "Enter an amount in pounds, like 250000 or 1,199,633.50"],
    [{ amount: "30000000" }, "amount", "Enter £20,000,000 or less"],
    [{ periodEnd: "2026-01-01" }, "periodEnd", "The period must end on or after its start"],
    [{ periodStart: "2026-02-30" }, "periodStart", "Enter a real date, like 2027-01-04"],
    [{ name: "london clinical placement EXPANSION" }, "name", "Your region already has a programme with that name"],
  ])("refuses %o with 400 next to the field and records nothing", async (overrides, field, message) => {
    const before = await prisma.fundingProgramme.count();
    const result = await call(programmesAction, "/facilitator/funding", { as: facilitator, form: programmeForm(overrides) });
    expect(result.status).toBe(400);
    expect(errorsOf(result.data)[field]).toEqual([message]);
    expect(await prisma.fundingProgramme.count()).toBe(before);
  });

  it("lets administrators read every programme but not record one; educators are refused", async () => {
    const list = await call(programmesLoader, "/facilitator/funding", { as: admin });
    expect((list.data as { programmes: { id: string }[] }).programmes.map((p) => p.id)).toContain(programmeId);
    expect((await call(programmesAction, "/facilitator/funding", { as: admin, form: programmeForm({ name: "By an admin" }) })).status).toBe(403);
    expect((await call(programmesLoader, "/facilitator/funding", { as: world.signedIn })).status).toBe(403);
    const elsewhere = await call(programmesLoader, "/facilitator/funding", { as: elsewhereFacilitator });
    expect((elsewhere.data as { programmes: unknown[] }).programmes).toEqual([]);
  });
});

describe("recording an award", () => {
  let awardId: string;

  it("defaults the baseline from the same dates a year earlier and audits the award", async () => {
    const result = await call(programmeAction, `/facilitator/funding/${programmeId}`, { as: facilitator, params: { programmeId }, form: awardForm() });
    expect(result.status).toBe(302);
    const award = await prisma.fundingAward.findFirstOrThrow({ where: { programmeId } });
    awardId = award.id;
    expect(result.response?.headers.get("Location")).toBe(`/funding/awards/${award.id}`);
    // Only the completed placement of January 2026 was placed; the proposal is not.
    expect(award).toMatchObject({ baselineStudents: 1, baselineWeeks: 4, committed: 20, amountPence: 2_000_000, unit: "WEEKS" });
    expect(await prisma.auditEvent.count({ where: { entityId: award.id, action: "funding-award-created" } })).toBe(1);
  });

  it.each([
    [{ providerId: "" }, "providerId", "Choose a provider"],
    [{ profession: "XX" }, "profession", "Choose a profession"],
    [{ committed: "0" }, "committed", "Enter 1 or more"],
    [{ committed: "2.5" }, "committed", "Enter a whole number"],
    [{ baselineWeeks: "-1" }, "baselineWeeks", "Enter 0 or more"],
    [{ unit: "HOURS" }, "unit", "Choose what the commitment counts"],
    [{ periodEnd: "2025-01-01" }, "periodEnd", "The period must end on or after its start"],
    [{ periodEnd: "2027-12-31" }, "periodStart", "The award's period must fall within the programme's"],
    [{ amount: "1200000", profession: "OT" }, "amount", "The awards would come to more than the programme's amount"],
    [{ profession: "PT" }, "periodStart", "This provider already has an award for that profession in these dates"],
  ])("refuses %o with 400 next to the field", async (overrides, field, message) => {
    const before = await prisma.fundingAward.count();
    const result = await call(programmeAction, `/facilitator/funding/${programmeId}`, { as: facilitator, params: { programmeId }, form: awardForm(overrides) });
    expect(result.status).toBe(400);
    expect(errorsOf(result.data)[field]).toEqual([message]);
    expect(await prisma.fundingAward.count()).toBe(before);
  });

  it("refuses a provider of another region next to the provider", async () => {
    const elsewhere = await prisma.organisation.create({ data: { name: "Far away trust", kind: "PROVIDER", regionId: (await prisma.region.create({ data: { name: "Far away" } })).id } });
    const result = await call(programmeAction, `/facilitator/funding/${programmeId}`, { as: facilitator, params: { programmeId }, form: awardForm({ providerId: elsewhere.id, profession: "OT" }) });
    expect(result.status).toBe(400);
    expect(errorsOf(result.data).providerId).toEqual(["Choose a provider of the programme's region"]);
  });

  it("refuses another region's facilitator (404), an administrator (403) and an unknown action (400)", async () => {
    const form = awardForm({ profession: "OT" });
    expect((await call(programmeAction, `/facilitator/funding/${programmeId}`, { as: elsewhereFacilitator, params: { programmeId }, form })).status).toBe(404);
    expect((await call(programmeLoader, `/facilitator/funding/${programmeId}`, { as: elsewhereFacilitator, params: { programmeId } })).status).toBe(404);
    expect((await call(programmeAction, `/facilitator/funding/${programmeId}`, { as: admin, params: { programmeId }, form })).status).toBe(403);
    expect((await call(programmeAction, `/facilitator/funding/${programmeId}`, { as: facilitator, params: { programmeId }, form: { intent: "delete" } })).status).toBe(400);
    expect(await prisma.fundingAward.count({ where: { programmeId, profession: "OT" } })).toBe(0);
  });

  it("records payments up to the award's amount; the provider may read but not pay", async () => {
    const path = `/funding/awards/${awardId}`;
    const paid = await call(awardAction, path, { as: facilitator, params: { awardId }, form: { intent: "add-payment", payOn: "2026-10-01", amount: "8000" } });
    expect(paid.status).toBe(302);
    await call(awardAction, path, { as: facilitator, params: { awardId }, form: { intent: "add-payment", payOn: "2027-06-01", amount: "12000" } });
    const tooMuch = await call(awardAction, path, { as: facilitator, params: { awardId }, form: { intent: "add-payment", payOn: "2027-07-01", amount: "1" } });
    expect(tooMuch.status).toBe(400);
    expect(errorsOf(tooMuch.data).amount).toEqual(["The payments would come to more than the award"]);
    const badDate = await call(awardAction, path, { as: facilitator, params: { awardId }, form: { intent: "add-payment", payOn: "someday", amount: "1" } });
    expect(badDate.status).toBe(400);
    expect(errorsOf(badDate.data).payOn).toEqual(["Enter a real date, like 2027-01-04"]);
    expect((await call(awardAction, path, { as: world.signedIn, params: { awardId }, form: { intent: "add-payment", payOn: "2027-07-01", amount: "1" } })).status).toBe(403);
    expect((await call(awardAction, path, { as: world.otherSignedIn, params: { awardId }, form: { intent: "add-payment", payOn: "2027-07-01", amount: "1" } })).status).toBe(404);
    expect((await call(awardAction, path, { as: elsewhereFacilitator, params: { awardId }, form: { intent: "add-payment", payOn: "2027-07-01", amount: "1" } })).status).toBe(404);
    expect(await prisma.fundingPayment.count({ where: { awardId } })).toBe(2);
    expect(await prisma.auditEvent.count({ where: { entityId: awardId, action: "funding-payment-added" } })).toBe(2);

    expect((await call(awardLoader, path, { as: world.signedIn, params: { awardId } })).status).toBe(200);
    expect((await call(awardLoader, path, { as: world.otherSignedIn, params: { awardId } })).status).toBe(404);
    expect((await call(awardLoader, path, { as: elsewhereFacilitator, params: { awardId } })).status).toBe(404);
    expect((await call(awardLoader, "/funding/awards/nothing", { as: facilitator, params: { awardId: "nothing" } })).status).toBe(404);
  });

  it("changes an award, keeping the recorded baseline when it is left blank, and refuses an amount below its payments", async () => {
    const path = `/funding/awards/${awardId}`;
    const form = { ...awardForm({ intent: "update-award", committed: "18", amount: "20000" }) };
    const saved = await call(awardAction, path, { as: facilitator, params: { awardId }, form });
    expect(saved.status).toBe(302);
    expect(await prisma.fundingAward.findUniqueOrThrow({ where: { id: awardId } })).toMatchObject({ committed: 18, baselineStudents: 1, baselineWeeks: 4 });
    expect(await prisma.auditEvent.count({ where: { entityId: awardId, action: "funding-award-updated" } })).toBe(1);
    const below = await call(awardAction, path, { as: facilitator, params: { awardId }, form: { ...form, amount: "19999" } });
    expect(below.status).toBe(400);
    expect(errorsOf(below.data).amount).toEqual(["The amount cannot be less than the award's payments"]);
    expect((await call(awardAction, path, { as: admin, params: { awardId }, form })).status).toBe(403);
    await call(awardAction, path, { as: facilitator, params: { awardId }, form: { ...form, committed: "20" } });
  });

  it("changes the programme, refusing an amount below its awards or a period that leaves an award outside", async () => {
    const path = `/facilitator/funding/${programmeId}`;
    const form = { ...programmeForm({ intent: "update-programme" }) };
    const below = await call(programmeAction, path, { as: facilitator, params: { programmeId }, form: { ...form, amount: "19999" } });
    expect(below.status).toBe(400);
    expect(errorsOf(below.data).amount).toEqual(["The amount cannot be less than the awards already made from it"]);
    const shorter = await call(programmeAction, path, { as: facilitator, params: { programmeId }, form: { ...form, periodEnd: "2027-03-31" } });
    expect(shorter.status).toBe(400);
    expect(errorsOf(shorter.data).periodStart).toEqual(["The period must cover the periods of the awards already made"]);
    expect((await call(programmeAction, path, { as: facilitator, params: { programmeId }, form: { ...form, notes: "Second year confirmed" } })).status).toBe(302);
    expect(await prisma.fundingProgramme.findUniqueOrThrow({ where: { id: programmeId } })).toMatchObject({ notes: "Second year confirmed", amountPence: 119_963_300 });
  });

  it("refuses removing a payment of another award with 404 next to it", async () => {
    const result = await call(awardAction, `/funding/awards/${awardId}`, { as: facilitator, params: { awardId }, form: { intent: "remove-payment", paymentId: "not-a-payment" } });
    expect(result.status).toBe(404);
    expect(errorsOf(result.data).paymentId).toEqual(["Payment not found"]);
  });
});

describe("delivery over the baseline", () => {
  const march = day("2027-03-02");

  it("counts placed students and weeks of the award's provider and profession in its period, over the baseline", async () => {
    const dashboard = await programmeDashboard(sessionUserOf(facilitatorUser), programmeId, march);
    const [row] = dashboard.awards;
    // 2 × 6 + 1 × 4 + 1 × 8 weeks; the confirmed, proposed, OT, September and other-provider placements are left out.
    expect(row.delivery.secured).toEqual({ students: 4, weeks: 24 });
    expect(row.delivery.additional).toEqual({ students: 3, weeks: 20 });
    expect(row.byMonth).toEqual([
      { month: "2026-11", students: 2, weeks: 12 },
      { month: "2027-01", students: 1, weeks: 4 },
      { month: "2027-06", students: 1, weeks: 8 },
    ]);
    // £8,000 paid by March over 20 additional weeks: £400 a week; 20 weeks at the £500 rule earn £10,000.
    expect(row.delivery.paidPence).toBe(800_000);
    expect(row.delivery.pencePerAdditionalWeek).toBe(40_000);
    expect(row.delivery.earnedPence).toBe(1_000_000);
    expect(dashboard.totals).toMatchObject({ committedWeeks: 20, additionalWeeks: 20, paidPence: 800_000, behind: 0 });
    expect(dashboard.byProvider.map((group) => group.label)).toEqual([world.provider.name]);
    expect(dashboard.byProfession.map((group) => group.label)).toEqual(["Physiotherapy"]);
  });

  it("is on track in March (16 weeks started less 4 × 182/365 of baseline, against 20 × 182/365) and behind with a bigger commitment", async () => {
    const [row] = (await programmeDashboard(sessionUserOf(facilitatorUser), programmeId, march)).awards;
    expect(row.delivery.deliveredToDate).toBeCloseTo(16 - 4 * (182 / 365), 6);
    expect(row.delivery.expectedToDate).toBeCloseTo(20 * (182 / 365), 6);
    expect(row.delivery.behind).toBe(false);
    await prisma.fundingAward.update({ where: { id: row.award.id }, data: { committed: 40 } });
    const [behind] = (await programmeDashboard(sessionUserOf(facilitatorUser), programmeId, march)).awards;
    expect(behind.delivery.behind).toBe(true);
    await prisma.fundingAward.update({ where: { id: row.award.id }, data: { committed: 20 } });
  });

  it("shows the provider's fair-share ratio of placed students with and without the award's additional students", async () => {
    const [row] = (await programmeDashboard(sessionUserOf(facilitatorUser), programmeId, march)).awards;
    const region = await loadRegionFairShare(world.region.id, 2026);
    const pt = region.providers.find((provider) => provider.id === world.provider.id)!.rows.find((r) => r.profession === "PT")!;
    const placed = placedStudents(pt.stages);
    expect(row.fairShare).toMatchObject({ year: 2026, fairShare: pt.fairShare, placed, ratioNow: fairShareRatio(placed, pt.fairShare) });
    expect(row.fairShare?.ratioWithout).toBe(fairShareRatio(placed - 3, pt.fairShare));
    expect(row.fairShare!.ratioWithout!).toBeLessThan(row.fairShare!.ratioNow!);
  });

  it("gives the same figures in the CSV, to the region's facilitators and administrators only", async () => {
    const path = `/facilitator/funding/delivery.csv?programme=${programmeId}`;
    const result = await call(csvLoader, path, { as: facilitator });
    expect(result.status).toBe(200);
    const lines = (await result.response!.text()).trim().split("\n");
    expect(lines[0]).toContain("provider,profession,period_start");
    expect(lines[1]).toContain(`${world.provider.name},Physiotherapy,2026-09-01,2027-08-31,weeks,20,1,4,4,24,3,20`);
    expect((await call(csvLoader, path, { as: admin })).status).toBe(200);
    expect((await call(csvLoader, path, { as: elsewhereFacilitator })).status).toBe(404);
    expect((await call(csvLoader, path, { as: world.signedIn })).status).toBe(403);
    expect((await call(csvLoader, "/facilitator/funding/delivery.csv", { as: facilitator })).status).toBe(400);
  });

  it("shows a provider its own awards only", async () => {
    const own = await call(providerLoader, "/provider/funding", { as: world.signedIn });
    expect((own.data as { awards: { award: { providerId: string } }[] }).awards.map((row) => row.award.providerId)).toEqual([world.provider.id]);
    const other = await call(providerLoader, "/provider/funding", { as: world.otherSignedIn });
    expect((other.data as { awards: unknown[] }).awards).toEqual([]);
    expect(await providerAwards(world.otherEducator)).toEqual([]);
  });
});

describe("the daily funding scan", () => {
  it("tells the provider's educators and the region's facilitators of an award behind, once a month, and raises one case past half its period", async () => {
    const award = await prisma.fundingAward.create({
      data: {
        programmeId,
        providerId: world.otherProvider.id,
        profession: "OT",
        periodStart: day("2026-09-01"),
        periodEnd: day("2027-08-31"),
        unit: "STUDENTS",
        committed: 6,
        baselineStudents: 0,
        baselineWeeks: 0,
        amountPence: 1_000_000,
      },
    });
    const link = `/funding/awards/${award.id}`;
    const told = () => prisma.notification.findMany({ where: { link }, select: { userId: true, kind: true } });

    // December: behind (nothing started against 6 × 91/365 expected) but not yet half the period.
    await runFundingScan(new Date("2026-12-01T06:15:00Z"));
    const first = await told();
    expect(first.map((n) => n.userId).sort()).toEqual([world.otherEducator.id, facilitatorUser.id].sort());
    expect(first.every((n) => n.kind === "funding-award-behind")).toBe(true);
    expect(await prisma.shortfallCase.count({ where: { sourceKey: `funding-behind:${award.id}` } })).toBe(0);

    await runFundingScan(new Date("2026-12-02T06:15:00Z"));
    expect(await told()).toHaveLength(2);

    await runFundingScan(new Date("2027-03-03T06:15:00Z"));
    await runFundingScan(new Date("2027-03-04T06:15:00Z"));
    expect(await told()).toHaveLength(4);
    const cases = await prisma.shortfallCase.findMany({ where: { sourceKey: `funding-behind:${award.id}` } });
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ kind: "FUNDING_BEHIND", regionId: world.region.id, profession: "OT", organisationIds: [world.otherProvider.id] });

    // The on-track award told nobody.
    const onTrack = await prisma.fundingAward.findFirstOrThrow({ where: { programmeId, providerId: world.provider.id } });
    expect(await prisma.notification.count({ where: { link: `/funding/awards/${onTrack.id}` } })).toBe(0);
    await prisma.fundingAward.delete({ where: { id: award.id } });
  });

  it("runs as a daily job at 06:15 UTC that schedules its next run once", async () => {
    expect(nextFundingScanTime(new Date("2026-12-01T06:00:00Z"))).toEqual(new Date("2026-12-01T06:15:00Z"));
    expect(nextFundingScanTime(new Date("2026-12-01T06:15:00Z"))).toEqual(new Date("2026-12-02T06:15:00Z"));
    const result = await jobHandlers[FUNDING_SCAN_QUEUE]({ id: "job", queue: FUNDING_SCAN_QUEUE, payload: {}, attempts: 1 } as never);
    expect(result).toMatchObject({ notified: expect.any(Number), fundingCasesRaised: expect.any(Number) });
    const next = nextFundingScanTime(new Date());
    expect(await prisma.job.count({ where: { queue: FUNDING_SCAN_QUEUE, dedupeKey: `funding-scan:${next.toISOString()}`, runAt: next } })).toBe(1);
  });
});
