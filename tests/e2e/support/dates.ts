/**
 * A calendar date (YYYY-MM-DD) this many days from today. Offers may start at most two years ahead,
 * so journeys that need dates no seeded data uses pick their own windows, far apart, within that.
 */
export function daysFromToday(days: number): string {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days)).toISOString().slice(0, 10);
}
