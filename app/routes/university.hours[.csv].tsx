import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireRole } from "~/accounts/guards.server";
import { csvResponse } from "~/dashboards/dashboard-csv.server";
import { optionalParam } from "~/platform/form-fields";
import { refusalReply } from "~/platform/refusal-reply.server";
import { getProgrammeHours, programmeHoursCsv } from "~/practice-hours/hours-views.server";

const ParamsSchema = z.object({ programmeId: optionalParam(z.string().trim().min(1).max(40)) });

/** Every student of a programme with their ledger, as CSV (names neutralised against spreadsheet formulas). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const { programmeId } = ParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const { students } = await getProgrammeHours(user, programmeId);
    return csvResponse(programmeHoursCsv(students), "practice-hours.csv");
  } catch (error) {
    throw refusalReply(error);
  }
}
