import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireRole } from "~/accounts/guards.server";
import { CASE_LINK_TYPES } from "~/cases/case-rules";
import { searchCaseLinks } from "~/cases/cases.server";
import { refusalReply } from "~/platform/refusal-reply.server";

const SearchSchema = z.object({
  type: z.enum(CASE_LINK_TYPES, { errorMap: () => ({ message: "Say what to search: offer, open-offer or allocation" }) }),
  q: z.string().trim().max(100, "Search with 100 characters or fewer").default(""),
});

/** The case page's pickers search here as the facilitator types: offers and allocations of the case's region, by name. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  const parsed = SearchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0].message }, { status: 400, headers: { "Cache-Control": "no-store" } });
  try {
    const options = await searchCaseLinks(user, params.caseId ?? "", parsed.data.type, parsed.data.q);
    return Response.json({ q: parsed.data.q, options }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    throw refusalReply(error);
  }
}
