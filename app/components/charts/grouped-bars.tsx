// Grouped vertical bars. Each series has a colour and a legend in words, and every bar carries its
// value as text, so colour is never the only signal. Pair it with a table of the same figures.
import { linearScale, niceTicks, textWidth } from "./layout";
import { ChartFrame, CHART_INK, FittedLabel, labelHeight, SeriesLegend, ValueGrid, type ChartSeries } from "./parts";

export type BarSeries = ChartSeries;

export interface BarGroup {
  label: string;
  values: Record<string, number>;
}

const BAR = 15;
const BAR_PITCH = 17;
const GROUP_PADDING = 12;
const WIDEST_GROUP = 112;
const LABEL_FONT = 11;
const LABEL_LINES = 2;
const PLOT_HEIGHT = 180;
/** Smaller than this, a bar's value is not written over it (4 digits are 7 px; 5 would be 5.5 px). */
const MIN_VALUE_FONT = 7;

export function GroupedBarChart({
  title,
  summary,
  series,
  groups,
  className,
}: {
  title: string;
  summary: string;
  series: readonly BarSeries[];
  groups: readonly BarGroup[];
  className?: string;
}) {
  const values = groups.flatMap((group) => series.map((item) => group.values[item.key] ?? 0));
  const ticks = niceTicks(Math.max(0, ...values));
  const barsWidth = series.length * BAR_PITCH;
  // Groups widen (up to a limit) for their labels; longer labels wrap onto a second line, then are cut.
  const longestLabel = Math.max(0, ...groups.map((group) => textWidth(group.label, LABEL_FONT)));
  const groupWidth = Math.max(barsWidth + GROUP_PADDING, Math.min(WIDEST_GROUP, Math.ceil(longestLabel) + 8));
  // Values are written above their bars, in a size that keeps neighbours apart (digits are 0.556 em wide in Arial).
  const longestValue = Math.max(1, ...values.map((value) => String(value).length));
  const valueFont = Math.min(10, Math.floor((2 * (BAR_PITCH - 1)) / (longestValue * 0.556)) / 2);
  // Values too long to write legibly over a bar (five digits and more) are left to the tooltip and the table.
  const showValues = valueFont >= MIN_VALUE_FONT;
  const left = Math.ceil(textWidth(ticks[ticks.length - 1].toLocaleString("en-GB"), 11)) + 12;
  const top = (showValues ? Math.ceil(valueFont) : 0) + 8;
  const plotBottom = top + PLOT_HEIGHT;
  const width = left + Math.max(1, groups.length) * groupWidth + 8;
  const height = plotBottom + 6 + labelHeight(LABEL_FONT, LABEL_LINES) + 4;
  const y = linearScale(ticks[ticks.length - 1], plotBottom, top);
  return (
    <ChartFrame title={title} summary={summary} width={width} height={height} legend={<SeriesLegend series={series} />} className={className}>
      <ValueGrid ticks={ticks} y={y} left={left} right={width - 8} />
      {groups.map((group, groupIndex) => {
        const groupLeft = left + groupIndex * groupWidth;
        const barsLeft = groupLeft + (groupWidth - barsWidth) / 2 + (BAR_PITCH - BAR) / 2;
        return (
          <g key={`${groupIndex}-${group.label}`}>
            {series.map((item, index) => {
              const value = group.values[item.key] ?? 0;
              const x = barsLeft + index * BAR_PITCH;
              return (
                <g key={item.key}>
                  <rect x={x} y={y(value)} width={BAR} height={plotBottom - y(value)} fill={item.colour} stroke={item.stroke}>
                    <title>{`${group.label}, ${item.label}: ${value}`}</title>
                  </rect>
                  {showValues && (
                    <text x={x + BAR / 2} y={y(value) - 3} fontSize={valueFont} textAnchor="middle" fill={CHART_INK}>
                      {value}
                    </text>
                  )}
                </g>
              );
            })}
            <FittedLabel text={group.label} x={groupLeft + groupWidth / 2} y={plotBottom + 6} width={groupWidth - 6} fontSize={LABEL_FONT} maxLines={LABEL_LINES} />
          </g>
        );
      })}
    </ChartFrame>
  );
}
