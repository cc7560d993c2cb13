import type { LogicalType } from './DataContract';
import { parseIsoDateTime } from './parseIsoDateTime';

/** A bound on a property's values, on one side, read from its type options. */
export type ValueBound = {
  /** Comparable: the number itself, or a date's time in milliseconds. */
  at: number;
  exclusive: boolean;
  /** As the contract writes it, with the sign it bounds by. */
  text: string;
};

export type BoundSide = 'lower' | 'upper';

/** The options that write a bound on each side, inclusive then exclusive. */
export const BOUND_KEYS: Record<BoundSide, [string, string]> = {
  lower: ['minimum', 'exclusiveMinimum'],
  upper: ['maximum', 'exclusiveMaximum'],
};

/** How a bound reads on each side: inclusive, then exclusive. */
const SIGNS: Record<BoundSide, [string, string]> = {
  lower: ['≥', '>'],
  upper: ['≤', '<'],
};

/**
 * A number, or the ISO 8601 text ODCS bounds a date, timestamp or time by;
 * undefined if neither. Other types' text (a number's `"100"`) is no date.
 */
function comparableOf(
  value: unknown,
  logicalType: LogicalType | undefined,
): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  switch (logicalType) {
    case 'date':
    case 'timestamp':
      return parseIsoDateTime(value);
    // A time of day, as that time on one day: times compare with times.
    case 'time':
      return parseIsoDateTime(`1970-01-01T${value.trim()}`);
    default:
      return undefined;
  }
}

/** Whether `a` admits fewer values than `b` on `side`. */
export function isTighterBound(a: ValueBound, b: ValueBound, side: BoundSide) {
  if (a.at !== b.at) return side === 'lower' ? a.at > b.at : a.at < b.at;
  return a.exclusive && !b.exclusive;
}

/**
 * A property's bound on one side: ODCS v3.0 writes `minimum` with an
 * `exclusiveMinimum` flag, v3.1 an `exclusiveMinimum` value of its own; with
 * both, the tighter. Undefined without one; `unreadable` for a value that is
 * neither a number nor, for `logicalType`, a date or time (it cannot be
 * compared with another).
 */
export function valueBoundOf(
  options: Record<string, unknown>,
  side: BoundSide,
  logicalType: LogicalType | undefined,
): ValueBound | 'unreadable' | undefined {
  const [inclusiveKey, exclusiveKey] = BOUND_KEYS[side];
  const inclusive = options[inclusiveKey];
  const exclusive = options[exclusiveKey];
  const written: Array<[unknown, boolean]> = [];
  if (inclusive !== undefined) written.push([inclusive, exclusive === true]);
  if (exclusive !== undefined && typeof exclusive !== 'boolean') {
    written.push([exclusive, true]);
  }
  let bound: ValueBound | undefined;
  for (const [value, isExclusive] of written) {
    const at = comparableOf(value, logicalType);
    if (at === undefined) return 'unreadable';
    const sign = SIGNS[side][isExclusive ? 1 : 0];
    const read = {
      at,
      exclusive: isExclusive,
      text: `${sign} ${JSON.stringify(value)}`,
    };
    if (!bound || isTighterBound(read, bound, side)) bound = read;
  }
  return bound;
}
