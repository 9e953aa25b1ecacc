import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { timelineBuckets } from "~/fair-share/capacity-timeline";
import { CapacityTimelineChart, CapacityTimelineLegend } from "./capacity-timeline";
import { GroupedBarChart } from "./grouped-bars";
import { RatioBarChart } from "./ratio-bars";

const LONG_NAME = "Kingston upon Thames and Richmond Community Healthcare NHS Foundation Trust";

/** Charts render on the server as plain SVG, so a strict CSP (no inline styles) holds (docs/decisions/004-charts.md). */
describe("charts as server-rendered SVG", () => {
  const charts = {
    grouped: createElement(GroupedBarChart, {
      title: "Students by university",
      summary: "Figures.",
      series: [
        { key: "demand", label: "Requested", colour: "#005eb8" },
        { key: "unmet", label: "Unmet", colour: "#d5281b" },
      ],
      groups: [
        { label: LONG_NAME, values: { demand: 120, unmet: 30 } },
        { label: "Short", values: { demand: 4, unmet: 0 } },
      ],
    }),
    ratios: createElement(RatioBarChart, {
      title: "Fair-share ratio before and after this run",
      red: 0.8,
      amber: 1,
      beforeLabel: "before this run",
      rows: [
        { label: LONG_NAME, ratio: 1.2, band: "green", before: 0.5 },
        { label: "Short Trust", ratio: null, band: null, before: null },
      ],
    }),
    timeline: createElement(CapacityTimelineChart, {
      title: "Physiotherapy",
      buckets: timelineBuckets(2026, "week"),
      points: timelineBuckets(2026, "week").map((_, index) => ({ offered: index % 7, taken: index % 3 })),
      peak: 6,
      view: "week",
    }),
    legend: createElement(CapacityTimelineLegend),
  };

  it.each(Object.entries(charts))("%s has no style attributes", (_name, chart) => {
    expect(renderToStaticMarkup(chart)).not.toMatch(/\sstyle=/);
  });

  it("draws at its own pixel size, named with its figures, and keeps long names whole in tooltips", () => {
    for (const chart of [charts.grouped, charts.ratios]) {
      const html = renderToStaticMarkup(chart);
      expect(html).toMatch(/<svg width="\d+" height="\d+" viewBox="0 0 \d+ \d+" role="img" aria-label="[^"]+\. [^"]+"/);
      expect(html).toContain(`<title>${LONG_NAME}</title>`);
      expect(html).toContain("…");
    }
  });

  it("writes values over bars while they stay legible, and leaves longer ones to the tooltip", () => {
    const chart = (demand: number) =>
      renderToStaticMarkup(
        createElement(GroupedBarChart, {
          title: "Students",
          summary: "Figures.",
          series: [{ key: "demand", label: "Requested", colour: "#005eb8" }],
          groups: [{ label: "Physiotherapy", values: { demand } }],
        }),
      );
    expect(chart(4210)).toMatch(/<text[^>]*font-size="7"[^>]*>4210<\/text>/);
    const large = chart(42_100);
    expect(large).not.toMatch(/>42100<\/text>/);
    expect(large).toContain("<title>Physiotherapy, Requested: 42100</title>");
  });

  it("describes a before-and-after chart in words", () => {
    const html = renderToStaticMarkup(charts.ratios);
    expect(html).toContain("0.50 before, 1.20 after (green)");
    expect(html).toContain("Grey bar: before this run.");
    expect(html).toContain("no fair share");
  });
});
