import { InputError } from '@backstage/errors';
import { parseQueryTime } from '@meshwork/plugin-lineage-common';

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The time a parameter names; a date alone is its start in UTC or, with
 * `endOfDay` (for `to`, so that `to=<today>` takes in today), its last
 * millisecond.
 */
function timeParam(
  value: unknown,
  name: string,
  fallback: number,
  options: { endOfDay?: boolean } = {},
): number {
  if (value === undefined) return fallback;
  const time = typeof value === 'string' ? parseQueryTime(value) : undefined;
  if (time !== undefined && options.endOfDay && DATE.test(value as string)) {
    return time + DAY_MS - 1;
  }
  if (time === undefined) {
    throw new InputError(
      `${name}: expected an ISO 8601 date or date-time such as 2024-06-01 or 2024-06-01T00:00:00Z (got ${JSON.stringify(
        value,
      )})`,
    );
  }
  return time;
}

/**
 * The window of a history query: `to` (default now; a date alone is the
 * end of that UTC day) and `from` (default 30 days before `to`, whichever
 * `to` is: a date alone as `to` gives its 30 whole days, not a 31st's last
 * millisecond; a date alone as `from` is its start); a 400 when `from` is
 * after `to`.
 */
export function historyWindow(
  query: { from?: unknown; to?: unknown },
  now = Date.now(),
): { from: number; to: number } {
  const to = timeParam(query.to, 'to', now, { endOfDay: true });
  const from = timeParam(query.from, 'from', to - 30 * DAY_MS + 1);
  if (from > to) {
    throw new InputError(
      `from: expected a time no later than to (got ${JSON.stringify(
        query.from,
      )}, to ${new Date(to).toISOString()})`,
    );
  }
  return { from, to };
}
