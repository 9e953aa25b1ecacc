import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { GroupedBarChart } from "~/components/charts/grouped-bars";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { AwardFormSchema, ProgrammeFormSchema } from "~/funding/funding-forms";
import { formatPence, formatPencePerWeek, poundsText } from "~/funding/funding-rules";
import { createAward, programmeDashboard, updateProgramme } from "~/funding/funding.server";
import { redirectWithFlash } from "~/platform/flash.server";
import { submitIntent } from "~/platform/form-submission.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { formatDateRange, plural } from "~/vocabulary/labels";
import { AwardsTable, GroupTable, type GroupRowView } from "./funding.shared/delivery-tables";
import { AwardForm, ProgrammeForm } from "./funding.shared/funding-forms";

const isoDay = (value: Date) => value.toISOString().slice(0, 10);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  try {
    return await programmeDashboard(user, params.programmeId ?? "");
  } catch (error) {
    throw refusalReply(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "FACILITATOR", "ADMIN");
  const programmeId = params.programmeId ?? "";
  const here = `/facilitator/funding/${programmeId}`;
  const intent = String(form.get("intent") ?? "");
  switch (intent) {
    case "add-award":
      return submitIntent(form, intent, AwardFormSchema, async (value) => {
        const created = await createAward(user, programmeId, value);
        return redirectWithFlash(`/funding/awards/${created.id}`, "The award has been recorded.");
      });
    case "update-programme":
      return submitIntent(form, intent, ProgrammeFormSchema, async (value) => {
        await updateProgramme(user, programmeId, value);
        return redirectWithFlash(here, "The programme has been saved.");
      });
    default:
      throw new Response("Unknown action", { status: 400 });
  }
}

const thousands = (pence: number) => Math.round(pence / 100_000);

function groupChart(rows: readonly GroupRowView[], title: string) {
  return (
    <GroupedBarChart
      title={title}
      summary={rows.map((row) => `${row.label}: committed ${row.committedWeeks} weeks, ${row.additionalWeeks} additional weeks secured`).join("; ") + "."}
      series={[
        { key: "committed", label: "Committed additional weeks", colour: "#005eb8" },
        { key: "additional", label: "Additional weeks secured", colour: "#007f3b" },
      ]}
      groups={rows.map((row) => ({ label: row.label, values: { committed: row.committedWeeks, additional: row.additionalWeeks } }))}
    />
  );
}

export default function FundingProgramme() {
  const { programme, awards, totals, byProvider, byProfession, canManage, providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const start = isoDay(new Date(programme.periodStart));
  const end = isoDay(new Date(programme.periodEnd));
  return (
    <>
      <PageHeader title={programme.name} caption={`Expansion funding, ${programme.region.name}`} actions={<Link to="/facilitator/funding">All programmes</Link>} />
      <dl className="card mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1" aria-label="Programme summary">
        <dt className="font-bold">Period</dt>
        <dd>{formatDateRange(programme.periodStart, programme.periodEnd)}</dd>
        <dt className="font-bold">Amount</dt>
        <dd>{formatPence(programme.amountPence)}</dd>
        <dt className="font-bold">Rule</dt>
        <dd>{programme.ratePerWeekPence === null ? "No rate per week" : `${formatPence(programme.ratePerWeekPence)} per additional placement week`}</dd>
        <dt className="font-bold">Awarded</dt>
        <dd>
          {formatPence(totals.amountPence)} in {plural(awards.length, "award")}; {formatPence(totals.paidPence)} paid so far
        </dd>
        <dt className="font-bold">Delivered</dt>
        <dd>
          {plural(totals.additionalWeeks, "additional placement week")} ({plural(totals.additionalStudents, "additional student")}) secured;{" "}
          {formatPencePerWeek(totals.pencePerAdditionalWeek)} paid per additional week
        </dd>
        <dt className="font-bold">Behind</dt>
        <dd>{plural(totals.behind, "award")} behind its commitment</dd>
      </dl>
      <p className="mb-6 max-w-3xl">
        Delivered means placed students (accepted by the university, then named or completed) on the provider&apos;s offers in the award&apos;s profession, for blocks
        starting in the award&apos;s period, over the baseline recorded on the award. An award is behind when what has started so far, less the baseline pro rata, is below
        its commitment pro rata to the time elapsed.
      </p>

      <section aria-labelledby="awards-heading" className="mb-8">
        <h2 id="awards-heading">Awards</h2>
        {awards.length === 0 ? <p className="card">No awards yet.</p> : <AwardsTable rows={awards} caption={`Awards of ${programme.name}, by provider`} />}
        <p>
          <a href={`/facilitator/funding/delivery.csv?programme=${programme.id}`} download className="btn-secondary">
            Download the awards and their delivery (CSV)
          </a>
        </p>
      </section>

      {awards.length > 0 && (
        <>
          <section aria-labelledby="provider-heading" className="mb-8">
            <h2 id="provider-heading">By provider</h2>
            {groupChart(byProvider, `Committed and secured additional placement weeks by provider, ${programme.name}`)}
            <GroupedBarChart
              title={`Spend and delivery by provider, £ thousands, ${programme.name}`}
              summary={byProvider.map((row) => `${row.label}: awarded £${thousands(row.amountPence)}k, paid £${thousands(row.paidPence)}k`).join("; ") + "."}
              series={[
                { key: "awarded", label: "Awarded (£k)", colour: "#005eb8" },
                { key: "paid", label: "Paid (£k)", colour: "#ed8b00" },
                ...(programme.ratePerWeekPence === null ? [] : [{ key: "earned", label: "Delivered at the programme's rate (£k)", colour: "#007f3b" }]),
              ]}
              groups={byProvider.map((row) => ({
                label: row.label,
                values: { awarded: thousands(row.amountPence), paid: thousands(row.paidPence), earned: thousands(row.additionalWeeks * (programme.ratePerWeekPence ?? 0)) },
              }))}
            />
            <GroupTable rows={byProvider} caption={`Committed and delivered by provider, ${programme.name}`} heading="Provider" />
          </section>
          <section aria-labelledby="profession-heading" className="mb-8">
            <h2 id="profession-heading">By profession</h2>
            {groupChart(byProfession, `Committed and secured additional placement weeks by profession, ${programme.name}`)}
            <GroupTable rows={byProfession} caption={`Committed and delivered by profession, ${programme.name}`} heading="Profession" />
          </section>
        </>
      )}

      {canManage && (
        <>
          <section aria-labelledby="add-award-heading" className="mb-8 max-w-3xl">
            <h2 id="add-award-heading">Record an award</h2>
            <AwardForm
              id="add-award"
              intent="add-award"
              lastResult={actionData?.intent === "add-award" ? actionData.result : undefined}
              defaultValue={{ periodStart: start, periodEnd: end, unit: "WEEKS" }}
              providers={providers}
              submitLabel="Record the award"
            />
          </section>
          <section aria-labelledby="edit-programme-heading" className="max-w-3xl">
            <h2 id="edit-programme-heading">Programme details</h2>
            <ProgrammeForm
              id="update-programme"
              intent="update-programme"
              lastResult={actionData?.intent === "update-programme" ? actionData.result : undefined}
              defaultValue={{
                name: programme.name,
                amount: poundsText(programme.amountPence),
                periodStart: start,
                periodEnd: end,
                ratePerWeek: programme.ratePerWeekPence === null ? "" : poundsText(programme.ratePerWeekPence),
                notes: programme.notes ?? "",
              }}
              submitLabel="Save the programme"
            />
          </section>
        </>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.programme.name ?? "Funding programme"} · Placement Exchange` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
