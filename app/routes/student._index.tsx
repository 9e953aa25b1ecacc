import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoleHome } from "~/components/role-home";
import { getHomeSummary, getStudentHome } from "~/dashboards/home.server";
import { formatDateRange } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "STUDENT");
  const [summary, home] = await Promise.all([getHomeSummary(user), getStudentHome(user.id)]);
  return { scopeName: summary.scopeName, ...home };
}

export default function StudentHome() {
  const { scopeName, placement, feedbackDue } = useLoaderData<typeof loader>();
  return (
    <RoleHome title="Your placements" scopeName={scopeName} intro="Your next placement, and what to do before and after it.">
      <section aria-labelledby="attention-heading" className="mb-8">
        <h2 id="attention-heading">Needs your attention</h2>
        <div className="grid gap-4 md:grid-cols-2">
          <div className="card" data-testid="next-placement">
            <h3>Your next placement</h3>
            {placement ? (
              <>
                <p className="text-lg font-bold">
                  {PROFESSION_LABELS[placement.profession]}
                  {placement.specialty ? `: ${placement.specialty}` : ""}
                </p>
                <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                  <dt className="font-bold">Where</dt>
                  <dd>
                    {placement.siteName}, {placement.postcode} ({placement.providerName})
                  </dd>
                  <dt className="font-bold">When</dt>
                  <dd>{formatDateRange(placement.startDate, placement.endDate)}</dd>
                  {placement.contact && (
                    <>
                      <dt className="font-bold">Contact</dt>
                      <dd className="break-words">
                        {placement.contact.name}, <a href={`mailto:${placement.contact.email}`}>{placement.contact.email}</a>
                      </dd>
                    </>
                  )}
                  {placement.whatToBring && (
                    <>
                      <dt className="font-bold">From the provider</dt>
                      <dd className="whitespace-pre-line">{placement.whatToBring}</dd>
                    </>
                  )}
                </dl>
                <p className="mt-2">
                  <Link to="/student/placements">All your placements</Link>
                </p>
              </>
            ) : (
              <p>You have no placement coming up yet. Your university names you on a placement once the provider has confirmed it.</p>
            )}
          </div>
          <div className={`card ${feedbackDue.length > 0 ? "border-l-8 border-l-nhs-amber" : ""}`}>
            <h3>Feedback to give</h3>
            <p className="text-4xl font-bold" data-testid="attention-count">
              {feedbackDue.length}
            </p>
            {feedbackDue.length === 0 ? (
              <p>Nothing waiting: you have given feedback on every finished placement.</p>
            ) : (
              <ul className="mt-2">
                {feedbackDue.map((item) => (
                  <li key={item.id}>
                    <Link to={`/student/placements/${item.id}/feedback`}>
                      {PROFESSION_LABELS[item.profession]} at {item.providerName}: {item.siteName}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </section>
    </RoleHome>
  );
}

export const meta: MetaFunction = () => [{ title: "Your placements · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
