import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/accounts/guards.server";
import { Refusal } from "~/platform/refusal";
import { refusalReply } from "~/platform/refusal-reply.server";
import { offerExportCsv } from "~/marketplace/offer-csv.server";
import { listOffersForExport, parseOfferFilters } from "~/marketplace/offers.server";

/** The offers list as CSV, with the same filters; cells that would start a formula are neutralised. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const { dateErrors, ...filters } = parseOfferFilters(new URL(request.url).searchParams);
  const dateProblem = dateErrors.from ?? dateErrors.to;
  // A download has no page to show the message by its field, so it is the whole answer.
  if (dateProblem) throw refusalReply(new Refusal(400, dateProblem));
  const csv = offerExportCsv(await listOffersForExport(user, filters));
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="offers-${date}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
