import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { parseSubmission } from "~/platform/form-submission.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FieldErrors, FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { formatDate, formatDateRange } from "~/vocabulary/labels";
import { CancelRequestSchema, MAX_CANCEL_REASON_LENGTH, RequestFormSchema } from "~/marketplace/request-form";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { cancelRequest, getRequestForUniversity, getRequestFormOptions, updateRequest } from "~/marketplace/requests.server";
import { redirectWithFlash } from "~/platform/flash.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { RequestFormFields, requestFormErrors } from "./university.shared/request-form-fields";
import { AllocationStatusTag, RequestStatusTag } from "./university.shared/status-tags";

const LIVE = ["PROPOSED", "CONFIRMED", "ACCEPTED", "STUDENTS_NAMED"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const found = await getRequestForUniversity(user, params.requestId ?? "");
  if (!found) throw notFound("Request not found");
  const options = found.request.status === "CANCELLED" ? null : await getRequestFormOptions(user);
  return { ...found, options };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "UNIVERSITY");
  const requestId = params.requestId ?? "";
  const intent = String(form.get("intent") ?? "");
  const here = `/university/requests/${requestId}`;
  if (intent === "save") {
    const submission = parseSubmission(form, RequestFormSchema);
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await updateRequest(user, requestId, submission.value);
      return await redirectWithFlash(here, "The request has been saved.");
    } catch (error) {
      // Another university's (or no) request: the page itself is not found, not one of its fields.
      return refusalReply(error, submission, { intent }, { notFoundIsPage: true });
    }
  }
  if (intent === "cancel") {
    const submission = parseSubmission(form, CancelRequestSchema);
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await cancelRequest(user, requestId, submission.value.reason);
      return await redirectWithFlash(here, "The request has been cancelled.");
    } catch (error) {
      return refusalReply(error, submission, { intent }, { notFoundIsPage: true });
    }
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function RequestPage() {
  const { request, preferredSites, campus, cancellation, options } = useLoaderData<typeof loader>();
  const remaining = request.students - request.studentsAllocated;
  const liveAllocations = request.allocations.filter((allocation) => LIVE.includes(allocation.status)).length;
  const findOffersHref = `/opportunities?${new URLSearchParams({ profession: request.profession, year: String(request.yearOfStudy) })}`;
  return (
    <>
      <PageHeader
        title={`${request.programme.name}: ${request.block.name}`}
        caption="Placement request"
        actions={
          remaining > 0 && request.status !== "CANCELLED" ? (
            <Link to={findOffersHref} className="btn-secondary">
              Find an offer to book
            </Link>
          ) : undefined
        }
      />

      <section aria-labelledby="summary-heading" className="mb-8">
        <h2 id="summary-heading" className="sr-only">
          Summary
        </h2>
        <dl className="card grid max-w-4xl grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-bold">Status</dt>
          <dd>
            <RequestStatusTag status={request.status} />
            {request.status !== "CANCELLED" && (
              <span className="ml-2">
                {request.studentsAllocated} of {request.students} {request.students === 1 ? "student" : "students"} allocated
                {remaining > 0 ? `, ${remaining} still to place` : ""}
              </span>
            )}
          </dd>
          {cancellation && (
            <>
              <dt className="font-bold">Cancelled</dt>
              <dd>
                {formatDate(cancellation.at)}: {cancellation.reason}
              </dd>
            </>
          )}
          <dt className="font-bold">Profession</dt>
          <dd>{PROFESSION_LABELS[request.profession]}</dd>
          <dt className="font-bold">Year of study</dt>
          <dd>{request.yearOfStudy}</dd>
          <dt className="font-bold">Block dates</dt>
          <dd>{formatDateRange(request.startDate, request.endDate)}</dd>
          <dt className="font-bold">Specialties</dt>
          <dd>{request.specialties.length ? request.specialties.join(", ") : "Any"}</dd>
          <dt className="font-bold">Preferred sites</dt>
          <dd>
            {preferredSites.length ? (
              <ul>
                {preferredSites.map((site) => (
                  <li key={site.id}>
                    {site.providerName}: {site.name}
                  </li>
                ))}
              </ul>
            ) : (
              "Any"
            )}
          </dd>
          <dt className="font-bold">Maximum travel time</dt>
          <dd>
            {request.maxTravelMinutes
              ? `${request.maxTravelMinutes} minutes from ${campus ? campus.name : "the campus chosen"}`
              : "No limit"}
          </dd>
          <dt className="font-bold">Reasonable adjustments</dt>
          <dd className="whitespace-pre-line">
            {request.reasonableAdjustments ?? "None recorded"}
            <span className="block text-sm text-nhs-grey-1">
              Seen only by your university, facilitators and the provider the students are allocated to.
            </span>
          </dd>
        </dl>
      </section>

      <section aria-labelledby="allocations-heading" className="mb-8">
        <h2 id="allocations-heading">Allocations</h2>
        {request.allocations.length === 0 ? (
          <p className="card">No students of this request are allocated yet.</p>
        ) : (
          <ScrollTable label="Allocations of this request, scrollable">
            <table className="data-table">
              <caption className="sr-only">Allocations of this request, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Provider and site</th>
                  <th scope="col" className="text-right">
                    Students
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Last change</th>
                </tr>
              </thead>
              <tbody>
                {request.allocations.map((allocation) => (
                  <tr key={allocation.id}>
                    <th scope="row" className="font-normal">
                      <Link to={`/allocations/${allocation.id}`}>
                        {allocation.offer.provider.name}: {allocation.offer.site.name}
                      </Link>
                      {allocation.offer.specialty && <span className="block text-sm text-nhs-grey-1">{allocation.offer.specialty}</span>}
                    </th>
                    <td className="text-right">{allocation.students}</td>
                    <td>
                      <AllocationStatusTag status={allocation.status} />
                    </td>
                    <td className="whitespace-nowrap">{formatDate(allocation.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>

      {options && (
        <>
          <section aria-labelledby="edit-heading" className="mb-8 max-w-3xl">
            <h2 id="edit-heading">Change the request</h2>
            <EditRequestForm request={request} campusId={campus?.id} options={options} />
          </section>
          <section aria-labelledby="cancel-heading" className="max-w-3xl">
            <h2 id="cancel-heading">Cancel the request</h2>
            <CancelRequestForm liveAllocations={liveAllocations} />
          </section>
        </>
      )}
    </>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function EditRequestForm({
  request,
  campusId,
  options,
}: {
  request: LoaderData["request"];
  campusId: string | undefined;
  options: NonNullable<LoaderData["options"]>;
}) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "request",
    lastResult: actionData?.intent === "save" ? actionData.result : undefined,
    defaultValue: {
      programmeId: request.programmeId,
      blockId: request.blockId,
      students: request.students,
      specialties: request.specialties.join(", "),
      preferredSiteIds: request.preferredSiteIds,
      maxTravelMinutes: request.maxTravelMinutes ?? undefined,
      campusSiteId: campusId,
      reasonableAdjustments: request.reasonableAdjustments ?? "",
    },
    constraint: zodConstraint(RequestFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestFormSchema }),
  });
  return (
    <>
      <ErrorSummary errors={requestFormErrors(fields)} />
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      {request.studentsAllocated > 0 && (
        <p className="mb-4 border-l-8 border-nhs-amber bg-white p-4">
          {request.studentsAllocated} {request.studentsAllocated === 1 ? "student is" : "students are"} already allocated: the request
          cannot ask for fewer, or move to another block.
        </p>
      )}
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <RequestFormFields fields={fields} options={options} />
        <button type="submit" className="btn">
          Save the request
        </button>
      </Form>
    </>
  );
}

function CancelRequestForm({ liveAllocations }: { liveAllocations: number }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "cancel-request",
    lastResult: actionData?.intent === "cancel" ? actionData.result : undefined,
    constraint: zodConstraint(CancelRequestSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CancelRequestSchema }),
  });
  const { key, ...reasonProps } = getTextareaProps(fields.reason);
  return (
    <>
      {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
      {liveAllocations > 0 && (
        <p className="mb-4 border-l-8 border-nhs-amber bg-white p-4">
          This request has {liveAllocations} live {liveAllocations === 1 ? "allocation" : "allocations"}. Cancel{" "}
          {liveAllocations === 1 ? "it" : "them"} from <Link to="/university/allocations">your allocations</Link> first.
        </p>
      )}
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        <input type="hidden" name="intent" value="cancel" />
        <div className="mb-5">
          <label htmlFor={fields.reason.id} className="field-label">
            Why are you cancelling it?
          </label>
          <span id={`${fields.reason.id}-hint`} className="field-hint">
            Kept in the request&apos;s history. At most {MAX_CANCEL_REASON_LENGTH} characters.
          </span>
          <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
          <textarea key={key} {...reasonProps} rows={3} className="field-input" />
        </div>
        <button type="submit" className="btn-warning">
          Cancel the request
        </button>
      </Form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.request.programme.name}: ${data.request.block.name}` : "Request"} · Placement Exchange` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
