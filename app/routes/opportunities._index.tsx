import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect, FilterDate } from "~/components/filter-fields";
import { PageHeader } from "~/components/page-header";
import { describePlaces } from "~/marketplace/allocation-rules";
import { UncountedPagination } from "~/components/pagination";
import { formatDateRange, SUPERVISION_MODEL_LABELS, SUPERVISION_MODELS } from "~/vocabulary/labels";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";
import { listOpportunities, parseOpportunityFilters } from "~/marketplace/opportunities.server";
import { canBookOffers } from "~/marketplace/policy";
import { PlainLink } from "~/components/plain-link";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { dateErrors, ...filters } = parseOpportunityFilters(new URL(request.url));
  const result = await listOpportunities(filters);
  return { ...result, filters, dateErrors, canBook: canBookOffers(user) };
}

export default function Opportunities() {
  const { offers, window, regions, filters, dateErrors, canBook } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Placement opportunities" caption="Published offers" />
      <Form method="get" className="card mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Filter opportunities">
        <div className="sm:col-span-2">
          <label htmlFor="q" className="field-label">
            Search
          </label>
          <span id="q-hint" className="field-hint">
            Profession, specialty, site, postcode or provider
          </span>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} aria-describedby="q-hint" className="field-input" />
        </div>
        <FilterSelect name="profession" label="Profession" value={filters.profession} options={PROFESSIONS.map((p) => [p, PROFESSION_LABELS[p]])} />
        <FilterSelect name="regionId" label="Region" value={filters.regionId} options={regions.map((r) => [r.id, r.name])} />
        <FilterSelect
          name="supervisionModel"
          label="Supervision model"
          value={filters.supervisionModel}
          options={SUPERVISION_MODELS.map((m) => [m, SUPERVISION_MODEL_LABELS[m]])}
        />
        <FilterSelect name="year" label="Year of study" value={filters.year ? String(filters.year) : undefined} options={[1, 2, 3, 4].map((y) => [String(y), `Year ${y}`])} />
        <FilterDate name="from" label="Starting on or after" value={filters.from} error={dateErrors.from} />
        <FilterDate name="to" label="Ending on or before" value={filters.to} error={dateErrors.to} />
        <div className="flex items-center gap-2 sm:col-span-2">
          <input id="includeFull" name="includeFull" type="checkbox" defaultChecked={filters.includeFull === "on"} className="h-6 w-6" />
          <label htmlFor="includeFull">Include offers that are full</label>
        </div>
        <div className="flex items-end gap-4 sm:col-span-2">
          <button type="submit" className="btn">
            Apply filters
          </button>
          <Link to="/opportunities">Clear filters</Link>
        </div>
      </Form>

      {offers.length === 0 ? (
        <p className="card">{window.page > 1 ? "No more published offers match these filters." : "No published offers match these filters."}</p>
      ) : (
        <div className="relative overflow-x-auto" role="region" aria-label="Opportunities" tabIndex={0}>
          <table className="data-table">
            <caption className="sr-only">Published placement offers, soonest first</caption>
            <thead>
              <tr>
                <th scope="col">Profession and specialty</th>
                <th scope="col">Provider and site</th>
                <th scope="col">Dates</th>
                <th scope="col">Supervision</th>
                <th scope="col">Years</th>
                <th scope="col">Places</th>
              </tr>
            </thead>
            <tbody>
              {offers.map((offer) => {
                const { free: left, label: places } = describePlaces(offer.slots, offer.slotsTaken, offer.held);
                return (
                  <tr key={offer.id}>
                    <td>
                      <PlainLink to={`/opportunities/${offer.id}`} className="font-bold">
                        {PROFESSION_LABELS[offer.profession]}
                      </PlainLink>
                      {offer.specialty && <div>{offer.specialty}</div>}
                    </td>
                    <td>
                      {offer.providerName}
                      <div className="text-sm text-nhs-grey-1">
                        {offer.siteName}, {offer.sitePostcode} · {offer.regionName}
                      </div>
                    </td>
                    <td>{formatDateRange(offer.startDate, offer.endDate)}</td>
                    <td>{SUPERVISION_MODEL_LABELS[offer.supervisionModel]}</td>
                    <td>{offer.yearsOfStudy.length ? offer.yearsOfStudy.join(", ") : "Any"}</td>
                    <td>
                      {places}
                      {canBook && left > 0 && (
                        <div>
                          <PlainLink to={`/university/book/${offer.id}`}>
                            Book<span className="sr-only"> this {PROFESSION_LABELS[offer.profession]} offer</span>
                          </PlainLink>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <UncountedPagination window={window} pathname="/opportunities" filters={filters} label="Opportunity pages" noun="opportunity" nounPlural="opportunities" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Placement opportunities · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
