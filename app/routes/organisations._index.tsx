import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { forbidden, requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterActions, FilterSelect } from "~/components/filter-fields";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ScrollTable } from "~/components/scroll-table";
import { canListOrganisations, listsOrganisationsOfEveryRegion, visibleOrganisationsFilter } from "~/organisations/policy";
import { findRegionName, listOrganisations, listRegions } from "~/organisations/directory.server";
import { pageWindow } from "~/platform/paging";
import {
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  parseOrganisationFilters,
  PROVIDER_TYPE_LABELS,
} from "~/organisations/organisation-forms";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { formatNumber } from "~/vocabulary/labels";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  if (!canListOrganisations(user)) throw forbidden();
  const filters = parseOrganisationFilters(new URL(request.url).searchParams);
  const scope = visibleOrganisationsFilter(user);
  const everyRegion = listsOrganisationsOfEveryRegion(user);
  const [list, regions, regionName] = await Promise.all([
    scope ? listOrganisations(filters, scope) : { organisations: [], window: pageWindow(0, 1) },
    everyRegion ? listRegions() : [],
    user.regionId ? findRegionName(user.regionId) : null,
  ]);
  return { ...list, filters, regions, everyRegion, regionName };
}

export default function Organisations() {
  const { organisations, window, filters, regions, everyRegion, regionName } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const filtered = Boolean(filters.q || filters.kind || filters.regionId);
  return (
    <>
      <PageHeader title="Organisations" caption={regionName ? `${regionName} region` : everyRegion ? "All regions" : undefined} />
      <p className="mb-6 max-w-3xl">Placement providers and universities, with their sites and latest workforce figures.</p>
      <Form method="get" role="search" aria-label="Filter organisations" className="card mb-6 grid gap-4 md:grid-cols-[2fr_1fr_1fr_auto] md:items-end">
        <div>
          <label htmlFor="q" className="field-label">
            Name
          </label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} className="field-input" />
        </div>
        <FilterSelect name="kind" label="Kind" value={filters.kind} anyLabel="All kinds" options={ORGANISATION_KINDS.map((kind) => [kind, ORGANISATION_KIND_LABELS[kind]] as const)} />
        {everyRegion ? (
          <FilterSelect name="regionId" label="Region" value={filters.regionId} anyLabel="All regions" options={regions.map((region) => [region.id, region.name] as const)} />
        ) : (
          <div aria-hidden="true" />
        )}
        <FilterActions filtered={filtered} />
      </Form>

      {organisations.length === 0 ? (
        <p className="card">{filtered ? "No organisations match these filters." : "There are no organisations to show."}</p>
      ) : (
        <ScrollTable label="Organisations, scrollable">
          <table className="data-table">
            <caption className="sr-only">Organisations, sorted by name</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Code</th>
                {everyRegion && <th scope="col">Region</th>}
                <th scope="col" className="text-right">
                  Sites
                </th>
                <th scope="col" className="text-right">
                  Workforce (WTE)
                </th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((organisation) => (
                <tr key={organisation.id}>
                  <th scope="row" className="font-normal">
                    <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
                  </th>
                  <td>
                    {ORGANISATION_KIND_LABELS[organisation.kind]}
                    {organisation.providerType && (
                      <span className="block text-sm text-nhs-grey-1">{PROVIDER_TYPE_LABELS[organisation.providerType]}</span>
                    )}
                  </td>
                  <td>{organisation.code ?? "—"}</td>
                  {everyRegion && <td>{organisation.region.name}</td>}
                  <td className="text-right">{organisation.siteCount}</td>
                  <td className="text-right">
                    {organisation.workforce ? (
                      <>
                        {formatNumber(organisation.workforce.wte, 2)}
                        <span className="block text-sm text-nhs-grey-1">in {formatAcademicYear(organisation.workforce.year)}</span>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <Pagination window={window} pathname={pathname} filters={filters} label="Organisation pages" noun="organisation" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Organisations · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
