// Not a route: the student's form for one week of one placement.
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FieldErrors, FormMessage } from "~/components/forms";
import { TimesheetFormSchema } from "~/practice-hours/hours-forms";
import { formatDate } from "~/vocabulary/labels";

export function TimesheetForm({
  allocationId,
  placementLabel,
  weeks,
  lastResult,
  busy,
}: {
  allocationId: string;
  placementLabel: string;
  weeks: { value: string; label: string }[];
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const [form, fields] = useForm({
    id: `timesheet-${allocationId}`,
    lastResult,
    defaultValue: { allocationId, weekStarting: weeks[0]?.value, inPersonHours: "", telehealthHours: "", simulationHours: "" },
    constraint: zodConstraint(TimesheetFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TimesheetFormSchema }),
  });
  const { key: weekKey, ...weekProps } = getSelectProps(fields.weekStarting);
  const number = (meta: typeof fields.days) => {
    const { key, ...props } = getInputProps(meta, { type: "number" });
    return <input key={key} {...props} step="any" min={0} className="field-input w-28" />;
  };
  return (
    <Form method="post" {...getFormProps(form)} aria-label={`Record a week at ${placementLabel}`} className="card mb-6">
      <CsrfInput />
      <input type="hidden" name={fields.allocationId.name} value={allocationId} />
      <h4 className="mb-3 text-lg font-bold">Record a week</h4>
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      <FieldErrors id={fields.allocationId.errorId} errors={fields.allocationId.errors} />
      <div className="mb-4">
        <label htmlFor={fields.weekStarting.id} className="field-label">
          Week
        </label>
        <FieldErrors id={fields.weekStarting.errorId} errors={fields.weekStarting.errors} />
        <select key={weekKey} {...weekProps} className="field-input">
          {weeks.map((week) => (
            <option key={week.value} value={week.value}>
              {week.label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-wrap gap-4">
        {(
          [
            [fields.days, "Days attended"],
            [fields.inPersonHours, "In-person hours"],
            [fields.telehealthHours, "Telehealth hours"],
            [fields.simulationHours, "Simulation hours"],
          ] as const
        ).map(([meta, label]) => (
          <div key={meta.name} className="mb-4">
            <label htmlFor={meta.id} className="field-label">
              {label}
            </label>
            <FieldErrors id={meta.errorId} errors={meta.errors} />
            {number(meta)}
          </div>
        ))}
      </div>
      <p className="field-hint mb-4">Hours in quarter hours, like 7.5. Your practice educator confirms the week.</p>
      <button type="submit" className="btn" disabled={busy}>
        Submit the week
      </button>
    </Form>
  );
}

export function weekLabel(monday: string, status: string | null): string {
  return `Week of ${formatDate(monday)}${status ? ` (${status})` : ""}`;
}
