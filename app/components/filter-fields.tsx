import { Link, useLocation } from "@remix-run/react";
import { FieldErrors } from "./forms";

/** A labelled select in a GET filter form; the empty choice means "no filter". */
export function FilterSelect({
  name,
  label,
  value,
  options,
  anyLabel = "Any",
}: {
  name: string;
  label: string;
  value: string | undefined | null;
  options: readonly (readonly [string, string])[];
  anyLabel?: string;
}) {
  return (
    <div>
      <label htmlFor={name} className="field-label">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value ?? ""} className="field-input">
        <option value="">{anyLabel}</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The filter form's submit button, and a link back to the unfiltered list when filters are set. */
export function FilterActions({ filtered }: { filtered: boolean }) {
  const { pathname } = useLocation();
  return (
    <div className="flex gap-3">
      <button type="submit" className="btn-secondary">
        Filter
      </button>
      {filtered && (
        <Link to={pathname} className="self-center">
          Clear
        </Link>
      )}
    </div>
  );
}

/** A date in a GET filter form, with what was wrong with the date last asked for. */
export function FilterDate({ name, label, value, error }: { name: string; label: string; value: string | undefined; error: string | undefined }) {
  const errorId = `${name}-error`;
  return (
    <div>
      <label htmlFor={name} className="field-label">
        {label}
      </label>
      <FieldErrors id={errorId} errors={error ? [error] : undefined} />
      <input
        id={name}
        name={name}
        type="date"
        defaultValue={value ?? ""}
        className="field-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
    </div>
  );
}
