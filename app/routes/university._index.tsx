import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoleHome } from "~/components/role-home";
import { AttentionPanel } from "~/components/attention-panel";
import { getHomeSummary, getUniversityAttention } from "~/dashboards/home.server";
import { requireUniversityScope } from "~/marketplace/policy";
import { REQUEST_STATUS_LABELS, REQUEST_STATUSES } from "~/marketplace/request-form";
import { getUniversitySummary } from "~/marketplace/requests.server";
import { plural } from "~/vocabulary/labels";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const universityId = requireUniversityScope(user);
  const [home, summary, attention] = await Promise.all([getHomeSummary(user), getUniversitySummary(user), getUniversityAttention(universityId)]);
  return { scopeName: home.scopeName, summary, attention };
}

export default function UniversityHome() {
  const { scopeName, summary, attention } = useLoaderData<typeof loader>();
  return (
    <RoleHome
      title="Your placement requests"
      scopeName={scopeName}
      intro="Keep programmes and placement blocks, request placements and name students on confirmed allocations."
    >
      <AttentionPanel
        items={[
          {
            title: "Confirmed allocations to accept",
            count: attention.confirmed.allocations,
            detail: `${plural(attention.confirmed.students, "student")}: the provider has confirmed`,
            to: "/university/allocations?status=CONFIRMED",
            linkLabel: attention.confirmed.allocations === 0 ? "See your allocations" : "Accept or cancel",
            action: true,
          },
          {
            title: "Accepted allocations to name students on",
            count: attention.accepted.allocations,
            detail: plural(attention.accepted.students, "place"),
            to: "/university/allocations?status=ACCEPTED",
            linkLabel: attention.accepted.allocations === 0 ? "See your allocations" : "Name the students",
            action: true,
          },
          {
            title: "Students with no allocation yet",
            count: attention.unmetStudents,
            detail: `On ${plural(attention.unmetRequests, "open request")}`,
            to: "/university/requests?status=OPEN",
            linkLabel: "See open requests",
            action: true,
          },
          {
            title: "Proposed, waiting for the provider",
            count: attention.proposed.allocations,
            detail: `${plural(attention.proposed.students, "student")} held, not yet placed`,
            to: "/university/allocations?status=PROPOSED",
            linkLabel: "See proposed allocations",
          },
          {
            title: "Students placed",
            count: attention.placed.students,
            detail: "Confirmed by the provider, whether or not you have accepted yet",
            to: "/university/allocations",
            linkLabel: "See all allocations",
          },
        ]}
      />
      <section aria-labelledby="summary-heading" className="mb-8 grid gap-4 md:grid-cols-2">
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
      </section>
    </RoleHome>
  );
}

export const meta: MetaFunction = () => [{ title: "Your placement requests · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
