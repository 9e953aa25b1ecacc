import type { SubmissionResult } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldErrors, FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { redirectWithFlash } from "~/platform/flash.server";
import { optionalParam } from "~/platform/form-fields";
import { ownAddress, submitIntent } from "~/platform/form-submission.server";
import { ConfirmTimesheetSchema, MAX_QUERY_REASON_LENGTH, QueryTimesheetSchema } from "~/practice-hours/hours-forms";
import { formatHours, TIMESHEET_STATUS_LABELS, TIMESHEET_STATUSES, type TimesheetStatusName } from "~/practice-hours/hours-rules";
import { confirmTimesheet, listProviderTimesheets, queryTimesheet } from "~/practice-hours/timesheets.server";
import { formatDate, formatDateTime, plural } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { TimesheetTag } from "./hours.shared/hours-parts";

const FilterSchema = z.object({ status: optionalParam(z.enum([...TIMESHEET_STATUSES, "all"])) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const { status = "SUBMITTED" } = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = await listProviderTimesheets(user, status === "all" ? undefined : status);
  return { ...list, status };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "EDUCATOR");
  const intent = String(form.get("intent") ?? "");
  const back = ownAddress(request);
  switch (intent) {
    case "confirm":
      return submitIntent(form, intent, ConfirmTimesheetSchema, async (value) => {
        await confirmTimesheet(user, value.timesheetId);
        return redirectWithFlash(back, "The week is confirmed: it now counts toward the student's hours.");
      });
    case "query":
      return submitIntent(form, intent, QueryTimesheetSchema, async (value) => {
        await queryTimesheet(user, value.timesheetId, value.reason);
        return redirectWithFlash(back, "The week is queried: the student has been told why and can correct it.");
      });
    default:
      return data({ intent, result: { status: "error", error: { "": ["Choose confirm or query"] } } as SubmissionResult<string[]> }, { status: 400 });
  }
}

const FILTERS: (TimesheetStatusName | "all")[] = ["SUBMITTED", "QUERIED", "CONFIRMED", "all"];

export default function ProviderTimesheets() {
  const { rows, waiting, status } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { pathname } = useLocation();
  const failed = actionData?.result?.status === "error" ? actionData.result : null;
  const failedId = failed && typeof failed.initialValue?.timesheetId === "string" ? failed.initialValue.timesheetId : null;
  const errorsFor = (timesheetId: string, field: string) => (failedId === timesheetId ? (failed?.error?.[field] ?? undefined) : undefined);
  return (
    <>
      <PageHeader title="Timesheets" caption="Students' practice hours at your organisation" />
      <p className="mb-6 max-w-3xl text-lg">
        {waiting > 0 ? `${plural(waiting, "week")} ${waiting === 1 ? "waits" : "wait"} for you to confirm or query.` : "No weeks wait for you."} Confirm a week when
        the hours match the student&apos;s attendance; query it, saying why, when they do not.
      </p>
      {failed && !failedId && <FormMessage>{Object.values(failed.error ?? {}).flat().join(" ")}</FormMessage>}
      <nav aria-label="Filter timesheets by status" className="mb-6">
        <ul className="flex flex-wrap gap-2">
          {FILTERS.map((filter) => (
            <li key={filter}>
              <Link to={filter === "SUBMITTED" ? pathname : `${pathname}?status=${filter}`} aria-current={status === filter ? "page" : undefined} className="btn-secondary">
                {filter === "all" ? "All" : TIMESHEET_STATUS_LABELS[filter]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p className="card">No timesheets here.</p>
      ) : (
        <ScrollTable label="Timesheets">
          <table className="data-table">
            <caption className="sr-only">Timesheets</caption>
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Placement</th>
                <th scope="col">Week of</th>
                <th scope="col">Days</th>
                <th scope="col">In person</th>
                <th scope="col">Telehealth</th>
                <th scope="col">Simulation</th>
                <th scope="col">Status</th>
                <th scope="col">Decide</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const who = `${row.student.name}, week of ${formatDate(row.weekStarting)}`;
                const reasonErrors = errorsFor(row.id, "reason");
                return (
                  <tr key={row.id}>
                    <th scope="row">
                      {row.student.name}
                      <span className="block text-sm font-normal">{row.allocation.request.university.name}</span>
                    </th>
                    <td>
                      {row.allocation.offer.site.name}
                      <span className="block text-sm">{PROFESSION_LABELS[row.allocation.offer.profession]}</span>
                    </td>
                    <td>{formatDate(row.weekStarting)}</td>
                    <td>{row.days}</td>
                    <td>{formatHours(row.inPersonMinutes)}</td>
                    <td>{formatHours(row.telehealthMinutes)}</td>
                    <td>{formatHours(row.simulationMinutes)}</td>
                    <td>
                      <TimesheetTag status={row.status} />
                      <span className="block text-sm">Sent {formatDateTime(row.submittedAt)}</span>
                      {row.queryReason && <span className="block text-sm">Query: {row.queryReason}</span>}
                    </td>
                    <td className="min-w-64">
                      {row.status === "SUBMITTED" ? (
                        <>
                          <Form method="post" className="mb-3">
                            <CsrfInput />
                            <input type="hidden" name="timesheetId" value={row.id} />
                            <button type="submit" name="intent" value="confirm" className="btn" disabled={busy} aria-label={`Confirm ${who}`}>
                              Confirm
                            </button>
                          </Form>
                          <Form method="post">
                            <CsrfInput />
                            <input type="hidden" name="timesheetId" value={row.id} />
                            <label htmlFor={`reason-${row.id}`} className="field-label">
                              Reason for a query
                            </label>
                            <FieldErrors id={`reason-${row.id}-error`} errors={reasonErrors} />
                            <textarea
                              id={`reason-${row.id}`}
                              name="reason"
                              rows={2}
                              maxLength={MAX_QUERY_REASON_LENGTH}
                              aria-invalid={reasonErrors ? true : undefined}
                              aria-describedby={reasonErrors ? `reason-${row.id}-error` : undefined}
                              className="field-input"
                            />
                            <button type="submit" name="intent" value="query" className="btn-secondary mt-2" disabled={busy} aria-label={`Query ${who}`}>
                              Query
                            </button>
                          </Form>
                          {failedId === row.id && failed?.error?.[""] && <FormMessage>{failed.error[""].join(" ")}</FormMessage>}
                        </>
                      ) : (
                        <span>{row.decidedAt ? `Decided ${formatDateTime(row.decidedAt)}` : "Waiting for the student"}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Timesheets · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
