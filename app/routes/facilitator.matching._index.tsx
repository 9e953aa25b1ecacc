import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { calendarDateField } from "~/vocabulary/calendar-date";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { listRegions } from "~/organisations/directory.server";
import { formatDateRange, formatDateTime } from "~/vocabulary/labels";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";
import { refusalReply } from "~/platform/refusal-reply.server";
import { listRuns, startMatchingRun } from "~/matching/runs.server";
import { choosesMatchingRegion } from "~/matching/policy";
import { defaultRunWindow } from "~/matching/run-window";
import { getSettings } from "~/settings/settings.server";

const StartRunSchema = z
  .object({
    periodStart: calendarDateField("Enter the first day", "Enter the first day as a real date"),
    periodEnd: calendarDateField("Enter the last day", "Enter the last day as a real date"),
    profession: z.union([z.literal(""), z.enum(PROFESSIONS)]).optional(),
    regionId: z.string().max(40).optional(),
  })
  .refine((value) => value.periodStart <= value.periodEnd, { message: "The period must end after it starts", path: ["periodEnd"] });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  const [runs, regions, settings] = await Promise.all([
    listRuns(user),
    choosesMatchingRegion(user) ? listRegions() : Promise.resolve([]),
    getSettings(),
  ]);
  return { runs, regions, defaults: defaultRunWindow(new Date(), settings.matchingLeadDays), leadDays: settings.matchingLeadDays };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "FACILITATOR", "ADMIN");
  const parsed = StartRunSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return data({ error: issue.message, field: String(issue.path[0]) }, { status: 400 });
  }
  try {
    const run = await startMatchingRun(user, {
      periodStart: new Date(`${parsed.data.periodStart}T00:00:00Z`),
      periodEnd: new Date(`${parsed.data.periodEnd}T00:00:00Z`),
      profession: parsed.data.profession || null,
      regionId: parsed.data.regionId || null,
    });
    return redirect(`/facilitator/matching/${run.id}`);
  } catch (error) {
    return refusalReply(error, (refusal) => ({ error: refusal.message, field: refusal.field ?? null }));
  }
}

const STATUS_TEXT: Record<string, string> = {
  QUEUED: "Waiting to start",
  RUNNING: "Running",
  SUCCEEDED: "Ready to review",
  FAILED: "Failed",
  PUBLISHED: "Published",
  DISCARDED: "Discarded",
  SUPERSEDED: "Replaced by a re-run",
};

export default function MatchingRuns() {
  const { runs, regions, defaults, leadDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="Matching" caption="Allocate open requests to published offers" />
      <section aria-labelledby="start-heading" className="mb-8 max-w-3xl">
        <h2 id="start-heading">Start a run</h2>
        {actionData?.error && <FormMessage>{actionData.error}</FormMessage>}
        <Form method="post" className="card grid gap-4 sm:grid-cols-2">
          <CsrfInput />
          <div>
            <label htmlFor="periodStart" className="field-label">
              Blocks starting from
            </label>
            <input id="periodStart" name="periodStart" type="date" required defaultValue={defaults.periodStart} className="field-input" aria-describedby="periodStart-hint" aria-invalid={actionData?.field === "periodStart" || undefined} />
            {/* Below the field, so that the two dates line up side by side. */}
            <p id="periodStart-hint" className="field-hint mt-1">
              Blocks that start within {leadDays} {leadDays === 1 ? "day" : "days"} of today are left out by default.
            </p>
          </div>
          <div>
            <label htmlFor="periodEnd" className="field-label">
              Up to
            </label>
            <input id="periodEnd" name="periodEnd" type="date" required defaultValue={defaults.periodEnd} className="field-input" aria-invalid={actionData?.field === "periodEnd" || undefined} />
          </div>
          <div>
            <label htmlFor="profession" className="field-label">
              Profession
            </label>
            <select id="profession" name="profession" className="field-input" defaultValue="">
              <option value="">All professions</option>
              {PROFESSIONS.map((profession) => (
                <option key={profession} value={profession}>
                  {PROFESSION_LABELS[profession]}
                </option>
              ))}
            </select>
          </div>
          {regions.length > 0 && (
            <div>
              <label htmlFor="regionId" className="field-label">
                Region
              </label>
              <select id="regionId" name="regionId" className="field-input" required aria-invalid={actionData?.field === "regionId" || undefined}>
                {regions.map((region) => (
                  <option key={region.id} value={region.id}>
                    {region.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="sm:col-span-2">
            <p className="mb-4 text-nhs-grey-1">
              The run proposes allocations; nothing reaches providers until you review and publish it. Allocations already
              proposed or confirmed are never moved.
            </p>
            <button type="submit" className="btn">
              Start matching
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">Runs</h2>
        {runs.length === 0 ? (
          <p className="card">No runs yet.</p>
        ) : (
          <div className="relative overflow-x-auto" role="region" aria-label="Matching runs" tabIndex={0}>
            <table className="data-table">
              <caption className="sr-only">Matching runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Period</th>
                  <th scope="col">Profession</th>
                  <th scope="col">Status</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Unmet</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id}>
                    <td>
                      <Link to={`/facilitator/matching/${run.id}`}>{formatDateTime(run.createdAt)}</Link>
                    </td>
                    <td>{formatDateRange(run.periodStart, run.periodEnd)}</td>
                    <td>{run.profession ? PROFESSION_LABELS[run.profession] : "All"}</td>
                    <td>
                      {run.status === "SUCCEEDED" && run.studentsPlaced === 0 ? "Placed nobody: discard it" : STATUS_TEXT[run.status]}
                      {run.status === "RUNNING" && ` (${Math.round(run.progress * 100)}%)`}
                    </td>
                    <td>{run.studentsPlaced ?? "—"}</td>
                    <td>{run.studentsUnmet ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Matching · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
