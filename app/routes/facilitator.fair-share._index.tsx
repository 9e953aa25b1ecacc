import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { describeRatios, FairShareTable } from "~/components/charts/fair-share-table";
import { RatioBarChart } from "~/components/charts/ratio-bars";
import { YearPicker } from "~/components/charts/supply-demand";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/filter-fields";
import { Pagination } from "~/components/pagination";
import { PageHeader } from "~/components/page-header";
import { readDashboardParams } from "~/dashboards/params.server";
import { getRegionFairShareFor } from "~/dashboards/region.server";
import { requireFacilitatorRegion } from "~/dashboards/policy";
import {
  parseProviderRatioQuery,
  PROVIDER_RATIO_BAND_LABELS,
  PROVIDER_RATIO_BANDS,
  PROVIDER_RATIO_SORTS,
  providerRatioPage,
  type ProviderRatioSort,
} from "~/dashboards/provider-ratio-table";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { plural } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { FairShareProfessionSelect } from "./fair-share.shared/profession-select";
import { PlainLink } from "~/components/plain-link";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const regionId = requireFacilitatorRegion(user);
  const { year, years, profession } = readDashboardParams(request);
  const query = parseProviderRatioQuery(new URL(request.url).searchParams);
  const { rows, ...fairShare } = await getRegionFairShareFor(regionId, year, profession);
  // The whole region is worked out (largest remainders need every provider); one page of it is sent.
  return { ...fairShare, ...providerRatioPage(rows, query), providerCount: rows.length, query, year, years };
}

export default function FacilitatorFairShare() {
  const { profession, professions, demand, rows, window, bandCounts, providerCount, query, bands, year, years } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const academicYear = formatAcademicYear(year);
  const shown = window.total > 0 ? `providers ${window.skip + 1}–${window.skip + rows.length} of ${window.total}` : "no providers";
  const title = `${PROFESSION_LABELS[profession]}: offered ÷ fair share, ${shown}, ${academicYear}`;
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
        label="Choose the year, profession and providers shown"
        extra={
          <>
            <FairShareProfessionSelect profession={profession} professions={professions} />
            <div>
              <label htmlFor="q" className="field-label">
                Provider name
              </label>
              <input id="q" name="q" type="search" defaultValue={query.q} maxLength={100} className="field-input" />
            </div>
            <FilterSelect name="band" label="Band" value={query.band} options={PROVIDER_RATIO_BANDS.map((band) => [band, PROVIDER_RATIO_BAND_LABELS[band]])} anyLabel="Every band" />
            <div>
              <label htmlFor="sort" className="field-label">
                Order
              </label>
              <select id="sort" name="sort" defaultValue={query.sort} className="field-input">
                {(Object.entries(PROVIDER_RATIO_SORTS) as [ProviderRatioSort, string][]).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </>
        }
      />
      <p className="mb-4">
        Demand for {PROFESSION_LABELS[profession]} in {academicYear}: <strong>{demand.toLocaleString("en-GB")}</strong> students.
        {providerCount > 0 &&
          ` ${plural(providerCount, "provider")}: ${PROVIDER_RATIO_BANDS.filter((band) => bandCounts[band] > 0)
            .map((band) => `${bandCounts[band].toLocaleString("en-GB")} ${PROVIDER_RATIO_BAND_LABELS[band].toLowerCase()}`)
            .join(", ")}.`}
      </p>
      {providerCount === 0 ? (
        <p className="card mb-8">No provider has workforce or offers for this profession in {academicYear}.</p>
      ) : rows.length === 0 ? (
        <p className="card mb-8">
          No provider matches these filters. <Link to={`${pathname}?year=${year}&profession=${profession}`}>Show every provider</Link>
        </p>
      ) : (
        <>
          <RatioBarChart
            title={title}
            summary={describeRatios(bars)}
            rows={bars}
            red={bands.red}
            amber={bands.amber}
            order={`in the table's order (${PROVIDER_RATIO_SORTS[query.sort].toLowerCase()})`}
          />
          <FairShareTable
            caption={title}
            rows={rows.map((row) => ({
              key: row.providerId,
              label: <PlainLink to={`/facilitator/fair-share/${row.providerId}?year=${year}`}>{row.providerName}</PlainLink>,
              wte: row.wte,
              fairShare: row.fairShare,
              offered: row.offered,
              ratio: row.ratio,
              band: row.band,
              weeksPerWte: row.weeksPerWte,
            }))}
          />
          <Pagination
            window={window}
            pathname={pathname}
            filters={{ year, profession, q: query.q, band: query.band, sort: query.sort }}
            label="Pages of providers"
            noun="provider"
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
