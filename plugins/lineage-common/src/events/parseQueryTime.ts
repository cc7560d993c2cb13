import { parseEventTime } from './parseEventTime';

/** An offset whose `+` came unencoded in a query string, as a space. */
const SPACED_OFFSET = / (\d{2}(?::?\d{2})?)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instant a query parameter names, in epoch milliseconds, or undefined
 * when it names none: a date-time as parseEventTime reads it (UTC without
 * a zone), also with its offset's `+` sent unencoded, or a date (its start,
 * in UTC).
 */
export function parseQueryTime(text: string): number | undefined {
  if (DATE.test(text)) return parseEventTime(`${text}T00:00Z`);
  // As written first: `2024-11-26 14:00` is a date and a time, not an offset.
  return (
    parseEventTime(text) ?? parseEventTime(text.replace(SPACED_OFFSET, '+$1'))
  );
}
