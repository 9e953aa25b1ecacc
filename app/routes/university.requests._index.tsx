import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterActions, FilterDate, FilterSelect } from "~/components/filter-fields";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ScrollTable } from "~/components/scroll-table";
import { formatDateRange } from "~/vocabulary/labels";
import { pageHref } from "~/platform/paging";
import { parseRequestFilters, REQUEST_STATUS_LABELS, REQUEST_STATUSES } from "~/marketplace/request-form";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";
import { listRequests } from "~/marketplace/requests.server";
import { RequestStatusTag } from "./university.shared/status-tags";
import { PlainLink } from "~/components/plain-link";

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
        <FilterSelect
          name="status"
          label="Status"
          value={filters.status}
          options={REQUEST_STATUSES.map((status) => [status, REQUEST_STATUS_LABELS[status]] as const)}
          anyLabel="All statuses"
        />
        <FilterSelect
          name="profession"
          label="Profession"
          value={filters.profession}
          options={PROFESSIONS.map((profession) => [profession, PROFESSION_LABELS[profession]] as const)}
          anyLabel="All professions"
        />
        <FilterSelect
          name="programmeId"
          label="Programme"
          value={filters.programmeId}
          options={programmes.map((programme) => [programme.id, programme.name] as const)}
          anyLabel="All programmes"
        />
        <FilterDate name="from" label="Blocks from" value={filters.from} error={dateErrors.from} />
        <FilterDate name="to" label="Blocks to" value={filters.to} error={dateErrors.to} />
        <FilterActions filtered={filtered} />
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
                    <PlainLink to={`/university/requests/${request.id}`}>{request.programmeName}</PlainLink>
                    <span className="block text-sm text-nhs-grey-1">
                      {request.blockName} · {PROFESSION_LABELS[request.profession]}
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
