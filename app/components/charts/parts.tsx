// The pieces every chart is built from. A chart is an SVG drawn at its own pixel size (so its
// text is always the size its layout was worked out for) inside a region that scrolls sideways
// on a narrow screen. Colours are SVG attributes, never style attributes (docs/decisions/004-charts.md).
import type { ReactNode } from "react";
import { fitLabel } from "./layout";

export const CHART_INK = "#212b32";
export const CHART_MUTED = "#4c6272";
export const CHART_GRID = "#d8dde0";
/** A white outline behind text that may cross a line of the chart, so it stays readable. */
export const HALO = { stroke: "#ffffff", strokeWidth: 3, paintOrder: "stroke" } as const;

export interface ChartSeries {
  key: string;
  label: string;
  colour: string;
  /** An outline for light fills. */
  stroke?: string;
}

/**
 * A figure with its caption, an optional legend and note, and the chart. The SVG is one image to
 * assistive technology, named by the title and a summary with the figures; the page keeps a table too.
 */
export function ChartFrame({
  title,
  summary,
  width,
  height,
  legend,
  note,
  className = "card mb-4",
  children,
}: {
  title: string;
  summary: string;
  width: number;
  height: number;
  legend?: ReactNode;
  note?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const size = (value: number) => Math.ceil(value);
  return (
    <figure className={className}>
      <figcaption className="mb-2 text-lg font-bold">{title}</figcaption>
      {legend}
      <div className="relative overflow-x-auto" role="region" aria-label={`${title}: chart`} tabIndex={0}>
        <svg width={size(width)} height={size(height)} viewBox={`0 0 ${size(width)} ${size(height)}`} role="img" aria-label={`${title}. ${summary}`}>
          {children}
        </svg>
      </div>
      {note && <p className="mt-2 text-sm text-nhs-grey-1">{note}</p>}
    </figure>
  );
}

/** The series' colours in words, above the chart. Hidden from assistive technology: the chart's name carries the figures. */
export function SeriesLegend({ series }: { series: readonly ChartSeries[] }) {
  return (
    <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-hidden="true">
      {series.map((item) => (
        <li key={item.key} className="flex items-center gap-1">
          <svg width="12" height="12" className="shrink-0">
            <rect x="0.5" y="0.5" width="11" height="11" fill={item.colour} stroke={item.stroke ?? item.colour} />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * A label fitted into `width`: wrapped onto at most `maxLines` lines and cut with "…" beyond
 * that. Its full text is its tooltip. `y` is the top of the first line, or with `middle` the
 * middle of all of them.
 */
export function FittedLabel({
  text,
  x,
  y,
  width,
  fontSize,
  maxLines = 1,
  anchor = "middle",
  middle = false,
  bold = false,
}: {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  maxLines?: number;
  anchor?: "start" | "middle" | "end";
  middle?: boolean;
  bold?: boolean;
}) {
  const { lines } = fitLabel(text, width, fontSize, maxLines, bold);
  const lineHeight = Math.round(fontSize * 1.2);
  const baseline = middle ? y - ((lines.length - 1) * lineHeight) / 2 + fontSize * 0.35 : y + fontSize;
  return (
    <text x={x} y={baseline} fontSize={fontSize} textAnchor={anchor} fill={CHART_INK} fontWeight={bold ? "bold" : undefined}>
      <title>{text}</title>
      {lines.map((line, index) => (
        <tspan key={index} x={x} dy={index === 0 ? 0 : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** Height taken by a FittedLabel of `lines` lines. */
export function labelHeight(fontSize: number, lines: number): number {
  return fontSize + (lines - 1) * Math.round(fontSize * 1.2) + Math.ceil(fontSize * 0.25);
}

/** Horizontal gridlines with their values at the left, for a vertical value axis. */
export function ValueGrid({ ticks, y, left, right, fontSize = 11 }: { ticks: readonly number[]; y: (value: number) => number; left: number; right: number; fontSize?: number }) {
  return (
    <g>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={left} x2={right} y1={y(tick)} y2={y(tick)} stroke={tick === 0 ? CHART_MUTED : CHART_GRID} />
          <text x={left - 6} y={y(tick) + fontSize * 0.35} fontSize={fontSize} textAnchor="end" fill={CHART_INK}>
            {tick.toLocaleString("en-GB")}
          </text>
        </g>
      ))}
    </g>
  );
}
