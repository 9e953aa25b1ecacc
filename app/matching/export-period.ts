import { academicYearRange } from "~/vocabulary/academic-year";

/** "2026/27" or "2026" (an academic year), or "2027-01-01..2027-03-31" (inclusive dates). */
export function parsePeriod(text: string): { start: Date; end: Date } | null {
  const year = /^(\d{4})(?:\/(\d{2}))?$/.exec(text);
  if (year) {
    const first = Number(year[1]);
    if (year[2] && Number(year[2]) !== (first + 1) % 100) return null;
    return academicYearRange(first);
  }
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (!range) return null;
  const start = new Date(`${range[1]}T00:00:00Z`);
  const end = new Date(`${range[2]}T00:00:00Z`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end < start) return null;
  return { start, end };
}
