import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/accounts/guards.server";
import { csvResponse } from "~/dashboards/dashboard-csv.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { getRegionAtRisk, regionAtRiskCsv } from "~/practice-hours/hours-views.server";

/** The region's students and students at risk by university and profession, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  try {
    return csvResponse(regionAtRiskCsv(await getRegionAtRisk(user)), "practice-hours-at-risk.csv");
  } catch (error) {
    throw refusalReply(error);
  }
}
