import { Knex } from 'knex';
import { chunks, toNumber } from './tables';
import { EventPayload, eventPayloadText } from './eventPayload';
import { pastKey } from './pastKey';

/** A window of events to read a page of, from `cursor` if given. */
export type EventsQuery = {
  after?: number;
  before?: number;
  cursor?: { time: number; id: number };
  limit: number;
};

/** A page of events, and the cursor of the next one, if any. */
export type EventsPage = {
  payloads: string[];
  next?: { time: number; id: number };
};

/**
 * Events of a time window by their `eventTime`, oldest first, a page at a
 * time, as stored (their JSON text): at most `limit` of them and about
 * `maxBytes` in all, so that a page of a thousand events of
 * megabytes each is not held in memory whole; one at least, however
 * large. One received after its page was read, stamped earlier, is found
 * by reading the window again, not in a later page.
 */
export async function readEvents(
  db: Knex,
  maxBytes: number,
  options: EventsQuery,
): Promise<EventsPage> {
  let cursor = options.cursor;
  for (;;) {
    const page = await eventsPage(db, maxBytes, { ...options, cursor });
    // Retention deleted the whole page between reading its keys and its
    // payloads: an empty page with a next one would end a client's walk
    // early, so the next is read instead, until one holds events or the
    // window has none left.
    if (page.payloads.length > 0 || !page.next) return page;
    cursor = page.next;
  }
}

/** One page of `readEvents`, which retention may have emptied. */
async function eventsPage(
  db: Knex,
  maxBytes: number,
  options: EventsQuery,
): Promise<EventsPage> {
  let query = db('lineage_events')
    .orderBy([
      { column: 'event_time', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(options.limit + 1)
    .select('id', 'event_time', db.raw('octet_length(payload) as bytes'));
  if (options.after !== undefined) {
    query = query.where('event_time', '>=', options.after);
  }
  if (options.before !== undefined) {
    query = query.where('event_time', '<', options.before);
  }
  const cursor = options.cursor;
  if (cursor) {
    query = query.where(
      pastKey('>', ['event_time', cursor.time], ['id', cursor.id]),
    );
  }
  const rows = await query;
  const page: typeof rows = [];
  let bytes = 0;
  for (const row of rows.slice(0, options.limit)) {
    bytes += toNumber(row.bytes);
    if (page.length > 0 && bytes > maxBytes) break;
    page.push(row);
  }
  // Sized again by their text, as a deflated payload's stored size is
  // less: inflated in order up to the size, and read a part at a time.
  const payloads: string[] = [];
  let kept = 0;
  let textBytes = 0;
  let full = false;
  for (const part of chunks(page, 500)) {
    if (full) break;
    const found = await db('lineage_events')
      .whereIn(
        'id',
        part.map(row => row.id),
      )
      .select('id', 'payload');
    const payloadById = new Map<number, EventPayload>(
      found.map(row => [toNumber(row.id), row.payload]),
    );
    for (const row of part) {
      // Retention may have deleted an event since its key was read.
      const stored = payloadById.get(toNumber(row.id));
      if (stored !== undefined) {
        const text = eventPayloadText(stored);
        textBytes += Buffer.byteLength(text);
        full = payloads.length > 0 && textBytes > maxBytes;
        if (full) break;
        payloads.push(text);
      }
      kept++;
    }
  }
  const last = page[kept - 1];
  return {
    payloads,
    next:
      rows.length > kept && last
        ? { time: toNumber(last.event_time), id: toNumber(last.id) }
        : undefined,
  };
}
