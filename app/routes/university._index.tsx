import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoleHome } from "~/components/role-home";
import { getHomeSummary } from "~/dashboards/home.server";
import { REQUEST_STATUS_LABELS, REQUEST_STATUSES } from "~/marketplace/request-form";
import { getUniversitySummary } from "~/marketplace/requests.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const [home, summary] = await Promise.all([getHomeSummary(user), getUniversitySummary(user)]);
  return { ...home, summary };
}

export default function UniversityHome() {
  const { scopeName, links, summary } = useLoaderData<typeof loader>();
  return (
    <RoleHome
      title="Your placement requests"
      scopeName={scopeName}
      intro="Keep programmes and placement blocks, request placements and name students on confirmed allocations."
      links={links}
    >
      <section aria-labelledby="summary-heading" className="mb-8 grid gap-4 md:grid-cols-3">
        <h2 id="summary-heading" className="sr-only">
          Summary
        </h2>
        <div className="card">
          <h3>Requests</h3>
          <dl className="grid grid-cols-[1fr_max-content] gap-x-4 gap-y-1">
            {REQUEST_STATUSES.map((status) => (
              <div key={status} className="contents">
                <dt>
                  <Link to={`/university/requests?status=${status}`}>{REQUEST_STATUS_LABELS[status]}</Link>
                </dt>
                <dd className="text-right font-bold">{summary.requests[status]}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="card">
          <h3>Students still to place</h3>
          <p className="text-4xl font-bold">{summary.studentsUnplaced}</p>
          <p className="text-nhs-grey-1">On open and partly allocated requests.</p>
        </div>
        <div className="card">
          <h3>Allocations waiting for you</h3>
          <ul>
            <li>
              <Link to="/university/allocations?status=CONFIRMED">To accept</Link>: <strong>{summary.awaitingAcceptance}</strong>
            </li>
            <li>
              <Link to="/university/allocations?status=ACCEPTED">Students to name</Link>: <strong>{summary.awaitingNames}</strong>
            </li>
          </ul>
        </div>
      </section>
    </RoleHome>
  );
}

export const meta: MetaFunction = () => [{ title: "Your placement requests · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
