import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { FieldErrors, TextField } from "~/components/forms";
import { MAX_PROGRAMME_YEARS } from "~/marketplace/programme-form";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";

export function ProgrammeFormFields({
  fields,
}: {
  fields: { name: FieldMetadata<string>; profession: FieldMetadata<string>; years: FieldMetadata<number> };
}) {
  const { key, ...professionProps } = getSelectProps(fields.profession);
  return (
    <>
      <TextField meta={fields.name} label="Programme name" hint="For example BSc (Hons) Physiotherapy. Each name is used once." />
      <div className="mb-5">
        <label htmlFor={fields.profession.id} className="field-label">
          Profession
        </label>
        <FieldErrors id={fields.profession.errorId} errors={fields.profession.errors} />
        <select key={key} {...professionProps} className="field-input">
          <option value="">Choose…</option>
          {PROFESSIONS.map((profession) => (
            <option key={profession} value={profession}>
              {PROFESSION_LABELS[profession]}
            </option>
          ))}
        </select>
      </div>
      <TextField
        meta={fields.years}
        label="Length in years of study"
        type="number"
        hint={`A whole number from 1 to ${MAX_PROGRAMME_YEARS}.`}
        className="max-w-xs"
      />
    </>
  );
}

export function fieldErrorsOf(fields: Record<string, { id: string; errors?: string[] }>) {
  return Object.values(fields)
    .filter((field) => field.errors?.length)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
}
