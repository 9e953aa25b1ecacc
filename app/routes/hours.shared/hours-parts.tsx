// Not a route: the pieces the practice-hours pages share. Tags say their meaning in words, so
// colour is never the only signal.
import type { ReactNode } from "react";
import { GroupedBarChart } from "~/components/charts/grouped-bars";
import { ScrollTable } from "~/components/scroll-table";
import { formatHours, PRACTICE_KIND_LABELS, PRACTICE_KINDS, TIMESHEET_STATUS_LABELS, type Ledger, type TimesheetStatusName } from "~/practice-hours/hours-rules";

const TONES = {
  green: "border-nhs-green bg-[#e6f2ea] text-[#00401e]",
  amber: "border-[#b07d00] bg-[#fff4d6] text-[#5c4100]",
  red: "border-nhs-red bg-[#fbe9e7] text-[#6b140e]",
  grey: "border-nhs-grey-1 bg-nhs-grey-5 text-nhs-text",
} as const;

export function HoursTag({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return <span className={`inline-block whitespace-nowrap border px-2 py-0.5 text-sm font-bold ${TONES[tone]}`}>{children}</span>;
}

export function RiskTag({ atRisk }: { atRisk: boolean }) {
  return atRisk ? <HoursTag tone="red">At risk</HoursTag> : <HoursTag tone="green">On track</HoursTag>;
}

const STATUS_TONES: Record<TimesheetStatusName, keyof typeof TONES> = { SUBMITTED: "amber", CONFIRMED: "green", QUERIED: "red" };

export function TimesheetTag({ status }: { status: TimesheetStatusName }) {
  return <HoursTag tone={STATUS_TONES[status]}>{TIMESHEET_STATUS_LABELS[status]}</HoursTag>;
}

/** Hours to draw: whole hours read well on a bar. */
export const chartHours = (minutes: number) => Math.round(minutes / 60);

/** One ledger as a summary list, then by kind as a chart and a table. */
export function LedgerDetail({ ledger, caption }: { ledger: Ledger; caption: string }) {
  const waiting = ledger.recordedCounted - ledger.confirmedCounted;
  const kindRows = PRACTICE_KINDS.map((kind) => ({
    kind,
    confirmed: ledger.confirmed[kind],
    awaiting: ledger.awaiting[kind],
    queried: ledger.queried[kind],
    planned: ledger.planned[kind],
  }));
  return (
    <section aria-labelledby="ledger-heading" className="mb-8">
      <h2 id="ledger-heading" className="mb-3 text-xl font-bold">
        {caption} <RiskTag atRisk={ledger.atRisk} />
      </h2>
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Ledger">
        {[
          ["Required", ledger.required],
          ["Confirmed", ledger.confirmedCounted],
          ["Waiting for the educator", waiting],
          ["Planned", ledger.plannedCounted],
          ["Still needed", ledger.stillNeeded],
          ["Not covered by any placement", ledger.uncovered],
        ].map(([label, minutes]) => (
          <div key={label} className="card">
            <dt className="text-sm">{label}</dt>
            <dd className="text-2xl font-bold">{formatHours(minutes as number)} h</dd>
          </div>
        ))}
      </dl>
      {ledger.notCounted > 0 && (
        <p className="mb-4">{formatHours(ledger.notCounted)} recorded hours do not count: a kind of practice the profession does not accept, or simulation over its cap.</p>
      )}
      <GroupedBarChart
        title="Hours by kind of practice"
        summary={kindRows.map((row) => `${PRACTICE_KIND_LABELS[row.kind]}: confirmed ${formatHours(row.confirmed)}, waiting ${formatHours(row.awaiting)}, planned ${formatHours(row.planned)} hours`).join("; ") + "."}
        series={[
          { key: "confirmed", label: "Confirmed (hours)", colour: "#007f3b" },
          { key: "awaiting", label: "Waiting (hours)", colour: "#ffb81c", stroke: "#5c4100" },
          { key: "planned", label: "Planned (hours)", colour: "#005eb8" },
        ]}
        groups={kindRows.map((row) => ({ label: PRACTICE_KIND_LABELS[row.kind], values: { confirmed: chartHours(row.confirmed), awaiting: chartHours(row.awaiting), planned: chartHours(row.planned) } }))}
      />
      <ScrollTable label="Hours by kind of practice: table">
        <table className="data-table">
          <caption className="sr-only">Hours by kind of practice</caption>
          <thead>
            <tr>
              <th scope="col">Kind of practice</th>
              <th scope="col">Confirmed</th>
              <th scope="col">Waiting</th>
              <th scope="col">Queried</th>
              <th scope="col">Planned</th>
            </tr>
          </thead>
          <tbody>
            {kindRows.map((row) => (
              <tr key={row.kind}>
                <th scope="row">{PRACTICE_KIND_LABELS[row.kind]}</th>
                <td>{formatHours(row.confirmed)}</td>
                <td>{formatHours(row.awaiting)}</td>
                <td>{formatHours(row.queried)}</td>
                <td>{formatHours(row.planned)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}
