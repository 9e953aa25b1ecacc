import { z } from "zod";
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
import {
  decisionsOfRun,
  discardRun,
  finishedRunRows,
  getRunSummaryForUser,
  markProposals,
  publishPreview,
  publishRun,
  replacementOf,
  rerunWithDecisions,
  runWithReview,
  type InputSummary,
} from "~/matching/runs.server";
import { fairShareDifference } from "~/matching/review-decisions";
import { filterProposals, filterUnmet, parseReviewQuery, sortProposalsOnce } from "~/matching/review-table";
import { getSettings } from "~/settings/settings.server";
import { RunProgress, useLiveProgress } from "./facilitator.matching.shared/run-progress";
import { DiscardButton, PublishPanel } from "./facilitator.matching.shared/publish-panel";
import { FairShareChange, RunFigures, UnmetByUniversity } from "./facilitator.matching.shared/review-summary";
import { ReviewTables } from "./facilitator.matching.shared/review-table";
import { RerunPanel } from "./facilitator.matching.shared/proposal-marks";
import { RerunDifference } from "./facilitator.matching.shared/rerun-difference";

// Each row carries the matcher's reason in words: 25 keeps a page to a few screens.
const REVIEW_PAGE_SIZE = 25;

const MarkSchema = z.object({
  mark: z.enum(["EXCLUDE", "LOCK", "CLEAR"], { errorMap: () => ({ message: "Choose exclude, lock or clear" }) }),
  proposal: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_-]{1,64}$/, "Tick proposals from the table"))
    .min(1, "Tick at least one proposal")
    .max(500, "Tick at most 500 proposals at a time"),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  const summary = await getRunSummaryForUser(user, params.runId ?? "");
  if (!summary) throw notFound("Matching run not found");
  const url = new URL(request.url);
  const query = parseReviewQuery(url.searchParams);
  const { run, difference, review } = await runWithReview(summary);
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
    replacedBy: run.status === "SUPERSEDED" ? ((await replacementOf(run.id))?.id ?? null) : null,
  };
  const bands = { red: settings.fairShareRed, amber: settings.fairShareAmber };
  if (!review) return { run: runView, review: null, bands };

  const rows = await finishedRunRows(run.id, review.stored);
  const proposals = filterProposals(sortProposalsOnce(rows.proposals, query.sort, query.dir), query);
  const unmet = filterUnmet(rows.unmet, query);
  const shown = query.view === "proposals" ? proposals.length : unmet.length;
  const window = pageWindow(shown, query.page, REVIEW_PAGE_SIZE);
  const name = (id: string) => review.names[id] ?? "Unknown";
  const decisions = run.status === "SUCCEEDED" ? await decisionsOfRun(run.id) : null;
  return {
    run: runView,
    bands,
    review: {
      empty: review.stored.empty,
      warnings: review.stored.warnings,
      ...review.page,
      preview: run.status === "SUCCEEDED" && review.page.placed > 0 && url.searchParams.get("confirm") === "publish" ? await publishPreview(run, user.id) : null,
      proposalCount: review.stored.proposals.length,
      decisions,
      difference:
        difference && review.earlierStandings
          ? { ...difference.shown, fairShare: fairShareDifference(review.earlierStandings, review.standings).map((row) => ({ ...row, provider: name(row.providerId) })) }
          : null,
      table: {
        query,
        window,
        proposalTotal: proposals.length,
        unmetTotal: unmet.length,
        proposals: query.view === "proposals" ? proposals.slice(window.skip, window.skip + window.take) : [],
        unmet: query.view === "unmet" ? unmet.slice(window.skip, window.skip + window.take) : [],
        ...rows.choices,
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
    if (intent === "mark") {
      const parsed = MarkSchema.safeParse({ mark: form.get("mark"), proposal: form.getAll("proposal") });
      if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? "Tick proposals and choose a mark", field: "proposals" }, { status: 400 });
      const pairs = parsed.data.proposal.map((value) => {
        const [requestId, offerId] = value.split(":");
        return { requestId, offerId };
      });
      const marked = await markProposals(user, params.runId ?? "", { pairs, mark: parsed.data.mark });
      const done = parsed.data.mark === "EXCLUDE" ? "excluded" : parsed.data.mark === "LOCK" ? "locked" : "cleared of marks";
      return redirectWithFlash(`${runPath}${new URL(request.url).search}`, `${plural(marked, "proposal")} ${done}. Re-run to apply your decisions.`);
    }
    if (intent === "rerun") {
      const rerun = await rerunWithDecisions(user, params.runId ?? "");
      return redirectWithFlash(`/facilitator/matching/${rerun.id}`, "Re-running with your decisions. The earlier run is replaced and can no longer be published.");
    }
    if (intent === "discard") {
      await discardRun(user, params.runId ?? "");
      return redirectWithFlash(runPath, "The run was discarded: nothing was sent to providers.");
    }
    return data({ error: "Choose publish, discard, mark or re-run", field: null }, { status: 400 });
  } catch (error) {
    return refusalReply(error, (refusal) => ({ error: refusal.message, field: refusal.field ?? null }));
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
      {actionData && "error" in actionData && actionData.field !== "proposals" && <FormMessage>{actionData.error}</FormMessage>}

      {active && <RunProgress status={run.status} live={live} />}

      {run.status === "FAILED" && <FormMessage>{run.error}</FormMessage>}
      {run.status === "DISCARDED" && <p className="card mb-6">This run was discarded. Nothing from it was sent to providers.</p>}
      {run.status === "SUPERSEDED" && (
        <p className="card mb-6">
          This run was replaced by a re-run with your decisions and cannot be published.{" "}
          {run.replacedBy && <Link to={`/facilitator/matching/${run.replacedBy}`}>Open the re-run</Link>}
        </p>
      )}

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
          {review.difference && <RerunDifference difference={review.difference} bands={bands} />}
          {review.decisions && (
            <RerunPanel
              excluded={Object.values(review.decisions).filter((kind) => kind === "EXCLUDE").length}
              locked={Object.values(review.decisions).filter((kind) => kind === "LOCK").length}
            />
          )}

          {review.standingsCount > 0 && (
            <FairShareChange
              runId={run.id}
              charted={review.charted}
              changedCount={review.changedCount}
              standingsCount={review.standingsCount}
              published={run.status === "PUBLISHED"}
              bands={bands}
            />
          )}
          <UnmetByUniversity rows={review.unmetByUniversity} />
          {!review.empty && (
            <ReviewTables
              data={review.table}
              pathname={pathname}
              marks={review.decisions ? { decisions: review.decisions, error: actionData && "error" in actionData && actionData.field === "proposals" ? actionData.error : null } : null}
            />
          )}
        </>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Matching run · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
