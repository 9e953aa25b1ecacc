// Geometry shared by the SVG charts (docs/decisions/004-charts.md). Charts are laid out on the
// server, where nothing can be measured, so text widths are estimated from the metrics of Arial
// (the site's font; Liberation Sans and Helvetica share them) with a margin to spare.

const NARROW = new Set([..."iIjlft.,;:!|'()[]- "]);
const WIDE = new Set([..."mwMW@%…"]);

/** Estimated width in pixels of a line of text. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let ems = 0;
  for (const char of text) {
    if (NARROW.has(char)) ems += 0.3;
    else if (WIDE.has(char)) ems += 0.95;
    else if (char === "r") ems += 0.34;
    else if (char >= "A" && char <= "Z") ems += 0.73;
    else ems += 0.56;
  }
  return ems * fontSize * (bold ? 1.12 : 1.06);
}

/**
 * Text fitted to a width: wrapped at spaces onto at most `maxLines` lines; what still does not
 * fit is cut with "…" (`truncated` then says so, and the chart shows the full text as a tooltip).
 */
export function fitLabel(text: string, maxWidth: number, fontSize: number, maxLines = 1, bold = false): { lines: string[]; truncated: boolean } {
  // A chart fits the same names on every view, cutting a long one a character at a time: kept per label and
  // size (at most MAX_FITTED_LABELS, then started afresh). Each caller gets its own lines.
  const key = `${maxWidth}|${fontSize}|${maxLines}|${bold ? 1 : 0}|${text}`;
  let fitted = fittedLabels.get(key);
  if (!fitted) {
    fitted = fitLabelAnew(text, maxWidth, fontSize, maxLines, bold);
    if (fittedLabels.size >= MAX_FITTED_LABELS) fittedLabels.clear();
    fittedLabels.set(key, fitted);
  }
  return { lines: [...fitted.lines], truncated: fitted.truncated };
}

const fittedLabels = new Map<string, { lines: string[]; truncated: boolean }>();
export const MAX_FITTED_LABELS = 2000;

export function fitLabelAnew(text: string, maxWidth: number, fontSize: number, maxLines = 1, bold = false): { lines: string[]; truncated: boolean } {
  const fits = (line: string) => textWidth(line, fontSize, bold) <= maxWidth;
  const cut = (line: string) => {
    let kept = line;
    while (kept.length > 0 && !fits(`${kept}…`)) kept = kept.slice(0, -1);
    return `${kept.trimEnd()}…`;
  };
  let rest = text.trim().split(/\s+/).filter(Boolean);
  if (rest.length === 0) return { lines: [""], truncated: false };
  const lines: string[] = [];
  while (rest.length > 0 && lines.length < maxLines) {
    let count = 1;
    while (count < rest.length && fits(rest.slice(0, count + 1).join(" "))) count += 1;
    const last = lines.length === maxLines - 1;
    lines.push((last ? rest : rest.slice(0, count)).join(" "));
    rest = last ? [] : rest.slice(count);
  }
  let truncated = false;
  const fitted = lines.map((line) => {
    if (fits(line)) return line;
    truncated = true;
    return cut(line);
  });
  return { lines: fitted, truncated };
}

/** Maps 0…max onto a pixel range; values outside 0…max are held at its ends. */
export function linearScale(max: number, from: number, to: number): (value: number) => number {
  const span = max > 0 ? max : 1;
  return (value: number) => from + (Math.min(Math.max(value, 0), span) / span) * (to - from);
}

/** Whole-number axis ticks from 0 in steps of 1, 2 or 5 × 10ⁿ, the last at or above `max`. */
export function niceTicks(max: number, intervals = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / intervals;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((multiple) => multiple * magnitude).find((candidate) => candidate >= raw) ?? 10 * magnitude);
  const count = Math.ceil(max / step);
  return Array.from({ length: count + 1 }, (_, index) => index * step);
}

/** Every how many-th of evenly spaced labels to show so that none overlaps the next. */
export function labelStride(labels: readonly string[], spacing: number, fontSize: number, gap = 6): number {
  const widest = Math.max(0, ...labels.map((label) => textWidth(label, fontSize)));
  return Math.max(1, Math.ceil((widest + gap) / Math.max(spacing, 1)));
}
