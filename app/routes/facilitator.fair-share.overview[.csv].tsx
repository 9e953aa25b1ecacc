import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/accounts/guards.server";
import { csvResponse, supplyDemandCsv } from "~/dashboards/dashboard-csv.server";
import { readDashboardParams } from "~/dashboards/params.server";
import { getRegionOverview } from "~/dashboards/region.server";
import { requireFacilitatorRegion } from "~/dashboards/policy";

/** The region overview's figures as CSV: by profession, by month, and the totals. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const regionId = requireFacilitatorRegion(user);
  const { year } = readDashboardParams(request);
  const overview = await getRegionOverview(regionId, year);
  const csv = supplyDemandCsv([
    { view: "profession", rows: overview.byProfession },
    { view: "month", rows: overview.byMonth },
    { view: "total", rows: [overview.totals] },
  ]);
  return csvResponse(csv, `region-overview-${year}.csv`);
}
