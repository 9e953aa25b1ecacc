/**
 * When a daily job runs next: today at hourUtc:minuteUtc if that moment is still ahead of `now`,
 * otherwise tomorrow at that time.
 *
 * "Still ahead" is strict. A job runs at or after its time, so when it schedules its successor the
 * answer is always tomorrow and it never schedules itself again; a node starting before the hour
 * gets today's run rather than skipping a day.
 */
export function nextDailyRun(now: Date, hourUtc: number, minuteUtc = 0): Date {
  // Counted with Date.UTC rather than date-fns' addDays, which keeps the local wall-clock time and
  // so would move a UTC hour by one across a daylight-saving change on a server outside UTC.
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc, minuteUtc);
  if (today > now.getTime()) return new Date(today);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, hourUtc, minuteUtc));
}
