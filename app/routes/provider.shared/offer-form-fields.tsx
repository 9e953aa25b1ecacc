// Not a route (the folder has no route module): the offer form's fields, shared by
// provider.offers.new and provider.offers.$offerId so creating and editing look and behave alike.
import { getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { FieldErrors, SelectField, TextField } from "~/components/forms";
import { SUPERVISION_MODEL_LABELS, SUPERVISION_MODELS } from "~/vocabulary/labels";
import { MAX_NOTES_LENGTH, MAX_OFFER_SLOTS, MAX_OFFER_WEEKS, MAX_SPECIALTY_LENGTH, YEARS_OF_STUDY } from "~/marketplace/offer-form";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";

export interface OfferFieldMetas {
  siteId: FieldMetadata<string>;
  profession: FieldMetadata<string>;
  specialty: FieldMetadata<string | undefined>;
  startDate: FieldMetadata<string>;
  endDate: FieldMetadata<string>;
  slots: FieldMetadata<number>;
  supervisionModel: FieldMetadata<string>;
  yearsOfStudy: FieldMetadata<number[]>;
  notes: FieldMetadata<string | undefined>;
}

/** The fields in form order, for the error summary at the top. */
export function offerFieldErrors(fields: OfferFieldMetas): { id: string; message: string }[] {
  return [
    fields.profession,
    fields.siteId,
    fields.specialty,
    fields.startDate,
    fields.endDate,
    fields.slots,
    fields.supervisionModel,
    fields.yearsOfStudy,
    fields.notes,
  ]
    .filter((field) => field.errors?.length)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
}

export function OfferFormFields({
  fields,
  sites,
  slotsTaken = 0,
}: {
  fields: OfferFieldMetas;
  sites: { id: string; name: string }[];
  slotsTaken?: number;
}) {
  const years = fields.yearsOfStudy;
  const checkedYears = new Set(([] as unknown[]).concat(years.initialValue ?? []).map(String));
  const yearErrors = [...(years.errors ?? []), ...Object.values(years.allErrors ?? {}).flat()];
  const notesHintId = `${fields.notes.id}-hint`;
  return (
    <>
      <div className="grid gap-x-6 md:grid-cols-2">
        <SelectField
          meta={fields.profession as FieldMetadata<string | undefined>}
          label="Profession"
          options={PROFESSIONS.map((code) => ({ value: code, label: PROFESSION_LABELS[code] }))}
        />
        <SelectField
          meta={fields.siteId as FieldMetadata<string | undefined>}
          label="Site"
          hint={sites.length === 0 ? "Your organisation has no sites yet: ask an administrator to add them." : undefined}
          options={sites.map((site) => ({ value: site.id, label: site.name }))}
        />
      </div>
      <TextField
        meta={fields.specialty}
        label="Specialty (optional)"
        hint={`For example MSK, neurology, paediatrics, mental health. Up to ${MAX_SPECIALTY_LENGTH} characters.`}
      />
      <fieldset className="mb-2">
        <legend className="field-label">When students can be placed</legend>
        <span className="field-hint">The window the offer covers: a university's placement block must fit inside it. At most {MAX_OFFER_WEEKS} weeks.</span>
        <div className="grid gap-x-6 sm:grid-cols-2">
          <TextField meta={fields.startDate} label="Start date" type="date" />
          <TextField meta={fields.endDate} label="End date" type="date" />
        </div>
      </fieldset>
      <div className="grid gap-x-6 md:grid-cols-2">
        <TextField
          meta={fields.slots as FieldMetadata<number | undefined>}
          label="Slots"
          type="number"
          hint={
            slotsTaken > 0
              ? `Students you can take in this window, 1 to ${MAX_OFFER_SLOTS}. ${slotsTaken} already allocated, so at least ${slotsTaken}.`
              : `Students you can take in this window, 1 to ${MAX_OFFER_SLOTS}.`
          }
        />
        <SelectField
          meta={fields.supervisionModel as FieldMetadata<string | undefined>}
          label="Supervision model"
          options={SUPERVISION_MODELS.map((model) => ({ value: model, label: SUPERVISION_MODEL_LABELS[model] }))}
        />
      </div>
      <fieldset className="mb-5" aria-describedby={`${years.id}-hint${yearErrors.length ? ` ${years.errorId}` : ""}`}>
        <legend className="field-label">Years of study accepted</legend>
        <span id={`${years.id}-hint`} className="field-hint">
          Tick none to accept students in any year.
        </span>
        <FieldErrors id={years.errorId} errors={yearErrors.length ? [...new Set(yearErrors)] : undefined} />
        <div className="flex flex-wrap gap-6">
          {YEARS_OF_STUDY.map((year) => (
            <label key={year} className="flex items-center gap-2">
              <input
                type="checkbox"
                name={years.name}
                value={String(year)}
                defaultChecked={checkedYears.has(String(year))}
                className="h-6 w-6"
                id={year === 1 ? years.id : undefined}
              />
              Year {year}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mb-5">
        <label htmlFor={fields.notes.id} className="field-label">
          Notes for universities (optional)
        </label>
        <span id={notesHintId} className="field-hint">
          What students should know: uniform, parking, shift patterns. Up to {MAX_NOTES_LENGTH} characters.
        </span>
        <FieldErrors id={fields.notes.errorId} errors={fields.notes.errors} />
        <textarea
          {...getTextareaProps(fields.notes, { ariaDescribedBy: notesHintId })}
          key={fields.notes.key}
          rows={5}
          className="field-input"
        />
      </div>
    </>
  );
}
