import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { checkWorkforceFile, importWorkforceRows } from "~/fair-share/workforce-import.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import type { CsvProblem } from "~/platform/csv";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return null;
}

type Outcome =
  | { state: "imported"; count: number }
  | { state: "problems"; problems: CsvProblem[]; goodCount: number; rowCount: number; checksum: string | null };

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "ADMIN");
  const check = await checkWorkforceFile(form.get("file"));
  if (!check.ok) return data<Outcome>({ state: "problems", problems: check.fileProblems, goodCount: 0, rowCount: 0, checksum: null }, { status: 400 });
  // "Import the good rows" re-sends the same file; the server checks it again and only then imports.
  const importGood = form.get("intent") === "import-good" && form.get("checksum") === check.checksum;
  if (check.problems.length === 0 || (importGood && check.good.length > 0)) {
    return data<Outcome>({ state: "imported", count: await importWorkforceRows(user.id, check.good) });
  }
  return data<Outcome>(
    { state: "problems", problems: check.problems, goodCount: check.good.length, rowCount: check.rowCount, checksum: check.checksum },
    { status: 400 },
  );
}

export default function WorkforceUpload() {
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader title="Upload workforce figures" caption="Administration" actions={<Link to="/admin/organisations" className="btn-secondary">Organisations</Link>} />
      <p className="mb-4 max-w-3xl">
        A CSV file in the NMET style with the columns <code>provider</code> (name or ODS code), <code>profession</code> (PT, OT,
        SLT… or the name), <code>wte</code> and <code>year</code> (2026 or 2026/27). Each row sets that provider&apos;s registered
        staff for the profession and year, replacing any earlier figure. Nothing is imported until every row is right, unless you
        choose to import only the good rows.
      </p>
      {outcome?.state === "imported" && <FormMessage tone="success">Imported {outcome.count} workforce figures.</FormMessage>}
      <Form method="post" encType="multipart/form-data" className="card mb-6 max-w-3xl">
        <CsrfInput />
        <label htmlFor="file" className="field-label">
          Workforce CSV file
        </label>
        <span id="file-hint" className="field-hint">
          CSV UTF-8, at most 2 MB and 5,000 rows.
        </span>
        <input id="file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="file-hint" className="mb-4 block" />
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
          Check and import
        </button>
        {outcome?.state === "problems" && outcome.checksum && outcome.goodCount > 0 && (
          <div className="mt-6 border-t border-nhs-grey-4 pt-4">
            <p className="mb-2">
              {outcome.goodCount} of {outcome.rowCount} rows are right. Choose the same file above, then:
            </p>
            <input type="hidden" name="checksum" value={outcome.checksum} />
            <button type="submit" name="intent" value="import-good" className="btn-secondary">
              Import the {outcome.goodCount} good rows
            </button>
          </div>
        )}
      </Form>
      {outcome?.state === "problems" && (
        <div className="relative overflow-x-auto" role="region" aria-label="Problems in the file" tabIndex={0}>
          <table className="data-table">
            <caption className="text-left font-bold">Nothing was imported. Problems by line:</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {outcome.problems.map((problem, index) => (
                <tr key={index}>
                  <td>{problem.line}</td>
                  <td>{problem.column ?? "—"}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Upload workforce figures · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
