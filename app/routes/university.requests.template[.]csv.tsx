import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/accounts/guards.server";
import { requestTemplateCsv } from "~/marketplace/request-csv.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "UNIVERSITY");
  return new Response(requestTemplateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="placement-requests-template.csv"',
    },
  });
}
