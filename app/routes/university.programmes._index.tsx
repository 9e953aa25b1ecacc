import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ScrollTable } from "~/components/scroll-table";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { listProgrammes } from "~/marketplace/programmes.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const page = Number(new URL(request.url).searchParams.get("page")) || undefined;
  return listProgrammes(user, page);
}

export default function UniversityProgrammes() {
  const { programmes, window } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader
        title="Programmes"
        caption="Your university"
        actions={
          <Link to="/university/programmes/new" className="btn">
            Add a programme
          </Link>
        }
      />
      <p className="mb-6 max-w-3xl">
        Each programme has placement blocks: the dates its students of one year of study are on placement. Requests are made for a block.
      </p>
      {programmes.length === 0 ? (
        <p className="card">You have no programmes yet. Add one, then add its placement blocks.</p>
      ) : (
        <ScrollTable label="Programmes, scrollable">
          <table className="data-table">
            <caption className="sr-only">Programmes, sorted by name</caption>
            <thead>
              <tr>
                <th scope="col">Programme</th>
                <th scope="col">Profession</th>
                <th scope="col" className="text-right">
                  Years
                </th>
                <th scope="col" className="text-right">
                  Blocks
                </th>
                <th scope="col" className="text-right">
                  Requests
                </th>
              </tr>
            </thead>
            <tbody>
              {programmes.map((programme) => (
                <tr key={programme.id}>
                  <th scope="row" className="font-normal">
                    <Link to={`/university/programmes/${programme.id}`}>{programme.name}</Link>
                  </th>
                  <td>{PROFESSION_LABELS[programme.profession]}</td>
                  <td className="text-right">{programme.years}</td>
                  <td className="text-right">{programme.blockCount}</td>
                  <td className="text-right">{programme.requestCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <Pagination window={window} pathname={pathname} filters={{}} label="Programme pages" noun="programme" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Programmes · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
