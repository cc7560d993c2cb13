/**
 * The latest event time of `events`, -Infinity for none. A loop, not
 * `Math.max(...times)`, which overflows the stack past about 100,000.
 */
export function latestEventTime(
  events: ReadonlyArray<{ eventTimeMs: number }>,
) {
  return events.reduce(
    (latest, event) => Math.max(latest, event.eventTimeMs),
    -Infinity,
  );
}
