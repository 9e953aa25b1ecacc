import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GroupedBarChart } from "~/components/charts/grouped-bars";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { refusalReply } from "~/platform/refusal-reply.server";
import { formatHours } from "~/practice-hours/hours-rules";
import { getRegionAtRisk } from "~/practice-hours/hours-views.server";
import { plural } from "~/vocabulary/labels";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  try {
    return { rows: await getRegionAtRisk(user) };
  } catch (error) {
    throw refusalReply(error);
  }
}

export default function FacilitatorHours() {
  const { rows } = useLoaderData<typeof loader>();
  const byProfession = PROFESSIONS.map((profession) => {
    const of = rows.filter((row) => row.profession === profession);
    return { profession, students: of.reduce((sum, row) => sum + row.students, 0), atRisk: of.reduce((sum, row) => sum + row.atRisk, 0) };
  }).filter((row) => row.students > 0);
  const total = rows.reduce((sum, row) => sum + row.atRisk, 0);
  return (
    <>
      <PageHeader title="Practice hours at risk" caption="Students of the region's universities" />
      <p className="mb-6 max-w-3xl text-lg">
        {rows.length === 0
          ? "No student of the region's universities is linked to a programme yet."
          : `${plural(total, "student")} ${total === 1 ? "is" : "are"} at risk: their confirmed, waiting and planned hours fall short of their profession's requirement. More placements in those professions close the gap.`}
      </p>
      {rows.length > 0 && (
        <>
          <GroupedBarChart
            title="Students and students at risk by profession"
            summary={byProfession.map((row) => `${PROFESSION_LABELS[row.profession]}: ${row.atRisk} of ${row.students} at risk`).join("; ") + "."}
            series={[
              { key: "students", label: "Students", colour: "#005eb8" },
              { key: "atRisk", label: "At risk", colour: "#d5281b" },
            ]}
            groups={byProfession.map((row) => ({ label: PROFESSION_LABELS[row.profession], values: { students: row.students, atRisk: row.atRisk } }))}
          />
          <ScrollTable label="Students at risk by university and profession: table">
            <table className="data-table">
              <caption className="sr-only">Students at risk by university and profession</caption>
              <thead>
                <tr>
                  <th scope="col">University</th>
                  <th scope="col">Profession</th>
                  <th scope="col">Students</th>
                  <th scope="col">At risk</th>
                  <th scope="col">Hours not covered</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.universityId}-${row.profession}`} className={row.atRisk > 0 ? "bg-[#fbe9e7]" : undefined}>
                    <th scope="row">{row.universityName}</th>
                    <td>{PROFESSION_LABELS[row.profession]}</td>
                    <td>{row.students}</td>
                    <td>{row.atRisk}</td>
                    <td>{formatHours(row.uncoveredMinutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <p className="mt-4">
            <a href="/facilitator/hours.csv" download className="btn-secondary">
              Download as CSV
            </a>
          </p>
        </>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Practice hours at risk · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
