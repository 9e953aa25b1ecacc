import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { describeRatios, FairShareTable } from "~/components/charts/fair-share-table";
import { RatioBarChart } from "~/components/charts/ratio-bars";
import { YearPicker } from "~/components/charts/supply-demand";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { readDashboardParams } from "~/dashboards/params.server";
import { getRegionFairShareFor } from "~/dashboards/region.server";
import { requireFacilitatorRegion } from "~/dashboards/policy";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { FairShareProfessionSelect } from "./fair-share.shared/profession-select";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const regionId = requireFacilitatorRegion(user);
  const { year, years, profession } = readDashboardParams(request);
  const fairShare = await getRegionFairShareFor(regionId, year, profession);
  return { ...fairShare, year, years };
}

export default function FacilitatorFairShare() {
  const { profession, professions, demand, rows, bands, year, years } = useLoaderData<typeof loader>();
  const academicYear = formatAcademicYear(year);
  const title = `${PROFESSION_LABELS[profession]}: offered ÷ fair share by provider, ${academicYear}`;
  const bars = rows.map((row) => ({ label: row.providerName, ratio: row.ratio, band: row.band }));
  return (
    <>
      <PageHeader title="Fair share" caption={`${academicYear}`} />
      <p className="mb-6 max-w-3xl">
        Each provider&apos;s fair share is the region&apos;s demand for the profession split by its share of the region&apos;s workforce (WTE), in whole students by
        the largest-remainder method. The ratio is the slots it offered over that share.
      </p>
      <YearPicker
        year={year}
        years={years}
        extra={<FairShareProfessionSelect profession={profession} professions={professions} />}
      />
      <p className="mb-4">
        Demand for {PROFESSION_LABELS[profession]} in {academicYear}: <strong>{demand}</strong> students.
      </p>
      {rows.length === 0 ? (
        <p className="card mb-8">No provider has workforce or offers for this profession in {academicYear}.</p>
      ) : (
        <>
          <RatioBarChart title={title} summary={describeRatios(bars)} rows={bars} red={bands.red} amber={bands.amber} />
          <FairShareTable
            caption={title}
            rows={rows.map((row) => ({
              key: row.providerId,
              label: <Link to={`/facilitator/fair-share/${row.providerId}?year=${year}`}>{row.providerName}</Link>,
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
        <a href={`/facilitator/fair-share/providers.csv?year=${year}&profession=${profession}`} download className="btn-secondary">
          Download this table (CSV)
        </a>
      </p>
      <p>
        <Link to={`/facilitator?year=${year}`}>Back to the region overview</Link>
        {" · "}
        <Link to={`/facilitator/universities?year=${year}`}>Universities</Link>
      </p>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Fair share · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
