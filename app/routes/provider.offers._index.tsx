import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterDate } from "~/components/filter-fields";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ScrollTable } from "~/components/scroll-table";
import { formatDateRange, SUPERVISION_MODEL_LABELS } from "~/vocabulary/labels";
import { OFFER_LIST_STATUS_LABELS, OFFER_LIST_STATUSES, offerListStatus } from "~/marketplace/offer-form";
import { pageHref } from "~/platform/paging";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";
import { listProviderOffers, parseOfferFilters } from "~/marketplace/offers.server";
import { OfferStatusTag } from "./provider.shared/tags";
import { PlainLink } from "~/components/plain-link";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const { dateErrors, ...filters } = parseOfferFilters(new URL(request.url).searchParams);
  const list = await listProviderOffers(user, filters);
  return { ...list, filters, dateErrors };
}

export default function ProviderOffers() {
  const { offers, window, sites, filters, dateErrors } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const filtered = Boolean(filters.status || filters.profession || filters.siteId || filters.from || filters.to);
  const exportHref = pageHref("/provider/offers/export.csv", filters, 1);
  return (
    <>
      <PageHeader
        title="Your offers"
        caption="Placement capacity"
        actions={
          <>
            <Link to="/provider/offers/new" className="btn">
              New offer
            </Link>
            <Link to="/provider/offers/upload" className="btn-secondary">
              Upload CSV
            </Link>
          </>
        }
      />

      <Form method="get" className="card mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" aria-label="Filter offers">
        <FilterSelect
          name="status"
          label="Status"
          value={filters.status}
          options={OFFER_LIST_STATUSES.map((status) => [status, OFFER_LIST_STATUS_LABELS[status]])}
        />
        <FilterSelect name="profession" label="Profession" value={filters.profession} options={PROFESSIONS.map((p) => [p, PROFESSION_LABELS[p]])} />
        <FilterSelect name="siteId" label="Site" value={filters.siteId} options={sites.map((site) => [site.id, site.name])} />
        <FilterDate name="from" label="Running on or after" value={filters.from} error={dateErrors.from} />
        <FilterDate name="to" label="Running on or before" value={filters.to} error={dateErrors.to} />
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-5">
          <button type="submit" className="btn-secondary">
            Apply filters
          </button>
          {filtered && <Link to={pathname}>Clear filters</Link>}
          <a href={exportHref} className="ml-auto" download>
            Download CSV<span className="sr-only"> of {filtered ? "the filtered" : "all"} offers</span>
          </a>
        </div>
      </Form>

      {offers.length === 0 ? (
        <div className="card">
          {filtered ? (
            <p>No offers match these filters.</p>
          ) : (
            <p>
              You have not posted any offers yet. <Link to="/provider/offers/new">Post your first offer</Link> or{" "}
              <Link to="/provider/offers/upload">upload several from a spreadsheet</Link>.
            </p>
          )}
        </div>
      ) : (
        <ScrollTable label="Offers, scrollable">
          <table className="data-table">
            <caption className="sr-only">Your offers, soonest first</caption>
            <thead>
              <tr>
                <th scope="col">Profession</th>
                <th scope="col">Specialty</th>
                <th scope="col">Site</th>
                <th scope="col">Dates</th>
                <th scope="col" className="text-right">
                  Slots taken
                </th>
                <th scope="col">Supervision</th>
                <th scope="col">Years</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {offers.map((offer) => (
                <tr key={offer.id}>
                  <th scope="row" className="font-normal">
                    <PlainLink to={`/provider/offers/${offer.id}`} className="font-bold">
                      {PROFESSION_LABELS[offer.profession]}
                    </PlainLink>
                  </th>
                  <td>{offer.specialty ?? "—"}</td>
                  <td>{offer.siteName}</td>
                  <td className="whitespace-nowrap">{formatDateRange(offer.startDate, offer.endDate)}</td>
                  <td className="text-right whitespace-nowrap">
                    {offer.slotsTaken} of {offer.slots}
                  </td>
                  <td>{SUPERVISION_MODEL_LABELS[offer.supervisionModel]}</td>
                  <td>{offer.yearsOfStudy.length ? offer.yearsOfStudy.join(", ") : "Any"}</td>
                  <td>
                    <OfferStatusTag status={offerListStatus(offer)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <Pagination window={window} pathname={pathname} filters={filters} label="Offer pages" noun="offer" />
    </>
  );
}

function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <div>
      <label htmlFor={name} className="field-label">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value ?? ""} className="field-input">
        <option value="">Any</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Your offers · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
