import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { parseSubmission } from "~/platform/form-submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { notFound, requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FieldErrors, FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { formatDateRange, SUPERVISION_MODEL_LABELS } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { bookOffer } from "~/marketplace/allocations.server";
import { getBookingPage } from "~/marketplace/university-allocations.server";
import { refusalReply } from "~/platform/refusal-reply.server";

const BookingSchema = z.object({
  requestId: z.string({ required_error: "Choose the request to book for" }).trim().min(1, "Choose the request to book for").max(40),
  students: z
    .number({ required_error: "Enter the number of students", invalid_type_error: "Enter the number of students as a whole number" })
    .int("Enter the number of students as a whole number")
    .min(1, "Book at least 1 student")
    .max(200, "Book at most 200 students"),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const page = await getBookingPage(user, params.offerId ?? "");
  if (!page) throw notFound("This offer is not open for booking");
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "UNIVERSITY");
  const submission = parseSubmission(form, BookingSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const allocation = await bookOffer(user, { offerId: params.offerId ?? "", ...submission.value });
    return redirect(`/allocations/${allocation.id}`);
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function BookOffer() {
  const { offer, compatible, incompatible } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "book",
    lastResult: actionData?.result,
    defaultValue: compatible.length === 1 ? { requestId: compatible[0].id } : undefined,
    constraint: zodConstraint(BookingSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BookingSchema }),
  });
  const [requestId, setRequestId] = useState(String(fields.requestId.initialValue ?? ""));
  const chosen = compatible.find((request) => request.id === requestId);
  const suggested = chosen ? Math.max(1, Math.min(chosen.remaining, offer.placesLeft)) : undefined;
  const { key: requestKey, ...requestProps } = getSelectProps(fields.requestId);
  const studentsHint = `${fields.students.id}-hint`;
  const errors = [fields.requestId, fields.students].filter((field) => field.errors?.length).map((field) => ({ id: field.id, message: field.errors![0] }));

  return (
    <>
      <PageHeader title={`Book ${PROFESSION_LABELS[offer.profession]} at ${offer.provider.name}: ${offer.site.name}`} caption="Book an offer" />
      <dl className="card mb-8 grid max-w-4xl grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">Profession</dt>
        <dd>{PROFESSION_LABELS[offer.profession]}</dd>
        {offer.specialty && (
          <>
            <dt className="font-bold">Specialty</dt>
            <dd>{offer.specialty}</dd>
          </>
        )}
        <dt className="font-bold">Site</dt>
        <dd>
          {offer.site.name}, {offer.site.postcode}
        </dd>
        <dt className="font-bold">Dates</dt>
        <dd>{formatDateRange(offer.startDate, offer.endDate)}</dd>
        <dt className="font-bold">Supervision model</dt>
        <dd>{SUPERVISION_MODEL_LABELS[offer.supervisionModel]}</dd>
        <dt className="font-bold">Years of study</dt>
        <dd>{offer.yearsOfStudy.length ? offer.yearsOfStudy.join(", ") : "Any"}</dd>
        <dt className="font-bold">Places left</dt>
        <dd>
          {offer.placesLeft} of {offer.slots}
        </dd>
        {offer.notes && (
          <>
            <dt className="font-bold">Notes</dt>
            <dd className="whitespace-pre-line">{offer.notes}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="booking-heading" className="max-w-3xl">
        <h2 id="booking-heading">Book places for your students</h2>
        {offer.placesLeft === 0 ? (
          <p className="card">This offer is full.</p>
        ) : compatible.length === 0 ? (
          <div className="card">
            <p className="mb-4">None of your open requests fits this offer.</p>
            {incompatible.length > 0 ? (
              <ul className="mb-4 list-disc pl-6">
                {incompatible.slice(0, 20).map((request) => (
                  <li key={request.id}>
                    <Link to={`/university/requests/${request.id}`}>
                      {request.programmeName}: {request.blockName}
                    </Link>{" "}
                    ({formatDateRange(request.startDate, request.endDate)}): {request.problem}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mb-4">You have no open or partly allocated requests.</p>
            )}
            <Link to="/university/requests/new">Make a request</Link>
          </div>
        ) : (
          <>
            <ErrorSummary errors={errors} />
            {form.errors && form.errors.length > 0 && <FormMessage>{form.errors.join(" ")}</FormMessage>}
            <Form method="post" {...getFormProps(form)} className="card">
              <CsrfInput />
              <div className="mb-5">
                <label htmlFor={fields.requestId.id} className="field-label">
                  Request
                </label>
                <span id={`${fields.requestId.id}-hint`} className="field-hint">
                  Only your requests this offer can take are listed.
                </span>
                <FieldErrors id={fields.requestId.errorId} errors={fields.requestId.errors} />
                <select
                  key={requestKey}
                  {...requestProps}
                  aria-describedby={[fields.requestId.errors?.length ? fields.requestId.errorId : null, `${fields.requestId.id}-hint`].filter(Boolean).join(" ")}
                  className="field-input"
                  onChange={(event) => setRequestId(event.target.value)}
                >
                  <option value="">Choose…</option>
                  {compatible.map((request) => (
                    <option key={request.id} value={request.id}>
                      {request.programmeName}: {request.blockName}, year {request.yearOfStudy}, {formatDateRange(request.startDate, request.endDate)} (
                      {request.remaining} still to place)
                    </option>
                  ))}
                </select>
              </div>
              <div className="mb-5">
                <label htmlFor={fields.students.id} className="field-label">
                  Number of students
                </label>
                <span id={studentsHint} className="field-hint">
                  At most {offer.placesLeft} (the places left){chosen ? ` and ${chosen.remaining} (still to place on the request)` : ""}.
                </span>
                <FieldErrors id={fields.students.errorId} errors={fields.students.errors} />
                <input
                  key={`${fields.students.key}-${requestId}`}
                  id={fields.students.id}
                  name={fields.students.name}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  defaultValue={(fields.students.initialValue as string | undefined) ?? suggested}
                  aria-invalid={fields.students.errors?.length ? true : undefined}
                  aria-describedby={[fields.students.errors?.length ? fields.students.errorId : null, studentsHint].filter(Boolean).join(" ")}
                  className="field-input max-w-xs"
                />
              </div>
              <button type="submit" className="btn">
                Book the places
              </button>
              <p className="mt-4 text-nhs-grey-1">The provider then confirms or declines the booking.</p>
            </Form>
          </>
        )}
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Book ${PROFESSION_LABELS[data.offer.profession as keyof typeof PROFESSION_LABELS]} at ${data.offer.provider.name}: ${data.offer.site.name}` : "Book an offer"} · Placement Exchange` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
