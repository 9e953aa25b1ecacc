import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterActions, FilterSelect } from "~/components/filter-fields";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ScrollTable } from "~/components/scroll-table";
import { listOrganisations, listRegions } from "~/organisations/directory.server";
import {
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  parseOrganisationFilters,
  PROVIDER_TYPE_LABELS,
} from "~/organisations/organisation-forms";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const filters = parseOrganisationFilters(new URL(request.url).searchParams);
  const [list, regions] = await Promise.all([listOrganisations(filters), listRegions()]);
  return { ...list, regions, filters };
}

export default function AdminOrganisations() {
  const { organisations, window, regions, filters } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const filtered = Boolean(filters.q || filters.kind || filters.regionId);
  return (
    <>
      <PageHeader
        title="Organisations"
        caption="Administration"
        actions={
          <Link to="/admin/organisations/new" className="btn">
            Add an organisation
          </Link>
        }
      />
      <Form method="get" role="search" aria-label="Filter organisations" className="card mb-6 grid gap-4 md:grid-cols-[2fr_1fr_1fr_auto] md:items-end">
        <div>
          <label htmlFor="q" className="field-label">
            Name
          </label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} className="field-input" />
        </div>
        <FilterSelect name="kind" label="Kind" value={filters.kind} anyLabel="All kinds" options={ORGANISATION_KINDS.map((kind) => [kind, ORGANISATION_KIND_LABELS[kind]] as const)} />
        <FilterSelect name="regionId" label="Region" value={filters.regionId} anyLabel="All regions" options={regions.map((region) => [region.id, region.name] as const)} />
        <FilterActions filtered={filtered} />
      </Form>

      {organisations.length === 0 ? (
        <p className="card">{filtered ? "No organisations match these filters." : "There are no organisations yet."}</p>
      ) : (
        <ScrollTable label="Organisations, scrollable">
          <table className="data-table">
            <caption className="sr-only">Organisations, sorted by name</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Code</th>
                <th scope="col">Region</th>
                <th scope="col" className="text-right">
                  Sites
                </th>
                <th scope="col" className="text-right">
                  Users
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((organisation) => (
                <tr key={organisation.id}>
                  <th scope="row" className="font-normal">
                    <Link to={`/admin/organisations/${organisation.id}`}>{organisation.name}</Link>
                  </th>
                  <td>
                    {ORGANISATION_KIND_LABELS[organisation.kind]}
                    {organisation.providerType && (
                      <span className="block text-sm text-nhs-grey-1">{PROVIDER_TYPE_LABELS[organisation.providerType]}</span>
                    )}
                  </td>
                  <td>{organisation.code ?? "—"}</td>
                  <td>{organisation.region.name}</td>
                  <td className="text-right">{organisation.siteCount}</td>
                  <td className="text-right">{organisation.userCount}</td>
                  <td>{organisation.active ? "Active" : "Inactive"}</td>
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
