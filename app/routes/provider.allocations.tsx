import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ScrollTable } from "~/components/scroll-table";
import { ALLOCATION_STATUS_LABELS, type AllocationStatusName } from "~/marketplace/allocation-rules";
import { formatDateRange } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { transitionAllocation } from "~/marketplace/allocations.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { listProviderAllocations, parseProviderAllocationFilters } from "~/marketplace/provider-allocations.server";
import { AllocationStatusTag } from "./provider.shared/tags";

const MAX_REASON_LENGTH = 500;

const DecisionSchema = z.object({
  allocationId: z.string({ required_error: "Choose an allocation" }).trim().min(1).max(40),
  intent: z.enum(["confirm", "decline"], { errorMap: () => ({ message: "Choose confirm or decline" }) }),
  reason: z.string().trim().max(MAX_REASON_LENGTH, `Keep the reason to ${MAX_REASON_LENGTH} characters or fewer`).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const filters = parseProviderAllocationFilters(new URL(request.url).searchParams);
  const list = await listProviderAllocations(user, filters);
  return { ...list, filters };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "EDUCATOR");
  const parsed = DecisionSchema.safeParse(Object.fromEntries(form));
  const allocationId = typeof form.get("allocationId") === "string" ? String(form.get("allocationId")) : null;
  if (!parsed.success) return data({ allocationId, error: parsed.error.issues[0].message, done: null }, { status: 400 });
  const { intent, reason } = parsed.data;
  try {
    await transitionAllocation(user, { allocationId: parsed.data.allocationId, to: intent === "confirm" ? "CONFIRMED" : "DECLINED", reason });
    return { allocationId, error: null, done: intent === "confirm" ? ("confirmed" as const) : ("declined" as const) };
  } catch (error) {
    return refusalReply(error, (refusal) => ({ allocationId, error: refusal.message, done: null }));
  }
}

const FILTERS: (AllocationStatusName | "all")[] = ["PROPOSED", "CONFIRMED", "ACCEPTED", "STUDENTS_NAMED", "COMPLETED", "DECLINED", "CANCELLED", "all"];

export default function ProviderAllocations() {
  const { allocations, window, counts, filters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { pathname } = useLocation();
  const waiting = counts.PROPOSED ?? 0;
  return (
    <>
      <PageHeader title="Allocations" caption="Universities placed on your offers" />
      <p className="mb-6 max-w-3xl text-lg">
        {waiting > 0
          ? `${waiting} ${waiting === 1 ? "allocation is" : "allocations are"} waiting for you to confirm or decline.`
          : "No allocations are waiting for you."}{" "}
        A university can accept an allocation only once you have confirmed it.
      </p>
      {actionData?.done && (
        <FormMessage tone="success">
          {actionData.done === "confirmed" ? "Allocation confirmed: the university can now accept it." : "Allocation declined: the places are back on your offer."}
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
        <ScrollTable label="Allocations, scrollable">
          <table className="data-table">
            <caption className="sr-only">
              {filters.status === "all" ? "All allocations on your offers" : `Allocations: ${ALLOCATION_STATUS_LABELS[filters.status]}`}
            </caption>
            <thead>
              <tr>
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
                  error={actionData?.allocationId === allocation.id ? actionData.error : null}
                />
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <Pagination
        window={window}
        pathname={pathname}
        filters={{ status: filters.status === "PROPOSED" ? undefined : filters.status }}
        label="Allocation pages"
        noun="allocation"
      />
    </>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["allocations"][number];

function AllocationRow({ allocation, error }: { allocation: Row; error: string | null }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("allocationId") === allocation.id;
  const { offer, request } = allocation;
  const errorId = `allocation-${allocation.id}-error`;
  const reasonId = `allocation-${allocation.id}-reason`;
  return (
    <tr>
      <th scope="row" className="font-normal">
        <Link to={`/allocations/${allocation.id}`} className="font-bold">
          {request.university.name}
        </Link>
        <div className="text-sm">
          {request.programme.name}, year {request.yearOfStudy}
        </div>
        <div className="text-sm text-nhs-grey-1">Block {formatDateRange(request.startDate, request.endDate)}</div>
      </th>
      <td>
        <Link to={`/provider/offers/${offer.id}`}>
          {PROFESSION_LABELS[offer.profession]}
          {offer.specialty ? ` (${offer.specialty})` : ""}
        </Link>
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
                Confirm<span className="sr-only"> the allocation for {request.university.name}</span>
              </button>
            </Form>
            <details open={Boolean(error)}>
              <summary className="cursor-pointer text-nhs-blue underline">
                Decline<span className="sr-only"> the allocation for {request.university.name}</span>
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
          <Link to={`/allocations/${allocation.id}`}>
            View<span className="sr-only"> the allocation for {request.university.name}</span>
          </Link>
        )}
      </td>
    </tr>
  );
}

export const meta: MetaFunction = () => [{ title: "Allocations · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
