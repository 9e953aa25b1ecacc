// Fair-share ratios as a sorted horizontal bar chart in plain SVG. Each bar is labelled with its
// ratio and its band in words; dashed lines mark the red and amber thresholds.
import type { FairShareBand } from "~/fair-share/fair-share";

const BAND_FILL = { red: "#d5281b", amber: "#ffb81c", green: "#007f3b" } as const;
const BAND_WORD = { red: "red", amber: "amber", green: "green" } as const;

export interface RatioBar {
  label: string;
  ratio: number | null;
  band: FairShareBand | null;
  highlight?: boolean;
}

export function RatioBarChart({ title, summary, rows, red, amber }: { title: string; summary: string; rows: readonly RatioBar[]; red: number; amber: number }) {
  const max = Math.max(1.5, ...rows.map((row) => row.ratio ?? 0));
  const rowHeight = 28;
  const labelWidth = 240;
  const chartWidth = 400;
  const height = rows.length * rowHeight + 28;
  const x = (ratio: number) => labelWidth + (Math.min(ratio, max) / max) * chartWidth;
  return (
    <figure className="card mb-4">
      <figcaption className="mb-2 text-lg font-bold">{title}</figcaption>
      <div className="overflow-x-auto" role="region" aria-label={`${title}: chart`} tabIndex={0}>
        <svg viewBox={`0 0 ${labelWidth + chartWidth + 110} ${height}`} className="h-auto w-full min-w-[600px]" role="img" aria-label={`${title}. ${summary}`}>
          {[red, amber].map((threshold) => (
            <g key={threshold}>
              <line x1={x(threshold)} x2={x(threshold)} y1={0} y2={height - 22} stroke="#4c6272" strokeDasharray="4 3" />
              <text x={x(threshold)} y={height - 6} fontSize="11" textAnchor="middle" fill="#212b32">
                {threshold.toFixed(2)}
              </text>
            </g>
          ))}
          {rows.map((row, index) => {
            const y = index * rowHeight;
            return (
              <g key={row.label}>
                <text x={labelWidth - 8} y={y + 18} fontSize="12" textAnchor="end" fill="#212b32" fontWeight={row.highlight ? "bold" : "normal"}>
                  {row.label.length > 34 ? `${row.label.slice(0, 32)}…` : row.label}
                </text>
                <rect x={labelWidth} y={y + 6} width={Math.max(0, x(row.ratio ?? 0) - labelWidth)} height={16} fill={row.band ? BAND_FILL[row.band] : "#768692"} />
                <text x={x(row.ratio ?? 0) + 6} y={y + 18} fontSize="11" fill="#212b32">
                  {row.ratio === null ? "no fair share" : `${row.ratio.toFixed(2)} ${row.band ? BAND_WORD[row.band] : ""}`}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <p className="mt-2 text-sm text-nhs-grey-1">
        Bars show offered ÷ fair share, highest first, each with its band in words. Dashed lines: the red ({red.toFixed(2)}) and amber ({amber.toFixed(2)}) thresholds.
      </p>
    </figure>
  );
}
