// One profession's slots across an academic year: a light bar for the slots offered in each month
// or week, and over it a dark bar for those taken. The page's table carries the same figures.
import type { CapacityPoint, Granularity, TimelineBucket } from "~/fair-share/capacity-timeline";
import { labelStride, linearScale, niceTicks, textWidth } from "./layout";
import { ChartFrame, CHART_INK, SeriesLegend, ValueGrid, type ChartSeries } from "./parts";

const SERIES: readonly ChartSeries[] = [
  { key: "offered", label: "Slots offered", colour: "#cfe0f2", stroke: "#005eb8" },
  { key: "taken", label: "Slots taken", colour: "#003087" },
];

const STEP: Record<Granularity, number> = { month: 36, week: 8.5 };
const PLOT_HEIGHT = 120;
const LABEL_FONT = 11;

/** The legend shared by every profession's timeline on a page. */
export function CapacityTimelineLegend() {
  return <SeriesLegend series={SERIES} />;
}

export function CapacityTimelineChart({
  title,
  buckets,
  points,
  peak,
  view,
}: {
  title: string;
  buckets: readonly TimelineBucket[];
  points: readonly CapacityPoint[];
  /** The most slots offered in any bucket of any profession on the page: one scale for all. */
  peak: number;
  view: Granularity;
}) {
  const ticks = niceTicks(peak, 2);
  const step = STEP[view];
  const barWidth = Math.max(2, step * (view === "month" ? 0.7 : 0.8));
  const left = Math.ceil(textWidth(ticks[ticks.length - 1].toLocaleString("en-GB"), 11)) + 12;
  const top = 8;
  const plotBottom = top + PLOT_HEIGHT;
  const labels = buckets.map((bucket) => (view === "month" ? bucket.label.slice(0, 3) : bucket.label.replace("w/c ", "")));
  const stride = labelStride(labels, step, LABEL_FONT);
  // A week's label starts at its week ("w/c"), so the last one needs room to the right.
  const labelOverhang = view === "week" ? Math.ceil(Math.max(0, ...labels.map((label) => textWidth(label, LABEL_FONT)))) : 0;
  const width = left + buckets.length * step + labelOverhang + 4;
  const height = plotBottom + 24;
  const y = linearScale(ticks[ticks.length - 1], plotBottom, top);
  const busiest = points.reduce((best, point, index) => (point.offered > points[best].offered ? index : best), 0);
  const summary = `Bar chart of slots by ${view}. The most slots offered at once is ${points[busiest]?.offered ?? 0}, in ${buckets[busiest]?.label ?? "no " + view}, with ${points[busiest]?.taken ?? 0} taken. The table view below lists every ${view}.`;
  return (
    <ChartFrame title={title} summary={summary} width={width} height={height} className="card mb-6 min-w-0">
      <ValueGrid ticks={ticks} y={y} left={left} right={left + buckets.length * step} />
      {points.map((point, index) => {
        const x = left + index * step + (step - barWidth) / 2;
        return (
          <g key={buckets[index].key}>
            <title>{`${buckets[index].label}: ${point.taken} of ${point.offered} slots taken`}</title>
            {point.offered > 0 && <rect x={x} y={y(point.offered)} width={barWidth} height={plotBottom - y(point.offered)} fill={SERIES[0].colour} stroke={SERIES[0].stroke} strokeWidth="1" />}
            {point.taken > 0 && <rect x={x} y={y(point.taken)} width={barWidth} height={plotBottom - y(point.taken)} fill={SERIES[1].colour} />}
            {index % stride === 0 && (
              <text
                x={view === "week" ? x : left + index * step + step / 2}
                y={plotBottom + 16}
                textAnchor={view === "week" ? "start" : "middle"}
                fontSize={LABEL_FONT}
                fill={CHART_INK}
              >
                {labels[index]}
              </text>
            )}
          </g>
        );
      })}
    </ChartFrame>
  );
}
