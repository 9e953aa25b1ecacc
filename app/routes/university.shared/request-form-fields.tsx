import { getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useState } from "react";
import { FieldErrors, TextField } from "~/components/forms";
import { formatDateRange } from "~/vocabulary/labels";
import {
  MAX_ADJUSTMENTS_LENGTH,
  MAX_PREFERRED_SITES,
  MAX_REQUEST_STUDENTS,
  MAX_SPECIALTIES,
  MAX_TRAVEL_MINUTES,
  MIN_TRAVEL_MINUTES,
} from "~/marketplace/request-form";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";

export interface RequestFormOptions {
  programmes: {
    id: string;
    name: string;
    profession: ProfessionCode;
    years: number;
    blocks: { id: string; name: string; yearOfStudy: number; startDate: Date | string; endDate: Date | string }[];
  }[];
  campuses: { id: string; name: string; postcode: string }[];
  providerSites: { id: string; name: string; postcode: string; providerName: string }[];
}

export interface RequestFormFieldSet {
  programmeId: FieldMetadata<string>;
  blockId: FieldMetadata<string>;
  students: FieldMetadata<number>;
  specialties: FieldMetadata<string>;
  preferredSiteIds: FieldMetadata<string[]>;
  maxTravelMinutes: FieldMetadata<number>;
  campusSiteId: FieldMetadata<string>;
  reasonableAdjustments: FieldMetadata<string>;
}

function hintIds(meta: { id: string }, hint: boolean) {
  return hint ? `${meta.id}-hint` : undefined;
}

function describedBy(meta: { errorId: string; errors?: string[] }, hintId?: string) {
  return [meta.errors?.length ? meta.errorId : null, hintId].filter(Boolean).join(" ") || undefined;
}

/** The request form's fields, shared by "New request" and the request page. */
export function RequestFormFields({ fields, options }: { fields: RequestFormFieldSet; options: RequestFormOptions }) {
  const [programmeId, setProgrammeId] = useState(String(fields.programmeId.initialValue ?? ""));
  const chosen = options.programmes.find((programme) => programme.id === programmeId);
  const blockGroups = chosen ? [chosen] : options.programmes;

  const { key: programmeKey, ...programmeProps } = getSelectProps(fields.programmeId);
  const { key: blockKey, ...blockProps } = getSelectProps(fields.blockId);
  const { key: sitesKey, ...sitesProps } = getSelectProps(fields.preferredSiteIds);
  const { key: campusKey, ...campusProps } = getSelectProps(fields.campusSiteId);
  const { key: adjustmentsKey, ...adjustmentsProps } = getTextareaProps(fields.reasonableAdjustments);
  const blockHint = hintIds(fields.blockId, true);
  const sitesHint = hintIds(fields.preferredSiteIds, true);
  const campusHint = hintIds(fields.campusSiteId, true);
  const adjustmentsHint = hintIds(fields.reasonableAdjustments, true);

  const providers = new Map<string, RequestFormOptions["providerSites"]>();
  for (const site of options.providerSites) providers.set(site.providerName, [...(providers.get(site.providerName) ?? []), site]);

  return (
    <>
      <fieldset className="mb-6">
        <legend className="mb-3 text-xl font-bold">Programme and block</legend>
        <div className="mb-5">
          <label htmlFor={fields.programmeId.id} className="field-label">
            Programme
          </label>
          <FieldErrors id={fields.programmeId.errorId} errors={fields.programmeId.errors} />
          <select
            key={programmeKey}
            {...programmeProps}
            aria-describedby={describedBy(fields.programmeId)}
            className="field-input"
            onChange={(event) => setProgrammeId(event.target.value)}
          >
            <option value="">Choose…</option>
            {options.programmes.map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name} ({PROFESSION_LABELS[programme.profession]})
              </option>
            ))}
          </select>
        </div>
        <div className="mb-5">
          <label htmlFor={fields.blockId.id} className="field-label">
            Placement block
          </label>
          <span id={blockHint} className="field-hint">
            The request takes its profession, year of study and dates from the programme and block.
          </span>
          <FieldErrors id={fields.blockId.errorId} errors={fields.blockId.errors} />
          <select key={blockKey} {...blockProps} aria-describedby={describedBy(fields.blockId, blockHint)} className="field-input">
            <option value="">Choose…</option>
            {blockGroups.map((programme) => (
              <optgroup key={programme.id} label={programme.name}>
                {programme.blocks.map((block) => (
                  <option key={block.id} value={block.id}>
                    {block.name}: year {block.yearOfStudy}, {formatDateRange(block.startDate, block.endDate)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {chosen && chosen.blocks.length === 0 && (
            <p className="mt-2">
              {chosen.name} has no placement blocks yet. <Link to={`/university/programmes/${chosen.id}`}>Add a block to it</Link>.
            </p>
          )}
        </div>
        <TextField
          meta={fields.students}
          label="Number of students"
          type="number"
          hint={`A whole number from 1 to ${MAX_REQUEST_STUDENTS}.`}
          className="max-w-xs"
        />
      </fieldset>

      <fieldset className="mb-6">
        <legend className="mb-3 text-xl font-bold">Preferences</legend>
        <TextField
          meta={fields.specialties}
          label="Specialties (optional)"
          hint={`Separate them with commas, like MSK, neuro, paediatrics. At most ${MAX_SPECIALTIES}.`}
        />
        <div className="mb-5">
          <label htmlFor={fields.preferredSiteIds.id} className="field-label">
            Preferred sites (optional)
          </label>
          <span id={sitesHint} className="field-hint">
            Sites of placement providers in your region. Hold Ctrl (or Cmd) to choose more than one; at most {MAX_PREFERRED_SITES}.
          </span>
          <FieldErrors id={fields.preferredSiteIds.errorId} errors={fields.preferredSiteIds.errors} />
          {options.providerSites.length === 0 ? (
            <p>There are no provider sites in your region yet.</p>
          ) : (
            <select
              key={sitesKey}
              {...sitesProps}
              multiple
              size={8}
              aria-describedby={describedBy(fields.preferredSiteIds, sitesHint)}
              className="field-input"
            >
              {[...providers.entries()].map(([providerName, sites]) => (
                <optgroup key={providerName} label={providerName}>
                  {sites.map((site) => (
                    <option key={site.id} value={site.id}>
                      {providerName}: {site.name} ({site.postcode})
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </div>
        <TextField
          meta={fields.maxTravelMinutes}
          label="Maximum travel time in minutes (optional)"
          type="number"
          hint={`From ${MIN_TRAVEL_MINUTES} to ${MAX_TRAVEL_MINUTES} minutes, measured from the campus below.`}
          className="max-w-xs"
        />
        <div className="mb-5">
          <label htmlFor={fields.campusSiteId.id} className="field-label">
            Campus the travel time is measured from
          </label>
          <span id={campusHint} className="field-hint">
            One of your university&apos;s own sites. Needed when you give a maximum travel time.
          </span>
          <FieldErrors id={fields.campusSiteId.errorId} errors={fields.campusSiteId.errors} />
          <select key={campusKey} {...campusProps} aria-describedby={describedBy(fields.campusSiteId, campusHint)} className="field-input">
            <option value="">No campus</option>
            {options.campuses.map((campus) => (
              <option key={campus.id} value={campus.id}>
                {campus.name} ({campus.postcode})
              </option>
            ))}
          </select>
          {options.campuses.length === 0 && <p className="mt-2">Your university has no sites yet: ask an administrator to add your campus.</p>}
        </div>
      </fieldset>

      <fieldset className="mb-6">
        <legend className="mb-3 text-xl font-bold">Reasonable adjustments</legend>
        <div className="mb-5">
          <label htmlFor={fields.reasonableAdjustments.id} className="field-label">
            Reasonable-adjustment needs (optional)
          </label>
          <span id={adjustmentsHint} className="field-hint">
            Only your university, placement expansion facilitators and the provider the students are allocated to can see this. Students
            and other providers never do. At most {MAX_ADJUSTMENTS_LENGTH} characters.
          </span>
          <FieldErrors id={fields.reasonableAdjustments.errorId} errors={fields.reasonableAdjustments.errors} />
          <textarea
            key={adjustmentsKey}
            {...adjustmentsProps}
            rows={5}
            aria-describedby={describedBy(fields.reasonableAdjustments, adjustmentsHint)}
            className="field-input"
          />
        </div>
      </fieldset>
    </>
  );
}

/** The fields in error, in form order, for the ErrorSummary. */
export function requestFormErrors(fields: RequestFormFieldSet) {
  return [
    fields.programmeId,
    fields.blockId,
    fields.students,
    fields.specialties,
    fields.preferredSiteIds,
    fields.maxTravelMinutes,
    fields.campusSiteId,
    fields.reasonableAdjustments,
  ]
    .filter((field) => field.errors?.length)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
}
