// Not a route: one row of the provider's allocations list, with its own confirm and decline forms.
import { Form, useNavigation, type useLoaderData } from "@remix-run/react";
import { SelectRowCheckbox, type BulkSelection } from "~/components/bulk-selection";
import { CsrfInput } from "~/components/csrf-input";
import { formatDateRange } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import type { loader } from "../provider.allocations";
import { BULK_FORM_ID } from "./bulk-decision-form";
import { AllocationStatusTag } from "./tags";
import { PlainLink } from "~/components/plain-link";

type Row = ReturnType<typeof useLoaderData<typeof loader>>["allocations"][number];

export const MAX_REASON_LENGTH = 500;

export function AllocationRow({ allocation, error, selection }: { allocation: Row; error: string | null; selection: BulkSelection }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("allocationId") === allocation.id;
  const { offer, request } = allocation;
  const errorId = `allocation-${allocation.id}-error`;
  const reasonId = `allocation-${allocation.id}-reason`;
  return (
    <tr>
      <td className="select-cell">
        {allocation.status === "PROPOSED" && (
          <SelectRowCheckbox
            selection={selection}
            id={allocation.id}
            form={BULK_FORM_ID}
            label={`Select the allocation for ${request.university.name}, ${request.programme.name}, ${formatDateRange(request.startDate, request.endDate)}`}
          />
        )}
      </td>
      <th scope="row" className="font-normal">
        <PlainLink to={`/allocations/${allocation.id}`} className="font-bold">
          {request.university.name}
        </PlainLink>
        <div className="text-sm">
          {request.programme.name}, year {request.yearOfStudy}
        </div>
        <div className="text-sm text-nhs-grey-1">Block {formatDateRange(request.startDate, request.endDate)}</div>
      </th>
      <td>
        <PlainLink to={`/provider/offers/${offer.id}`}>
          {PROFESSION_LABELS[offer.profession]}
          {offer.specialty ? ` (${offer.specialty})` : ""}
        </PlainLink>
        <div className="text-sm">{offer.site.name}</div>
        <div className="text-sm text-nhs-grey-1">{formatDateRange(offer.startDate, offer.endDate)}</div>
      </td>
      <td className="text-right">{allocation.students}</td>
      <td className="max-w-xs whitespace-pre-line">{request.reasonableAdjustments ?? <span className="text-nhs-grey-1">None noted</span>}</td>
      <td>
        <AllocationStatusTag status={allocation.status} />
      </td>
      <td className="min-w-64">
        {error && (
          <p id={errorId} role="alert" className="field-error">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        )}
        {allocation.status === "PROPOSED" ? (
          <div className="flex flex-col gap-3">
            <Form method="post" preventScrollReset>
              <CsrfInput />
              <input type="hidden" name="allocationId" value={allocation.id} />
              <button type="submit" name="intent" value="confirm" className="btn" disabled={busy} aria-describedby={error ? errorId : undefined}>
                Confirm
                <span className="sr-only"> the allocation for {request.university.name}</span>
              </button>
            </Form>
            <details open={Boolean(error)}>
              <summary className="cursor-pointer text-nhs-blue underline">
                Decline
                <span className="sr-only"> the allocation for {request.university.name}</span>
              </summary>
              <Form method="post" preventScrollReset className="mt-2">
                <CsrfInput />
                <input type="hidden" name="allocationId" value={allocation.id} />
                <label htmlFor={reasonId} className="field-label">
                  Reason
                </label>
                <span id={`${reasonId}-hint`} className="field-hint">
                  The university will see it.
                </span>
                <textarea
                  id={reasonId}
                  name="reason"
                  rows={2}
                  maxLength={MAX_REASON_LENGTH}
                  className="field-input mb-2"
                  aria-describedby={`${reasonId}-hint${error ? ` ${errorId}` : ""}`}
                />
                <button type="submit" name="intent" value="decline" className="btn-warning" disabled={busy}>
                  Decline
                </button>
              </Form>
            </details>
          </div>
        ) : (
          <PlainLink to={`/allocations/${allocation.id}`}>
            View
            <span className="sr-only"> the allocation for {request.university.name}</span>
          </PlainLink>
        )}
      </td>
    </tr>
  );
}
