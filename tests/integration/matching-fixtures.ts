// Shared set-up for the matching integration tests; not a test file itself.
import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import type { startWorker } from "~/platform/jobs/worker.server";
import { startMatchingRun, type StoredMatchingResult } from "~/matching/runs.server";
import { createOrganisation, createRegion, createUser } from "../helpers/fixtures";
import { createOffer, createRequest, createSite } from "../helpers/marketplace";

export const asSession = (user: object) => user as SessionUser;

/** The academic year 2026/27, every profession. */
export const period = { periodStart: new Date("2026-09-01T00:00:00Z"), periodEnd: new Date("2027-08-31T00:00:00Z"), profession: null };

export const stored = (run: { result: unknown }) => run.result as StoredMatchingResult;

/** Two trusts of 30 and 10 WTE of PT with 5 and 3 places; two universities asking for 6 and 4 students. */
export async function createTwoTrustRegion() {
  const r = await createRegion();
  const big = await createOrganisation({ regionId: r.id, name: `Big Trust ${r.id}` });
  const small = await createOrganisation({ regionId: r.id, name: `Small Trust ${r.id}` });
  await prisma.workforce.createMany({
    data: [
      { organisationId: big.id, profession: "PT", year: 2026, wte: 30 },
      { organisationId: small.id, profession: "PT", year: 2026, wte: 10 },
    ],
  });
  const bigOffer = await createOffer(big.id, { slots: 5, siteId: (await createSite(big.id)).id });
  const smallOffer = await createOffer(small.id, { slots: 3, siteId: (await createSite(small.id)).id });
  const u1 = await createOrganisation({ kind: "UNIVERSITY", regionId: r.id });
  const u2 = await createOrganisation({ kind: "UNIVERSITY", regionId: r.id });
  const request1 = await createRequest(u1.id, { students: 6 });
  const request2 = await createRequest(u2.id, { students: 4 });
  const facilitator = asSession(await createUser("FACILITATOR", { regionId: r.id }));
  const educators = { big: asSession(await createUser("EDUCATOR", { organisationId: big.id })), small: asSession(await createUser("EDUCATOR", { organisationId: small.id })) };
  const lead = asSession(await createUser("UNIVERSITY", { organisationId: u1.id }));
  return { r, big, small, bigOffer, smallOffer, u1, u2, request1, request2, facilitator, educators, lead };
}

/** Starts a matching run as someone, lets the worker finish it, and returns the stored run. */
export function runsToCompletion(worker: ReturnType<typeof startWorker>) {
  return async (user: SessionUser, scope = period) => {
    const run = await startMatchingRun(user, scope);
    await worker.drain();
    return prisma.matchingRun.findUniqueOrThrow({ where: { id: run.id } });
  };
}
