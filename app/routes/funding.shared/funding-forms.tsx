import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ErrorSummary, FormMessage, SelectField, TextField } from "~/components/forms";
import { AwardFormSchema, PaymentFormSchema, ProgrammeFormSchema } from "~/funding/funding-forms";
import { FUNDING_UNIT_LABELS, FUNDING_UNITS } from "~/funding/funding-rules";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";

type LastResult = SubmissionResult<string[]> | undefined;

function errorsOf(fields: Record<string, { id: string; errors?: string[] }>) {
  return Object.values(fields)
    .filter((field) => field.errors?.length)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
}

function FormErrors({ errors }: { errors?: string[] }) {
  return errors && errors.length > 0 ? <FormMessage>{errors.join(" ")}</FormMessage> : null;
}

export function ProgrammeForm({
  id,
  intent,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  id: string;
  intent?: string;
  lastResult: LastResult;
  defaultValue?: Record<string, string>;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: zodConstraint(ProgrammeFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgrammeFormSchema }),
  });
  return (
    <>
      <ErrorSummary errors={errorsOf(fields)} />
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        {intent && <input type="hidden" name="intent" value={intent} />}
        <TextField meta={fields.name} label="Programme name" hint="For example London clinical placement expansion 2026/27." />
        <div className="grid gap-x-6 sm:grid-cols-2">
          <TextField meta={fields.amount} label="Amount (£)" hint="The whole budget, in pounds." />
          <TextField meta={fields.ratePerWeek} label="£ per additional placement week (optional)" hint="The programme's rule, if it pays by the week." />
          <TextField meta={fields.periodStart} label="Period starts" type="date" />
          <TextField meta={fields.periodEnd} label="Period ends" type="date" />
        </div>
        <TextField meta={fields.notes} label="Notes (optional)" hint="Up to 2,000 characters." />
        <button type="submit" className="btn">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}

export function AwardForm({
  id,
  intent,
  lastResult,
  defaultValue,
  providers,
  submitLabel,
}: {
  id: string;
  intent: string;
  lastResult: LastResult;
  defaultValue?: Record<string, string>;
  providers: { id: string; name: string }[];
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: zodConstraint(AwardFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AwardFormSchema }),
  });
  return (
    <>
      <ErrorSummary errors={errorsOf(fields)} />
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        <div className="grid gap-x-6 sm:grid-cols-2">
          <SelectField meta={fields.providerId} label="Provider" options={providers.map((provider) => ({ value: provider.id, label: provider.name }))} />
          <SelectField meta={fields.profession} label="Profession" options={PROFESSIONS.map((code) => ({ value: code, label: PROFESSION_LABELS[code] }))} />
          <TextField meta={fields.periodStart} label="Period starts" type="date" hint="Within the programme's period." />
          <TextField meta={fields.periodEnd} label="Period ends" type="date" />
          <SelectField meta={fields.unit} label="The commitment counts" options={FUNDING_UNITS.map((unit) => ({ value: unit, label: FUNDING_UNIT_LABELS[unit] }))} />
          <TextField meta={fields.committed} label="Committed over the baseline" type="number" hint="Additional weeks or students in the period." />
          <TextField
            meta={fields.baselineStudents}
            label="Baseline students (optional)"
            type="number"
            hint="Leave both baselines blank to take them from the same dates a year earlier."
          />
          <TextField meta={fields.baselineWeeks} label="Baseline placement weeks (optional)" type="number" hint="Students × weeks placed in the earlier period." />
          <TextField meta={fields.amount} label="Amount (£)" />
        </div>
        <TextField meta={fields.notes} label="Notes (optional)" />
        <button type="submit" className="btn">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}

export function PaymentForm({ lastResult }: { lastResult: LastResult }) {
  const [form, fields] = useForm({
    id: "add-payment",
    lastResult,
    constraint: zodConstraint(PaymentFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PaymentFormSchema }),
  });
  return (
    <>
      <ErrorSummary errors={errorsOf(fields)} />
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        <input type="hidden" name="intent" value="add-payment" />
        <div className="grid gap-x-6 sm:grid-cols-3">
          <TextField meta={fields.payOn} label="Paid on" type="date" />
          <TextField meta={fields.amount} label="Amount (£)" />
          <TextField meta={fields.note} label="Note (optional)" />
        </div>
        <button type="submit" className="btn">
          Add the payment
        </button>
      </Form>
    </>
  );
}
