const DAY = 86_400_000;
/** Long enough for a monthly read to count until the next month's. */
export const DEFAULT_READ_WINDOW_DAYS = 45;
/** Ten years: a window any schedule fits, far from overflowing a time. */
export const MAX_READ_WINDOW_DAYS = 3650;
/** How far ahead of this clock a producer's event times may be and count. */
const MAX_CLOCK_AHEAD_MS = DAY;

/**
 * How long a job may run without reading or writing a dataset before that
 * edge no longer counts as current (measured from the job's newest edge in
 * the dataset graph, from its newest write of a dataset in product
 * lineage); edges seen after `seenBy` are ahead of this clock.
 */
export type ReadWindow = { windowMs: number; seenBy: number };

export function readWindowOf(days: number, now: number): ReadWindow {
  // Whole milliseconds: Postgres refuses a fraction in a bigint comparison.
  return { windowMs: Math.round(days * DAY), seenBy: seenByAt(now) };
}

/** The latest event time that counts at `now`: later ones are ahead of this clock. */
export function seenByAt(now: number): number {
  return now + MAX_CLOCK_AHEAD_MS;
}
