// Not a route: the form that confirms or declines every ticked allocation of the provider's list.
import { Form, useNavigation } from "@remix-run/react";
import type { BulkSelection } from "~/components/bulk-selection";
import { CsrfInput } from "~/components/csrf-input";
import { FieldErrors } from "~/components/forms";
import { plural } from "~/vocabulary/labels";

export const BULK_FORM_ID = "bulk-decision";

export function BulkDecisionForm({
  selection,
  errors,
  maxReasonLength,
}: {
  selection: BulkSelection;
  errors: { allocationIds?: string[]; reason?: string[] } | undefined;
  maxReasonLength: number;
}) {
  const navigation = useNavigation();
  const intent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const busy = intent === "confirm-selected" || intent === "decline-selected";
  const reasonError = errors?.reason?.length ? "bulk-reason-error" : undefined;
  const selectionError = errors?.allocationIds?.length ? "bulk-selection-error" : undefined;
  return (
    <Form id={BULK_FORM_ID} method="post" preventScrollReset className="card mb-4" aria-labelledby="bulk-decision-heading" aria-busy={busy}>
      <CsrfInput />
      <h2 id="bulk-decision-heading" className="mb-2 text-xl font-bold">
        Decide on several at once
      </h2>
      <p aria-live="polite" className="mb-3">
        {selection.count === 0
          ? "Tick the allocations below, or tick the box in the table's heading to choose all on this page."
          : `${plural(selection.count, "allocation")} chosen.`}
      </p>
      <FieldErrors id={selectionError ?? "bulk-selection-error"} errors={errors?.allocationIds} />
      <div className="flex flex-wrap items-start gap-4">
        <button type="submit" name="intent" value="confirm-selected" className="btn" disabled={busy} aria-describedby={selectionError}>
          {intent === "confirm-selected" ? "Confirming…" : "Confirm selected"}
        </button>
        <details open={Boolean(reasonError)} className="min-w-0 flex-1 basis-64">
          <summary className="cursor-pointer py-2 text-nhs-blue underline">Decline selected</summary>
          <label htmlFor="bulk-reason" className="field-label mt-2">
            Reason for declining
          </label>
          <span id="bulk-reason-hint" className="field-hint">
            Each university will see it.
          </span>
          <FieldErrors id={reasonError ?? "bulk-reason-error"} errors={errors?.reason} />
          <textarea
            id="bulk-reason"
            name="reason"
            rows={2}
            maxLength={maxReasonLength}
            className="field-input mb-2"
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={["bulk-reason-hint", reasonError].filter(Boolean).join(" ")}
          />
          <button type="submit" name="intent" value="decline-selected" className="btn-warning" disabled={busy}>
            {intent === "decline-selected" ? "Declining…" : "Decline selected"}
          </button>
        </details>
      </div>
    </Form>
  );
}
