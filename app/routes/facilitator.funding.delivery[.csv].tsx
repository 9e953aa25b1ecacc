import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireRole } from "~/accounts/guards.server";
import { csvResponse } from "~/dashboards/dashboard-csv.server";
import { awardsDeliveryCsv } from "~/funding/funding-csv";
import { programmeDashboard } from "~/funding/funding.server";
import { refusalReply } from "~/platform/refusal-reply.server";

const QuerySchema = z.object({ programme: z.string().min(1).max(40) });

/** A programme's awards and their delivery as CSV (text cells neutralised against spreadsheet formulas). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new Response("Choose a programme", { status: 400 });
  try {
    const { programme, awards } = await programmeDashboard(user, query.data.programme);
    return csvResponse(awardsDeliveryCsv(awards), `funding-${programme.name}.csv`);
  } catch (error) {
    throw refusalReply(error);
  }
}
