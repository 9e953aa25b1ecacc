import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { parseSubmission } from "~/platform/form-submission.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { notFound, requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FieldErrors, FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { holdsCapacity } from "~/marketplace/allocation-rules";
import { formatDate, formatDateRange, SUPERVISION_MODEL_LABELS, weeksBetween, plural } from "~/vocabulary/labels";
import {
  MAX_WITHDRAW_REASON_LENGTH,
  OFFER_LIST_STATUS_LABELS,
  OfferFieldsSchema,
  offerListStatus,
  toIsoDate,
  WithdrawOfferSchema,
} from "~/marketplace/offer-form";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { getProviderOffer, listProviderSites, updateOffer, withdrawOffer } from "~/marketplace/offers.server";
import { requireProviderScope } from "~/marketplace/policy";
import { redirectWithFlash } from "~/platform/flash.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { OFFER_PUBLISHED, OFFER_SAVED, offerWithdrawnMessage } from "./provider.shared/offer-flash";
import { OfferFormFields, offerFieldErrors } from "./provider.shared/offer-form-fields";
import { AllocationStatusTag, OfferStatusTag } from "./provider.shared/tags";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const offer = await getProviderOffer(user, params.offerId ?? "");
  if (!offer) throw notFound("Offer not found");
  const sites = await listProviderSites(requireProviderScope(user));
  return { offer, sites };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "EDUCATOR");
  const offerId = params.offerId ?? "";
  const intent = form.get("intent");

  if (intent === "withdraw") {
    const submission = parseSubmission(form, WithdrawOfferSchema);
    if (submission.status !== "success") return data({ form: "withdraw" as const, result: submission.reply() }, { status: 400 });
    try {
      const outcome = await withdrawOffer(user, offerId, submission.value.reason);
      return await redirectWithFlash(`/provider/offers/${offerId}`, offerWithdrawnMessage(outcome.allocationsCancelled, outcome.studentsAffected));
    } catch (error) {
      return refusalReply(error, submission, { form: "withdraw" as const }, { notFoundIsPage: true });
    }
  }

  const submission = parseSubmission(form, OfferFieldsSchema);
  if (submission.status !== "success") return data({ form: "edit" as const, result: submission.reply() }, { status: 400 });
  try {
    const saved = await updateOffer(user, offerId, submission.value, { publish: intent === "publish" });
    return await redirectWithFlash(`/provider/offers/${offerId}`, saved.published ? OFFER_PUBLISHED : OFFER_SAVED);
  } catch (error) {
    return refusalReply(error, submission, { form: "edit" as const }, { notFoundIsPage: true });
  }
}

export default function ProviderOffer() {
  const { offer, sites } = useLoaderData<typeof loader>();
  const status = offerListStatus(offer);
  const live = offer.allocations.filter((allocation) => holdsCapacity(allocation.status) && allocation.status !== "COMPLETED");
  const liveStudents = live.reduce((sum, allocation) => sum + allocation.students, 0);
  return (
    <>
      <PageHeader
        title={`${PROFESSION_LABELS[offer.profession]}${offer.specialty ? ` (${offer.specialty})` : ""}`}
        caption={`Offer at ${offer.site.name} · ${OFFER_LIST_STATUS_LABELS[status]}`}
        actions={
          <Link to="/provider/offers" className="btn-secondary">
            All offers
          </Link>
        }
      />

      <section aria-labelledby="details-heading" className="card mb-8">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-4">
          <h2 id="details-heading" className="mb-0">
            Details
          </h2>
          <OfferStatusTag status={status} />
        </div>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-bold">Site</dt>
          <dd>
            {offer.site.name}, {offer.site.postcode}
          </dd>
          <dt className="font-bold">Dates</dt>
          <dd>
            {formatDateRange(offer.startDate, offer.endDate)} ({plural(weeksBetween(offer.startDate, offer.endDate), "week")})
          </dd>
          <dt className="font-bold">Slots</dt>
          <dd>
            {offer.slotsTaken} of {offer.slots} taken
          </dd>
          <dt className="font-bold">Supervision model</dt>
          <dd>{SUPERVISION_MODEL_LABELS[offer.supervisionModel]}</dd>
          <dt className="font-bold">Years of study</dt>
          <dd>{offer.yearsOfStudy.length ? offer.yearsOfStudy.map((year) => `Year ${year}`).join(", ") : "Any year"}</dd>
          {offer.notes && (
            <>
              <dt className="font-bold">Notes</dt>
              <dd className="whitespace-pre-line">{offer.notes}</dd>
            </>
          )}
          {offer.publishedAt && (
            <>
              <dt className="font-bold">Published</dt>
              <dd>{formatDate(offer.publishedAt)}</dd>
            </>
          )}
          {offer.withdrawnAt && (
            <>
              <dt className="font-bold">Withdrawn</dt>
              <dd>
                {formatDate(offer.withdrawnAt)}: {offer.withdrawnReason}
              </dd>
            </>
          )}
        </dl>
      </section>

      <section aria-labelledby="allocations-heading" className="mb-8">
        <h2 id="allocations-heading">Allocations</h2>
        {offer.allocations.length === 0 ? (
          <p className="card">No university has been allocated places on this offer yet.</p>
        ) : (
          <ScrollTable label="Allocations on this offer, scrollable">
            <table className="data-table">
              <caption className="sr-only">Allocations on this offer, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">University</th>
                  <th scope="col">Programme</th>
                  <th scope="col">Placement block</th>
                  <th scope="col" className="text-right">
                    Students
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {offer.allocations.map((allocation) => (
                  <tr key={allocation.id}>
                    <th scope="row" className="font-normal">
                      <Link to={`/allocations/${allocation.id}`} className="font-bold">
                        {allocation.request.university.name}
                      </Link>
                    </th>
                    <td>
                      {allocation.request.programme.name}, year {allocation.request.yearOfStudy}
                    </td>
                    <td className="whitespace-nowrap">{formatDateRange(allocation.request.startDate, allocation.request.endDate)}</td>
                    <td className="text-right">{allocation.students}</td>
                    <td>
                      <AllocationStatusTag status={allocation.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        {offer.allocations.some((allocation) => allocation.status === "PROPOSED") && (
          <p>
            <Link to="/provider/allocations">Confirm or decline proposed allocations</Link>
          </p>
        )}
      </section>

      {offer.status !== "WITHDRAWN" && (
        <>
          <EditOffer key={new Date(offer.updatedAt).getTime()} offer={offer} sites={sites} />
          <WithdrawOffer draft={offer.status === "DRAFT"} live={live.length} students={liveStudents} />
        </>
      )}
    </>
  );
}

type LoadedOffer = ReturnType<typeof useLoaderData<typeof loader>>["offer"];

function EditOffer({ offer, sites }: { offer: LoadedOffer; sites: { id: string; name: string }[] }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "edit-offer",
    lastResult: actionData?.form === "edit" ? actionData.result : undefined,
    constraint: zodConstraint(OfferFieldsSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferFieldsSchema }),
    defaultValue: {
      siteId: offer.siteId,
      profession: offer.profession,
      specialty: offer.specialty ?? "",
      startDate: toIsoDate(offer.startDate),
      endDate: toIsoDate(offer.endDate),
      slots: String(offer.slots),
      supervisionModel: offer.supervisionModel,
      yearsOfStudy: offer.yearsOfStudy.map(String),
      notes: offer.notes ?? "",
    },
  });
  const busy = navigation.state === "submitting";
  return (
    <section aria-labelledby="edit-heading" className="mb-8 max-w-4xl">
      <h2 id="edit-heading">{offer.status === "DRAFT" ? "Finish and publish" : "Change this offer"}</h2>
      {offer.status === "PUBLISHED" && offer.slotsTaken > 0 && (
        <p className="mb-4">Universities have places on this offer: the new details must still fit their placement blocks.</p>
      )}
      <ErrorSummary errors={offerFieldErrors(fields)} />
      {form.errors && form.errors.length > 0 && (
        <FormMessage>
          <p id={form.errorId}>{form.errors.join(" ")}</p>
        </FormMessage>
      )}
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        <OfferFormFields fields={fields} sites={sites} slotsTaken={offer.slotsTaken} />
        <div className="flex flex-wrap items-center gap-4">
          {offer.status === "DRAFT" ? (
            <>
              <button type="submit" name="intent" value="save-draft" className="btn-secondary" disabled={busy}>
                Save draft
              </button>
              <button type="submit" name="intent" value="publish" className="btn" disabled={busy}>
                Publish
              </button>
            </>
          ) : (
            <button type="submit" name="intent" value="save" className="btn" disabled={busy}>
              Save changes
            </button>
          )}
        </div>
      </Form>
    </section>
  );
}

function WithdrawOffer({ draft, live, students }: { draft: boolean; live: number; students: number }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "withdraw-offer",
    lastResult: actionData?.form === "withdraw" ? actionData.result : undefined,
    constraint: zodConstraint(WithdrawOfferSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WithdrawOfferSchema }),
  });
  const hintId = `${fields.reason.id}-hint`;
  return (
    <section aria-labelledby="withdraw-heading" className="max-w-4xl">
      <h2 id="withdraw-heading">{draft ? "Withdraw this draft" : "Withdraw this offer"}</h2>
      {form.errors && form.errors.length > 0 && (
        <FormMessage>
          <p id={form.errorId}>{form.errors.join(" ")}</p>
        </FormMessage>
      )}
      <Form method="post" {...getFormProps(form)} className="card border-l-8 border-l-nhs-red">
        <CsrfInput />
        <input type="hidden" name="intent" value="withdraw" />
        <p className="mb-4">
          {live > 0
            ? `Withdrawing cancels ${live} live ${live === 1 ? "allocation" : "allocations"}: ${students} ${students === 1 ? "student loses" : "students lose"} this placement and their universities are told why.`
            : draft
              ? "The draft will never be published. This cannot be undone."
              : "Universities will no longer see or book it. This cannot be undone."}
        </p>
        <div className="mb-5">
          <label htmlFor={fields.reason.id} className="field-label">
            Reason for withdrawing
          </label>
          <span id={hintId} className="field-hint">
            Universities with allocations will see it. Up to {MAX_WITHDRAW_REASON_LENGTH} characters.
          </span>
          <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
          <textarea {...getTextareaProps(fields.reason, { ariaDescribedBy: hintId })} key={fields.reason.key} rows={3} className="field-input" />
        </div>
        <button type="submit" className="btn-warning" disabled={navigation.state === "submitting"}>
          Withdraw offer
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded ? `${PROFESSION_LABELS[loaded.offer.profession]} offer` : "Offer"} · Placement Exchange` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
