import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { notFound, requireRole, requireUserForm } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { formatDateRange, plural } from "~/vocabulary/labels";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import { refusalReply } from "~/platform/refusal-reply.server";
import { redirectWithFlash } from "~/platform/flash.server";
import { pageWindow } from "~/platform/paging";
import { discardRun, getRunForUser, publishPreview, publishRun, reviewRows, reviewRun, type InputSummary } from "~/matching/runs.server";
import { filterProposals, filterUnmet, parseReviewQuery, sortProposals } from "~/matching/review-table";
import { getSettings } from "~/settings/settings.server";
import { RunProgress, useLiveProgress } from "./facilitator.matching.shared/run-progress";
import { DiscardButton, PublishPanel } from "./facilitator.matching.shared/publish-panel";
import { FairShareChange, RunFigures, UnmetByUniversity } from "./facilitator.matching.shared/review-summary";
import { ReviewTables } from "./facilitator.matching.shared/review-table";

// Each row carries the matcher's reason in words: 25 keeps a page to a few screens.
const REVIEW_PAGE_SIZE = 25;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  const run = await getRunForUser(user, params.runId ?? "");
  if (!run) throw notFound("Matching run not found");
  const url = new URL(request.url);
  const query = parseReviewQuery(url.searchParams);
  const review = run.status === "SUCCEEDED" || run.status === "PUBLISHED" ? await reviewRun(run) : null;
  const settings = await getSettings();
  const runView = {
    id: run.id,
    status: run.status,
    progress: run.progress,
    phase: run.phase,
    error: run.error,
    periodStart: run.periodStart,
    periodEnd: run.periodEnd,
    profession: run.profession,
    inputSummary: run.inputSummary as unknown as InputSummary | null,
  };
  const bands = { red: settings.fairShareRed, amber: settings.fairShareAmber };
  if (!review) return { run: runView, review: null, bands };

  const rows = await reviewRows(review.stored);
  const proposals = sortProposals(filterProposals(rows.proposals, query), query.sort, query.dir);
  const unmet = filterUnmet(rows.unmet, query).sort((a, b) => b.students - a.students || a.university.localeCompare(b.university) || a.start.localeCompare(b.start));
  const shown = query.view === "proposals" ? proposals.length : unmet.length;
  const window = pageWindow(shown, query.page, REVIEW_PAGE_SIZE);
  const choices = (pairs: [string, string][]) => [...new Map(pairs)].sort((a, b) => a[1].localeCompare(b[1], "en-GB"));
  const name = (id: string) => review.names[id] ?? "Unknown";
  const placed = review.stored.proposals.reduce((sum, p) => sum + p.students, 0);
  return {
    run: runView,
    bands,
    review: {
      empty: review.stored.empty,
      warnings: review.stored.warnings,
      placed,
      unmetStudents: review.stored.unmet.reduce((sum, u) => sum + u.students, 0),
      preview: run.status === "SUCCEEDED" && placed > 0 && url.searchParams.get("confirm") === "publish" ? await publishPreview(run, user.id) : null,
      proposalCount: review.stored.proposals.length,
      standings: review.standings.map((row) => ({ ...row, provider: name(row.providerId) })),
      unmetByUniversity: review.unmet.map((row) => ({ ...row, university: name(row.universityId) })),
      table: {
        query,
        window,
        proposalTotal: proposals.length,
        unmetTotal: unmet.length,
        proposals: query.view === "proposals" ? proposals.slice(window.skip, window.skip + window.take) : [],
        unmet: query.view === "unmet" ? unmet.slice(window.skip, window.skip + window.take) : [],
        providers: choices(rows.proposals.map((row) => [row.providerId, row.provider])),
        universities: choices([...rows.proposals, ...rows.unmet].map((row) => [row.universityId, row.university])),
        professions: [...new Set([...rows.proposals, ...rows.unmet].map((row) => row.profession))].filter(Boolean).sort(),
      },
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "FACILITATOR", "ADMIN");
  const intent = form.get("intent");
  const runPath = `/facilitator/matching/${params.runId ?? ""}`;
  try {
    if (intent === "publish") {
      const published = await publishRun(user, params.runId ?? "");
      return redirectWithFlash(
        runPath,
        `Published ${plural(published.published, "proposal")} to ${plural(published.providers, "provider")}; ${plural(published.people, "person", "people")} notified.`,
      );
    }
    if (intent === "discard") {
      await discardRun(user, params.runId ?? "");
      return redirectWithFlash(runPath, "The run was discarded: nothing was sent to providers.");
    }
    return data({ error: "Choose publish or discard" }, { status: 400 });
  } catch (error) {
    return refusalReply(error, (refusal) => ({ error: refusal.message }));
  }
}

export default function MatchingRun() {
  const { run, review, bands } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { pathname } = useLocation();
  const active = run.status === "QUEUED" || run.status === "RUNNING";
  const live = useLiveProgress(run.id, { progress: run.progress, phase: run.phase }, active);
  const busy = navigation.state !== "idle" && navigation.formMethod?.toLowerCase() === "post";
  const placedNobody = review !== null && review.placed === 0;
  return (
    <>
      <PageHeader
        title={`Matching run: ${formatDateRange(run.periodStart, run.periodEnd)}`}
        caption={run.profession ? PROFESSION_LABELS[run.profession as ProfessionCode] : "All professions"}
        actions={
          <Link to="/facilitator/matching" className="btn-secondary">
            All runs
          </Link>
        }
      />
      {actionData && "error" in actionData && <FormMessage>{actionData.error}</FormMessage>}

      {active && <RunProgress status={run.status} live={live} />}

      {run.status === "FAILED" && <FormMessage>{run.error}</FormMessage>}
      {run.status === "DISCARDED" && <p className="card mb-6">This run was discarded. Nothing from it was sent to providers.</p>}

      {review && (
        <>
          {review.empty && <FormMessage>{review.empty}</FormMessage>}
          {review.warnings.length > 0 && (
            <details className="card mb-6 border-l-8 border-l-nhs-amber">
              <summary className="cursor-pointer font-bold">Check the data: {plural(review.warnings.length, "warning")}</summary>
              <ul className="mt-2 list-disc pl-5">
                {review.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </details>
          )}
          {run.inputSummary && (
            <RunFigures
              figures={[
                ["Students to place", run.inputSummary.studentsToPlace],
                ["Free places", run.inputSummary.placesFree],
                ["Placed by this run", review.placed],
                ["Not placed", review.unmetStudents],
              ]}
            />
          )}

          {run.status === "SUCCEEDED" && placedNobody && (
            <section aria-labelledby="nobody-heading" className="card mb-8 border-l-8 border-l-nhs-amber">
              <h2 id="nobody-heading">This run placed no students</h2>
              <p className="mb-4">
                There is nothing to publish.{" "}
                {review.unmetStudents > 0 ? "The list below says why each request could not be placed." : ""} Discard the run, fix what it reports, and run matching again.
              </p>
              <DiscardButton busy={busy} />
            </section>
          )}
          {run.status === "SUCCEEDED" && !placedNobody && (
            <PublishPanel
              runPath={pathname}
              confirming={review.preview !== null}
              preview={review.preview ?? { proposals: review.proposalCount, students: review.placed, providers: 0, people: 0 }}
            />
          )}
          {run.status === "PUBLISHED" && <p className="card mb-6">These proposals have been published. Providers confirm or decline each one.</p>}

          {review.standings.length > 0 && <FairShareChange standings={review.standings} published={run.status === "PUBLISHED"} bands={bands} />}
          <UnmetByUniversity rows={review.unmetByUniversity} />
          {!review.empty && <ReviewTables data={review.table} pathname={pathname} />}
        </>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Matching run · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
