import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { anonymisePeers } from "./dashboard-rules";
import type { ProfessionCode } from "~/vocabulary/roles";
import { requireProviderScope } from "~/marketplace/policy";
import { getRegionFairShareFor } from "./region.server";

/**
 * The fair-share view for an educator's own provider: its row in full and its region's other
 * providers anonymised ("Provider A"… in ratio order). Nothing identifying a peer leaves here.
 */
export async function getProviderPeerView(user: SessionUser, year: number, profession: ProfessionCode | null) {
  const providerId = requireProviderScope(user);
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
