import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterDate } from "~/components/filter-fields";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ScrollTable } from "~/components/scroll-table";
import { formatDateRange } from "~/vocabulary/labels";
import { pageHref } from "~/platform/paging";
import { parseRequestFilters, REQUEST_STATUS_LABELS, REQUEST_STATUSES } from "~/marketplace/request-form";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";
import { listRequests } from "~/marketplace/requests.server";
import { RequestStatusTag } from "./university.shared/status-tags";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const { dateErrors, ...filters } = parseRequestFilters(new URL(request.url).searchParams);
  const list = await listRequests(user, filters);
  return { ...list, filters, dateErrors };
}

export default function UniversityRequests() {
  const { requests, window, programmes, filters, dateErrors } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const filtered = Boolean(filters.status || filters.profession || filters.programmeId || filters.from || filters.to);
  const exportHref = pageHref("/university/requests/export.csv", { ...filters, page: undefined }, 1);
  return (
    <>
      <PageHeader
        title="Placement requests"
        caption="Your university"
        actions={
          <>
            <Link to="/university/requests/upload" className="btn-secondary">
              Upload CSV
            </Link>
            <a href={exportHref} className="btn-secondary" download>
              Download CSV
            </a>
            <Link to="/university/requests/new" className="btn">
              New request
            </Link>
          </>
        }
      />
      <Form method="get" className="card mb-6 grid gap-4 md:grid-cols-3 lg:grid-cols-[1fr_1fr_1.5fr_1fr_1fr_auto] lg:items-end" aria-label="Filter requests">
        <div>
          <label htmlFor="status" className="field-label">
            Status
          </label>
          <select id="status" name="status" defaultValue={filters.status ?? ""} className="field-input">
            <option value="">All statuses</option>
            {REQUEST_STATUSES.map((status) => (
              <option key={status} value={status}>
                {REQUEST_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="profession" className="field-label">
            Profession
          </label>
          <select id="profession" name="profession" defaultValue={filters.profession ?? ""} className="field-input">
            <option value="">All professions</option>
            {PROFESSIONS.map((profession) => (
              <option key={profession} value={profession}>
                {PROFESSION_LABELS[profession]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="programmeId" className="field-label">
            Programme
          </label>
          <select id="programmeId" name="programmeId" defaultValue={filters.programmeId ?? ""} className="field-input">
            <option value="">All programmes</option>
            {programmes.map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </select>
        </div>
        <FilterDate name="from" label="Blocks from" value={filters.from} error={dateErrors.from} />
        <FilterDate name="to" label="Blocks to" value={filters.to} error={dateErrors.to} />
        <div className="flex gap-3">
          <button type="submit" className="btn-secondary">
            Filter
          </button>
          {filtered && (
            <Link to={pathname} className="self-center">
              Clear
            </Link>
          )}
        </div>
      </Form>

      {requests.length === 0 ? (
        <p className="card">
          {filtered ? (
            "No requests match these filters."
          ) : (
            <>
              You have no placement requests yet. <Link to="/university/requests/new">Make a request</Link> or{" "}
              <Link to="/university/requests/upload">upload a CSV file</Link>.
            </>
          )}
        </p>
      ) : (
        <ScrollTable label="Placement requests, scrollable">
          <table className="data-table">
            <caption className="sr-only">Placement requests, by block start date</caption>
            <thead>
              <tr>
                <th scope="col">Programme</th>
                <th scope="col" className="text-right">
                  Year
                </th>
                <th scope="col">Block dates</th>
                <th scope="col" className="text-right">
                  Students
                </th>
                <th scope="col" className="text-right">
                  Allocated
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id}>
                  <th scope="row" className="font-normal">
                    <Link to={`/university/requests/${request.id}`}>{request.programme.name}</Link>
                    <span className="block text-sm text-nhs-grey-1">
                      {request.block.name} · {PROFESSION_LABELS[request.profession]}
                    </span>
                  </th>
                  <td className="text-right">{request.yearOfStudy}</td>
                  <td>{formatDateRange(request.startDate, request.endDate)}</td>
                  <td className="text-right">{request.students}</td>
                  <td className="text-right">{request.studentsAllocated}</td>
                  <td>
                    <RequestStatusTag status={request.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <Pagination window={window} pathname={pathname} filters={filters} label="Request pages" noun="request" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Placement requests · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
