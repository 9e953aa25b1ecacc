import { Link } from "@remix-run/react";
import { RatioBarChart } from "~/components/charts/ratio-bars";
import { ScrollTable } from "~/components/scroll-table";
import { formatRatio, type FairShareBand } from "~/fair-share/fair-share";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";

export interface StandingView {
  providerId: string;
  provider: string;
  profession: string;
  fairShare: number;
  before: number;
  after: number;
  ratioBefore: number | null;
  ratioAfter: number | null;
  bandAfter: FairShareBand | null;
}

export const professionName = (code: string) => PROFESSION_LABELS[code as ProfessionCode] ?? code;

/** Where a proposal places students and whose they are: the provider over its site, the university over its programme. */
export function PlacementPartyCells({ row }: { row: { provider: string; site: string | null; university: string; programme: string | null } }) {
  return (
    <>
      <td className="min-w-[9rem]">
        {row.provider}
        {row.site && <div className="text-nhs-grey-1">{row.site}</div>}
      </td>
      <td className="min-w-[9rem]">
        {row.university}
        {row.programme && <div className="text-nhs-grey-1">{row.programme}</div>}
      </td>
    </>
  );
}

export function RunFigures({ figures }: { figures: [string, number][] }) {
  return (
    <dl className="mb-6 grid gap-4 sm:grid-cols-4">
      {figures.map(([label, value]) => (
        <div key={label} className="card">
          <dt className="text-nhs-grey-1">{label}</dt>
          <dd className="text-3xl font-bold">{value.toLocaleString("en-GB")}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Fair share before and after, as a chart of the providers this run moves (the most placed first,
 * at most CHART_ROWS bars so the page stays readable) with its figures as a table, and a link to
 * the table of every provider and profession, which has its own page.
 */
export function FairShareChange({
  runId,
  charted,
  changedCount,
  standingsCount,
  published,
  bands,
}: {
  runId: string;
  charted: StandingView[];
  changedCount: number;
  standingsCount: number;
  published: boolean;
  bands: { red: number; amber: number };
}) {
  const title = changedCount > charted.length ? `The ${charted.length} providers this run places most with (of ${changedCount})` : "Providers this run places students with";
  return (
    <section aria-labelledby="fair-share-heading" className="mb-8">
      <h2 id="fair-share-heading">{published ? "Fair share now" : "Fair share before and after this run"}</h2>
      {charted.length > 0 ? (
        <>
          <RatioBarChart
            title={title}
            red={bands.red}
            amber={bands.amber}
            beforeLabel="before this run"
            rows={charted.map((row) => ({ label: `${row.provider} (${professionName(row.profession)})`, before: row.ratioBefore, ratio: row.ratioAfter, band: row.bandAfter }))}
          />
          <details className="mb-4">
            <summary className="cursor-pointer font-bold">Show the chart as a table</summary>
            <StandingsTable rows={charted} caption={title} />
          </details>
        </>
      ) : (
        <p className="card mb-4">This run changes no provider&apos;s fair share.</p>
      )}
      <p className="mb-4">
        <Link to={`/facilitator/matching/${runId}/fair-share`}>
          Fair share table: every provider and profession ({standingsCount.toLocaleString("en-GB")} rows)
        </Link>
      </p>
    </section>
  );
}

/** Fair share by provider and profession, before and after a run. */
export function StandingsTable({ rows, caption }: { rows: readonly StandingView[]; caption: string }) {
  return (
    <ScrollTable label={`${caption}: table`}>
      <table className="data-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Profession</th>
            <th scope="col">Fair share</th>
            <th scope="col">Hosting before</th>
            <th scope="col">After</th>
            <th scope="col">Ratio before</th>
            <th scope="col">Ratio after</th>
            <th scope="col">Band after</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.providerId}-${row.profession}`}>
              <td>{row.provider}</td>
              <td>{professionName(row.profession)}</td>
              <td>{row.fairShare}</td>
              <td>{row.before}</td>
              <td>{row.after}</td>
              <td>{formatRatio(row.ratioBefore)}</td>
              <td>{formatRatio(row.ratioAfter)}</td>
              <td>{row.bandAfter ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function UnmetByUniversity({ rows }: { rows: { universityId: string; university: string; profession: string; requested: number; unmet: number }[] }) {
  const short = rows.filter((row) => row.unmet > 0);
  if (short.length === 0) return null;
  return (
    <details className="mb-8">
      <summary className="cursor-pointer font-bold">Unmet demand by university and profession ({short.length.toLocaleString("en-GB")} rows)</summary>
      <ScrollTable label="Unmet demand by university">
        <table className="data-table">
          <caption className="sr-only">Unmet demand by university and profession</caption>
          <thead>
            <tr>
              <th scope="col">University</th>
              <th scope="col">Profession</th>
              <th scope="col">Students requested</th>
              <th scope="col">Unmet after this run</th>
            </tr>
          </thead>
          <tbody>
            {short.map((row) => (
              <tr key={`${row.universityId}-${row.profession}`}>
                <td>{row.university}</td>
                <td>{professionName(row.profession)}</td>
                <td>{row.requested}</td>
                <td>{row.unmet}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </details>
  );
}
