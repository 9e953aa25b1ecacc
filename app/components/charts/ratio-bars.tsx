// Fair-share ratios (offered or placed ÷ fair share) as horizontal bars, one row per provider.
// Each bar is labelled with its ratio and its band in words; dashed lines mark the red and amber
// thresholds. Optionally a thin grey bar shows each ratio before a change (a matching run).
import type { FairShareBand } from "~/fair-share/fair-share";
import { describeRatios } from "./fair-share-table";
import { linearScale, textWidth } from "./layout";
import { ChartFrame, CHART_INK, CHART_MUTED, FittedLabel, HALO } from "./parts";

const BAND_FILL = { red: "#d5281b", amber: "#ffb81c", green: "#007f3b" } as const;
const NO_BAND_FILL = "#768692";
const BEFORE_FILL = "#aeb7bd";

export interface RatioBar {
  label: string;
  ratio: number | null;
  band: FairShareBand | null;
  highlight?: boolean;
  /** The ratio before the change, when the chart compares. */
  before?: number | null;
}

const LABEL_FONT = 12;
const VALUE_FONT = 11;
const LABEL_COLUMN = 210;
const PLOT_WIDTH = 360;
const ROW = 36;

const valueText = (row: RatioBar) => (row.ratio === null ? "no fair share" : `${row.ratio.toFixed(2)} ${row.band ?? ""}`.trim());

export function RatioBarChart({
  title,
  summary,
  rows,
  red,
  amber,
  beforeLabel,
  order = "highest first",
}: {
  title: string;
  /** The figures in words for assistive technology; by default each row's ratio and band. */
  summary?: string;
  rows: readonly RatioBar[];
  red: number;
  amber: number;
  /** What the grey bars show, e.g. "before this run"; without it there are none. */
  beforeLabel?: string;
  /** How the rows are ordered, in words for the note under the chart. */
  order?: string;
}) {
  const compare = beforeLabel !== undefined;
  const max = Math.max(1.5, ...rows.flatMap((row) => [row.ratio ?? 0, compare ? (row.before ?? 0) : 0]));
  const x = linearScale(max, LABEL_COLUMN, LABEL_COLUMN + PLOT_WIDTH);
  const valueRoom = Math.max(...rows.map((row) => textWidth(valueText(row), VALUE_FONT)), textWidth(amber.toFixed(2), VALUE_FONT));
  const width = LABEL_COLUMN + PLOT_WIDTH + 8 + Math.ceil(valueRoom) + 8;
  const plotBottom = rows.length * ROW + 4;
  const height = plotBottom + 20;
  const [lower, upper] = [red, amber].sort((a, b) => a - b);
  const note = compare
    ? `Grey bar: ${beforeLabel}. Coloured bar: after, with its band in words. Dashed lines: the red (${red.toFixed(2)}) and amber (${amber.toFixed(2)}) thresholds.`
    : `Bars show offered ÷ fair share, ${order}, each with its band in words. Dashed lines: the red (${red.toFixed(2)}) and amber (${amber.toFixed(2)}) thresholds.`;
  return (
    <ChartFrame title={title} summary={summary ?? describe(rows, compare)} width={width} height={height} note={note}>
      {[lower, upper].map((threshold, index) => (
        <g key={index}>
          <line x1={x(threshold)} x2={x(threshold)} y1={0} y2={plotBottom + 2} stroke={CHART_MUTED} strokeDasharray="4 3" />
          {/* The lower threshold's figure sits left of its line, the upper's right, so they never collide. */}
          <text x={x(threshold) + (index === 0 ? -3 : 3)} y={plotBottom + 15} fontSize={VALUE_FONT} textAnchor={index === 0 ? "end" : "start"} fill={CHART_INK}>
            {threshold.toFixed(2)}
          </text>
        </g>
      ))}
      {rows.map((row, index) => {
        const top = index * ROW;
        const end = x(row.ratio ?? 0);
        const beforeEnd = compare ? x(row.before ?? 0) : LABEL_COLUMN;
        const middle = top + ROW / 2;
        const bar = compare ? { top: middle - 3, height: 13 } : { top: middle - 8, height: 16 };
        return (
          <g key={`${row.label}-${index}`}>
            <FittedLabel text={row.label} x={LABEL_COLUMN - 10} y={middle} middle width={LABEL_COLUMN - 14} fontSize={LABEL_FONT} maxLines={2} anchor="end" bold={row.highlight} />
            {compare && <rect x={LABEL_COLUMN} y={middle - 11} width={beforeEnd - LABEL_COLUMN} height={7} fill={BEFORE_FILL} />}
            <rect x={LABEL_COLUMN} y={bar.top} width={end - LABEL_COLUMN} height={bar.height} fill={row.band ? BAND_FILL[row.band] : NO_BAND_FILL} />
            <text x={Math.max(end, beforeEnd) + 6} y={bar.top + bar.height / 2 + VALUE_FONT * 0.35} fontSize={VALUE_FONT} fill={CHART_INK} {...HALO}>
              {valueText(row)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}

function describe(rows: readonly RatioBar[], compare: boolean): string {
  if (!compare) return describeRatios(rows);
  if (rows.length === 0) return "No providers.";
  const ratio = (value: number | null | undefined) => (value === null || value === undefined ? "no fair share" : value.toFixed(2));
  return rows.map((row) => `${row.label} ${ratio(row.before)} before, ${ratio(row.ratio)} after${row.band ? ` (${row.band})` : ""}`).join("; ") + ".";
}
