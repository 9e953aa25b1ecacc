import { Link } from "@remix-run/react";
import { RatioBarChart } from "~/components/charts/ratio-bars";
import { ScrollTable } from "~/components/scroll-table";
import { formatRatio, type FairShareBand } from "~/fair-share/fair-share";
import { CHART_ROWS } from "~/matching/review";
import { formatDateRange, plural } from "~/vocabulary/labels";
import { PlacementPartyCells, professionName } from "./review-summary";

interface Pairing {
  provider: string;
  site: string;
  university: string;
  programme: string;
  start: string;
  end: string;
}

export interface RerunDifferenceView {
  parentId: string;
  placedBefore: number;
  placedAfter: number;
  decisions: (Pairing & { kind: "EXCLUDE" | "LOCK"; students: number })[];
  counts: { added: number; removed: number; changed: number };
  rows: (Pairing & { change: "added" | "removed" | "changed"; before: number; after: number })[];
  fairShare: {
    key: string;
    provider: string;
    profession: string;
    fairShare: number;
    ratioBefore: number | null;
    ratioAfter: number | null;
    bandAfter: FairShareBand | null;
  }[];
}

const CHANGE_LABEL = { added: "Added", removed: "Removed", changed: "Students changed" } as const;

const pairing = (row: Pairing) => (
  <>
    <PlacementPartyCells row={row} />
    <td className="whitespace-nowrap">{row.start ? formatDateRange(row.start, row.end) : "—"}</td>
  </>
);

/** A re-run against the run it replaced: decisions applied, proposals that moved, and fair share. */
export function RerunDifference({ difference, bands }: { difference: RerunDifferenceView; bands: { red: number; amber: number } }) {
  const { counts } = difference;
  const total = counts.added + counts.removed + counts.changed;
  const charted = difference.fairShare.slice(0, CHART_ROWS);
  return (
    <section aria-labelledby="difference-heading" className="mb-8">
      <h2 id="difference-heading">What changed since the earlier run</h2>
      <p className="mb-4">
        This run re-matched the <Link to={`/facilitator/matching/${difference.parentId}`}>earlier run</Link> with your decisions. Placed:{" "}
        <strong>
          {difference.placedBefore.toLocaleString("en-GB")} → {difference.placedAfter.toLocaleString("en-GB")}
        </strong>
        ; {plural(counts.added, "proposal")} added, {counts.removed.toLocaleString("en-GB")} removed, {counts.changed.toLocaleString("en-GB")} with a different number of students.
      </p>
      <h3 className="mb-2">Decisions applied</h3>
      <ScrollTable label="Decisions applied, table">
        <table className="data-table">
          <caption className="sr-only">The proposals you excluded or locked in the earlier run</caption>
          <thead>
            <tr>
              <th scope="col">Decision</th>
              <th scope="col">Provider and site</th>
              <th scope="col">University and programme</th>
              <th scope="col">Dates</th>
              <th scope="col">Students</th>
            </tr>
          </thead>
          <tbody>
            {difference.decisions.map((row, index) => (
              <tr key={index}>
                <td className="font-bold">{row.kind === "EXCLUDE" ? "Excluded" : "Locked"}</td>
                {pairing(row)}
                <td>{row.students}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <h3 className="mt-6 mb-2">Proposals that changed</h3>
      {total > difference.rows.length && <p className="mb-2">The first {difference.rows.length.toLocaleString("en-GB")} of {total.toLocaleString("en-GB")} changes.</p>}
      {difference.rows.length === 0 ? (
        <p className="card mb-4">The other proposals are the same as in the earlier run.</p>
      ) : (
        <ScrollTable label="Proposals that changed, table">
          <table className="data-table">
            <caption className="sr-only">Proposals added, removed or changed by the re-run</caption>
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Provider and site</th>
                <th scope="col">University and programme</th>
                <th scope="col">Dates</th>
                <th scope="col">Students before</th>
                <th scope="col">Students now</th>
              </tr>
            </thead>
            <tbody>
              {difference.rows.map((row, index) => (
                <tr key={index}>
                  <td>{CHANGE_LABEL[row.change]}</td>
                  {pairing(row)}
                  <td>{row.before}</td>
                  <td>{row.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <h3 className="mt-6 mb-2">Fair share: earlier run → this run</h3>
      {charted.length === 0 ? (
        <p className="card">No provider&apos;s fair-share ratio changed.</p>
      ) : (
        <>
          <RatioBarChart
            title={difference.fairShare.length > charted.length ? `${charted.length} of the ${difference.fairShare.length} providers whose ratio changed` : "Providers whose ratio changed"}
            red={bands.red}
            amber={bands.amber}
            beforeLabel="with the earlier run"
            rows={charted.map((row) => ({ label: `${row.provider} (${professionName(row.profession)})`, before: row.ratioBefore, ratio: row.ratioAfter, band: row.bandAfter }))}
          />
          <ScrollTable label="Fair share change, table">
            <table className="data-table">
              <caption className="sr-only">Fair-share ratio with the earlier run and with this run</caption>
              <thead>
                <tr>
                  <th scope="col">Provider</th>
                  <th scope="col">Profession</th>
                  <th scope="col">Fair share</th>
                  <th scope="col">Ratio with the earlier run</th>
                  <th scope="col">Ratio with this run</th>
                </tr>
              </thead>
              <tbody>
                {difference.fairShare.map((row) => (
                  <tr key={row.key}>
                    <td>{row.provider}</td>
                    <td>{professionName(row.profession)}</td>
                    <td>{row.fairShare}</td>
                    <td>{formatRatio(row.ratioBefore)}</td>
                    <td>{formatRatio(row.ratioAfter)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </section>
  );
}
