import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { ALLOCATION_STATUS_LABELS } from "~/marketplace/allocation-rules";
import { formatDateRange, SUPERVISION_MODEL_LABELS } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { listStudentPlacements } from "~/marketplace/student-placements.server";
import { placementsAwaitingFeedback } from "~/quality/feedback.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "STUDENT");
  const [placements, awaitingFeedback] = await Promise.all([listStudentPlacements(user.id), placementsAwaitingFeedback(user.id)]);
  return { placements, awaitingFeedback };
}

export default function StudentPlacements() {
  const { placements, awaitingFeedback } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="My placements" />
      {placements.length === 0 ? (
        <p className="card">You have no placement yet. Your university names students on placements once providers confirm them.</p>
      ) : (
        <ul className="grid gap-6">
          {placements.map((placement) => (
            <li key={placement.id} id={`placement-${placement.id}`} className="card">
              <h2>
                {PROFESSION_LABELS[placement.profession]}
                {placement.specialty ? `: ${placement.specialty}` : ""}
              </h2>
              <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                <dt className="font-bold">Provider</dt>
                <dd>{placement.providerName}</dd>
                <dt className="font-bold">Site</dt>
                <dd>
                  {placement.siteName}, {placement.postcode}
                </dd>
                <dt className="font-bold">Dates</dt>
                <dd>{formatDateRange(placement.startDate, placement.endDate)}</dd>
                <dt className="font-bold">Supervision</dt>
                <dd>{SUPERVISION_MODEL_LABELS[placement.supervisionModel]}</dd>
                <dt className="font-bold">Status</dt>
                <dd>{ALLOCATION_STATUS_LABELS[placement.status]}</dd>
              </dl>
              {awaitingFeedback.includes(placement.id) && (
                <p className="mt-4">
                  <Link to={`/student/placements/${placement.id}/feedback`} className="btn">
                    Give feedback<span className="sr-only"> on this placement</span>
                  </Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "My placements · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
