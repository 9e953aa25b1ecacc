import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ALLOCATION_STATUS_LABELS, ALLOCATION_STATUSES } from "~/marketplace/allocation-rules";
import { formatDate, formatDateRange, formatDateTime, SUPERVISION_MODEL_LABELS, plural } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { getAllocationForParty, isNamedOnAllocation } from "~/marketplace/allocation-page.server";
import { transitionAllocation } from "~/marketplace/allocations.server";
import { refusalReply } from "~/platform/refusal-reply.server";

const TransitionSchema = z.object({
  to: z.enum(ALLOCATION_STATUSES, { errorMap: () => ({ message: "Choose what to do" }) }),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters").optional(),
  confirmed: z.literal("yes").optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A student named on it reaches this address from the "students named" notification (and its email), which
  // the provider's educators get too: their own view of a placement is the placements page.
  if (user.role === "STUDENT" && (await isNamedOnAllocation(user.id, params.allocationId ?? ""))) {
    throw redirect(`/student/placements#placement-${params.allocationId}`);
  }
  const page = await getAllocationForParty(user, params.allocationId ?? "");
  if (!page) throw notFound("Allocation not found");
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const parsed = TransitionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: parsed.error.issues[0].message, to: null }, { status: 400 });
  if (parsed.data.to === "STUDENTS_NAMED") {
    return data({ error: "Name the students on the naming page", to: parsed.data.to }, { status: 400 });
  }
  if (parsed.data.to === "COMPLETED" && parsed.data.confirmed !== "yes") {
    return data({ error: "Tick the box to confirm the placement has finished", to: parsed.data.to }, { status: 400 });
  }
  try {
    await transitionAllocation(user, { allocationId: params.allocationId ?? "", to: parsed.data.to, reason: parsed.data.reason });
    return { error: null, to: parsed.data.to };
  } catch (error) {
    return refusalReply(error, (refusal) => ({ error: refusal.message, to: parsed.data.to }));
  }
}

export default function AllocationPage() {
  const { allocation, timeline, transitions, party } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { offer, request } = allocation;
  return (
    <>
      <PageHeader
        title={`${plural(allocation.students, "student")} at ${offer.provider.name}`}
        caption={`Allocation · ${ALLOCATION_STATUS_LABELS[allocation.status]}`}
      />
      {actionData?.error && <FormMessage>{actionData.error}</FormMessage>}
      {actionData && !actionData.error && actionData.to && (
        <FormMessage tone="success">The allocation is now {ALLOCATION_STATUS_LABELS[actionData.to].toLowerCase()}.</FormMessage>
      )}
      <div className="mb-8 grid gap-6 md:grid-cols-2">
        <section aria-labelledby="offer-heading" className="card">
          <h2 id="offer-heading">Placement</h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
            <dt className="font-bold">Provider</dt>
            <dd>{offer.provider.name}</dd>
            <dt className="font-bold">Site</dt>
            <dd>
              {offer.site.name}, {offer.site.postcode}
            </dd>
            <dt className="font-bold">Profession</dt>
            <dd>
              {PROFESSION_LABELS[offer.profession]}
              {offer.specialty ? ` · ${offer.specialty}` : ""}
            </dd>
            <dt className="font-bold">Offer dates</dt>
            <dd>{formatDateRange(offer.startDate, offer.endDate)}</dd>
            <dt className="font-bold">Supervision</dt>
            <dd>{SUPERVISION_MODEL_LABELS[offer.supervisionModel]}</dd>
          </dl>
        </section>
        <section aria-labelledby="request-heading" className="card">
          <h2 id="request-heading">Request</h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
            <dt className="font-bold">University</dt>
            <dd>{request.university.name}</dd>
            <dt className="font-bold">Programme</dt>
            <dd>
              {request.programme.name}, year {request.yearOfStudy}
            </dd>
            <dt className="font-bold">Block</dt>
            <dd>
              {request.block.name}: {formatDateRange(request.startDate, request.endDate)}
            </dd>
            <dt className="font-bold">Students</dt>
            <dd>
              {allocation.students} of {request.students} requested
            </dd>
            {request.reasonableAdjustments && (
              <>
                <dt className="font-bold">Reasonable adjustments</dt>
                <dd className="whitespace-pre-line">{request.reasonableAdjustments}</dd>
              </>
            )}
          </dl>
        </section>
      </div>

      {allocation.explanation && (
        <section aria-labelledby="why-heading" className="card mb-8">
          <h2 id="why-heading">Why this allocation</h2>
          <p className="whitespace-pre-line">{allocation.explanation}</p>
        </section>
      )}

      {allocation.namedStudents.length > 0 && (
        <section aria-labelledby="students-heading" className="card mb-8">
          <h2 id="students-heading">Named students</h2>
          <ul className="list-disc pl-5">
            {allocation.namedStudents.map(({ student }) => (
              <li key={student.id}>
                {student.name} ({student.email})
              </li>
            ))}
          </ul>
        </section>
      )}

      {transitions.length > 0 && (
        <section aria-labelledby="actions-heading" className="mb-8">
          <h2 id="actions-heading">What you can do</h2>
          <div className="grid gap-4 md:grid-cols-2">
            {transitions.map((transition) =>
              transition.to === "STUDENTS_NAMED" ? (
                <div key={transition.to} className="card">
                  <Link to={`/university/allocations/${allocation.id}/students`} className="btn">
                    Name the students
                  </Link>
                </div>
              ) : (
                <Form key={transition.to} method="post" className="card">
                  <CsrfInput />
                  <input type="hidden" name="to" value={transition.to} />
                  {transition.to === "COMPLETED" && <CompletionFields endDate={request.endDate} />}
                  {transition.reasonRequired && (
                    <div className="mb-4">
                      <label htmlFor={`reason-${transition.to}`} className="field-label">
                        Reason
                      </label>
                      <span id={`reason-${transition.to}-hint`} className="field-hint">
                        The other side will see this.
                      </span>
                      <textarea
                        id={`reason-${transition.to}`}
                        name="reason"
                        required
                        maxLength={500}
                        rows={3}
                        aria-describedby={`reason-${transition.to}-hint`}
                        className="field-input"
                      />
                    </div>
                  )}
                  <button
                    type="submit"
                    className={transition.to === "DECLINED" || transition.to === "CANCELLED" ? "btn-warning" : "btn"}
                    disabled={navigation.state === "submitting"}
                  >
                    {transition.verb}
                  </button>
                </Form>
              ),
            )}
          </div>
        </section>
      )}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <ol className="card list-none">
          {timeline.map((event) => (
            <li key={event.id} className="border-b border-nhs-grey-4 py-2 last:border-b-0">
              <time dateTime={String(event.createdAt)} className="font-bold">
                {formatDateTime(event.createdAt)}
              </time>{" "}
              · {event.actor}: {event.fromStatus ? `${ALLOCATION_STATUS_LABELS[event.fromStatus]} → ` : ""}
              {ALLOCATION_STATUS_LABELS[event.toStatus]}
              {event.reason && <div className="text-nhs-grey-1">“{event.reason}”</div>}
            </li>
          ))}
        </ol>
        <p className="mt-2 text-sm text-nhs-grey-1">You see this allocation as the {party}.</p>
      </section>
    </>
  );
}

/** Completing is final and opens the students' feedback, so it asks twice, and before the last day it asks why. */
function CompletionFields({ endDate }: { endDate: string | Date }) {
  const early = new Date().toISOString().slice(0, 10) < new Date(endDate).toISOString().slice(0, 10);
  return (
    <div className="mb-4">
      {early && (
        <>
          <label htmlFor="reason-COMPLETED" className="field-label">
            Why is it finishing early?
          </label>
          <span id="reason-COMPLETED-hint" className="field-hint">
            This placement ends on {formatDate(endDate)}. The reason is kept in the history.
          </span>
          <textarea
            id="reason-COMPLETED"
            name="reason"
            required
            maxLength={500}
            rows={3}
            aria-describedby="reason-COMPLETED-hint"
            className="field-input mb-4"
          />
        </>
      )}
      <div className="flex items-center gap-3">
        <input id="confirm-COMPLETED" type="checkbox" name="confirmed" value="yes" required className="h-6 w-6" />
        <label htmlFor="confirm-COMPLETED">The placement has finished. Students can then give feedback on it.</label>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Allocation · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
