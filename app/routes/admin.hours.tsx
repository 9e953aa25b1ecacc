import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FieldErrors, FormMessage, SelectField, TextField } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { redirectWithFlash } from "~/platform/flash.server";
import { parseSubmission } from "~/platform/form-submission.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { RequirementFormSchema } from "~/practice-hours/hours-forms";
import { formatHours, requirementOn } from "~/practice-hours/hours-rules";
import { addRequirement, listRequirements } from "~/practice-hours/requirements.server";
import { formatDate } from "~/vocabulary/labels";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";
import { HoursTag } from "./hours.shared/hours-parts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const rows = await listRequirements();
  const today = new Date();
  const inForce = new Set(PROFESSIONS.map((profession) => requirementOn(rows.filter((row) => row.profession === profession), today)?.id).filter(Boolean));
  return { rows: rows.map((row) => ({ ...row, inForce: inForce.has(row.id), future: row.effectiveFrom.getTime() > today.getTime() })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "ADMIN");
  const submission = parseSubmission(form, RequirementFormSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    await addRequirement(user, submission.value);
    return await redirectWithFlash("/admin/hours", `The ${PROFESSION_LABELS[submission.value.profession].toLowerCase()} requirement is recorded and applies from ${formatDate(submission.value.effectiveFrom)}.`);
  } catch (error) {
    return refusalReply(error, submission);
  }
}

function simulationRule(row: { countsSimulation: boolean; simulationCapMinutes: number | null; simulationCapPercent: number | null }): string {
  if (!row.countsSimulation) return "Does not count";
  if (row.simulationCapMinutes !== null) return `Up to ${formatHours(row.simulationCapMinutes)} h`;
  if (row.simulationCapPercent !== null) return `Up to ${row.simulationCapPercent}%`;
  return "Counts, no cap";
}

export default function AdminHours() {
  const { rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "requirement",
    lastResult: actionData?.result,
    defaultValue: { countsInPerson: "on", countsTelehealth: "on" },
    constraint: zodConstraint(RequirementFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequirementFormSchema }),
  });
  const all = [fields.profession, fields.minimumHours, fields.countsInPerson, fields.simulationCapHours, fields.simulationCapPercent, fields.source, fields.sourceUrl, fields.notes, fields.effectiveFrom];
  const checkbox = (meta: typeof fields.countsInPerson, label: string) => {
    const { key, ...props } = getInputProps(meta, { type: "checkbox" });
    return (
      <label className="mb-2 flex items-center gap-2">
        <input key={key} {...props} />
        {label}
      </label>
    );
  };
  return (
    <>
      <PageHeader title="Practice-hours requirements" caption="Administration" />
      <p className="mb-6 max-w-3xl">
        Each profession&apos;s body sets the minimum practice-based learning before registration and what counts toward it. When a body revises it, add a row
        from the date it applies: the earlier row stays in the history and still applies before that date.
      </p>
      <ScrollTable label="Requirements: table">
        <table className="data-table">
          <caption className="sr-only">Practice-hours requirements by profession, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Profession</th>
              <th scope="col">From</th>
              <th scope="col">Minimum hours</th>
              <th scope="col">Telehealth</th>
              <th scope="col">Simulation</th>
              <th scope="col" className="min-w-80">
                Source
              </th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{PROFESSION_LABELS[row.profession]}</th>
                <td>{formatDate(row.effectiveFrom)}</td>
                <td>{formatHours(row.minimumMinutes)}</td>
                <td>{row.countsTelehealth ? "Counts" : "Does not count"}</td>
                <td>{simulationRule(row)}</td>
                <td>
                  {row.sourceUrl ? <a href={row.sourceUrl}>{row.source}</a> : row.source}
                  {row.notes && <span className="block text-sm">{row.notes}</span>}
                </td>
                <td>{row.inForce ? <HoursTag tone="green">In force</HoursTag> : row.future ? <HoursTag tone="amber">From {formatDate(row.effectiveFrom)}</HoursTag> : <HoursTag tone="grey">Superseded</HoursTag>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <h2 className="mb-3 text-xl font-bold">Add a requirement</h2>
      <ErrorSummary errors={all.filter((field) => field.errors?.length).map((field) => ({ id: field.id, message: field.errors![0] }))} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <Form method="post" {...getFormProps(form)} className="card max-w-3xl">
        <CsrfInput />
        <SelectField meta={fields.profession} label="Profession" options={PROFESSIONS.map((code) => ({ value: code, label: PROFESSION_LABELS[code] }))} />
        <TextField meta={fields.minimumHours} label="Minimum hours" type="number" hint="In quarter hours, like 562.5." />
        <fieldset className="mb-5" id={fields.countsInPerson.id} tabIndex={-1}>
          <legend className="field-label">What counts</legend>
          <FieldErrors id={fields.countsInPerson.errorId} errors={fields.countsInPerson.errors} />
          {checkbox(fields.countsInPerson, "In-person practice")}
          {checkbox(fields.countsTelehealth, "Telehealth")}
          {checkbox(fields.countsSimulation, "Simulation")}
        </fieldset>
        <TextField meta={fields.simulationCapHours} label="Simulation cap in hours (optional)" type="number" hint="Give a cap in hours or as a percentage, or neither for no cap." />
        <TextField meta={fields.simulationCapPercent} label="Simulation cap as a percentage of the minimum (optional)" type="number" />
        <TextField meta={fields.source} label="Source" hint="The professional body and its document." />
        <TextField meta={fields.sourceUrl} label="Web address of the source (optional)" type="url" />
        <TextField meta={fields.notes} label="Notes (optional)" hint="What is assumed, or what changed." />
        <TextField meta={fields.effectiveFrom} label="Applies from" type="date" />
        <button type="submit" className="btn" disabled={busy}>
          Add the requirement
        </button>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Practice-hours requirements · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
