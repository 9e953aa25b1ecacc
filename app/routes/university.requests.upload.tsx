import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { MAX_CSV_BYTES, MAX_CSV_ROWS, type CsvProblem } from "~/platform/csv";
import { MAX_ADJUSTMENTS_LENGTH, MAX_REQUEST_STUDENTS, MAX_SPECIALTIES, MAX_TRAVEL_MINUTES, MIN_TRAVEL_MINUTES } from "~/marketplace/request-form";
import { checkRequestUpload, importRequestRows, readUploadedCsv } from "~/marketplace/request-csv.server";
import { redirectWithFlash } from "~/platform/flash.server";
import { refusalReply } from "~/platform/refusal-reply.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "UNIVERSITY");
  // The limits come from the server: ~/domain/csv brings the CSV parser, which must stay out of the browser bundle.
  return { maxMegabytes: MAX_CSV_BYTES / 1024 / 1024, maxRows: MAX_CSV_ROWS };
}

type UploadOutcome =
  | { kind: "refused"; message: string }
  | { kind: "file-problems"; problems: CsvProblem[] }
  | { kind: "row-problems"; problems: CsvProblem[]; rowCount: number; goodCount: number; csv: string | null; changed: boolean };

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "UNIVERSITY");
  const confirming = form.get("intent") === "import-good";
  const reply = (outcome: UploadOutcome, status: number) => data({ outcome }, { status });
  const refused = (error: unknown) => refusalReply(error, (refusal): { outcome: UploadOutcome } => ({ outcome: { kind: "refused", message: refusal.message } }));

  let bytes: Uint8Array;
  if (confirming) {
    const text = form.get("csv");
    if (typeof text !== "string" || text.length === 0) return reply({ kind: "refused", message: "Upload the file again" }, 400);
    bytes = new TextEncoder().encode(text);
  } else {
    try {
      bytes = await readUploadedCsv(form.get("file"));
    } catch (error) {
      return refused(error);
    }
  }

  // Every submission is checked again here, including "import the good rows": the page's copy is never trusted.
  const check = await checkRequestUpload(user, bytes);
  if (check.fileProblems.length) return reply({ kind: "file-problems", problems: check.fileProblems }, 400);

  const expected = Number(form.get("expected"));
  const importNow = check.rowProblems.length === 0 || (confirming && check.goodRows.length > 0 && check.goodRows.length === expected);
  if (importNow) {
    try {
      const { count } = await importRequestRows(user, check.goodRows);
      const skipped = check.rowCount - count;
      const message = `${count} ${count === 1 ? "request has" : "requests have"} been imported${skipped ? `; ${skipped} ${skipped === 1 ? "row was" : "rows were"} skipped` : ""}.`;
      return await redirectWithFlash("/university/requests", message);
    } catch (error) {
      return refused(error);
    }
  }
  return reply(
    {
      kind: "row-problems",
      problems: check.rowProblems,
      rowCount: check.rowCount,
      goodCount: check.goodRows.length,
      csv: check.goodRows.length > 0 ? new TextDecoder().decode(bytes) : null,
      changed: confirming,
    },
    confirming ? 409 : 400,
  );
}

export default function UploadRequests() {
  const { maxMegabytes, maxRows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const outcome = actionData?.outcome;
  return (
    <>
      <PageHeader title="Upload placement requests" caption="Placement requests" />
      <div className="max-w-3xl">
        <p className="mb-4">
          Make many requests at once from a CSV file. Start from the <a href="/university/requests/template.csv">template (CSV)</a>; one row is
          one request. Nothing is imported until every row is right, or you choose to import only the good rows.
        </p>
        {outcome?.kind === "refused" && <FormMessage>{outcome.message}</FormMessage>}
        {outcome?.kind === "file-problems" && (
          <FormMessage>
            <h2 className="text-lg">The file could not be read</h2>
            <ul className="list-disc pl-6">
              {outcome.problems.map((problem, index) => (
                <li key={index}>{problem.message}</li>
              ))}
            </ul>
          </FormMessage>
        )}
      </div>

      {outcome?.kind === "row-problems" && <RowProblems outcome={outcome} busy={busy} />}

      <section aria-labelledby="upload-heading" className="max-w-3xl">
        <h2 id="upload-heading">{outcome?.kind === "row-problems" ? "Upload a corrected file" : "Choose the file"}</h2>
        <Form method="post" encType="multipart/form-data" className="card mb-8">
          <CsrfInput />
          <input type="hidden" name="intent" value="upload" />
          <div className="mb-5">
            <label htmlFor="file" className="field-label">
              CSV file
            </label>
            <span id="file-hint" className="field-hint">
              Saved as &quot;CSV UTF-8&quot;, at most {maxMegabytes} MB and {maxRows.toLocaleString("en-GB")} rows.
            </span>
            <input id="file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="file-hint" className="field-input" />
          </div>
          <div className="flex flex-wrap items-center gap-4">
            <button type="submit" className="btn" disabled={busy}>
              Check and import
            </button>
            <Link to="/university/requests">Back to requests</Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="columns-heading" className="max-w-4xl">
        <h2 id="columns-heading">Columns</h2>
        <ScrollTable label="Columns of the CSV file, scrollable">
          <table className="data-table">
            <caption className="sr-only">The columns of the request CSV file</caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">What to put in it</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">programme</th>
                <td>The name of one of your programmes, as it is on the Programmes page. Required.</td>
              </tr>
              <tr>
                <th scope="row">block</th>
                <td>The name of one of that programme&apos;s placement blocks. The request takes its year of study and dates. Required.</td>
              </tr>
              <tr>
                <th scope="row">students</th>
                <td>The number of students, from 1 to {MAX_REQUEST_STUDENTS}. Required.</td>
              </tr>
              <tr>
                <th scope="row">specialties</th>
                <td>Optional. Separate them with semicolons, like MSK; neuro. At most {MAX_SPECIALTIES}.</td>
              </tr>
              <tr>
                <th scope="row">max_travel_minutes</th>
                <td>
                  Optional, from {MIN_TRAVEL_MINUTES} to {MAX_TRAVEL_MINUTES}. Needs a campus.
                </td>
              </tr>
              <tr>
                <th scope="row">campus</th>
                <td>The name of one of your university&apos;s sites, where travel is measured from.</td>
              </tr>
              <tr>
                <th scope="row">reasonable_adjustments</th>
                <td>Optional, at most {MAX_ADJUSTMENTS_LENGTH} characters. Never shown to students or other providers.</td>
              </tr>
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </>
  );
}

function RowProblems({
  outcome,
  busy,
}: {
  outcome: { problems: CsvProblem[]; rowCount: number; goodCount: number; csv: string | null; changed: boolean };
  busy: boolean;
}) {
  const byLine = new Map<number, CsvProblem[]>();
  for (const problem of outcome.problems) byLine.set(problem.line, [...(byLine.get(problem.line) ?? []), problem]);
  const badCount = byLine.size;
  return (
    <section aria-labelledby="problems-heading" className="mb-8">
      <div role="alert" className="mb-4 max-w-3xl border-4 border-nhs-red bg-white p-4" tabIndex={-1}>
        <h2 id="problems-heading" className="text-lg">
          {badCount} of {outcome.rowCount} {outcome.rowCount === 1 ? "row has" : "rows have"} problems. Nothing has been imported.
        </h2>
        {outcome.changed && <p>Your programmes or blocks changed since the file was checked, so it has been checked again.</p>}
      </div>
      <ScrollTable label="Rows with problems, scrollable">
        <table className="data-table max-w-5xl">
          <caption className="sr-only">Rows of the file with problems, by line number</caption>
          <thead>
            <tr>
              <th scope="col" className="text-right">
                Line
              </th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {[...byLine.entries()].map(([line, problems]) => (
              <tr key={line}>
                <th scope="row" className="text-right">
                  {line}
                </th>
                <td>
                  <ul>
                    {problems.map((problem, index) => (
                      <li key={index}>
                        {problem.column && <strong>{problem.column}: </strong>}
                        {problem.message}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      {outcome.goodCount > 0 && outcome.csv && (
        <Form method="post" encType="multipart/form-data" className="card max-w-3xl">
          <CsrfInput />
          <input type="hidden" name="intent" value="import-good" />
          <input type="hidden" name="expected" value={outcome.goodCount} />
          <textarea name="csv" hidden readOnly defaultValue={outcome.csv} aria-hidden="true" tabIndex={-1} />
          <p className="mb-4">
            {outcome.goodCount} {outcome.goodCount === 1 ? "row is" : "rows are"} right. You can import {outcome.goodCount === 1 ? "it" : "them"}{" "}
            now and fix the others later, or correct the file and upload it again.
          </p>
          <button type="submit" className="btn" disabled={busy}>
            Import the {outcome.goodCount} good {outcome.goodCount === 1 ? "row" : "rows"}
          </button>
        </Form>
      )}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Upload placement requests · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
