import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { caseBoard } from "~/cases/cases.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { CASE_KIND_LABELS, CASE_SEVERITY_LABELS } from "~/cases/case-rules";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { plural } from "~/vocabulary/labels";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  return { columns: await caseBoard(user) };
}

export default function CasesBoard() {
  const { columns } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Cases board"
        caption="Shortfall cases by status"
        actions={
          <Link to="/facilitator/cases" className="btn btn-secondary">
            List view
          </Link>
        }
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {columns.map((column) => (
          <section key={column.status} aria-labelledby={`column-${column.status}`} className="rounded bg-nhs-grey-5 p-3">
            <h2 id={`column-${column.status}`} className="text-lg">
              {column.label} <span className="font-normal">({column.count})</span>
            </h2>
            {column.cards.length === 0 ? (
              <p>None</p>
            ) : (
              <ul className="space-y-3">
                {column.cards.map((card) => (
                  <li key={card.id} className="card">
                    <Link to={`/facilitator/cases/${card.id}`} className="font-semibold">
                      {card.title}
                    </Link>
                    <p className="mt-1 text-sm">
                      {CASE_KIND_LABELS[card.kind]} · {CASE_SEVERITY_LABELS[card.severity]} severity
                      {card.profession ? ` · ${PROFESSION_LABELS[card.profession]}` : ""} · {plural(card.studentsAffected, "student")}
                    </p>
                    <p className="text-sm">Owner: {card.ownerName ?? "unassigned"}</p>
                  </li>
                ))}
              </ul>
            )}
            {column.count > column.cards.length && (
              <p className="mt-2 text-sm">
                <Link to={`/facilitator/cases?status=${column.status}`}>All {plural(column.count, `${column.label.toLowerCase()} case`)}</Link>
              </p>
            )}
          </section>
        ))}
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Cases board · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
