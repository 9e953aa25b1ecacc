import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { describePlaces } from "~/marketplace/allocation-rules";
import { getOpportunity } from "~/marketplace/opportunities.server";
import { formatDateRange, SUPERVISION_MODEL_LABELS, weeksBetween, plural } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { canBookOffers } from "~/marketplace/policy";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const offer = await getOpportunity(params.offerId ?? "");
  if (!offer) throw notFound("This offer is not published.");
  return { offer, canBook: canBookOffers(user) };
}

export default function Opportunity() {
  const { offer, canBook } = useLoaderData<typeof loader>();
  const { free: left, label: places } = describePlaces(offer.slots, offer.slotsTaken, offer.held);
  return (
    <>
      <PageHeader title={`${PROFESSION_LABELS[offer.profession]}${offer.specialty ? `: ${offer.specialty}` : ""}`} caption={offer.provider.name} />
      <dl className="card mb-6 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-bold">Site</dt>
        <dd>
          {offer.site.name}, {offer.site.postcode} ({offer.provider.region.name})
        </dd>
        <dt className="font-bold">Dates</dt>
        <dd>
          {formatDateRange(offer.startDate, offer.endDate)} ({plural(weeksBetween(offer.startDate, offer.endDate), "week")})
        </dd>
        <dt className="font-bold">Supervision model</dt>
        <dd>{SUPERVISION_MODEL_LABELS[offer.supervisionModel]}</dd>
        <dt className="font-bold">Years of study</dt>
        <dd>{offer.yearsOfStudy.length ? offer.yearsOfStudy.map((y) => `Year ${y}`).join(", ") : "Any year"}</dd>
        <dt className="font-bold">Places</dt>
        <dd>{`${places} (of ${plural(offer.slots, "place")})`}</dd>
        {offer.notes && (
          <>
            <dt className="font-bold">About this placement</dt>
            <dd className="whitespace-pre-line">{offer.notes}</dd>
          </>
        )}
      </dl>
      <div className="flex gap-4">
        {canBook && left > 0 && (
          <Link to={`/university/book/${offer.id}`} className="btn">
            Book this offer
          </Link>
        )}
        <Link to="/opportunities" className="btn-secondary">
          Back to opportunities
        </Link>
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Placement opportunity · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
