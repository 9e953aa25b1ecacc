import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { redirectWithFlash } from "~/platform/flash.server";
import { parseSubmission } from "~/platform/form-submission.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { TimesheetFormSchema } from "~/practice-hours/hours-forms";
import { formatHours, TIMESHEET_STATUS_LABELS } from "~/practice-hours/hours-rules";
import { getStudentHours, submitTimesheet } from "~/practice-hours/timesheets.server";
import { formatDate, formatDateRange } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { LedgerDetail, TimesheetTag } from "./hours.shared/hours-parts";
import { TimesheetForm, weekLabel } from "./hours.shared/timesheet-form";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "STUDENT");
  return getStudentHours(user);
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "STUDENT");
  const submission = parseSubmission(form, TimesheetFormSchema);
  const allocationId = String(form.get("allocationId") ?? "");
  if (submission.status !== "success") return data({ allocationId, result: submission.reply() }, { status: 400 });
  try {
    const saved = await submitTimesheet(user, submission.value);
    return await redirectWithFlash("/student/hours", saved.resubmitted ? "Your week has been corrected and sent to your practice educator again." : "Your week has been sent to your practice educator to confirm.");
  } catch (error) {
    return refusalReply(error, submission, { allocationId });
  }
}

export default function StudentHours() {
  const { student, placements } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PageHeader title="My practice hours" caption={student ? `${student.programmeName}, ${PROFESSION_LABELS[student.profession]}` : "Practice hours"} />
      {!student ? (
        <p className="card mb-8">Your university has not yet linked you to a programme, so there is no requirement to count your hours against. Ask your placement team.</p>
      ) : !student.ledger || !student.requirement ? (
        <p className="card mb-8">No practice-hours requirement is recorded for {PROFESSION_LABELS[student.profession]} yet.</p>
      ) : (
        <>
          <p className="mb-6 max-w-3xl">
            {PROFESSION_LABELS[student.profession]} asks for {formatHours(student.requirement.minimumMinutes)} hours of practice-based learning ({student.requirement.source}).
            {student.programmeEnd ? ` Placements ending after your programme's last block (${formatDate(student.programmeEnd)}) are not counted as planned.` : ""}
          </p>
          <LedgerDetail ledger={student.ledger} caption="Your hours" />
        </>
      )}
      <h2 className="mb-3 text-xl font-bold">Placements</h2>
      {placements.length === 0 && <p className="card">You are not named on a placement yet.</p>}
      {placements.map((placement) => {
        const label = `${placement.siteName}, ${placement.providerName}`;
        const recorded = new Map(placement.weeks.map((week) => [week.weekStarting, week.timesheet?.status ?? null]));
        return (
          <section key={placement.allocationId} aria-labelledby={`placement-${placement.allocationId}`} className="mb-8">
            <h3 id={`placement-${placement.allocationId}`} className="mb-2 text-lg font-bold">
              {label}
            </h3>
            <p className="mb-3">
              {PROFESSION_LABELS[placement.profession]}, {formatDateRange(placement.startDate, placement.endDate)}
              {placement.completed ? " (completed)" : ""}
            </p>
            <ScrollTable label={`Weeks at ${label}`}>
              <table className="data-table">
                <caption className="sr-only">Weeks at {label}</caption>
                <thead>
                  <tr>
                    <th scope="col">Week of</th>
                    <th scope="col">Planned hours</th>
                    <th scope="col">Days</th>
                    <th scope="col">In person</th>
                    <th scope="col">Telehealth</th>
                    <th scope="col">Simulation</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {placement.weeks.map((week) => (
                    <tr key={week.weekStarting}>
                      <th scope="row">{formatDate(week.weekStarting)}</th>
                      <td>{formatHours(week.plannedMinutes)}</td>
                      <td>{week.timesheet?.days ?? "–"}</td>
                      <td>{week.timesheet ? formatHours(week.timesheet.inPersonMinutes) : "–"}</td>
                      <td>{week.timesheet ? formatHours(week.timesheet.telehealthMinutes) : "–"}</td>
                      <td>{week.timesheet ? formatHours(week.timesheet.simulationMinutes) : "–"}</td>
                      <td>
                        {week.timesheet ? <TimesheetTag status={week.timesheet.status} /> : "Not recorded"}
                        {week.timesheet?.status === "QUERIED" && week.timesheet.queryReason && <p className="mt-1">Educator: {week.timesheet.queryReason}</p>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
            {placement.recordableWeeks.length > 0 ? (
              <TimesheetForm
                allocationId={placement.allocationId}
                placementLabel={label}
                weeks={placement.recordableWeeks.map((week) => {
                  const status = recorded.get(week);
                  return { value: week, label: weekLabel(week, status ? TIMESHEET_STATUS_LABELS[status].toLowerCase() : null) };
                })}
                lastResult={actionData?.allocationId === placement.allocationId ? actionData.result : undefined}
                busy={busy}
              />
            ) : (
              <p className="mb-6">{placement.completed ? "Every week of this placement is confirmed." : "You can record a week once it has started."}</p>
            )}
          </section>
        );
      })}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "My practice hours · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
