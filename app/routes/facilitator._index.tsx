import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { RoleHome } from "~/components/role-home";
import { getHomeSummary } from "~/domain/home.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  return getHomeSummary(user);
}

export default function FacilitatorHome() {
  const summary = useLoaderData<typeof loader>();
  return (
    <RoleHome
      title="Region overview"
      scopeName={summary.scopeName}
      intro="See supply against demand and fair share across every provider in your region, and resolve shortfalls."
      links={summary.links}
    />
  );
}

export const meta: MetaFunction = () => [{ title: "Region overview · Placement Exchange" }];
