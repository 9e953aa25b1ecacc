import { getFormProps,useForm,type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { Form,Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ErrorSummary,FormMessage,SelectField,TextField } from "~/components/forms";
import { ScrollTable } from "~/components/scroll-table";
import {
roundWte,UpdateWorkforceFormSchema,
WorkforceFormSchema
} from "~/organisations/organisation-forms";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { PROFESSION_LABELS,PROFESSIONS } from "~/vocabulary/roles";
import { fieldErrors,formatWte,resultFor,rowErrors,RowButton,type ActionData,type LoaderData,type Organisation } from "./organisation-page";

export function WorkforceSection({
  organisation,
  editingWorkforce,
  academicYear,
  actionData,
  formKey,
}: {
  organisation: Organisation;
  editingWorkforce: LoaderData["editingWorkforce"];
  academicYear: number;
  actionData: ActionData;
  formKey: string;
}) {
  const errors = rowErrors(actionData, "remove-workforce");
  const years = [...new Set(organisation.workforce.map((row) => row.year))];
  return (
    <section aria-labelledby="workforce-heading" className="mb-10">
      <h2 id="workforce-heading">Workforce</h2>
      <p className="mb-4 max-w-3xl">Registered staff in whole-time equivalents (WTE), by profession and academic year. They set the organisation&rsquo;s fair share.</p>
      {errors.length > 0 && <FormMessage>{errors.join(" ")}</FormMessage>}
      {organisation.workforce.length === 0 ? (
        <p className="mb-6">No workforce figures yet.</p>
      ) : (
        <ScrollTable label="Workforce figures, scrollable">
          <table className="data-table">
            <caption className="sr-only">Workforce of {organisation.name} by academic year and profession</caption>
            <thead>
              <tr>
                <th scope="col">Academic year</th>
                <th scope="col">Profession</th>
                <th scope="col" className="text-right">
                  WTE
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            {years.map((year) => {
              const rows = organisation.workforce.filter((row) => row.year === year);
              return (
                <tbody key={year}>
                  {rows.map((row) => {
                    const label = `${PROFESSION_LABELS[row.profession]} in ${formatAcademicYear(row.year)}`;
                    return (
                      <tr key={row.id}>
                        <td>{formatAcademicYear(row.year)}</td>
                        <th scope="row" className="font-normal">
                          {PROFESSION_LABELS[row.profession]}
                        </th>
                        <td className="text-right">{formatWte(row.wte)}</td>
                        <td>
                          <div className="flex flex-wrap items-center gap-3">
                            <Link to={`?editWorkforce=${row.id}#edit-workforce-heading`}>
                              Change<span className="sr-only"> {label}</span>
                            </Link>
                            <RowButton intent="remove-workforce" name="workforceId" value={row.id} label="Remove" hiddenLabel={label} tone="warning" />
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                  <tr>
                    <td>{formatAcademicYear(year)}</td>
                    <th scope="row">Total</th>
                    <td className="text-right font-bold">{formatWte(roundWte(rows.reduce((sum, row) => sum + row.wte, 0)))}</td>
                    <td />
                  </tr>
                </tbody>
              );
            })}
          </table>
        </ScrollTable>
      )}
      {editingWorkforce && (
        <>
          <h3 id="edit-workforce-heading">
            Change the WTE for {PROFESSION_LABELS[editingWorkforce.profession]} in {formatAcademicYear(editingWorkforce.year)}
          </h3>
          <UpdateWorkforceForm key={`edit-workforce-${editingWorkforce.id}-${formKey}`} row={editingWorkforce} lastResult={resultFor(actionData, "update-workforce")} />
        </>
      )}
      <h3 id="add-workforce-heading">Add a workforce figure</h3>
      <AddWorkforceForm key={`add-workforce-${formKey}`} academicYear={academicYear} lastResult={resultFor(actionData, "add-workforce")} />
    </section>
  );
}

function AddWorkforceForm({ academicYear, lastResult }: { academicYear: number; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "add-workforce",
    lastResult,
    defaultValue: { year: String(academicYear) },
    constraint: zodConstraint(WorkforceFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WorkforceFormSchema }),
  });
  return (
    <>
      <ErrorSummary errors={fieldErrors([fields.profession, fields.year, fields.wte])} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card mb-6 max-w-3xl">
        <CsrfInput />
        <input type="hidden" name="intent" value="add-workforce" />
        <SelectField
          meta={fields.profession}
          label="Profession"
          options={PROFESSIONS.map((profession) => ({ value: profession, label: PROFESSION_LABELS[profession] }))}
        />
        <div className="grid gap-x-6 sm:grid-cols-2">
          <TextField meta={fields.year} label="Academic year" hint="The year it starts: 2026 means 2026/27." type="number" />
          <TextField meta={fields.wte} label="Registered staff (WTE)" hint="Up to 2 decimal places, e.g. 12.5." type="number" />
        </div>
        <button type="submit" className="btn">
          Add the figure
        </button>
      </Form>
    </>
  );
}

function UpdateWorkforceForm({ row, lastResult }: { row: { id: string; wte: number }; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "update-workforce",
    lastResult,
    defaultValue: { workforceId: row.id, wte: String(row.wte) },
    constraint: zodConstraint(UpdateWorkforceFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateWorkforceFormSchema }),
  });
  return (
    <>
      <ErrorSummary errors={fieldErrors([fields.wte])} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card mb-6 max-w-3xl">
        <CsrfInput />
        <input type="hidden" name="intent" value="update-workforce" />
        <input type="hidden" name="workforceId" value={row.id} />
        <TextField meta={fields.wte} label="Registered staff (WTE)" hint="Up to 2 decimal places, e.g. 12.5." type="number" className="max-w-xs" />
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn">
            Save the figure
          </button>
          <Link to=".">Cancel</Link>
        </div>
      </Form>
    </>
  );
}
