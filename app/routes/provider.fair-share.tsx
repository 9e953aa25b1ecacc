import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { describeRatios, FairShareTable } from "~/components/charts/fair-share-table";
import { RatioBarChart } from "~/components/charts/ratio-bars";
import { YearPicker } from "~/components/charts/supply-demand";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { readDashboardParams } from "~/dashboards/params.server";
import { getProviderPeerView } from "~/dashboards/provider-fair-share.server";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { FairShareProfessionSelect } from "./fair-share.shared/profession-select";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const { year, years, profession } = readDashboardParams(request);
  const view = await getProviderPeerView(user, year, profession);
  return { ...view, year, years };
}

export default function ProviderFairShare() {
  const { organisationName, profession, professions, demand, rows, bands, year, years } = useLoaderData<typeof loader>();
  const academicYear = formatAcademicYear(year);
  const title = `${PROFESSION_LABELS[profession]}: offered ÷ fair share, your organisation and its anonymised peers, ${academicYear}`;
  const bars = rows.map((row) => ({ label: row.label, ratio: row.ratio, band: row.band, highlight: row.isSelf }));
  return (
    <>
      <PageHeader title="Fair share in your region" caption={organisationName} />
      <p className="mb-6 max-w-3xl">
        How your offers compare with your fair share, beside the other providers in your region. Other providers are shown as “Provider A”, “Provider B”… in
        order of their ratio, highest first; their names are not shown.
      </p>
      <YearPicker
        year={year}
        years={years}
        extra={<FairShareProfessionSelect profession={profession} professions={professions} />}
      />
      <p className="mb-4">
        Demand for {PROFESSION_LABELS[profession]} in your region in {academicYear}: <strong>{demand}</strong> students.
      </p>
      {rows.length === 0 ? (
        <p className="card mb-8">No provider has workforce or offers for this profession in {academicYear}.</p>
      ) : (
        <>
          <RatioBarChart title={title} summary={describeRatios(bars)} rows={bars} red={bands.red} amber={bands.amber} />
          <FairShareTable
            caption={title}
            rows={rows.map((row) => ({
              key: row.label,
              label: row.isSelf ? <strong>{row.label}</strong> : row.label,
              wte: row.wte,
              fairShare: row.fairShare,
              offered: row.offered,
              ratio: row.ratio,
              band: row.band,
              weeksPerWte: row.weeksPerWte,
            }))}
          />
        </>
      )}
      <p className="mb-4">
        <a href={`/provider/fair-share.csv?year=${year}&profession=${profession}`} download className="btn-secondary">
          Download this table (CSV)
        </a>
      </p>
      <p>
        <Link to={`/provider/capacity?year=${year}`}>Your capacity and fair share by profession</Link>
      </p>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Fair share in your region · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
