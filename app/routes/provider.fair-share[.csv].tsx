import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/accounts/guards.server";
import { anonymisedRatiosCsv, csvResponse } from "~/dashboards/dashboard-csv.server";
import { readDashboardParams } from "~/dashboards/params.server";
import { getProviderPeerView } from "~/dashboards/provider-fair-share.server";

/** The anonymised fair-share table as CSV: the educator's own provider named, peers as "Provider A"… */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const { year, profession } = readDashboardParams(request);
  const view = await getProviderPeerView(user, year, profession);
  return csvResponse(anonymisedRatiosCsv(view.profession, view.rows), `fair-share-${view.profession}-${year}.csv`);
}
