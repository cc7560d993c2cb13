import { InputError } from '@backstage/errors';
import { z } from 'zod';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An ISO 8601 date-time, or a date (its start), of a real day: Date.parse
 * reads `1` as 2001 and rolls February 30 to March.
 */
const isoTime = z.union([
  z.iso.datetime({ offset: true, local: true }),
  z.iso.date(),
]);
const ZONE = /(?:Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function timeParam(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = isoTime.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      `${name}: expected an ISO 8601 date or date-time such as 2024-06-01 or 2024-06-01T00:00:00Z (got ${JSON.stringify(
        value,
      )})`,
    );
  }
  const text = parsed.data;
  // Without a zone, UTC: Date.parse would read the server's own.
  if (DATE_ONLY.test(text)) return Date.parse(`${text}T00:00:00Z`);
  return Date.parse(ZONE.test(text) ? text : `${text}Z`);
}

/**
 * The window of a history query: `to` (default now) and `from` (default 30
 * days before `to`, whichever `to` is); a 400 when `from` is after `to`.
 */
export function historyWindow(
  query: { from?: unknown; to?: unknown },
  now = Date.now(),
): { from: number; to: number } {
  const to = timeParam(query.to, 'to', now);
  const from = timeParam(query.from, 'from', to - 30 * DAY_MS);
  if (from > to) {
    throw new InputError(
      `from: expected a time no later than to (got ${JSON.stringify(
        query.from,
      )}, to ${new Date(to).toISOString()})`,
    );
  }
  return { from, to };
}
