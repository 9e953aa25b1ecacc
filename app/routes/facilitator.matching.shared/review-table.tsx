import { Form, Link } from "@remix-run/react";
import { MarkBar, MarkCell, MarkCheckbox, type ProposalMarks } from "./proposal-marks";
import { FilterActions, FilterSelect } from "~/components/filter-fields";
import { Pagination } from "~/components/pagination";
import { ScrollTable } from "~/components/scroll-table";
import { pageHref, type PageWindow } from "~/platform/paging";
import type { ProposalRow, ProposalSort, ReviewQuery, UnmetRow } from "~/matching/review-table";
import { formatDateRange } from "~/vocabulary/labels";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import { PlacementPartyCells, professionName } from "./review-summary";

export interface ReviewTableData {
  query: ReviewQuery;
  window: PageWindow;
  proposalTotal: number;
  unmetTotal: number;
  proposals: ProposalRow[];
  unmet: UnmetRow[];
  providers: [string, string][];
  universities: [string, string][];
  professions: string[];
}

const filtersOf = (query: ReviewQuery) => ({
  view: query.view === "proposals" ? "" : query.view,
  q: query.q,
  provider: query.provider,
  university: query.university,
  profession: query.profession,
  sort: query.sort === "provider" ? "" : query.sort,
  dir: query.dir === "asc" ? "" : query.dir,
});

function SortHeader({ label, column, query, pathname }: { label: string; column: ProposalSort; query: ReviewQuery; pathname: string }) {
  const active = query.sort === column;
  const nextDir = active && query.dir === "asc" ? "desc" : "asc";
  const href = pageHref(pathname, { ...filtersOf(query), sort: column === "provider" ? "" : column, dir: nextDir === "asc" ? "" : nextDir }, 1);
  return (
    <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link to={`${href}#review-heading`} preventScrollReset>
        {label}
        <span aria-hidden="true">{active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}</span>
        {!active && <span className="sr-only"> (sort)</span>}
      </Link>
    </th>
  );
}

export function ReviewTables({ data, pathname, marks }: { data: ReviewTableData; pathname: string; marks?: ProposalMarks | null }) {
  const { query } = data;
  const filtered = Boolean(query.q || query.provider || query.university || query.profession);
  const tab = (view: "proposals" | "unmet", label: string, count: number) => (
    <li>
      <Link
        to={`${pageHref(pathname, { ...filtersOf(query), view: view === "proposals" ? "" : view }, 1)}#review-heading`}
        aria-current={query.view === view ? "page" : undefined}
        className={query.view === view ? "font-bold no-underline" : undefined}
        preventScrollReset
      >
        {label} ({count.toLocaleString("en-GB")})
      </Link>
    </li>
  );
  return (
    <section aria-labelledby="review-heading" className="mb-8">
      <h2 id="review-heading">Review</h2>
      <nav aria-label="Review lists" className="mb-4">
        <ul className="flex flex-wrap gap-6">
          {tab("proposals", "Proposals", data.proposalTotal)}
          {tab("unmet", "Students not placed", data.unmetTotal)}
        </ul>
      </nav>
      <Form method="get" className="card mb-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-5" aria-label="Filter the review">
        {query.view !== "proposals" && <input type="hidden" name="view" value={query.view} />}
        {query.sort !== "provider" && <input type="hidden" name="sort" value={query.sort} />}
        {query.dir !== "asc" && <input type="hidden" name="dir" value={query.dir} />}
        <div>
          <label htmlFor="review-q" className="field-label">
            Search
          </label>
          <input id="review-q" name="q" type="search" defaultValue={query.q} maxLength={100} className="field-input" />
        </div>
        {query.view === "proposals" && <FilterSelect name="provider" label="Provider" value={query.provider} options={data.providers} />}
        <FilterSelect name="university" label="University" value={query.university} options={data.universities} />
        <FilterSelect
          name="profession"
          label="Profession"
          value={query.profession}
          options={data.professions.map((code) => [code, PROFESSION_LABELS[code as ProfessionCode] ?? code] as const)}
        />
        <div className="self-end">
          <FilterActions filtered={filtered} />
        </div>
      </Form>
      {query.view === "proposals" ? <ProposalTable data={data} pathname={pathname} marks={marks ?? null} /> : <UnmetTable data={data} />}
      <Pagination window={data.window} pathname={pathname} filters={filtersOf(query)} label={query.view === "proposals" ? "Proposal pages" : "Pages of students not placed"} noun={query.view === "proposals" ? "proposals" : "requests not fully placed"} />
    </section>
  );
}

function ProposalTable({ data, pathname, marks }: { data: ReviewTableData; pathname: string; marks: ProposalMarks | null }) {
  if (data.proposals.length === 0) return <p className="card">No proposals match these filters.</p>;
  const sortable = (label: string, column: ProposalSort) => <SortHeader label={label} column={column} query={data.query} pathname={pathname} />;
  const table = (
    <ScrollTable label="Proposals, table">
      <table className="data-table data-table-compact">
        <caption className="sr-only">Proposals of this run, sorted by {data.query.sort}</caption>
        <thead>
          <tr>
            {marks && (
              <th scope="col" className="select-cell">
                Choose
              </th>
            )}
            {sortable("Provider and site", "provider")}
            {sortable("University and programme", "university")}
            {sortable("Dates and profession", "start")}
            {sortable("Students", "students")}
            {sortable("Travel", "travel")}
            <th scope="col">Specialty</th>
            <th scope="col">Why</th>
            <th scope="col">Mark</th>
          </tr>
        </thead>
        <tbody>
          {data.proposals.map((row) => (
            <tr key={`${row.requestId}-${row.offerId}`}>
              {marks && (
                <td className="select-cell">
                  <MarkCheckbox row={row} />
                </td>
              )}
              <PlacementPartyCells row={row} />
              <td className="min-w-[7rem]">
                {row.start ? formatDateRange(row.start, row.end) : "—"}
                <div className="text-nhs-grey-1">{professionName(row.profession)}</div>
              </td>
              <td>{row.students}</td>
              <td className="whitespace-nowrap">{row.travelMinutes === null ? "—" : `${row.travelMinutes} min`}</td>
              <td>{row.specialtyMatched === null ? "—" : row.specialtyMatched ? "Met" : "Not met"}</td>
              <td className="min-w-[16rem] max-w-[22rem] text-sm">{row.explanation}</td>
              <MarkCell row={row} marks={marks} />
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
  if (!marks) return table;
  return (
    <Form method="post" aria-label="Mark proposals for a re-run">
      <MarkBar marks={marks} />
      {table}
    </Form>
  );
}

function UnmetTable({ data }: { data: ReviewTableData }) {
  if (data.unmet.length === 0) return <p className="card">Every request in these filters was placed.</p>;
  return (
    <ScrollTable label="Students not placed, table">
      <table className="data-table">
        <caption className="sr-only">Requests this run could not fully place, with the reason</caption>
        <thead>
          <tr>
            <th scope="col">University and programme</th>
            <th scope="col">Profession</th>
            <th scope="col">Dates</th>
            <th scope="col">Students not placed</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {data.unmet.map((row) => (
            <tr key={row.requestId}>
              <td>
                {row.university}
                {row.programme && <div className="text-nhs-grey-1">{row.programme}</div>}
              </td>
              <td>{professionName(row.profession)}</td>
              <td className="whitespace-nowrap">{row.start ? formatDateRange(row.start, row.end) : "—"}</td>
              <td>{row.students}</td>
              <td className="min-w-[16rem] text-sm">{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
