export interface RatioRow {
  label: string;
  before: number | null;
  after: number | null;
  bandAfter: "red" | "amber" | "green" | null;
}

const BAND_FILL = { red: "#d5281b", amber: "#ffb81c", green: "#007f3b" } as const;
const BAND_TEXT = { red: "red", amber: "amber", green: "green" } as const;

/**
 * Fair-share ratios before and after, as horizontal bars with the thresholds marked. Each bar is
 * labelled with its value and band in words, so colour is never the only signal; a table follows.
 */
export function RatioChart({ rows, title, red, amber }: { rows: RatioRow[]; title: string; red: number; amber: number }) {
  const max = Math.max(1.5, ...rows.flatMap((row) => [row.before ?? 0, row.after ?? 0]));
  const rowHeight = 34;
  const labelWidth = 260;
  const chartWidth = 420;
  const height = rows.length * rowHeight + 30;
  const x = (ratio: number) => labelWidth + (Math.min(ratio, max) / max) * chartWidth;
  const titleId = `chart-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <figure className="card mb-6">
      <figcaption id={titleId} className="mb-2 text-lg font-bold">
        {title}
      </figcaption>
      <div className="overflow-x-auto" role="region" aria-label={`${title}: chart`} tabIndex={0}>
        <svg viewBox={`0 0 ${labelWidth + chartWidth + 120} ${height}`} className="h-auto w-full min-w-[640px]" role="img" aria-labelledby={titleId}>
          {[red, amber].map((threshold) => (
            <g key={threshold}>
              <line x1={x(threshold)} x2={x(threshold)} y1={0} y2={height - 24} stroke="#4c6272" strokeDasharray="4 3" />
              <text x={x(threshold)} y={height - 8} fontSize="11" textAnchor="middle" fill="#212b32">
                {threshold.toFixed(2)}
              </text>
            </g>
          ))}
          {rows.map((row, index) => {
            const y = index * rowHeight;
            return (
              <g key={row.label}>
                <text x={labelWidth - 8} y={y + 20} fontSize="12" textAnchor="end" fill="#212b32">
                  {row.label.length > 38 ? `${row.label.slice(0, 36)}…` : row.label}
                </text>
                <rect x={labelWidth} y={y + 6} width={Math.max(0, x(row.before ?? 0) - labelWidth)} height={8} fill="#aeb7bd" />
                <rect x={labelWidth} y={y + 15} width={Math.max(0, x(row.after ?? 0) - labelWidth)} height={12} fill={row.bandAfter ? BAND_FILL[row.bandAfter] : "#768692"} />
                <text x={x(row.after ?? 0) + 6} y={y + 25} fontSize="11" fill="#212b32">
                  {row.after === null ? "no share" : `${row.after.toFixed(2)} ${row.bandAfter ? BAND_TEXT[row.bandAfter] : ""}`}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <p className="mt-2 text-sm text-nhs-grey-1">Grey bar: before this run. Coloured bar: after, with its band in words. Dashed lines: the red and amber thresholds.</p>
    </figure>
  );
}
