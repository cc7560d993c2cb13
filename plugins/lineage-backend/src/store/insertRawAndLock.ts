import { Knex } from 'knex';
import { EVENT_COLUMNS } from './bulkColumns';
import { storedEventPayload } from './eventPayload';
import {
  insertEventsAndLockRows,
  LockedRows,
  LockRequest,
} from './insertEventsAndLockRows';
import { PreparedEvent } from './prepareEvent';

/**
 * Stores the events not seen before, and reads the stored rows the merges
 * start from (locked on Postgres). Returns the new events, in batch order. The
 * insert itself tells which are new, so a concurrent transaction storing
 * the same event makes it a duplicate here, not a second fresh copy.
 */
export async function insertRawAndLock(
  tx: Knex.Transaction,
  events: PreparedEvent[],
  now: number,
  lock: LockRequest,
  deflatesPayloads: boolean,
): Promise<{
  fresh: PreparedEvent[];
  isFresh: boolean[];
  locked: LockedRows;
}> {
  const firstOf = new Map<string, number>();
  const hashes: string[] = [];
  const rows: unknown[][] = [];
  events.forEach((event, index) => {
    const { kind, eventTimeMs, payload, payloadHash: hash } = event;
    hashes.push(hash);
    if (firstOf.has(hash)) return;
    firstOf.set(hash, index);
    rows.push([
      hash,
      kind,
      kind === 'run' ? event.eventType ?? null : null,
      eventTimeMs,
      now,
      event.run?.runId ?? null,
      event.job?.namespace ?? null,
      event.job?.name ?? null,
      storedEventPayload(payload, deflatesPayloads),
    ]);
  });
  const { inserted, locked } = await insertEventsAndLockRows(
    tx,
    {
      table: 'lineage_events',
      columns: EVENT_COLUMNS,
      rows,
      conflict: ['event_time', 'event_hash'],
      returning: ['event_hash'],
    },
    lock,
    now,
  );
  const stored = new Set(inserted.map(row => row.event_hash));
  const fresh: PreparedEvent[] = [];
  const isFresh = events.map((event, index) => {
    const hash = hashes[index];
    if (firstOf.get(hash) !== index || !stored.has(hash)) return false;
    fresh.push(event);
    return true;
  });
  return { fresh, isFresh, locked };
}
