import type { FairShareBand } from "~/fair-share/fair-share";
import { FAIR_SHARE_BAND_LABELS, formatRatio } from "~/fair-share/fair-share";
import { formatNumber } from "~/vocabulary/labels";

export interface FairShareTableRow {
  key: string;
  label: React.ReactNode;
  wte: number | null;
  fairShare: number | null;
  offered: number | null;
  ratio: number | null;
  band: FairShareBand | null;
  weeksPerWte: number | null;
}

const show = (value: number | null, digits = 0) => (value === null ? "—" : formatNumber(value, digits));

/** The providers' fair-share figures; the band is named in words. Peers' hidden figures show "—". */
export function FairShareTable({ caption, rows, rowHeading = "Provider" }: { caption: string; rows: readonly FairShareTableRow[]; rowHeading?: string }) {
  return (
    <div className="relative mb-8 overflow-x-auto" role="region" aria-label={`${caption}: table`} tabIndex={0}>
      <table className="data-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeading}</th>
            <th scope="col">WTE</th>
            <th scope="col">Fair share (students)</th>
            <th scope="col">Offered (slots)</th>
            <th scope="col">Offered ÷ fair share</th>
            <th scope="col">Band</th>
            <th scope="col">Placement weeks per WTE</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{show(row.wte, 2)}</td>
              <td>{show(row.fairShare)}</td>
              <td>{show(row.offered)}</td>
              <td>{formatRatio(row.ratio)}</td>
              <td>{row.band ? FAIR_SHARE_BAND_LABELS[row.band] : "No fair share"}</td>
              <td>{show(row.weeksPerWte, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function describeRatios(rows: readonly { label: string; ratio: number | null; band: FairShareBand | null }[]): string {
  if (rows.length === 0) return "No providers.";
  return rows.map((row) => `${row.label} ${formatRatio(row.ratio)}${row.band ? ` (${FAIR_SHARE_BAND_LABELS[row.band]})` : ""}`).join("; ") + ".";
}
