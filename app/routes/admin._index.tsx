import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { RoleHome } from "~/components/role-home";
import { getHomeSummary } from "~/dashboards/home.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "ADMIN");
  return getHomeSummary(user);
}

export default function AdminHome() {
  const summary = useLoaderData<typeof loader>();
  return (
    <RoleHome
      title="Administration"
      scopeName={summary.scopeName}
      intro="Manage organisations, their sites and workforce figures, and the people who use the portal."
      links={summary.links}
    />
  );
}

export const meta: MetaFunction = () => [{ title: "Administration · Placement Exchange" }];
