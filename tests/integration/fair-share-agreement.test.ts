import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/platform/db/db.server";
import { bookOffer } from "~/marketplace/allocations.server";
import { runCapacityChecks } from "~/notifications/capacity-checks.server";
import { loader as drillDownLoader } from "~/routes/facilitator.fair-share.$providerId";
import { loader as regionFairShareLoader } from "~/routes/facilitator.fair-share._index";
import { loader as providersCsvLoader } from "~/routes/facilitator.fair-share.providers[.csv]";
import { loader as overviewLoader } from "~/routes/facilitator._index";
import { loader as capacityLoader } from "~/routes/provider.capacity";
import { loader as providerFairShareLoader } from "~/routes/provider.fair-share";
import { useTestDatabase } from "../helpers/database";
import { createOrganisation, createRegion, createUser, signInAs, type SignedIn } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";
import { call, sessionUserOf } from "./provider-fixtures";

useTestDatabase();

// In 2026/27, so the daily checks look at the same academic year as the pages below.
const NOW = new Date("2026-12-01T09:00:00Z");

/**
 * One region in 2026/27. Alpha has 20 PT WTE, Beta 10; the university asks for 10 PT students
 * (6 from September, 4 from January; a block starting in August 2026 belongs to 2025/26).
 * Fair shares 6.67 and 3.33 → Alpha 7, Beta 3 (largest remainder).
 * Alpha offers 6 slots from January (2 booked): 6 of 7, amber.
 * Beta offers 1 slot from November, and 3 slots in a window from 17 August to 9 October 2026:
 * that offer overlaps 2026/27 but starts in 2025/26, so it counts there. Beta: 1 of 3, red
 * (counted by overlap it would be 4 of 3, green, and Beta would never be told).
 */
let alpha: { id: string; name: string };
let beta: { id: string; name: string };
let facilitator: SignedIn;
let alphaEducator: SignedIn;
let betaEducator: SignedIn;

beforeAll(async () => {
  const region = await createRegion();
  alpha = await createOrganisation({ regionId: region.id, name: "Alpha Hospitals NHS Trust" });
  beta = await createOrganisation({ regionId: region.id, name: "Beta Community Trust" });
  await prisma.workforce.createMany({
    data: [
      { organisationId: alpha.id, profession: "PT", year: 2026, wte: 20 },
      { organisationId: beta.id, profession: "PT", year: 2026, wte: 10 },
    ],
  });
  const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const placementTeam = sessionUserOf(await createUser("UNIVERSITY", { organisationId: university.id }));
  await createRequest(university.id, { students: 6, start: "2026-09-07", end: "2026-10-02" });
  const january = await createRequest(university.id, { students: 4, start: "2027-01-11", end: "2027-02-05" });
  await createRequest(university.id, { students: 5, start: "2026-08-24", end: "2026-09-18" });

  const alphaOffer = await createOffer(alpha.id, { slots: 6, start: "2027-01-04", end: "2027-02-26" });
  await createOffer(beta.id, { slots: 1, start: "2026-11-02", end: "2026-11-27" });
  await createOffer(beta.id, { slots: 3, start: "2026-08-17", end: "2026-10-09" });
  await bookOffer(placementTeam, { offerId: alphaOffer.id, requestId: january.id, students: 2 });

  facilitator = await signInAs(await createUser("FACILITATOR", { regionId: region.id }));
  alphaEducator = await signInAs(await createUser("EDUCATOR", { organisationId: alpha.id }));
  betaEducator = await signInAs(await createUser("EDUCATOR", { organisationId: beta.id }));
});

interface Figures {
  fairShare: number;
  offered: number;
  /** The ratio as every page and file shows it: two decimals. */
  ratio: string;
}

const twoDecimals = (ratio: number | null) => (ratio === null ? "—" : ratio.toFixed(2));
const EXPECTED: Record<"alpha" | "beta", Figures> = {
  alpha: { fairShare: 7, offered: 6, ratio: "0.86" },
  beta: { fairShare: 3, offered: 1, ratio: "0.33" },
};

async function capacityPage(as: SignedIn): Promise<Figures> {
  const data = (await call(capacityLoader, "/provider/capacity?year=2026", { as })).data as {
    rows: { profession: string; fairShare: number; offered: number; offeredRatio: number | null }[];
    summary: { fairShare: number; offered: number; ratio: number | null };
  };
  const pt = data.rows.find((row) => row.profession === "PT")!;
  expect([data.summary.fairShare, data.summary.offered, data.summary.ratio]).toEqual([pt.fairShare, pt.offered, pt.offeredRatio]);
  return { fairShare: pt.fairShare, offered: pt.offered, ratio: twoDecimals(pt.offeredRatio) };
}

async function providerFairSharePage(as: SignedIn): Promise<Figures> {
  const data = (await call(providerFairShareLoader, "/provider/fair-share?year=2026&profession=PT", { as })).data as {
    rows: { isSelf: boolean; fairShare: number | null; offered: number | null; ratio: number | null }[];
  };
  const own = data.rows.find((row) => row.isSelf)!;
  return { fairShare: own.fairShare!, offered: own.offered!, ratio: twoDecimals(own.ratio) };
}

async function regionDashboard(providerId: string): Promise<Figures> {
  const data = (await call(regionFairShareLoader, "/facilitator/fair-share?year=2026&profession=PT", { as: facilitator })).data as {
    rows: { providerId: string; fairShare: number; offered: number; ratio: number | null }[];
  };
  const row = data.rows.find((r) => r.providerId === providerId)!;
  return { fairShare: row.fairShare, offered: row.offered, ratio: twoDecimals(row.ratio) };
}

async function drillDown(providerId: string): Promise<Figures> {
  const data = (await call(drillDownLoader, `/facilitator/fair-share/${providerId}?year=2026`, { as: facilitator, params: { providerId } })).data as {
    fairShare: { rows: { profession: string; fairShare: number; offered: number; offeredRatio: number | null }[] };
  };
  const pt = data.fairShare.rows.find((row) => row.profession === "PT")!;
  return { fairShare: pt.fairShare, offered: pt.offered, ratio: twoDecimals(pt.offeredRatio) };
}

async function facilitatorCsv(providerName: string): Promise<Figures> {
  const result = await call(providersCsvLoader, "/facilitator/fair-share/providers.csv?year=2026&profession=PT", { as: facilitator });
  const [header, ...lines] = (await result.response!.text()).trim().split("\n");
  const columns = header.split(",");
  const cells = lines.map((line) => line.split(",")).find((line) => line[columns.indexOf("provider")] === providerName)!;
  const cell = (name: string) => cells[columns.indexOf(name)];
  return { fairShare: Number(cell("fair_share")), offered: Number(cell("offered")), ratio: cell("ratio") };
}

async function capacityNotification(educator: SignedIn): Promise<Figures> {
  const notes = await prisma.notification.findMany({ where: { userId: educator.userId, kind: "provider-below-fair-share" }, select: { body: true } });
  expect(notes).toHaveLength(1);
  const figures = /Offering (\d+) against a fair share of (\d+) .*ratio (\d+\.\d\d)/.exec(notes[0].body);
  expect(figures).not.toBeNull();
  return { fairShare: Number(figures![2]), offered: Number(figures![1]), ratio: figures![3] };
}

describe("one fair share everywhere", () => {
  it("gives each provider the same fair share, offered and ratio on every page, file and notification", async () => {
    await runCapacityChecks(NOW);
    for (const [key, provider, educator] of [
      ["alpha", alpha, alphaEducator],
      ["beta", beta, betaEducator],
    ] as const) {
      const expected = EXPECTED[key];
      expect(await capacityPage(educator), `${key}: provider capacity page`).toEqual(expected);
      expect(await providerFairSharePage(educator), `${key}: provider fair-share page`).toEqual(expected);
      expect(await regionDashboard(provider.id), `${key}: region fair-share dashboard`).toEqual(expected);
      expect(await drillDown(provider.id), `${key}: facilitator drill-down`).toEqual(expected);
      expect(await facilitatorCsv(provider.name), `${key}: facilitator fair-share CSV`).toEqual(expected);
      expect(await capacityNotification(educator), `${key}: capacity notification`).toEqual(expected);
    }
  });

  it("counts an offer in the year it starts, as the region overview and demand do", async () => {
    const overview = (await call(overviewLoader, "/facilitator?year=2026", { as: facilitator })).data as {
      byProfession: { key: string; demand: number; offered: number }[];
    };
    const pt = overview.byProfession.find((row) => row.key === "PT")!;
    expect([pt.demand, pt.offered]).toEqual([10, EXPECTED.alpha.offered + EXPECTED.beta.offered]);

    // Beta's August offer is 2025/26 provision, next to the August block's 2025/26 demand.
    const earlier = (await call(capacityLoader, "/provider/capacity?year=2025", { as: betaEducator })).data as {
      rows: { profession: string; demand: number; offered: number }[];
    };
    expect(earlier.rows.find((row) => row.profession === "PT")).toMatchObject({ demand: 5, offered: 3 });
  });
});
