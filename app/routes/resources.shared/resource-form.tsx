// Not a route: the add/edit form of the learning exchange (multipart, for the optional file).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";

export const CATEGORY_OPTIONS = [
  { value: "policy-guidance", label: "Policy and guidance" },
  { value: "best-practice", label: "Best practice" },
  { value: "funding", label: "Funding" },
  { value: "placement-resources", label: "Placement resources" },
];
export const FILE_ACCEPT = ".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg";
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface ResourceDefaults {
  file?: string;
  title: string;
  summary: string;
  category: string;
  tags: string;
  url: string;
}

export function ResourceForm({ lastResult, defaults, currentFile, submitLabel }: { lastResult: SubmissionResult<string[]> | null | undefined; defaults?: ResourceDefaults; currentFile?: string | null; submitLabel: string }) {
  const [form, fields] = useForm({ lastResult, defaultValue: defaults, shouldValidate: "onBlur" });
  const errors = Object.entries(form.allErrors).flatMap(([name, messages]) => messages.map((message) => ({ id: fields[name as keyof typeof fields]?.id ?? form.id, message })));
  const fileErrors = fields.file?.errors;
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card">
        <CsrfInput />
        <TextField meta={fields.title} label="Title" />
        <div className="mb-5">
          <label htmlFor={fields.summary.id} className="field-label">
            Summary
          </label>
          {fields.summary.errors && (
            <p id={fields.summary.errorId} className="field-error">
              {fields.summary.errors.join(". ")}
            </p>
          )}
          <textarea
            id={fields.summary.id}
            name={fields.summary.name}
            defaultValue={fields.summary.initialValue as string | undefined}
            rows={4}
            maxLength={2000}
            required
            aria-invalid={fields.summary.errors ? true : undefined}
            aria-describedby={fields.summary.errors ? fields.summary.errorId : undefined}
            className="field-input"
          />
        </div>
        <SelectField meta={fields.category} label="Category" options={CATEGORY_OPTIONS} />
        <TextField meta={fields.tags} label="Tags (optional)" hint="Separate tags with commas, e.g. MSK, simulation. At most 10." />
        <TextField meta={fields.url} label="Link (optional)" type="url" hint="A full address starting with https://. Give a link, a file, or both." />
        <div className="mb-5">
          <label htmlFor="file" className="field-label">
            File (optional)
          </label>
          <span id="file-hint" className="field-hint">
            PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), PNG or JPEG, up to 2 MB.
            {currentFile ? ` Choosing a file replaces ${currentFile}.` : ""}
          </span>
          {fileErrors && (
            <p id="file-error" className="field-error">
              {fileErrors.join(". ")}
            </p>
          )}
          <input
            id="file"
            name="file"
            type="file"
            accept={FILE_ACCEPT}
            data-max-bytes={MAX_FILE_BYTES}
            aria-describedby={fileErrors ? "file-hint file-error" : "file-hint"}
            className="field-input"
            onChange={(event) => {
              const input = event.currentTarget;
              const chosen = input.files?.[0];
              input.setCustomValidity(chosen && chosen.size > MAX_FILE_BYTES ? "The file must be 2 MB or smaller" : "");
              input.reportValidity();
            }}
          />
        </div>
        <button type="submit" className="btn">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
