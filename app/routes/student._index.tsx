import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { RoleHome } from "~/components/role-home";
import { getHomeSummary } from "~/dashboards/home.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "STUDENT");
  return getHomeSummary(user);
}

export default function StudentHome() {
  const summary = useLoaderData<typeof loader>();
  return (
    <RoleHome
      title="Your placements"
      scopeName={summary.scopeName}
      intro="Browse placement opportunities and see the placement you have been allocated."
      links={summary.links}
    />
  );
}

export const meta: MetaFunction = () => [{ title: "Your placements · Placement Exchange" }];
