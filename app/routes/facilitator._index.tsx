import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { SupplyDemandFigure, YearPicker } from "~/components/charts/supply-demand";
import { AttentionPanel } from "~/components/attention-panel";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFacilitatorHome } from "~/dashboards/home.server";
import { formatRatio } from "~/fair-share/fair-share";
import { PageHeader } from "~/components/page-header";
import { readDashboardParams } from "~/dashboards/params.server";
import { requireFacilitatorRegion } from "~/dashboards/policy";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { formatNumber, plural } from "~/vocabulary/labels";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const regionId = requireFacilitatorRegion(user);
  const { year, years } = readDashboardParams(request);
  const { overview, attention } = await getFacilitatorHome(regionId, year);
  return { ...overview, attention, year, years };
}

export default function FacilitatorHome() {
  const { regionName, byProfession, byMonth, totals, attention, year, years } = useLoaderData<typeof loader>();
  const academicYear = formatAcademicYear(year);
  return (
    <>
      <PageHeader title="Region overview" caption={`${regionName} region`} />
      <AttentionPanel
        items={[
          {
            title: "Open cases due",
            count: attention.casesOverdue + attention.casesDueSoon,
            detail: `${attention.casesOverdue} overdue, ${attention.casesDueSoon} due within ${attention.caseNoticeDays} days`,
            to: "/facilitator/cases",
            linkLabel: "See the cases",
            action: true,
          },
          {
            title: `Providers below their fair share, ${academicYear}`,
            count: attention.belowShare.count,
            detail:
              attention.belowShare.first.length > 0
                ? attention.belowShare.first.map((provider) => `${provider.name} ${formatRatio(provider.ratio)}`).join("; ")
                : "Every provider with figures offers its share",
            to: `/facilitator/fair-share?year=${year}`,
            linkLabel: "See fair share",
            action: true,
          },
          {
            title: `Students unmet, ${academicYear}`,
            count: totals.unmet,
            detail: "Requested, with no allocation",
            to: "/facilitator/cases?kind=UNMET_DEMAND",
            linkLabel: "See unmet-demand cases",
            action: true,
          },
          {
            title: "Support requests to pick up",
            count: attention.supportRequests,
            detail: "From providers and universities, not yet a case",
            to: "/facilitator/cases",
            linkLabel: "Read the requests",
            action: true,
          },
          {
            title: "Proposals waiting for providers",
            count: attention.proposed.allocations,
            detail: `${plural(attention.proposed.students, "student")} held, not yet placed`,
            to: "/facilitator/matching",
            linkLabel: "See matching runs",
          },
        ]}
      />
      <p className="mb-6 max-w-3xl">
        Placement demand (students requested by universities), capacity offered (slots in published offers), students placed (confirmed by the provider and
        accepted by the university), students still at an earlier stage, and students still unmet, for requests and offers starting in the academic year.
      </p>
      <YearPicker year={year} years={years} />
      <section aria-labelledby="totals-heading" className="mb-8">
        <h2 id="totals-heading">{academicYear} at a glance</h2>
        <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
          <Figure label="Demand" value={totals.demand} detail="students requested" />
          <Figure label="Offered" value={totals.offered} detail="slots in published offers" />
          <Figure label="Placed" value={totals.placed} detail="accepted by the university" />
          <Figure label="Confirmed" value={totals.confirmed} detail="awaiting the university" />
          <Figure label="Proposed" value={totals.held} detail="places held, awaiting the provider" />
          <Figure label="Unmet" value={totals.unmet} detail="students with no allocation" />
        </dl>
      </section>
      <section aria-labelledby="profession-heading">
        <h2 id="profession-heading">By profession</h2>
        {byProfession.length === 0 ? (
          <p className="card mb-8">No requests or offers start in {academicYear}.</p>
        ) : (
          <SupplyDemandFigure title={`Demand, offered, allocated and unmet by profession, ${academicYear}`} groupHeading="Profession" rows={byProfession} />
        )}
      </section>
      <section aria-labelledby="month-heading">
        <h2 id="month-heading">By month</h2>
        <SupplyDemandFigure title={`Demand, offered, allocated and unmet by start month, ${academicYear}`} groupHeading="Month" rows={byMonth} />
      </section>
      <p className="mb-4">
        <a href={`/facilitator/fair-share/overview.csv?year=${year}`} download className="btn-secondary">
          Download these figures (CSV)
        </a>
      </p>
      <ul className="list-disc pl-6">
        <li>
          <Link to={`/facilitator/fair-share?year=${year}`}>Fair share of every provider</Link>
        </li>
        <li>
          <Link to={`/facilitator/universities?year=${year}`}>Universities: demand and share of capacity</Link>
        </li>
      </ul>
    </>
  );
}

function Figure({ label, value, detail }: { label: string; value: number; detail: string }) {
  return (
    <div className="card">
      <dt className="text-nhs-grey-1">{label}</dt>
      <dd className="text-4xl font-bold">{formatNumber(value)}</dd>
      <dd className="text-sm">{detail}</dd>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Region overview · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
