import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { SelectAllCheckbox, useBulkSelection } from "~/components/bulk-selection";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ScrollTable } from "~/components/scroll-table";
import { ALLOCATION_STATUS_LABELS, type AllocationStatusName } from "~/marketplace/allocation-rules";
import { transitionAllocation } from "~/marketplace/allocations.server";
import { transitionAllocations } from "~/marketplace/bulk-allocations.server";
import { AllocationIdsSchema } from "~/marketplace/bulk-rules";
import { redirectWithFlash } from "~/platform/flash.server";
import { ownAddress, submitIntent } from "~/platform/form-submission.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { listProviderAllocations, parseProviderAllocationFilters } from "~/marketplace/provider-allocations.server";
import { AllocationRow, MAX_REASON_LENGTH } from "./provider.shared/allocation-row";
import { BulkDecisionForm } from "./provider.shared/bulk-decision-form";

const DecisionSchema = z.object({
  allocationId: z.string({ required_error: "Choose an allocation" }).trim().min(1).max(40),
  intent: z.enum(["confirm", "decline"], {
    errorMap: () => ({ message: "Choose confirm or decline" }),
  }),
  reason: z.string().trim().max(MAX_REASON_LENGTH, `Keep the reason to ${MAX_REASON_LENGTH} characters or fewer`).optional(),
});

const BulkConfirmSchema = z.object({ allocationIds: AllocationIdsSchema });
const BulkDeclineSchema = z.object({
  allocationIds: AllocationIdsSchema,
  reason: z
    .string({ required_error: "Give a reason: each university will see it" })
    .trim()
    .min(1, "Give a reason: each university will see it")
    .max(MAX_REASON_LENGTH, `Keep the reason to ${MAX_REASON_LENGTH} characters or fewer`),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const filters = parseProviderAllocationFilters(new URL(request.url).searchParams);
  const list = await listProviderAllocations(user, filters);
  return { ...list, filters };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "EDUCATOR");
  const decided = (outcome: { message: string; failures: unknown[] }) =>
    redirectWithFlash(ownAddress(request), outcome.message, {
      tone: outcome.failures.length > 0 ? "info" : "success",
    });
  if (form.get("intent") === "confirm-selected") {
    return submitIntent(form, "confirm-selected", BulkConfirmSchema, async ({ allocationIds }) =>
      decided(await transitionAllocations(user, { allocationIds, to: "CONFIRMED" })),
    );
  }
  if (form.get("intent") === "decline-selected") {
    return submitIntent(form, "decline-selected", BulkDeclineSchema, async ({ allocationIds, reason }) =>
      decided(
        await transitionAllocations(user, {
          allocationIds,
          to: "DECLINED",
          reason,
        }),
      ),
    );
  }
  const parsed = DecisionSchema.safeParse(Object.fromEntries(form));
  const allocationId = typeof form.get("allocationId") === "string" ? String(form.get("allocationId")) : null;
  if (!parsed.success) return data({ allocationId, error: parsed.error.issues[0].message, done: null }, { status: 400 });
  const { intent, reason } = parsed.data;
  try {
    await transitionAllocation(user, {
      allocationId: parsed.data.allocationId,
      to: intent === "confirm" ? "CONFIRMED" : "DECLINED",
      reason,
    });
    return {
      allocationId,
      error: null,
      done: intent === "confirm" ? ("confirmed" as const) : ("declined" as const),
    };
  } catch (error) {
    return refusalReply(error, (refusal) => ({
      allocationId,
      error: refusal.message,
      done: null,
    }));
  }
}

const FILTERS: (AllocationStatusName | "all")[] = ["PROPOSED", "CONFIRMED", "ACCEPTED", "STUDENTS_NAMED", "COMPLETED", "DECLINED", "CANCELLED", "all"];

export default function ProviderAllocations() {
  const { allocations, window, counts, filters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { pathname } = useLocation();
  const waiting = counts.PROPOSED ?? 0;
  const selection = useBulkSelection(allocations.filter((allocation) => allocation.status === "PROPOSED").map((allocation) => allocation.id));
  const single = actionData && "done" in actionData ? actionData : null;
  const bulkErrors =
    actionData && "result" in actionData ? (actionData.result.error as { allocationIds?: string[]; reason?: string[] } | undefined) : undefined;
  return (
    <>
      <PageHeader title="Allocations" caption="Universities placed on your offers" />
      <p className="mb-6 max-w-3xl text-lg">
        {waiting > 0
          ? `${waiting} ${waiting === 1 ? "allocation is" : "allocations are"} waiting for you to confirm or decline.`
          : "No allocations are waiting for you."}{" "}
        A university can accept an allocation only once you have confirmed it.
      </p>
      {single?.done && (
        <FormMessage tone="success">
          {single.done === "confirmed" ? "Allocation confirmed: the university can now accept it." : "Allocation declined: the places are back on your offer."}
        </FormMessage>
      )}

      <nav aria-label="Filter allocations by status" className="mb-6">
        <ul className="flex flex-wrap gap-2">
          {FILTERS.map((status) => {
            const current = filters.status === status;
            const count = status === "all" ? Object.values(counts).reduce((sum, value) => sum + (value ?? 0), 0) : (counts[status] ?? 0);
            const label = status === "all" ? "All" : status === "PROPOSED" ? "Awaiting your confirmation" : ALLOCATION_STATUS_LABELS[status];
            return (
              <li key={status}>
                <Link
                  to={status === "PROPOSED" ? pathname : `${pathname}?status=${status}`}
                  aria-current={current ? "page" : undefined}
                  className={`inline-block border-2 px-3 py-1 no-underline ${current ? "border-nhs-blue bg-nhs-blue font-bold text-white visited:text-white" : "border-nhs-grey-4 bg-white"}`}
                >
                  {label} <span className="font-normal">({count})</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {allocations.length === 0 ? (
        <p className="card">
          {filters.status === "PROPOSED" ? "Nothing is waiting for your confirmation." : "No allocations have this status."}{" "}
          <Link to="/provider/offers">See your offers</Link>
        </p>
      ) : (
        <>
          {selection.ids.length > 0 && <BulkDecisionForm selection={selection} errors={bulkErrors} maxReasonLength={MAX_REASON_LENGTH} />}
          <ScrollTable label="Allocations, scrollable">
            <table className="data-table">
              <caption className="sr-only">
                {filters.status === "all" ? "All allocations on your offers" : `Allocations: ${ALLOCATION_STATUS_LABELS[filters.status]}`}
              </caption>
              <thead>
                <tr>
                  <td className="select-cell">
                    <SelectAllCheckbox selection={selection} label="Select all proposed allocations on this page" />
                  </td>
                  <th scope="col">University and request</th>
                  <th scope="col">Your offer</th>
                  <th scope="col" className="text-right">
                    Students
                  </th>
                  <th scope="col">Reasonable adjustments</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {allocations.map((allocation) => (
                  <AllocationRow
                    key={allocation.id}
                    allocation={allocation}
                    error={single?.allocationId === allocation.id ? single.error : null}
                    selection={selection}
                  />
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
      <Pagination
        window={window}
        pathname={pathname}
        filters={{
          status: filters.status === "PROPOSED" ? undefined : filters.status,
        }}
        label="Allocation pages"
        noun="allocation"
      />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Allocations · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
