import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { SelectAllCheckbox, SelectRowCheckbox, useBulkSelection } from "~/components/bulk-selection";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldErrors, FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ScrollTable } from "~/components/scroll-table";
import { FilterActions, FilterSelect } from "~/components/filter-fields";
import { ALLOCATION_STATUS_LABELS, ALLOCATION_STATUSES, availableTransitions, LIVE_STATUS_NAMES, STAGE_COUNT_LABELS } from "~/marketplace/allocation-rules";
import { formatDate, formatDateRange } from "~/vocabulary/labels";
import { transitionAllocation } from "~/marketplace/allocations.server";
import { transitionAllocations } from "~/marketplace/bulk-allocations.server";
import { AllocationIdsSchema } from "~/marketplace/bulk-rules";
import { listUniversityAllocations, parseAllocationFilters } from "~/marketplace/university-allocations.server";
import { redirectWithFlash } from "~/platform/flash.server";
import { ownAddress, submitIntent } from "~/platform/form-submission.server";
import { plural } from "~/vocabulary/labels";
import { refusalReply } from "~/platform/refusal-reply.server";
import { AllocationStatusTag } from "./university.shared/status-tags";
import { PlainLink } from "~/components/plain-link";

const AllocationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), allocationId: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("cancel"), allocationId: z.string().min(1).max(40), reason: z.string().max(500).optional() }),
]);

const AcceptSelectedSchema = z.object({ allocationIds: AllocationIdsSchema });

const BULK_FORM_ID = "accept-selected";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const filters = parseAllocationFilters(new URL(request.url).searchParams);
  const list = await listUniversityAllocations(user, filters);
  return { ...list, filters };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "UNIVERSITY");
  if (form.get("intent") === "accept-selected") {
    return submitIntent(form, "accept-selected", AcceptSelectedSchema, async ({ allocationIds }) => {
      const outcome = await transitionAllocations(user, { allocationIds, to: "ACCEPTED" });
      return redirectWithFlash(ownAddress(request), outcome.message, { tone: outcome.failures.length > 0 ? "info" : "success" });
    });
  }
  const parsed = AllocationActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ allocationId: null, message: "Choose an allocation and an action" }, { status: 400 });
  const input = parsed.data;
  try {
    await transitionAllocation(user, {
      allocationId: input.allocationId,
      to: input.intent === "accept" ? "ACCEPTED" : "CANCELLED",
      reason: input.intent === "cancel" ? (input.reason ?? null) : null,
    });
  } catch (error) {
    return refusalReply(error, (refusal) => ({ allocationId: input.allocationId, message: refusal.message }));
  }
  return redirectWithFlash(
    ownAddress(request),
    input.intent === "accept" ? "The allocation has been accepted. Now name its students." : "The allocation has been cancelled.",
  );
}

export default function UniversityAllocations() {
  const { allocations, window, filters, counts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { pathname } = useLocation();
  const selection = useBulkSelection(allocations.filter((allocation) => allocation.status === "CONFIRMED").map((allocation) => allocation.id));
  const single = actionData && "message" in actionData ? actionData : null;
  const selectionErrors =
    actionData && "result" in actionData ? (actionData.result.error as { allocationIds?: string[] } | undefined)?.allocationIds : undefined;
  return (
    <>
      <PageHeader
        title="Allocations"
        caption="Your university"
        actions={
          <Link to="/opportunities" className="btn-secondary">
            Find an offer to book
          </Link>
        }
      />
      {single?.message && <FormMessage>{single.message}</FormMessage>}
      <dl className="mb-6 flex flex-wrap gap-x-6 gap-y-2" aria-label="Your students at each stage">
        {LIVE_STATUS_NAMES.map((status) => (
          <div key={status}>
            <dt className="text-sm text-nhs-grey-1">{STAGE_COUNT_LABELS[status]}</dt>
            <dd className="text-xl font-bold">{plural(counts[status]?.students ?? 0, "student")}</dd>
          </div>
        ))}
      </dl>
      <Form method="get" className="card mb-6 flex flex-wrap items-end gap-4" aria-label="Filter allocations">
        <FilterSelect
          name="status"
          label="Status"
          value={filters.status}
          options={ALLOCATION_STATUSES.map((status) => [status, `${ALLOCATION_STATUS_LABELS[status]} (${counts[status]?.allocations ?? 0})`] as const)}
          anyLabel="All statuses"
        />
        <FilterActions filtered={Boolean(filters.status)} />
      </Form>

      {allocations.length === 0 ? (
        <p className="card">{filters.status ? "No allocations have this status." : "None of your requests has an allocation yet."}</p>
      ) : (
        <>
          {selection.ids.length > 0 && (
            <Form id={BULK_FORM_ID} method="post" className="card mb-4 flex flex-wrap items-center gap-4" aria-label="Accept several allocations">
              <CsrfInput />
              <p aria-live="polite" className="min-w-0 flex-1 basis-64">
                {selection.count === 0
                  ? "Tick the confirmed allocations below, or the box in the table's heading for all on this page, to accept them together."
                  : `${plural(selection.count, "allocation")} chosen.`}
              </p>
              <FieldErrors id="accept-selected-error" errors={selectionErrors} />
              <button
                type="submit"
                name="intent"
                value="accept-selected"
                className="btn"
                aria-describedby={selectionErrors ? "accept-selected-error" : undefined}
              >
                Accept selected
              </button>
            </Form>
          )}
          <ScrollTable label="Allocations, scrollable">
            <table className="data-table">
              <caption className="sr-only">Allocations on your requests, most recently changed first</caption>
              <thead>
                <tr>
                  <th scope="col" className="select-cell">
                    <SelectAllCheckbox selection={selection} label="Select all confirmed allocations on this page" />
                  </th>
                  <th scope="col">Provider and site</th>
                  <th scope="col">Request</th>
                  <th scope="col" className="text-right">
                    Students
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Last change</th>
                  <th scope="col">What you can do</th>
                </tr>
              </thead>
              <tbody>
                {allocations.map((allocation) => {
                  const moves = availableTransitions(allocation.status, "university");
                  const canAccept = moves.some((move) => move.to === "ACCEPTED");
                  const cancel = moves.find((move) => move.to === "CANCELLED");
                  const label = `${allocation.offer.provider.name}: ${allocation.offer.site.name}`;
                  return (
                    <tr key={allocation.id} className={single?.allocationId === allocation.id ? "bg-[#fff4d6]" : undefined}>
                      <td className="select-cell">
                        {canAccept && (
                          <SelectRowCheckbox
                            selection={selection}
                            id={allocation.id}
                            form={BULK_FORM_ID}
                            label={`Select ${label}, ${formatDateRange(allocation.request.startDate, allocation.request.endDate)}`}
                          />
                        )}
                      </td>
                      <th scope="row" className="font-normal">
                        <PlainLink to={`/allocations/${allocation.id}`}>{label}</PlainLink>
                        {allocation.offer.specialty && <span className="block text-sm text-nhs-grey-1">{allocation.offer.specialty}</span>}
                      </th>
                      <td>
                        <PlainLink to={`/university/requests/${allocation.request.id}`}>{allocation.request.programme.name}</PlainLink>
                        <span className="block text-sm text-nhs-grey-1">
                          {allocation.request.block.name}, year {allocation.request.yearOfStudy},{" "}
                          {formatDateRange(allocation.request.startDate, allocation.request.endDate)}
                        </span>
                      </td>
                      <td className="text-right">{allocation.students}</td>
                      <td>
                        <AllocationStatusTag status={allocation.status} />
                      </td>
                      <td className="whitespace-nowrap">{formatDate(allocation.updatedAt)}</td>
                      <td>
                        <div className="flex flex-col items-start gap-3">
                          {canAccept && (
                            <Form method="post">
                              <CsrfInput />
                              <input type="hidden" name="intent" value="accept" />
                              <input type="hidden" name="allocationId" value={allocation.id} />
                              <button type="submit" className="btn">
                                Accept<span className="sr-only"> {label}</span>
                              </button>
                            </Form>
                          )}
                          {allocation.status === "ACCEPTED" && (
                            <PlainLink to={`/university/allocations/${allocation.id}/students`}>
                              Name students<span className="sr-only"> for {label}</span>
                            </PlainLink>
                          )}
                          {cancel && (
                            <details>
                              <summary className="cursor-pointer text-nhs-red underline">
                                {cancel.verb}
                                <span className="sr-only"> {label}</span>
                              </summary>
                              <Form method="post" className="mt-2">
                                <CsrfInput />
                                <input type="hidden" name="intent" value="cancel" />
                                <input type="hidden" name="allocationId" value={allocation.id} />
                                <label htmlFor={`reason-${allocation.id}`} className="field-label">
                                  Reason (the provider will see it)
                                </label>
                                <textarea id={`reason-${allocation.id}`} name="reason" rows={2} required maxLength={500} className="field-input mb-2" />
                                <button type="submit" className="btn-warning">
                                  {cancel.verb}
                                </button>
                              </Form>
                            </details>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
      <Pagination window={window} pathname={pathname} filters={filters} label="Allocation pages" noun="allocation" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Allocations · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
