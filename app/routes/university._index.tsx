import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { RoleHome } from "~/components/role-home";
import { getHomeSummary } from "~/domain/home.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  return getHomeSummary(user);
}

export default function UniversityHome() {
  const summary = useLoaderData<typeof loader>();
  return (
    <RoleHome
      title="Your placement requests"
      scopeName={summary.scopeName}
      intro="Keep programmes and placement blocks, request placements and name students on confirmed allocations."
      links={summary.links}
    />
  );
}

export const meta: MetaFunction = () => [{ title: "Your placement requests · Placement Exchange" }];
