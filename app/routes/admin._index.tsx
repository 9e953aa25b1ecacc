import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { RoleHome } from "~/components/role-home";
import { getAdminAttention, getHomeSummary } from "~/dashboards/home.server";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { plural } from "~/vocabulary/labels";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "ADMIN");
  const [summary, attention] = await Promise.all([getHomeSummary(user), getAdminAttention()]);
  return { ...summary, attention };
}

export default function AdminHome() {
  const { scopeName, attention } = useLoaderData<typeof loader>();
  return (
    <RoleHome
      title="Administration"
      scopeName={scopeName}
      intro="Manage organisations, their sites and workforce figures, and the people who use the portal."
    >
      <section aria-labelledby="attention-heading" className="mb-8">
        <h2 id="attention-heading">Needs your attention</h2>
        <div className="grid gap-4 md:grid-cols-2">
          <div className={`card ${attention.pendingInvitations > 0 ? "border-l-8 border-l-nhs-amber" : ""}`}>
            <h3>Invitations not yet accepted</h3>
            <p className="text-4xl font-bold">{attention.pendingInvitations}</p>
            <p>
              <Link to="/admin/users">{attention.pendingInvitations === 0 ? "See the users" : `Follow up ${plural(attention.pendingInvitations, "invitation")}`}</Link>
            </p>
          </div>
          <div className={`card ${attention.withoutWorkforce.count > 0 ? "border-l-8 border-l-nhs-amber" : ""}`}>
            <h3>Providers without workforce figures for {formatAcademicYear(attention.year)}</h3>
            <p className="text-4xl font-bold">{attention.withoutWorkforce.count}</p>
            {attention.withoutWorkforce.count === 0 ? (
              <p>Every provider has its figures: fair shares can be worked out.</p>
            ) : (
              <>
                <p className="text-sm">Their fair share cannot be worked out until the figures are added.</p>
                <ul className="mt-2">
                  {attention.withoutWorkforce.first.map((organisation) => (
                    <li key={organisation.id}>
                      <Link to={`/admin/organisations/${organisation.id}`}>{organisation.name}</Link>
                    </li>
                  ))}
                </ul>
                {attention.withoutWorkforce.count > attention.withoutWorkforce.first.length && (
                  <p className="mt-2">
                    <Link to="/admin/organisations">All organisations</Link>
                  </p>
                )}
              </>
            )}
          </div>
        </div>
      </section>
    </RoleHome>
  );
}

export const meta: MetaFunction = () => [{ title: "Administration · Placement Exchange" }];
