import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/accounts/guards.server";
import { csvResponse, providerRatiosCsv } from "~/dashboards/dashboard-csv.server";
import { readDashboardParams } from "~/dashboards/params.server";
import { getRegionFairShareFor } from "~/dashboards/region.server";
import { requireFacilitatorRegion } from "~/dashboards/policy";

/** Every provider's fair share for one profession, as CSV (provider names neutralised against formulas). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const regionId = requireFacilitatorRegion(user);
  const { year, profession } = readDashboardParams(request);
  const fairShare = await getRegionFairShareFor(regionId, year, profession);
  return csvResponse(providerRatiosCsv(fairShare.profession, fairShare.rows), `fair-share-${fairShare.profession}-${year}.csv`);
}
