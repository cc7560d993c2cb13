import { deflateRawSync, inflateRawSync } from 'zlib';

/**
 * An event's JSON text as stored: the text itself on Postgres, which
 * compresses long values on its own (TOAST), or that text deflated on
 * SQLite, which does not: a tenth to a third of the bytes to write, sync,
 * checkpoint and keep.
 */
export type EventPayload = string | Uint8Array;

/**
 * The text deflated (raw DEFLATE, fastest level: the ratio of the others
 * is hardly better for a few KB of JSON), in a buffer of its own: passed
 * between threads, a view is copied with its whole backing buffer.
 */
export function deflateEventPayload(text: string): Uint8Array {
  return new Uint8Array(deflateRawSync(text, { level: 1 }));
}

/** The event's JSON text, whichever form it was stored in. */
export function eventPayloadText(payload: EventPayload): string {
  return typeof payload === 'string'
    ? payload
    : inflateRawSync(payload).toString();
}

/** The payload in the form the database keeps: deflated or text. */
export function storedEventPayload(
  payload: EventPayload,
  deflated: boolean,
): EventPayload {
  if (typeof payload === 'string') {
    return deflated ? deflateEventPayload(payload) : payload;
  }
  return deflated ? payload : eventPayloadText(payload);
}
