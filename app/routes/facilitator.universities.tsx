import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GroupedBarChart } from "~/components/charts/grouped-bars";
import { LIVE_STATUS_NAMES, STAGE_COUNT_LABELS } from "~/marketplace/allocation-rules";
import { YearPicker } from "~/components/charts/supply-demand";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/filter-fields";
import { PageHeader } from "~/components/page-header";
import { readDashboardParams } from "~/dashboards/params.server";
import { requireFacilitatorRegion } from "~/dashboards/policy";
import { getUniversityShares } from "~/dashboards/universities.server";
import { formatPercent } from "~/dashboards/dashboard-rules";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const regionId = requireFacilitatorRegion(user);
  const { year, years, profession } = readDashboardParams(request);
  const rows = await getUniversityShares(regionId, year, profession);
  return { rows, year, years, profession };
}

const pct = (value: number | null) => (value === null ? 0 : Math.round(value * 100));

export default function FacilitatorUniversities() {
  const { rows, year, years, profession } = useLoaderData<typeof loader>();
  const academicYear = formatAcademicYear(year);
  const scope = profession ? PROFESSION_LABELS[profession] : "all professions";
  const shareTitle = `Share of demand and share of placed students by university, ${scope}, ${academicYear}`;
  const countTitle = `Requested students by stage, placed and unmet by university, ${scope}, ${academicYear}`;
  const query = `year=${year}${profession ? `&profession=${profession}` : ""}`;
  return (
    <>
      <PageHeader title="Universities" caption={academicYear} />
      <p className="mb-6 max-w-3xl">
        Where capacity is scarce, each university&apos;s share of the students placed should be close to its share of the region&apos;s demand. A share of
        placed well below the share of demand means that university&apos;s students are going unplaced more often.
        Placed means accepted by the university or later; proposals from matching only hold places and are counted apart.
      </p>
      <YearPicker
        year={year}
        years={years}
        extra={
          <FilterSelect
            name="profession"
            label="Profession"
            value={profession}
            options={PROFESSIONS.map((code) => [code, PROFESSION_LABELS[code]] as const)}
            anyLabel="All professions"
          />
        }
      />
      {rows.length === 0 ? (
        <p className="card mb-8">No university has requests starting in {academicYear}.</p>
      ) : (
        <>
          <GroupedBarChart
            title={countTitle}
            summary={rows.map((row) => `${row.universityName}: requested ${row.demand}, proposed (held) ${row.byStatus.PROPOSED}, confirmed ${row.byStatus.CONFIRMED}, placed ${row.placed}, unmet ${row.unmet}`).join("; ") + "."}
            series={[
              { key: "demand", label: "Requested (students)", colour: "#005eb8" },
              { key: "held", label: "Proposed, held (students)", colour: "#ffb81c" },
              { key: "confirmed", label: "Confirmed (students)", colour: "#41b6e6" },
              { key: "placed", label: "Placed (students)", colour: "#007f3b" },
              { key: "unmet", label: "Unmet (students)", colour: "#d5281b" },
            ]}
            groups={rows.map((row) => ({ label: row.universityName, values: { demand: row.demand, held: row.byStatus.PROPOSED, confirmed: row.byStatus.CONFIRMED, placed: row.placed, unmet: row.unmet } }))}
          />
          <GroupedBarChart
            title={shareTitle}
            summary={rows.map((row) => `${row.universityName}: ${formatPercent(row.demandShare)} of demand, ${formatPercent(row.placedShare)} of placed`).join("; ") + "."}
            series={[
              { key: "demandShare", label: "Share of demand (%)", colour: "#005eb8" },
              { key: "placedShare", label: "Share of placed (%)", colour: "#007f3b" },
            ]}
            groups={rows.map((row) => ({
              label: row.universityName,
              values: { demandShare: pct(row.demandShare), placedShare: pct(row.placedShare) },
            }))}
          />
          <div className="relative mb-8 overflow-x-auto" role="region" aria-label="Universities: table" tabIndex={0}>
            <table className="data-table">
              <caption className="sr-only">{countTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">University</th>
                  <th scope="col">Requested</th>
                  {LIVE_STATUS_NAMES.map((status) => (
                    <th key={status} scope="col">
                      {STAGE_COUNT_LABELS[status]}
                    </th>
                  ))}
                  <th scope="col">Placed</th>
                  <th scope="col">Unmet</th>
                  <th scope="col">Placed ÷ requested</th>
                  <th scope="col">Share of demand</th>
                  <th scope="col">Share of placed</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.universityId}>
                    <th scope="row">{row.universityName}</th>
                    <td>{row.demand}</td>
                    {LIVE_STATUS_NAMES.map((status) => (
                      <td key={status}>{row.byStatus[status]}</td>
                    ))}
                    <td>{row.placed}</td>
                    <td>{row.unmet}</td>
                    <td>{formatPercent(row.fillRate)}</td>
                    <td>{formatPercent(row.demandShare)}</td>
                    <td>{formatPercent(row.placedShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p className="mb-4">
        <a href={`/facilitator/universities.csv?${query}`} download className="btn-secondary">
          Download this table (CSV)
        </a>
      </p>
      <p>
        <Link to={`/facilitator?year=${year}`}>Back to the region overview</Link>
      </p>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Universities · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
