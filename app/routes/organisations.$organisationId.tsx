import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { canListOrganisations, canManageOrganisation, canViewOrganisation } from "~/organisations/policy";
import { findOrganisationScope, getOrganisationProfile } from "~/organisations/directory.server";
import { ORGANISATION_KIND_LABELS, PROVIDER_TYPE_LABELS } from "~/organisations/organisation-forms";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { formatNumber } from "~/vocabulary/labels";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const scope = await findOrganisationScope(params.organisationId ?? "");
  // The same answer for "does not exist" and "not yours", so the page reveals nothing about other organisations.
  if (!scope || !canViewOrganisation(user, scope)) throw notFound("There is no such organisation, or you cannot see it.");
  const profile = await getOrganisationProfile(scope.id);
  if (!profile) throw notFound("There is no such organisation, or you cannot see it.");
  return { ...profile, canEdit: canManageOrganisation(user, scope), canList: canListOrganisations(user) };
}

const formatWte = (wte: number) => formatNumber(wte, 2);

export default function OrganisationProfile() {
  const { organisation, workforce, canEdit, canList } = useLoaderData<typeof loader>();
  return (
    <>
      {canList && (
        <p className="mb-4">
          <Link to="/organisations">Back to organisations</Link>
        </p>
      )}
      <PageHeader
        title={organisation.name}
        caption={ORGANISATION_KIND_LABELS[organisation.kind]}
        actions={
          canEdit ? (
            <Link to={`/admin/organisations/${organisation.id}`} className="btn-secondary">
              Edit<span className="sr-only"> {organisation.name}</span>
            </Link>
          ) : undefined
        }
      />

      <section aria-labelledby="details-heading" className="mb-10">
        <h2 id="details-heading">Details</h2>
        <dl className="card grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
          <dt className="font-bold">Kind</dt>
          <dd>{ORGANISATION_KIND_LABELS[organisation.kind]}</dd>
          {organisation.providerType && (
            <>
              <dt className="font-bold">Provider type</dt>
              <dd>{PROVIDER_TYPE_LABELS[organisation.providerType]}</dd>
            </>
          )}
          <dt className="font-bold">Code</dt>
          <dd>{organisation.code ?? "Not recorded"}</dd>
          <dt className="font-bold">Region</dt>
          <dd>{organisation.region.name}</dd>
          <dt className="font-bold">Status</dt>
          <dd>{organisation.active ? "Active" : "Inactive"}</dd>
        </dl>
      </section>

      <section aria-labelledby="sites-heading" className="mb-10">
        <h2 id="sites-heading">Sites</h2>
        {organisation.sites.length === 0 ? (
          <p>No sites recorded.</p>
        ) : (
          <ScrollTable label="Sites, scrollable">
            <table className="data-table">
              <caption className="sr-only">Sites of {organisation.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Postcode</th>
                  <th scope="col" className="text-right">
                    Latitude
                  </th>
                  <th scope="col" className="text-right">
                    Longitude
                  </th>
                </tr>
              </thead>
              <tbody>
                {organisation.sites.map((site) => (
                  <tr key={site.id}>
                    <th scope="row" className="font-normal">
                      {site.name}
                    </th>
                    <td className="whitespace-nowrap">{site.postcode}</td>
                    <td className="text-right">{site.latitude}</td>
                    <td className="text-right">{site.longitude}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>

      {(organisation.kind === "PROVIDER" || workforce.rows.length > 0) && (
        <section aria-labelledby="workforce-heading" className="mb-10">
          <h2 id="workforce-heading">{workforce.year === null ? "Workforce" : `Workforce in ${formatAcademicYear(workforce.year)}`}</h2>
          {workforce.year === null ? (
            <p>No workforce figures recorded.</p>
          ) : (
            <ScrollTable label="Workforce, scrollable">
              <table className="data-table max-w-3xl">
                <caption className="sr-only">
                  Registered staff of {organisation.name} by profession in {formatAcademicYear(workforce.year)}, in whole-time equivalents
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Profession</th>
                    <th scope="col" className="text-right">
                      WTE
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {workforce.rows.map((row) => (
                    <tr key={row.profession}>
                      <th scope="row" className="font-normal">
                        {PROFESSION_LABELS[row.profession]}
                      </th>
                      <td className="text-right">{formatWte(row.wte)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td className="text-right font-bold">{formatWte(workforce.total)}</td>
                  </tr>
                </tfoot>
              </table>
            </ScrollTable>
          )}
        </section>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Organisation"} · Placement Exchange` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
