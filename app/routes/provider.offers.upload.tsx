import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldErrors, FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { MAX_CSV_BYTES, MAX_CSV_ROWS, type CsvFormulaCell } from "~/platform/csv";
import { redirectWithFlash } from "~/platform/flash.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { SUPERVISION_MODEL_LABELS, SUPERVISION_MODELS } from "~/vocabulary/labels";
import { MAX_NOTES_LENGTH, MAX_OFFER_SLOTS, MAX_OFFER_WEEKS, MAX_SPECIALTY_LENGTH } from "~/marketplace/offer-form";
import { checkOfferFile, importOfferRows, readUploadedCsv, type CheckedOfferFile } from "~/marketplace/offer-csv.server";
import { listProviderSites } from "~/marketplace/offers.server";
import { requireProviderScope } from "~/marketplace/policy";

// ~/domain/csv carries the CSV parser (Node only): the page gets its limits from the loader.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const sites = await listProviderSites(requireProviderScope(user));
  return { siteNames: sites.map((site) => site.name), maxBytes: MAX_CSV_BYTES, maxRows: MAX_CSV_ROWS };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "EDUCATOR");
  // A multipart body carries a little more than the file: its boundaries, the token and the intent.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_CSV_BYTES + 64 * 1024) {
    const megabytes = MAX_CSV_BYTES / 1024 / 1024;
    return data({ fileError: `The file is larger than ${megabytes} MB: split it into smaller files. Nothing was imported.`, report: null }, { status: 413 });
  }
  const { user, form } = await requireUserForm(request, "EDUCATOR");
  const file = form.get("file");
  let bytes: Uint8Array;
  try {
    bytes = await readUploadedCsv(file);
  } catch (error) {
    return refusalReply(error, (refusal) => ({ fileError: `${refusal.message}. Nothing was imported.`, report: null }));
  }
  const checked = await checkOfferFile(user, bytes);
  const report = summarise(checked, file instanceof File ? file.name : "");
  if (checked.fileProblems.length > 0) return data({ fileError: null, report }, { status: 400 });

  const goodRowsOnly = form.get("intent") === "import-good-rows";
  if (checked.rowProblems.length > 0 && !goodRowsOnly) return data({ fileError: null, report }, { status: 400 });
  if (goodRowsOnly && checked.rowProblems.length > 0 && form.get("checksum") !== checked.checksum) {
    return data(
      { fileError: "This is not the file you checked: it has changed or another file was chosen. Check the rows below, then import again.", report },
      { status: 409 },
    );
  }
  try {
    const imported = await importOfferRows(user, checked.goodRows);
    return await redirectWithFlash("/provider/offers", importedMessage(imported.created, checked.rowProblems.length, checked.formulaCells));
  } catch (error) {
    return refusalReply(error, (refusal) => ({ fileError: refusal.message, report }));
  }
}

function importedMessage(imported: number, skipped: number, formulaCells: CsvFormulaCell[]): string {
  const left = skipped > 0 ? ` ${skipped} ${skipped === 1 ? "row with problems was" : "rows with problems were"} left out.` : "";
  return `${imported} ${imported === 1 ? "offer was" : "offers were"} imported.${left}${formulaWarning(formulaCells)}`;
}

/** Told per row and column: a cell starting like a formula may mean the file was tampered with. */
function formulaWarning(cells: CsvFormulaCell[]): string {
  if (cells.length === 0) return "";
  const where = cells
    .slice(0, 5)
    .map((cell) => `line ${cell.line}, ${cell.column} (starts with ${cell.starts})`)
    .join("; ");
  const more = cells.length > 5 ? ` and ${cells.length - 5} more` : "";
  return ` Check ${where}${more}: a spreadsheet would read ${cells.length === 1 ? "that cell" : "those cells"} as a formula. ${cells.length === 1 ? "It was" : "They were"} saved as plain text and stay harmless in exports.`;
}

function summarise(checked: CheckedOfferFile, fileName: string) {
  return {
    fileName,
    checksum: checked.checksum,
    totalRows: checked.totalRows,
    goodRows: checked.goodRows.length,
    fileProblems: checked.fileProblems,
    rowProblems: checked.rowProblems,
    formulaWarning: formulaWarning(checked.formulaCells).trim(),
  };
}

const COLUMNS: { name: string; required: boolean; what: string }[] = [
  { name: "site", required: true, what: "The name of one of your sites, as listed under Your sites (any capitals)." },
  { name: "profession", required: true, what: "A code such as PT, OT, SLT, or the name, such as Physiotherapy." },
  { name: "specialty", required: false, what: `Optional, up to ${MAX_SPECIALTY_LENGTH} characters: MSK, neurology, paediatrics…` },
  { name: "start_date", required: true, what: "The first day students can start, as 2027-01-04 (or 04/01/2027)." },
  { name: "end_date", required: true, what: `After the start date; the window is at most ${MAX_OFFER_WEEKS} weeks.` },
  { name: "slots", required: true, what: `A whole number of students from 1 to ${MAX_OFFER_SLOTS}.` },
  { name: "supervision_model", required: true, what: `One of: ${SUPERVISION_MODELS.map((m) => SUPERVISION_MODEL_LABELS[m]).join(", ")}. The codes of an export (ONE_TO_ONE…) work too.` },
  { name: "years_of_study", required: false, what: 'Years accepted separated by semicolons, as "2;3". Empty means any year.' },
  { name: "notes", required: false, what: `Optional, up to ${MAX_NOTES_LENGTH} characters.` },
  { name: "publish", required: false, what: '"yes" to publish straight away; "no" or empty keeps the offer as a draft.' },
];

export default function UploadOffers() {
  const { siteNames, maxBytes, maxRows } = useLoaderData<typeof loader>();
  const maxMb = maxBytes / 1024 / 1024;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [sizeError, setSizeError] = useState<string | null>(null);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const busy = navigation.state === "submitting";
  const report = actionData?.report ?? null;
  const fileError = sizeError ?? actionData?.fileError ?? null;
  return (
    <>
      <PageHeader
        title="Upload offers"
        caption="Placement capacity"
        actions={
          <Link to="/provider/offers" className="btn-secondary">
            All offers
          </Link>
        }
      />
      <div className="mb-8 grid gap-6 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="file-heading">
          <h2 id="file-heading">Choose your file</h2>
          <Form id="upload-form" method="post" encType="multipart/form-data" className="card" noValidate>
            <CsrfInput />
            <div className="mb-5">
              <label htmlFor="file" className="field-label">
                CSV file of offers
              </label>
              <span id="file-hint" className="field-hint">
                A CSV UTF-8 file of at most {maxMb} MB and {maxRows.toLocaleString("en-GB")} rows. Every row is checked first: nothing is
                imported while any row has a problem, unless you choose to import only the good rows.
              </span>
              <FieldErrors id="file-error" errors={fileError ? [fileError] : undefined} />
              <input
                id="file"
                name="file"
                type="file"
                accept=".csv,text/csv"
                required
                aria-describedby={`file-hint${fileError ? " file-error" : ""}`}
                aria-invalid={fileError ? true : undefined}
                className="field-input"
                onChange={(event) => {
                  const chosen = event.currentTarget.files?.[0];
                  setSizeError(chosen && chosen.size > maxBytes ? `The file is larger than ${maxMb} MB: split it into smaller files` : null);
                }}
              />
            </div>
            <button type="submit" name="intent" value="upload" className="btn" disabled={busy || Boolean(sizeError)}>
              {busy ? "Checking…" : "Check and import"}
            </button>
          </Form>
        </section>
        <section aria-labelledby="template-heading">
          <h2 id="template-heading">Start from the template</h2>
          <div className="card">
            <p className="mb-4">
              <a href="/provider/offers/template.csv" download className="font-bold">
                Download the template (CSV)
              </a>
              : it has the columns and two example rows to replace.
            </p>
            <h3>Your sites</h3>
            {siteNames.length ? (
              <ul className="list-disc pl-5">
                {siteNames.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            ) : (
              <p>Your organisation has no sites yet: ask an administrator to add them before uploading offers.</p>
            )}
          </div>
        </section>
      </div>

      {report && <UploadReport report={report} busy={busy} hydrated={hydrated} />}

      <section aria-labelledby="columns-heading">
        <h2 id="columns-heading">Columns</h2>
        <ScrollTable label="Columns of the offers file, scrollable">
          <table className="data-table">
            <caption className="sr-only">The columns of the offers file and what to write in them</caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Required</th>
                <th scope="col">What to write</th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map((column) => (
                <tr key={column.name}>
                  <th scope="row">
                    <code>{column.name}</code>
                  </th>
                  <td>{column.required ? "Yes" : "No"}</td>
                  <td>{column.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </>
  );
}

function UploadReport({
  report,
  busy,
  hydrated,
}: {
  report: ReturnType<typeof summarise>;
  busy: boolean;
  hydrated: boolean;
}) {
  if (report.fileProblems.length > 0) {
    return (
      <FormMessage>
        <h2 className="text-lg">{report.fileName ? `${report.fileName} could not be read` : "The file could not be read"}</h2>
        <ul className="list-disc pl-5">
          {report.fileProblems.map((problem) => (
            <li key={`${problem.line}-${problem.message}`}>
              {problem.line > 1 ? `Line ${problem.line}: ` : ""}
              {problem.message}
            </li>
          ))}
        </ul>
        <p className="mt-2">Nothing was imported.</p>
      </FormMessage>
    );
  }
  const bad = report.rowProblems.length;
  return (
    <section aria-labelledby="problems-heading" className="mb-8">
      <div role="alert" className="mb-6 border-4 border-nhs-red bg-white p-4">
        <h2 id="problems-heading" className="text-lg">
          {bad} of {report.totalRows} {report.totalRows === 1 ? "row has" : "rows have"} problems
        </h2>
        <p>
          Nothing has been imported from {report.fileName || "the file"}. Correct the rows below and upload the file again
          {report.goodRows > 0 ? `, or import only the ${report.goodRows} good ${report.goodRows === 1 ? "row" : "rows"} now.` : "."}
        </p>
      </div>
      {report.formulaWarning && <p className="card mb-6">{report.formulaWarning}</p>}
      {report.goodRows > 0 && (
        <div className="card mb-6">
          <input type="hidden" name="checksum" value={report.checksum} form="upload-form" />
          {!hydrated && <p className="field-hint">Choose the same file again above first.</p>}
          <button type="submit" form="upload-form" name="intent" value="import-good-rows" className="btn-secondary" disabled={busy}>
            Import the {report.goodRows} good {report.goodRows === 1 ? "row" : "rows"}
          </button>
          <p className="mt-2 text-sm text-nhs-grey-1">
            The {bad} {bad === 1 ? "row" : "rows"} with problems will be left out. The file is checked again before anything is saved.
          </p>
        </div>
      )}
      <ScrollTable label="Rows with problems, scrollable">
        <table className="data-table">
          <caption className="sr-only">Rows with problems, by line of the file</caption>
          <thead>
            <tr>
              <th scope="col" className="text-right">
                Line
              </th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.rowProblems.flatMap((row) =>
              row.problems.map((problem, index) => (
                <tr key={`${row.line}-${index}`}>
                  {index === 0 && (
                    <th scope="rowgroup" rowSpan={row.problems.length} className="text-right">
                      {row.line}
                    </th>
                  )}
                  <td>
                    <code>{problem.column}</code>
                  </td>
                  <td>{problem.message}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Upload offers · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
