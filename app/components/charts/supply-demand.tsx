import type { SupplyDemandRow } from "~/dashboards/dashboard-rules";
import { describeSupplyDemand } from "~/dashboards/dashboard-rules";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { GroupedBarChart, type BarSeries } from "./grouped-bars";

export const SUPPLY_DEMAND_SERIES: readonly BarSeries[] = [
  { key: "demand", label: "Demand (students requested)", colour: "#005eb8" },
  { key: "offered", label: "Offered (slots)", colour: "#41b6e6" },
  { key: "placed", label: "Placed: confirmed or later (students)", colour: "#007f3b" },
  { key: "held", label: "Held by proposals, awaiting provider (students)", colour: "#ffb81c" },
  { key: "unmet", label: "Unmet (students)", colour: "#d5281b" },
];

/** A grouped bar chart of demand, offered, placed, awaiting an answer and unmet, with the same figures as a table. */
export function SupplyDemandFigure({ title, groupHeading, rows }: { title: string; groupHeading: string; rows: readonly SupplyDemandRow[] }) {
  const withData = rows.filter((row) => row.demand + row.offered + row.allocated + row.unmet > 0);
  const summary = withData.length === 0 ? "No requests or offers." : withData.map(describeSupplyDemand).join("; ") + ".";
  return (
    <>
      <GroupedBarChart
        title={title}
        summary={summary}
        series={SUPPLY_DEMAND_SERIES}
        groups={rows.map((row) => ({ label: row.label, values: { demand: row.demand, offered: row.offered, placed: row.placed, held: row.held, unmet: row.unmet } }))}
      />
      <details className="mb-8">
        <summary className="cursor-pointer font-bold">Show “{title}” as a table</summary>
        <div className="relative overflow-x-auto" role="region" aria-label={`${title}: table`} tabIndex={0}>
          <table className="data-table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{groupHeading}</th>
                <th scope="col">Demand</th>
                <th scope="col">Offered</th>
                <th scope="col">Placed (confirmed or later)</th>
                <th scope="col">Of which confirmed, awaiting university</th>
                <th scope="col">Of which accepted or later</th>
                <th scope="col">Proposed (held), awaiting provider</th>
                <th scope="col">Unmet</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  <td>{row.demand}</td>
                  <td>{row.offered}</td>
                  <td>{row.placed}</td>
                  <td>{row.confirmed}</td>
                  <td>{row.accepted}</td>
                  <td>{row.held}</td>
                  <td>{row.unmet}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

/** The academic-year picker (a GET form). */
export function YearPicker({
  year,
  years,
  extra,
  label = "Choose the academic year",
}: {
  year: number;
  years: readonly number[];
  extra?: React.ReactNode;
  /** The form's name for assistive technology: say what else `extra` chooses. */
  label?: string;
}) {
  return (
    <form method="get" className="card mb-8 flex flex-wrap items-end gap-4" aria-label={label}>
      <div>
        <label htmlFor="year" className="field-label">
          Academic year
        </label>
        <select id="year" name="year" defaultValue={String(year)} className="field-input">
          {years.map((option) => (
            <option key={option} value={option}>
              {formatAcademicYear(option)} (Sep–Aug)
            </option>
          ))}
        </select>
      </div>
      {extra}
      <button type="submit" className="btn-secondary">
        Show
      </button>
    </form>
  );
}
