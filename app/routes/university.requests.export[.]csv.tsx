import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/accounts/guards.server";
import { parseRequestFilters } from "~/marketplace/request-form";
import { requestExportCsv } from "~/marketplace/request-csv.server";
import { listRequestsForExport } from "~/marketplace/requests.server";

/** The requests the list's filters select, as a CSV file safe to open in a spreadsheet. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const filters = parseRequestFilters(new URL(request.url).searchParams);
  const rows = await listRequestsForExport(user, { ...filters, page: undefined });
  return new Response(requestExportCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="placement-requests.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
