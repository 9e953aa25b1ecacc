import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { Form } from "@remix-run/react";
import { CsrfInput } from "./csrf-input";
import { ErrorSummary, FormMessage, SelectField, TextField } from "./forms";
import {
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  OrganisationFormSchema,
  PROVIDER_TYPE_LABELS,
  PROVIDER_TYPES,
} from "~/organisations/organisation-forms";

/** The organisation's details, for creating one and for editing it. */
export function OrganisationDetailsForm({
  id,
  lastResult,
  defaultValue,
  regions,
  intent,
  submitLabel,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: { name: string; kind: string; providerType: string | null; code: string | null; regionId: string };
  regions: { id: string; name: string }[];
  intent?: string;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: defaultValue
      ? { ...defaultValue, providerType: defaultValue.providerType ?? undefined, code: defaultValue.code ?? undefined }
      : undefined,
    constraint: zodConstraint(OrganisationFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationFormSchema }),
  });
  const errors = [fields.name, fields.kind, fields.providerType, fields.code, fields.regionId]
    .filter((field) => field.errors?.length)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
  return (
    <>
      <ErrorSummary errors={errors} />
      {form.errors && form.errors.length > 0 && (
        <FormMessage>
          <p id={form.errorId}>{form.errors.join(" ")}</p>
        </FormMessage>
      )}
      <Form method="post" {...getFormProps(form)} className="card max-w-3xl">
        <CsrfInput />
        {intent && <input type="hidden" name="intent" value={intent} />}
        <TextField meta={fields.name} label="Name" hint="As it is known, e.g. Leeds Teaching Hospitals NHS Trust." />
        <SelectField
          meta={fields.kind}
          label="Kind"
          options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: ORGANISATION_KIND_LABELS[kind] }))}
        />
        <SelectField
          meta={fields.providerType}
          label="Provider type"
          hint="Placement providers only. Leave it empty for a university."
          options={PROVIDER_TYPES.map((type) => ({ value: type, label: PROVIDER_TYPE_LABELS[type] }))}
        />
        <TextField meta={fields.code} label="Code (optional)" hint="NHS ODS code or UKPRN, e.g. RR8 or 10007795." />
        <SelectField meta={fields.regionId} label="Region" options={regions.map((region) => ({ value: region.id, label: region.name }))} />
        <button type="submit" className="btn">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
