import { type FieldMetadata } from "@conform-to/react";
import { useEffect, useReducer, useRef, type ReactNode } from "react";

/** A labelled input whose error sits next to it, linked by aria-describedby. */
export function TextField({
  meta,
  label,
  hint,
  type = "text",
  autoComplete,
  className,
}: {
  meta: FieldMetadata<string | number | undefined | null>;
  label: string;
  hint?: string;
  type?: "text" | "email" | "password" | "number" | "date" | "url";
  autoComplete?: string;
  className?: string;
}) {
  const { id, errorId, errors } = meta;
  const hintId = hint ? `${id}-hint` : undefined;
  const invalid = errors !== undefined;
  return (
    <div className={`mb-5 ${className ?? ""}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      <FieldErrors id={errorId} errors={errors} />
      <input
        required={meta.required || undefined}
        id={id}
        name={meta.name}
        form={meta.formId}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${errorId} ${hintId ?? ""}`.trim() : hintId}
        type={type}
        minLength={meta.minLength}
        maxLength={meta.maxLength}
        min={meta.min as string | number | undefined}
        max={meta.max as string | number | undefined}
        pattern={meta.pattern}
        multiple={meta.multiple}
        accept={meta.accept}
        defaultValue={typeof meta.initialValue === "string" ? meta.initialValue : undefined}
        autoComplete={autoComplete}
        step={type === "number" ? "any" : undefined}
        className="field-input"
      />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
  hint,
}: {
  meta: FieldMetadata<string | undefined | null>;
  label: string;
  options: { value: string; label: string }[];
  hint?: string;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const invalid = meta.errors && meta.errors.length > 0;
  return (
    <div className="mb-5">
      <label htmlFor={meta.id} className="field-label">
        {label}
      </label>
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
      <select
        id={meta.id}
        name={meta.name}
        defaultValue={meta.initialValue as string | undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={[invalid ? meta.errorId : null, hintId].filter(Boolean).join(" ") || undefined}
        className="field-input"
      >
        <option value="">Choose…</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors || errors.length === 0) return null;
  return (
    <span id={id} className="field-error">
      <span className="sr-only">Error: </span>
      {errors.join(". ")}
    </span>
  );
}

/**
 * The GOV.UK/NHS pattern: a summary at the top that links to each field in error.
 *
 * The summary keeps what the last submit found until the next submit. Were it to follow each
 * field's revalidation, it would vanish when the last field loses focus, which happens on the
 * mousedown of the submit button: the button jumps up and the click lands on empty space.
 */
export function ErrorSummary({ errors }: { errors: { id: string; message: string }[] }) {
  const shown = useErrorsHeldUntilSubmit(errors);
  if (shown.length === 0) return null;
  return (
    <div role="alert" className="mb-6 border-4 border-nhs-red bg-white p-4" tabIndex={-1}>
      <h2 className="text-lg">There is a problem</h2>
      <ul className="list-none">
        {shown.map((error) => (
          <li key={error.id}>
            <a href={`#${error.id}`} className="font-bold text-nhs-red">
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Follows `errors` from a submit (or the first render, which may carry the server's answer)
 * until the user next types in or leaves a field; from then on it stays put until a form is
 * submitted again.
 */
function useErrorsHeldUntilSubmit<T>(errors: T[]): T[] {
  const following = useRef(true);
  const held = useRef(errors);
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    // Only the user's own edits freeze it: after a failed submit the form moves focus from the
    // button to the first field in error, and that focusout must not freeze an empty summary.
    const freeze = (event: Event) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement || event.target instanceof HTMLTextAreaElement) {
        following.current = false;
      }
    };
    const follow = (event: Event) => {
      // The form library revalidates a field by submitting with a hidden intent button: not a submit.
      const submitter = (event as SubmitEvent).submitter;
      if (submitter?.getAttribute("name") === "__intent__") return;
      following.current = true;
      rerender();
    };
    // On window, in the capture phase: before the form library's own document listeners
    // revalidate and re-render.
    window.addEventListener("input", freeze, true);
    window.addEventListener("focusout", freeze, true);
    window.addEventListener("submit", follow, true);
    return () => {
      window.removeEventListener("input", freeze, true);
      window.removeEventListener("focusout", freeze, true);
      window.removeEventListener("submit", follow, true);
    };
  }, []);
  if (following.current) held.current = errors;
  return held.current;
}

export function FormMessage({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "success" }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`mb-6 border-l-8 bg-white p-4 ${tone === "error" ? "border-nhs-red" : "border-nhs-green"}`}
    >
      {children}
    </div>
  );
}
