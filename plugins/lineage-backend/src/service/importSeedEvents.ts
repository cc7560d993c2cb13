import type { ParsedOpenLineageEvent } from '@meshwork/plugin-lineage-common';
import { OpenLineageEventStore } from '../store/OpenLineageEventStore';
import { shiftNominalTime } from './shiftNominalTime';
import { latestEventTime } from './latestEventTime';

const LAST_RUN_AGE_MS = 5 * 60_000;

/**
 * Loads example OpenLineage events (see `readSeedDirectory`) into an empty
 * store, shifted in time (with the runs' scheduled times) so the last one is
 * a few minutes old and SLOs measure something current. A store holding
 * anything is left alone: restarts do not load the seed again, nor does a
 * changed seed (whose events, moved to another time, would be new ones).
 * The seed is stored in one transaction, only while the store is empty
 * (two replicas starting together load it once): a start-up stopped
 * part-way, or a database refusing an event, leaves none of it, so the next
 * start loads it whole instead of taking a part for the seed.
 */
export async function importSeedEvents(options: {
  events: ParsedOpenLineageEvent[];
  store: OpenLineageEventStore;
  now?: number;
}): Promise<{
  imported: number;
  skipped: boolean;
  /** Whether the store holds the seed: loaded now or before. */
  present: boolean;
}> {
  const { events, store } = options;
  const skipped = async () => {
    const firstRun = events.find(e => e.event.run)?.event.run?.runId;
    return {
      imported: 0,
      skipped: true,
      present: firstRun !== undefined && (await store.hasRun(firstRun)),
    };
  };
  if (events.length === 0 || !(await store.isEmpty())) return skipped();
  const latest = latestEventTime(events);
  const shift = (options.now ?? Date.now()) - LAST_RUN_AGE_MS - latest;
  const shifted = events.map(({ event, kind, eventTimeMs }) => {
    const moved = {
      ...event,
      eventTime: new Date(eventTimeMs + shift).toISOString(),
      ...(event.run && {
        run: {
          ...event.run,
          facets: shiftNominalTime(event.run.facets, shift),
        },
      }),
    };
    return {
      kind,
      eventTimeMs: eventTimeMs + shift,
      event: moved,
      payload: JSON.stringify(moved),
    };
  });
  // Told again as it is stored: another replica may have loaded it since.
  if (!(await store.ingestIntoEmpty(shifted))) return skipped();
  return { imported: shifted.length, skipped: false, present: true };
}
