// A grouped vertical bar chart in plain SVG (renders on the server, no layout measuring).
// Each series has a colour AND a pattern-free text legend; every bar carries its value as text,
// so colour is never the only signal. Pair it with a data table (see DataTable).
export interface BarSeries {
  key: string;
  label: string;
  colour: string;
}

export interface BarGroup {
  label: string;
  values: Record<string, number>;
}

export function GroupedBarChart({ title, summary, series, groups }: { title: string; summary: string; series: readonly BarSeries[]; groups: readonly BarGroup[] }) {
  const max = Math.max(1, ...groups.flatMap((group) => series.map((item) => group.values[item.key] ?? 0)));
  const barWidth = 16;
  const gap = 18;
  const groupWidth = series.length * barWidth + gap;
  const left = 40;
  const top = 16;
  const plotHeight = 180;
  const width = left + Math.max(1, groups.length) * groupWidth + 10;
  const height = top + plotHeight + 50;
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const ticks = [0, Math.round(max / 2), max];
  return (
    <figure className="card mb-4">
      <figcaption className="mb-2 text-lg font-bold">{title}</figcaption>
      <ul className="mb-2 flex flex-wrap gap-4 text-sm" aria-hidden="true">
        {series.map((item) => (
          <li key={item.key} className="flex items-center gap-1">
            <span className="inline-block h-3 w-3" style={{ background: item.colour }} />
            {item.label}
          </li>
        ))}
      </ul>
      <div className="overflow-x-auto" role="region" aria-label={`${title}: chart`} tabIndex={0}>
        <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" style={{ minWidth: Math.min(width, 900) }} role="img" aria-label={`${title}. ${summary}`}>
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={left} x2={width} y1={y(tick)} y2={y(tick)} stroke="#d8dde0" />
              <text x={left - 4} y={y(tick) + 4} fontSize="10" textAnchor="end" fill="#212b32">
                {tick}
              </text>
            </g>
          ))}
          {groups.map((group, groupIndex) => {
            const x0 = left + groupIndex * groupWidth + gap / 2;
            return (
              <g key={group.label}>
                {series.map((item, index) => {
                  const value = group.values[item.key] ?? 0;
                  const x = x0 + index * barWidth;
                  return (
                    <g key={item.key}>
                      <rect x={x} y={y(value)} width={barWidth - 2} height={top + plotHeight - y(value)} fill={item.colour}>
                        <title>{`${group.label}, ${item.label}: ${value}`}</title>
                      </rect>
                      <text x={x + (barWidth - 2) / 2} y={y(value) - 2} fontSize="8" textAnchor="middle" fill="#212b32">
                        {value}
                      </text>
                    </g>
                  );
                })}
                <text x={x0 + (series.length * barWidth) / 2} y={top + plotHeight + 14} fontSize="10" textAnchor="middle" fill="#212b32">
                  {group.label}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
