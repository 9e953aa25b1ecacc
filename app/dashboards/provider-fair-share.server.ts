import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db/db.server";
import { anonymisePeers } from "~/domain/dashboard";
import type { ProfessionCode } from "~/domain/roles";
import { providerIdOf } from "~/marketplace/offers.server";
import { getRegionFairShareFor } from "./region.server";

/**
 * The fair-share view for an educator's own provider: its row in full and its region's other
 * providers anonymised ("Provider A"… in ratio order). Nothing identifying a peer leaves here.
 */
export async function getProviderPeerView(user: SessionUser, year: number, profession: ProfessionCode | null) {
  const providerId = providerIdOf(user);
  const organisation = await prisma.organisation.findUniqueOrThrow({ where: { id: providerId }, select: { id: true, name: true, regionId: true } });
  const fairShare = await getRegionFairShareFor(organisation.regionId, year, profession);
  return {
    organisationName: organisation.name,
    profession: fairShare.profession,
    professions: fairShare.professions,
    demand: fairShare.demand,
    bands: fairShare.bands,
    rows: anonymisePeers(fairShare.rows, organisation.id, organisation.name),
  };
}
