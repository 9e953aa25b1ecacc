import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/accounts/guards.server";
import { csvResponse, universitySharesCsv } from "~/dashboards/dashboard-csv.server";
import { readDashboardParams } from "~/dashboards/params.server";
import { requireFacilitatorRegion } from "~/dashboards/policy";
import { getUniversityShares } from "~/dashboards/universities.server";

/** The universities' shares as CSV (names neutralised against spreadsheet formulas). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const regionId = requireFacilitatorRegion(user);
  const { year, profession } = readDashboardParams(request);
  return csvResponse(universitySharesCsv(await getUniversityShares(regionId, year, profession)), `universities-${year}.csv`);
}
