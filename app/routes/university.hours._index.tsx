import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/accounts/guards.server";
import { GroupedBarChart } from "~/components/charts/grouped-bars";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { optionalParam } from "~/platform/form-fields";
import { refusalReply } from "~/platform/refusal-reply.server";
import { formatHours, weeksToCover } from "~/practice-hours/hours-rules";
import { getProgrammeHours } from "~/practice-hours/hours-views.server";
import { formatDate, plural } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { chartHours, RiskTag } from "./hours.shared/hours-parts";

const ParamsSchema = z.object({ programmeId: optionalParam(z.string().trim().min(1).max(40)) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "UNIVERSITY");
  const { programmeId } = ParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    return await getProgrammeHours(user, programmeId);
  } catch (error) {
    throw refusalReply(error);
  }
}

export default function UniversityHours() {
  const { programmes, programme, students } = useLoaderData<typeof loader>();
  const judged = students.filter((student) => student.ledger);
  const atRisk = judged.filter((student) => student.ledger!.atRisk);
  const requirement = students.find((student) => student.requirement)?.requirement ?? null;
  const title = programme ? `Practice hours of ${programme.name} students` : "Practice hours";
  return (
    <>
      <PageHeader title="Students' practice hours" caption={programme ? `${programme.name}, ${PROFESSION_LABELS[programme.profession]}` : undefined} />
      {programmes.length === 0 ? (
        <p className="card">
          Add a programme first: <Link to="/university/programmes/new">add a programme</Link>.
        </p>
      ) : (
        <>
          <Form method="get" className="mb-6 flex flex-wrap items-end gap-4">
            <div>
              <label htmlFor="programmeId" className="field-label">
                Programme
              </label>
              <select id="programmeId" name="programmeId" defaultValue={programme?.id} className="field-input">
                {programmes.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name} ({plural(option.students, "student")})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-secondary">
              Show
            </button>
          </Form>
          <p className="mb-6 max-w-3xl text-lg">
            {judged.length === 0
              ? "No student is linked to this programme yet, or its profession has no requirement."
              : `${plural(atRisk.length, "student")} of ${judged.length} ${atRisk.length === 1 ? "is" : "are"} at risk: confirmed, waiting and planned hours together fall short of ${requirement ? `${formatHours(requirement.minimumMinutes)} hours` : "the requirement"}${students[0]?.programmeEnd ? ` by the programme's last block (${formatDate(students[0].programmeEnd)})` : ""}.`}
          </p>
          {judged.length > 0 && (
            <>
              <GroupedBarChart
                title={title}
                summary={judged.map((student) => `${student.name}: confirmed ${formatHours(student.ledger!.confirmedCounted)}, planned ${formatHours(student.ledger!.plannedCounted)}, not covered ${formatHours(student.ledger!.uncovered)} hours`).join("; ") + "."}
                series={[
                  { key: "confirmed", label: "Confirmed (hours)", colour: "#007f3b" },
                  { key: "waiting", label: "Waiting (hours)", colour: "#ffb81c", stroke: "#5c4100" },
                  { key: "planned", label: "Planned (hours)", colour: "#005eb8" },
                  { key: "uncovered", label: "Not covered (hours)", colour: "#d5281b" },
                ]}
                groups={judged.map((student) => ({
                  label: student.name,
                  values: {
                    confirmed: chartHours(student.ledger!.confirmedCounted),
                    waiting: chartHours(student.ledger!.recordedCounted - student.ledger!.confirmedCounted),
                    planned: chartHours(student.ledger!.plannedCounted),
                    uncovered: chartHours(student.ledger!.uncovered),
                  },
                }))}
              />
              <ScrollTable label="Students' practice hours: table">
                <table className="data-table">
                  <caption className="sr-only">{title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Student</th>
                      <th scope="col">Year</th>
                      <th scope="col">Confirmed</th>
                      <th scope="col">Waiting</th>
                      <th scope="col">Planned</th>
                      <th scope="col">Still needed</th>
                      <th scope="col">Not covered</th>
                      <th scope="col">Standing</th>
                      <th scope="col">Next step</th>
                    </tr>
                  </thead>
                  <tbody>
                    {judged.map((student) => {
                      const ledger = student.ledger!;
                      return (
                        <tr key={student.studentId} className={ledger.atRisk ? "bg-[#fbe9e7]" : undefined}>
                          <th scope="row">{student.name}</th>
                          <td>{student.yearOfStudy ?? "–"}</td>
                          <td>{formatHours(ledger.confirmedCounted)}</td>
                          <td>{formatHours(ledger.recordedCounted - ledger.confirmedCounted)}</td>
                          <td>{formatHours(ledger.plannedCounted)}</td>
                          <td>{formatHours(ledger.stillNeeded)}</td>
                          <td>{formatHours(ledger.uncovered)}</td>
                          <td>
                            <RiskTag atRisk={ledger.atRisk} />
                          </td>
                          <td>
                            {ledger.atRisk ? (
                              <Link to={`/university/requests/new?programmeId=${student.programmeId}&students=1&forStudent=${student.studentId}`}>
                                Request {plural(weeksToCover(ledger.uncovered), "week")} for {student.name}
                              </Link>
                            ) : (
                              "–"
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollTable>
              <p className="mb-4">
                <a href={`/university/hours.csv?programmeId=${programme!.id}`} download className="btn-secondary">
                  Download this table (CSV)
                </a>
              </p>
            </>
          )}
        </>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Students' practice hours · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
