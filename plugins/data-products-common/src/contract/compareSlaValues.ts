import type { SlaProperty } from './DataContract';
import { parseIsoDateTime } from './parseIsoDateTime';

/*
 * Compares two values of the same SLA property after normalising units, so
 * that `1 d` and `24 hours` are equal and `4 days` → `1 y` of retention is
 * longer. Only properties whose better direction is known are ranked.
 */

const MS = new Map<string, number>();
for (const [ms, spellings] of [
  [1, ['ms', 'millisecond', 'milliseconds']],
  [1000, ['s', 'sec', 'secs', 'second', 'seconds']],
  [60_000, ['m', 'min', 'mins', 'minute', 'minutes']],
  [3_600_000, ['h', 'hr', 'hrs', 'hour', 'hours']],
  [86_400_000, ['d', 'day', 'days']],
  [604_800_000, ['w', 'wk', 'wks', 'week', 'weeks']],
  [2_592_000_000, ['mo', 'mon', 'month', 'months']],
  [31_536_000_000, ['y', 'yr', 'yrs', 'year', 'years']],
] as const) {
  for (const spelling of spellings) {
    MS.set(spelling, ms);
  }
}

type Kind = 'duration' | 'percentage' | 'date' | 'timeOfDay';

/** What a property measures and which way is better for consumers. */
const PROPERTIES = new Map<string, { kind: Kind; better: 'lower' | 'higher' }>([
  ['latency', { kind: 'duration', better: 'lower' }],
  ['frequency', { kind: 'duration', better: 'lower' }],
  ['timetodetect', { kind: 'duration', better: 'lower' }],
  ['timetonotify', { kind: 'duration', better: 'lower' }],
  ['timetorepair', { kind: 'duration', better: 'lower' }],
  ['retention', { kind: 'duration', better: 'higher' }],
  ['availability', { kind: 'percentage', better: 'higher' }],
  ['endofsupport', { kind: 'date', better: 'higher' }],
  ['endoflife', { kind: 'date', better: 'higher' }],
  ['timeofavailability', { kind: 'timeOfDay', better: 'lower' }],
]);

function toNumber(value: unknown): number | undefined {
  const n =
    typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** ISO 8601's designators, in order, with the spellings above they mean. */
const ISO_DURATION =
  /^P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$/i;
const ISO_UNITS = ['y', 'mo', 'w', 'd', 'h', 'm', 's'];

/** `PT1H`, `P1DT12H` in milliseconds; undefined when not such a duration. */
function isoDurationMs(text: string): number | undefined {
  const match = ISO_DURATION.exec(text);
  if (!match || !match.slice(1).some(Boolean)) return undefined;
  let total = 0;
  for (const [index, amount] of match.slice(1).entries()) {
    if (amount === undefined) continue;
    const value = Number(amount);
    if (!Number.isFinite(value)) return undefined;
    total += value * MS.get(ISO_UNITS[index])!;
  }
  return total;
}

/**
 * `4` + `d`, `"4 days"`/`"30m"` without a unit, or an ISO 8601 duration
 * (`PT1H`), in milliseconds.
 */
function durationMs(sla: SlaProperty): number | undefined {
  const iso = isoDurationMs(String(sla.value).trim());
  if (iso !== undefined) return iso;
  const inline = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(String(sla.value).trim());
  const amount = inline ? Number(inline[1]) : toNumber(sla.value);
  const unit = inline ? inline[2] : sla.unit;
  const ms = unit === undefined ? undefined : MS.get(unit.trim().toLowerCase());
  return amount === undefined || ms === undefined ? undefined : amount * ms;
}

/** `09:00-08:00` (a time with its UTC offset) in minutes after midnight UTC. */
function minutesUtc(value: unknown): number | undefined {
  const match =
    /^(\d{1,2}):(\d{2})(?::\d{2})?\s*(?:(Z)|([+-])(\d{2}):?(\d{2})?)?$/i.exec(
      String(value).trim(),
    );
  if (!match) {
    return undefined;
  }
  const [, hours, minutes, , sign, offsetHours = '0', offsetMinutes = '0'] =
    match;
  const offset =
    (sign === '-' ? -1 : 1) *
    (Number(offsetHours) * 60 + Number(offsetMinutes));
  return Number(hours) * 60 + Number(minutes) - offset;
}

function measure(kind: Kind, sla: SlaProperty): number | undefined {
  switch (kind) {
    case 'duration':
      return durationMs(sla);
    case 'percentage':
      return toNumber(String(sla.value).replace(/%\s*$/, ''));
    case 'date':
      return parseIsoDateTime(String(sla.value));
    default:
      return minutesUtc(sla.value);
  }
}

/**
 * `weaker` when consumers get less than before: longer latency or update
 * interval, shorter retention, lower availability, an earlier end of support
 * or life, data available later in the day. `unknown` when the property is
 * not one of those or a value cannot be read.
 */
export function compareSlaValues(
  before: SlaProperty,
  after: SlaProperty,
): 'weaker' | 'stronger' | 'same' | 'unknown' {
  const rule = PROPERTIES.get(before.property.toLowerCase());
  if (!rule) {
    return 'unknown';
  }
  const a = measure(rule.kind, before);
  const b = measure(rule.kind, after);
  if (a === undefined || b === undefined) {
    return 'unknown';
  }
  let delta = b - a;
  if (rule.kind === 'timeOfDay') {
    // Clock times wrap: 23:00 → 01:00 is two hours later, not 22 earlier.
    delta = ((((delta + 720) % 1440) + 1440) % 1440) - 720;
  }
  if (delta === 0) {
    return 'same';
  }
  return delta > 0 === (rule.better === 'higher') ? 'stronger' : 'weaker';
}
