import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/accounts/guards.server";
import { Refusal } from "~/platform/refusal";
import { refusalReply } from "~/platform/refusal-reply.server";
import { parseRequestFilters } from "~/marketplace/request-form";
import { requestExportCsv } from "~/marketplace/request-csv.server";
import { listRequestsForExport } from "~/marketplace/requests.server";

/** The requests the list's filters select, as a CSV file safe to open in a spreadsheet. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const { dateErrors, ...filters } = parseRequestFilters(new URL(request.url).searchParams);
  const dateProblem = dateErrors.from ?? dateErrors.to;
  // A download has no page to show the message by its field, so it is the whole answer.
  if (dateProblem) throw refusalReply(new Refusal(400, dateProblem));
  const rows = await listRequestsForExport(user, { ...filters, page: undefined });
  return new Response(requestExportCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="placement-requests.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
