import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/accounts/guards.server";
import { csvResponse, providerRatiosCsv } from "~/dashboards/dashboard-csv.server";
import { readDashboardParams } from "~/dashboards/params.server";
import { facilitatorRegionId, getRegionFairShareFor } from "~/dashboards/region.server";

/** Every provider's fair share for one profession, as CSV (provider names neutralised against formulas). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const regionId = facilitatorRegionId(user);
  const { year, profession } = readDashboardParams(request);
  const fairShare = await getRegionFairShareFor(regionId, year, profession);
  return csvResponse(providerRatiosCsv(fairShare.profession, fairShare.rows), `fair-share-${fairShare.profession}-${year}.csv`);
}
