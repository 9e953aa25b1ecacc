import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/accounts/guards.server";
import { offerTemplateCsv } from "~/marketplace/offer-csv.server";
import { listProviderSites } from "~/marketplace/offers.server";
import { requireProviderScope } from "~/marketplace/policy";

/** The upload template: the columns and two example rows on the provider's own sites. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const sites = await listProviderSites(requireProviderScope(user));
  return new Response(offerTemplateCsv(sites.map((site) => site.name)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="offers-template.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
