import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ANONYMITY_THRESHOLD } from "~/quality/quality-rules";
import { notFound, requireRole } from "~/accounts/guards.server";
import { FairShareTable } from "~/components/charts/fair-share-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { readDashboardParams } from "~/dashboards/params.server";
import { getProviderDrillDown } from "~/dashboards/provider-detail.server";
import { requireFacilitatorRegion } from "~/dashboards/policy";
import { ALLOCATION_STATUS_LABELS, type AllocationStatusName } from "~/marketplace/allocation-rules";
import { formatDate } from "~/vocabulary/labels";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { AUDIT_RATING_LABELS, type AuditRatingName } from "~/quality/quality-rules";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const regionId = requireFacilitatorRegion(user);
  const { year } = readDashboardParams(request);
  const detail = await getProviderDrillDown(regionId, params.providerId ?? "", year);
  if (!detail) throw notFound("Provider not found");
  return { ...detail, year };
}

function Table({ caption, headings, children }: { caption: string; headings: string[]; children: React.ReactNode }) {
  return (
    <div className="relative mb-8 overflow-x-auto" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {headings.map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export default function ProviderDrillDown() {
  const { provider, fairShare, offers, offerTotal, offerLimit, allocations, audits, feedback, year } = useLoaderData<typeof loader>();
  const academicYear = formatAcademicYear(year);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeader title={provider.name} caption={`Fair share and quality, ${academicYear}`} />
      <p className="mb-6">
        <Link to={`/facilitator/fair-share?year=${year}`}>Back to every provider&apos;s fair share</Link>
      </p>

      <h2>Fair share by profession</h2>
      {fairShare.rows.length === 0 ? (
        <p className="card mb-8">No workforce or offers in {academicYear}.</p>
      ) : (
        <FairShareTable
          rowHeading="Profession"
          caption={`${provider.name}: fair share by profession, ${academicYear}`}
          rows={fairShare.rows.map((row) => ({
            key: row.profession,
            label: PROFESSION_LABELS[row.profession],
            wte: row.wte,
            fairShare: row.fairShare,
            offered: row.offered,
            ratio: row.offeredRatio,
            band: row.offeredBand,
            weeksPerWte: row.offeredWeeksPerWte,
          }))}
        />
      )}

      <h2>Offers starting in {academicYear}</h2>
      <p className="mb-2">
        {offerTotal} offer{offerTotal === 1 ? "" : "s"}
        {offerTotal > offerLimit ? `; the first ${offerLimit} by start date are shown` : ""}.
      </p>
      {offers.length > 0 && (
        <Table caption={`${provider.name}: offers`} headings={["Profession", "Site", "Specialty", "Dates", "Slots", "Taken", "Status"]}>
          {offers.map((offer) => (
            <tr key={offer.id}>
              <td>{PROFESSION_LABELS[offer.profession as ProfessionCode]}</td>
              <td>{offer.site.name}</td>
              <td>{offer.specialty ?? "—"}</td>
              <td>
                {formatDate(offer.startDate)} to {formatDate(offer.endDate)}
              </td>
              <td>{offer.slots}</td>
              <td>{offer.slotsTaken}</td>
              <td>{offer.status === "PUBLISHED" && offer.slotsTaken >= offer.slots ? "Filled" : offer.status.charAt(0) + offer.status.slice(1).toLowerCase()}</td>
            </tr>
          ))}
        </Table>
      )}

      <h2>Allocations by status</h2>
      {allocations.length === 0 ? (
        <p className="card mb-8">No allocations for placements starting in {academicYear}.</p>
      ) : (
        <Table caption={`${provider.name}: allocations by status`} headings={["Status", "Allocations", "Students"]}>
          {allocations.map((row) => (
            <tr key={row.status}>
              <td>{ALLOCATION_STATUS_LABELS[row.status as AllocationStatusName]}</td>
              <td>{row.count}</td>
              <td>{row.students}</td>
            </tr>
          ))}
        </Table>
      )}

      <h2>Audits by site</h2>
      {audits.length === 0 ? (
        <p className="card mb-8">No sites.</p>
      ) : (
        <Table caption={`${provider.name}: latest audit of each site`} headings={["Site", "Latest rating", "Audited", "Expires"]}>
          {audits.map((row) => (
            <tr key={row.siteId}>
              <td>{row.siteName}</td>
              <td>{row.rating ? AUDIT_RATING_LABELS[row.rating as AuditRatingName] : "No audit"}</td>
              <td>{row.auditedOn ? formatDate(row.auditedOn) : "—"}</td>
              <td>{row.expiresOn ? `${formatDate(row.expiresOn)}${String(row.expiresOn).slice(0, 10) < today ? " (expired)" : ""}` : "—"}</td>
            </tr>
          ))}
        </Table>
      )}

      <h2>Student feedback by month</h2>
      {feedback.length === 0 ? (
        <p className="card mb-8">No feedback in {academicYear}.</p>
      ) : (
        <Table caption={`${provider.name}: average feedback ratings by month`} headings={["Month", "Responses", "Overall", "Induction", "Supervision", "Learning"]}>
          {feedback.map((row) => (
            <tr key={row.key}>
              <td>{row.key}</td>
              <td>{row.responses}</td>
              {row.overall === null ? (
                <td colSpan={4} className="text-nhs-grey-1">
                  Shown once {ANONYMITY_THRESHOLD} students have answered, so no one can be identified
                </td>
              ) : (
                <>
                  <td>{row.overall.toFixed(2)}</td>
                  <td>{row.induction?.toFixed(2)}</td>
                  <td>{row.supervision?.toFixed(2)}</td>
                  <td>{row.learning?.toFixed(2)}</td>
                </>
              )}
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.provider.name ?? "Provider"} · Fair share · Placement Exchange` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
