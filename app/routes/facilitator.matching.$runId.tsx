import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { notFound, requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { RatioBarChart } from "~/components/charts/ratio-bars";
import { useSocketEvent } from "~/components/realtime";
import type { MatchingProgressPush } from "~/platform/realtime/events";
import { formatRatio } from "~/fair-share/fair-share";
import { formatDateRange, plural } from "~/vocabulary/labels";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import { refusalReply } from "~/platform/refusal-reply.server";
import { discardRun, getRunForUser, publishRun, reviewRun, type InputSummary } from "~/matching/runs.server";
import { getSettings } from "~/settings/settings.server";

const PROPOSALS_SHOWN = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  const run = await getRunForUser(user, params.runId ?? "");
  if (!run) throw notFound("Matching run not found");
  const review = run.status === "SUCCEEDED" || run.status === "PUBLISHED" ? await reviewRun(run) : null;
  const settings = await getSettings();
  return {
    run: {
      id: run.id,
      status: run.status,
      progress: run.progress,
      phase: run.phase,
      error: run.error,
      periodStart: run.periodStart,
      periodEnd: run.periodEnd,
      profession: run.profession,
      inputSummary: run.inputSummary as unknown as InputSummary | null,
    },
    review: review && {
      empty: review.stored.empty,
      warnings: review.stored.warnings,
      stats: review.stored.stats ? { requested: review.stored.stats.requested, placed: review.stored.stats.placed, ms: review.stored.stats.ms } : null,
      proposalCount: review.stored.proposals.length,
      proposals: review.stored.proposals.slice(0, PROPOSALS_SHOWN),
      unmetRequests: review.stored.unmet.slice(0, PROPOSALS_SHOWN),
      standings: review.standings,
      unmet: review.unmet,
      names: review.names,
    },
    bands: { red: settings.fairShareRed, amber: settings.fairShareAmber },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "FACILITATOR", "ADMIN");
  const intent = form.get("intent");
  try {
    if (intent === "publish") return { message: `Published ${(await publishRun(user, params.runId ?? "")).published} proposals to providers.` };
    if (intent === "discard") {
      await discardRun(user, params.runId ?? "");
      return { message: "The run was discarded." };
    }
    return data({ error: "Choose publish or discard" }, { status: 400 });
  } catch (error) {
    return refusalReply(error, (refusal) => ({ error: refusal.message }));
  }
}

function useLiveProgress(runId: string, initial: { progress: number; phase: string | null }, active: boolean) {
  const [progress, setProgress] = useState(initial);
  const revalidator = useRevalidator();
  useEffect(() => setProgress(initial), [initial]);
  useSocketEvent(
    "matching-progress",
    useCallback(
      (event: MatchingProgressPush) => {
        if (event.runId !== runId) return;
        setProgress({ progress: event.fraction, phase: event.detail ? `${event.phase}: ${event.detail}` : event.phase });
        if (event.phase === "done" || event.phase === "failed") revalidator.revalidate();
      },
      [runId, revalidator],
    ),
  );
  // Without a socket (or if an event is missed) the page still catches up.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => revalidator.revalidate(), 4000);
    return () => clearInterval(timer);
  }, [active, revalidator]);
  return progress;
}

export default function MatchingRun() {
  const { run, review, bands } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const active = run.status === "QUEUED" || run.status === "RUNNING";
  const live = useLiveProgress(run.id, { progress: run.progress, phase: run.phase }, active);
  const name = (id: string) => review?.names[id] ?? "Unknown";
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
      {actionData && "message" in actionData && <FormMessage tone="success">{actionData.message}</FormMessage>}
      {actionData && "error" in actionData && <FormMessage>{actionData.error}</FormMessage>}

      {active && (
        <section aria-labelledby="progress-heading" className="card mb-6">
          <h2 id="progress-heading">{run.status === "QUEUED" ? "Waiting to start" : "Matching in progress"}</h2>
          <label htmlFor="run-progress" className="field-label">
            {Math.round(live.progress * 100)}% {live.phase ? `· ${live.phase}` : ""}
          </label>
          <progress id="run-progress" max={1} value={live.progress} className="h-4 w-full" />
          <p className="mt-2 text-nhs-grey-1">You can leave this page: the run carries on, and you will be notified when it finishes.</p>
        </section>
      )}

      {run.status === "FAILED" && <FormMessage>{run.error}</FormMessage>}
      {run.status === "DISCARDED" && <p className="card mb-6">This run was discarded.</p>}

      {review && (
        <>
          {review.empty && <FormMessage>{review.empty}</FormMessage>}
          {review.warnings.length > 0 && (
            <div className="card mb-6 border-l-8 border-l-nhs-amber">
              <h2>Check the data</h2>
              <ul className="list-disc pl-5">
                {review.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </div>
          )}
          {run.inputSummary && review.stats && (
            <dl className="mb-6 grid gap-4 sm:grid-cols-4">
              {[
                ["Students to place", run.inputSummary.studentsToPlace],
                ["Free places", run.inputSummary.placesFree],
                ["Placed by this run", review.stats.placed],
                ["Still unmet", run.inputSummary.studentsToPlace - review.stats.placed],
              ].map(([label, value]) => (
                <div key={label} className="card">
                  <dt className="text-nhs-grey-1">{label}</dt>
                  <dd className="text-3xl font-bold">{Number(value).toLocaleString("en-GB")}</dd>
                </div>
              ))}
            </dl>
          )}

          {run.status === "SUCCEEDED" && review.proposalCount > 0 && (
            <div className="mb-8 flex flex-wrap gap-4">
              <Form method="post">
                <CsrfInput />
                <button type="submit" name="intent" value="publish" className="btn" disabled={navigation.state === "submitting"}>
                  Publish {plural(review.proposalCount, "proposal")} to providers
                </button>
              </Form>
              <Form method="post">
                <CsrfInput />
                <button type="submit" name="intent" value="discard" className="btn-secondary" disabled={navigation.state === "submitting"}>
                  Discard this run
                </button>
              </Form>
            </div>
          )}
          {run.status === "PUBLISHED" && <p className="card mb-6">These proposals have been published. Providers confirm or decline each one.</p>}

          {review.standings.length > 0 && (
            <>
              <RatioBarChart
                title={run.status === "PUBLISHED" ? "Fair-share ratio now" : "Fair-share ratio before and after this run"}
                red={bands.red}
                amber={bands.amber}
                beforeLabel="before this run"
                rows={review.standings.slice(0, 40).map((row) => ({
                  label: `${name(row.providerId)} (${row.profession})`,
                  before: row.ratioBefore,
                  ratio: row.ratioAfter,
                  band: row.bandAfter,
                }))}
              />
              <div className="relative mb-8 overflow-x-auto" role="region" aria-label="Fair share before and after, table" tabIndex={0}>
                <table className="data-table">
                  <caption className="text-left font-bold">Fair share by provider and profession</caption>
                  <thead>
                    <tr>
                      <th scope="col">Provider</th>
                      <th scope="col">Profession</th>
                      <th scope="col">Fair share</th>
                      <th scope="col">Hosting before</th>
                      <th scope="col">After</th>
                      <th scope="col">Ratio before</th>
                      <th scope="col">Ratio after</th>
                      <th scope="col">Band after</th>
                    </tr>
                  </thead>
                  <tbody>
                    {review.standings.map((row) => (
                      <tr key={`${row.providerId}-${row.profession}`}>
                        <td>{name(row.providerId)}</td>
                        <td>{row.profession}</td>
                        <td>{row.fairShare}</td>
                        <td>{row.before}</td>
                        <td>{row.after}</td>
                        <td>{formatRatio(row.ratioBefore)}</td>
                        <td>{formatRatio(row.ratioAfter)}</td>
                        <td>{row.bandAfter ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}

          {review.unmet.length > 0 && (
            <div className="relative mb-8 overflow-x-auto" role="region" aria-label="Unmet demand by university" tabIndex={0}>
              <table className="data-table">
                <caption className="text-left font-bold">Unmet demand by university and profession</caption>
                <thead>
                  <tr>
                    <th scope="col">University</th>
                    <th scope="col">Profession</th>
                    <th scope="col">Students requested</th>
                    <th scope="col">Unmet after this run</th>
                  </tr>
                </thead>
                <tbody>
                  {review.unmet.map((row) => (
                    <tr key={`${row.universityId}-${row.profession}`}>
                      <td>{name(row.universityId)}</td>
                      <td>{row.profession}</td>
                      <td>{row.requested}</td>
                      <td>{row.unmet}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          {review.proposals.length > 0 && (
            <section aria-labelledby="proposals-heading" className="mb-8">
              <h2 id="proposals-heading">
                Proposals{review.proposalCount > review.proposals.length ? ` (first ${review.proposals.length} of ${review.proposalCount})` : ""}
              </h2>
              <ul className="grid gap-3">
                {review.proposals.map((proposal) => (
                  <li key={`${proposal.requestId}-${proposal.offerId}`} className="card">
                    <p className="font-bold">
                      {plural(proposal.students, `${proposal.profession} student`)} of {name(proposal.universityId)} → {name(proposal.providerId)}
                    </p>
                    <p className="text-nhs-grey-1">{proposal.explanation}</p>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {review.unmetRequests.length > 0 && (
            <section aria-labelledby="unmet-heading">
              <h2 id="unmet-heading">Students the run could not place</h2>
              <ul className="grid gap-3">
                {review.unmetRequests.map((row) => (
                  <li key={row.requestId} className="card">
                    <p className="font-bold">{row.students} unplaced</p>
                    <p>{row.reason}</p>
                  </li>
                ))}
              </ul>
            </section>
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
