import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getRunSummaryForUser, runWithReview } from "~/matching/runs.server";
import { formatDateRange } from "~/vocabulary/labels";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import { StandingsTable } from "./facilitator.matching.shared/review-summary";

/** Every provider and profession's fair share before and after a finished run: the review charts only those it moves most. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  const summary = await getRunSummaryForUser(user, params.runId ?? "");
  if (!summary) throw notFound("Matching run not found");
  const { run, review } = await runWithReview(summary);
  const name = (id: string) => review?.names[id] ?? "Unknown";
  const standings = (review?.standings ?? [])
    .map((row) => ({ ...row, provider: name(row.providerId) }))
    .sort((a, b) => a.provider.localeCompare(b.provider, "en-GB") || a.profession.localeCompare(b.profession));
  return {
    run: { id: run.id, status: run.status, periodStart: run.periodStart, periodEnd: run.periodEnd, profession: run.profession },
    finished: review !== null,
    standings,
  };
}

export default function MatchingRunFairShare() {
  const { run, finished, standings } = useLoaderData<typeof loader>();
  const caption = `Fair share by provider and profession, before and after this run (${standings.length.toLocaleString("en-GB")} rows)`;
  return (
    <>
      <PageHeader
        title={`Fair share: matching run ${formatDateRange(run.periodStart, run.periodEnd)}`}
        caption={run.profession ? PROFESSION_LABELS[run.profession as ProfessionCode] : "All professions"}
        actions={
          <Link to={`/facilitator/matching/${run.id}`} className="btn-secondary">
            Back to the run
          </Link>
        }
      />
      {!finished ? (
        <p className="card mb-6">This run has no result to compare: it has not finished, or it was discarded.</p>
      ) : standings.length === 0 ? (
        <p className="card mb-6">No provider has a fair share or a proposal in this run&apos;s period.</p>
      ) : (
        <>
          <p className="mb-4 max-w-3xl">
            Hosting before counts students in live allocations before the run; after adds the run&apos;s proposals. Fair shares split the period&apos;s demand by
            workforce. Providers are in alphabetical order.
          </p>
          <StandingsTable rows={standings} caption={caption} />
        </>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Matching run fair share · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
