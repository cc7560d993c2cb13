const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The last millisecond of the UTC day `days` after `now`: what "expiring
 * within so many days" reaches, as exemptions are granted through a whole
 * UTC day (a default 30-day grant ends on the 30th day's last millisecond,
 * some hours past `now` plus 30 days).
 */
export function endOfUtcDayIn(days: number, now: number): number {
  return (Math.floor((now + days * DAY_MS) / DAY_MS) + 1) * DAY_MS - 1;
}
