import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { RoleHome } from "~/components/role-home";
import { getHomeSummary } from "~/domain/home.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  return getHomeSummary(user);
}

export default function ProviderHome() {
  const summary = useLoaderData<typeof loader>();
  return (
    <RoleHome
      title="Your placements"
      scopeName={summary.scopeName}
      intro="Post placement capacity, confirm allocations and see how your organisation compares with its fair share."
      links={summary.links}
    />
  );
}

export const meta: MetaFunction = () => [{ title: "Your placements · Placement Exchange" }];
