import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { GroupedBarChart } from "~/components/charts/grouped-bars";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { FAIR_SHARE_BAND_LABELS, formatRatio } from "~/fair-share/fair-share";
import { AwardFormSchema, PaymentFormSchema, RemovePaymentSchema } from "~/funding/funding-forms";
import { awardStatus, round1 } from "~/funding/award-delivery-row";
import { FUNDING_UNIT_LABELS, formatPence, formatPencePerWeek, poundsText } from "~/funding/funding-rules";
import { addPayment, awardPage, removePayment, updateAward } from "~/funding/funding.server";
import { formatUnits } from "~/funding/notifications";
import { redirectWithFlash } from "~/platform/flash.server";
import { submitIntent } from "~/platform/form-submission.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { formatDate, formatDateRange, plural } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { AwardForm, PaymentForm } from "./funding.shared/funding-forms";

const isoDay = (value: Date | string) => new Date(value).toISOString().slice(0, 10);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN", "EDUCATOR");
  try {
    const page = await awardPage(user, params.awardId ?? "");
    return { ...page, backTo: user.role === "EDUCATOR" ? "/provider/funding" : `/facilitator/funding/${page.programme.id}` };
  } catch (error) {
    throw refusalReply(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "FACILITATOR", "ADMIN", "EDUCATOR");
  const awardId = params.awardId ?? "";
  const here = `/funding/awards/${awardId}`;
  const intent = String(form.get("intent") ?? "");
  switch (intent) {
    case "update-award":
      return submitIntent(form, intent, AwardFormSchema, async (value) => {
        await updateAward(user, awardId, value);
        return redirectWithFlash(here, "The award has been saved.");
      });
    case "add-payment":
      return submitIntent(form, intent, PaymentFormSchema, async (value) => {
        await addPayment(user, awardId, value);
        return redirectWithFlash(here, "The payment has been recorded.");
      });
    case "remove-payment":
      return submitIntent(form, intent, RemovePaymentSchema, async ({ paymentId }) => {
        await removePayment(user, awardId, paymentId);
        return redirectWithFlash(here, "The payment has been removed.");
      });
    default:
      throw new Response("Unknown action", { status: 400 });
  }
}

export default function AwardPage() {
  const { award, delivery, byMonth, fairShare, programme, payments, notes, canManage, providers, backTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const profession = PROFESSION_LABELS[award.profession];
  const unit = FUNDING_UNIT_LABELS[award.unit].toLowerCase();
  const removeResult = actionData?.intent === "remove-payment" ? actionData.result : undefined;
  const removeMessage = removeResult?.error ? Object.values(removeResult.error).flat().filter(Boolean).join(" ") : null;
  const monthTitle = `Placed students and placement weeks by the month their blocks start, ${award.provider.name}, ${profession}`;
  return (
    <>
      <PageHeader
        title={`${award.provider.name}: ${profession}`}
        caption={`Award from ${programme.name}`}
        actions={<Link to={backTo}>{backTo === "/provider/funding" ? "All your awards" : "The programme"}</Link>}
      />
      <dl className="card mb-8 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1" aria-label="Award">
        <dt className="font-bold">Period</dt>
        <dd>{formatDateRange(award.periodStart, award.periodEnd)}</dd>
        <dt className="font-bold">Commitment</dt>
        <dd>
          {award.committed} {unit} over the baseline
        </dd>
        <dt className="font-bold">Baseline</dt>
        <dd>
          {plural(award.baselineStudents, "student")}, {plural(award.baselineWeeks, "placement week")}
        </dd>
        <dt className="font-bold">Placed in the period</dt>
        <dd>
          {plural(delivery.secured.students, "student")}, {plural(delivery.secured.weeks, "placement week")}
        </dd>
        <dt className="font-bold">Additional secured</dt>
        <dd>
          {plural(delivery.additional.students, "student")}, {plural(delivery.additional.weeks, "placement week")}
        </dd>
        <dt className="font-bold">Delivered so far</dt>
        <dd>
          {formatUnits(round1(delivery.deliveredToDate))} {unit} against {formatUnits(round1(delivery.expectedToDate))} expected by now ({Math.round(delivery.elapsed * 100)}% of the
          period gone): <strong className={delivery.behind ? "text-nhs-red" : undefined}>{awardStatus(delivery)}</strong>
        </dd>
        <dt className="font-bold">Awarded</dt>
        <dd>{formatPence(award.amountPence)}</dd>
        <dt className="font-bold">Paid so far</dt>
        <dd>
          {formatPence(delivery.paidPence)}; {formatPencePerWeek(delivery.pencePerAdditionalWeek)} per additional placement week
        </dd>
        {notes && (
          <>
            <dt className="font-bold">Notes</dt>
            <dd className="whitespace-pre-line">{notes}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="fair-share-heading" className="mb-8">
        <h2 id="fair-share-heading">Effect on fair share</h2>
        {fairShare ? (
          <p className="card">
            In {formatAcademicYear(fairShare.year)} the provider has {fairShare.placed} {profession.toLowerCase()} students placed against a fair share of {fairShare.fairShare}: a
            ratio of <strong>{formatRatio(fairShare.ratioNow)}</strong>
            {fairShare.bandNow ? ` (${FAIR_SHARE_BAND_LABELS[fairShare.bandNow].toLowerCase()})` : ""}. Without the award&apos;s {plural(delivery.additional.students, "additional student")} it
            would be <strong>{formatRatio(fairShare.ratioWithout)}</strong>
            {fairShare.bandWithout ? ` (${FAIR_SHARE_BAND_LABELS[fairShare.bandWithout].toLowerCase()})` : ""}.
          </p>
        ) : (
          <p className="card">The provider has no {profession.toLowerCase()} fair share in the award&apos;s academic year (no workforce, offers or placements recorded).</p>
        )}
      </section>

      <section aria-labelledby="month-heading" className="mb-8">
        <h2 id="month-heading">Delivery by month</h2>
        {byMonth.length === 0 ? (
          <p className="card">No placed students in the award&apos;s period yet.</p>
        ) : (
          <>
            <GroupedBarChart
              title={monthTitle}
              summary={byMonth.map((row) => `${row.month}: ${row.students} students, ${row.weeks} weeks`).join("; ") + "."}
              series={[
                { key: "students", label: "Placed students", colour: "#005eb8" },
                { key: "weeks", label: "Placement weeks", colour: "#007f3b" },
              ]}
              groups={byMonth.map((row) => ({ label: row.month, values: { students: row.students, weeks: row.weeks } }))}
            />
            <ScrollTable label="Delivery by month: table">
              <table className="data-table">
                <caption className="sr-only">{monthTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">Month blocks start</th>
                    <th scope="col" className="text-right">Placed students</th>
                    <th scope="col" className="text-right">Placement weeks</th>
                  </tr>
                </thead>
                <tbody>
                  {byMonth.map((row) => (
                    <tr key={row.month}>
                      <th scope="row" className="font-normal">
                        {row.month}
                      </th>
                      <td className="text-right">{row.students}</td>
                      <td className="text-right">{row.weeks}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </>
        )}
      </section>

      <section aria-labelledby="payments-heading" className="mb-8">
        <h2 id="payments-heading">Payments</h2>
        {removeMessage && <FormMessage>{removeMessage}</FormMessage>}
        {payments.length === 0 ? (
          <p className="card">No payments recorded.</p>
        ) : (
          <ScrollTable label="Payments: table">
            <table className="data-table">
              <caption className="sr-only">Payments of this award, by date</caption>
              <thead>
                <tr>
                  <th scope="col">Paid on</th>
                  <th scope="col" className="text-right">Amount</th>
                  <th scope="col">Note</th>
                  {canManage && (
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {payments.map((payment) => (
                  <tr key={payment.id}>
                    <th scope="row" className="font-normal">
                      {formatDate(payment.payOn)}
                    </th>
                    <td className="text-right">{formatPence(payment.amountPence)}</td>
                    <td>{payment.note}</td>
                    {canManage && (
                      <td>
                        <Form method="post">
                          <CsrfInput />
                          <input type="hidden" name="intent" value="remove-payment" />
                          <input type="hidden" name="paymentId" value={payment.id} />
                          <button type="submit" className="text-nhs-red underline">
                            Remove<span className="sr-only"> the payment of {formatDate(payment.payOn)}</span>
                          </button>
                        </Form>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        {canManage && (
          <div className="max-w-3xl">
            <h3>Record a payment</h3>
            <PaymentForm lastResult={actionData?.intent === "add-payment" ? actionData.result : undefined} />
          </div>
        )}
      </section>

      {canManage && (
        <section aria-labelledby="edit-award-heading" className="max-w-3xl">
          <h2 id="edit-award-heading">Change the award</h2>
          <AwardForm
            id="update-award"
            intent="update-award"
            lastResult={actionData?.intent === "update-award" ? actionData.result : undefined}
            providers={providers}
            defaultValue={{
              providerId: award.providerId,
              profession: award.profession,
              periodStart: isoDay(award.periodStart),
              periodEnd: isoDay(award.periodEnd),
              unit: award.unit,
              committed: String(award.committed),
              baselineStudents: String(award.baselineStudents),
              baselineWeeks: String(award.baselineWeeks),
              amount: poundsText(award.amountPence),
              notes: notes ?? "",
            }}
            submitLabel="Save the award"
          />
        </section>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `${data.award.provider.name} award` : "Award"} · Placement Exchange` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
