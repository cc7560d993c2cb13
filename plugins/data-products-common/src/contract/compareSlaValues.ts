import type { SlaProperty } from './DataContract';
import { parseIsoDateTime } from './parseIsoDateTime';

/*
 * Compares two values of the same SLA property after normalising units, so
 * that `1 d` and `24 hours` are equal, `1 y` and `12 months` are equal and
 * `4 days` → `1 y` of retention is longer. Only properties whose better
 * direction is known are ranked.
 */

/** Units of a fixed length. */
const MS = new Map<string, number>();
for (const [ms, spellings] of [
  [1, ['ms', 'millisecond', 'milliseconds']],
  [1000, ['s', 'sec', 'secs', 'second', 'seconds']],
  [60_000, ['m', 'min', 'mins', 'minute', 'minutes']],
  [3_600_000, ['h', 'hr', 'hrs', 'hour', 'hours']],
  [86_400_000, ['d', 'day', 'days']],
  [604_800_000, ['w', 'wk', 'wks', 'week', 'weeks']],
] as const) {
  for (const spelling of spellings) {
    MS.set(spelling, ms);
  }
}

/** Calendar units, in months: their length in days depends on the month. */
const MONTHS = new Map<string, number>();
for (const [months, spellings] of [
  [1, ['mo', 'mon', 'month', 'months']],
  [12, ['y', 'yr', 'yrs', 'year', 'years']],
] as const) {
  for (const spelling of spellings) {
    MONTHS.set(spelling, months);
  }
}

/** A length of time: calendar months plus a fixed number of milliseconds. */
type Duration = { months: number; ms: number };

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

/**
 * ISO 8601's designators, in order, with the spellings above they mean. A
 * `T` must be followed by at least one time part: `P1DT` is not a duration.
 */
const ISO_DURATION =
  /^P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?(?:T(?=[\d.])(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$/i;
const ISO_UNITS = ['y', 'mo', 'w', 'd', 'h', 'm', 's'];

/** `1 y` or `3 months` in months, `2 d` in milliseconds. */
function inUnit(amount: number, unit: string): Duration | undefined {
  const spelling = unit.trim().toLowerCase();
  const months = MONTHS.get(spelling);
  if (months !== undefined) return { months: amount * months, ms: 0 };
  const ms = MS.get(spelling);
  return ms === undefined ? undefined : { months: 0, ms: amount * ms };
}

/** `PT1H`, `P1DT12H`, `P1Y2M`; undefined when not such a duration. */
function isoDuration(text: string): Duration | undefined {
  const match = ISO_DURATION.exec(text);
  if (!match || !match.slice(1).some(Boolean)) return undefined;
  const total = { months: 0, ms: 0 };
  for (const [index, amount] of match.slice(1).entries()) {
    if (amount === undefined) continue;
    const value = Number(amount);
    if (!Number.isFinite(value)) return undefined;
    const part = inUnit(value, ISO_UNITS[index])!;
    total.months += part.months;
    total.ms += part.ms;
  }
  return total;
}

/**
 * `4` + `d`, `"4 days"`/`"30m"` without a unit, or an ISO 8601 duration
 * (`PT1H`).
 */
function duration(sla: SlaProperty): Duration | undefined {
  const iso = isoDuration(String(sla.value).trim());
  if (iso !== undefined) return iso;
  const inline = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(String(sla.value).trim());
  const amount = inline ? Number(inline[1]) : toNumber(sla.value);
  const unit = inline ? inline[2] : sla.unit;
  return amount === undefined || unit === undefined
    ? undefined
    : inUnit(amount, unit);
}

const DAY_MS = 86_400_000;

/** Days in each month of the Gregorian calendar's 400-year cycle. */
const CYCLE_MONTH_DAYS = Array.from({ length: 4800 }, (_, index) =>
  new Date(
    Date.UTC(2000 + Math.floor(index / 12), (index % 12) + 1, 0),
  ).getUTCDate(),
);
const CYCLE_DAYS = 146_097;

/**
 * The shortest and longest `months` consecutive months can be, in
 * milliseconds: 1 month is 28 to 31 days, 12 months 365 or 366. A fraction
 * of a month is counted as a fraction of the shortest and the longest month.
 */
function monthsMsRange(months: number): [number, number] {
  const whole = Math.floor(months);
  const cycles = Math.floor(whole / 4800);
  const rest = whole % 4800;
  let min = Infinity;
  let max = -Infinity;
  let days = 0;
  for (let i = 0; i < rest; i++) days += CYCLE_MONTH_DAYS[i];
  // Slide a window of `rest` months once round the cycle.
  for (let start = 0; start < 4800; start++) {
    min = Math.min(min, days);
    max = Math.max(max, days);
    days += CYCLE_MONTH_DAYS[(start + rest) % 4800] - CYCLE_MONTH_DAYS[start];
  }
  const fraction = months - whole;
  return [
    (cycles * CYCLE_DAYS + min + fraction * 28) * DAY_MS,
    (cycles * CYCLE_DAYS + max + fraction * 31) * DAY_MS,
  ];
}

/**
 * How much longer `b` is than `a` (only its sign is read): months against
 * months are counted in months, so `P1Y` equals `P12M`; calendar months set
 * against fixed units give the least and the most it can be over every
 * start date.
 */
function durationDelta(a: Duration, b: Duration): number | [number, number] {
  const months = b.months - a.months;
  const ms = b.ms - a.ms;
  if (months === 0) return ms;
  if (ms === 0) return months;
  const [shortest, longest] = monthsMsRange(Math.abs(months));
  return months > 0
    ? [shortest + ms, longest + ms]
    : [ms - longest, ms - shortest];
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

/** How much higher `after` is than `before`, as `durationDelta` says it. */
function delta(
  kind: Kind,
  before: SlaProperty,
  after: SlaProperty,
): number | [number, number] | undefined {
  if (kind === 'duration') {
    const a = duration(before);
    const b = duration(after);
    return a && b && durationDelta(a, b);
  }
  const measure = {
    percentage: (sla: SlaProperty) =>
      toNumber(String(sla.value).replace(/%\s*$/, '')),
    date: (sla: SlaProperty) => parseIsoDateTime(String(sla.value)),
    timeOfDay: (sla: SlaProperty) => minutesUtc(sla.value),
  }[kind];
  const a = measure(before);
  const b = measure(after);
  if (a === undefined || b === undefined) return undefined;
  if (kind !== 'timeOfDay') return b - a;
  // Clock times wrap: 23:00 → 01:00 is two hours later, not 22 earlier.
  return ((((b - a + 720) % 1440) + 1440) % 1440) - 720;
}

/**
 * `weaker` when consumers get less than before: longer latency or update
 * interval, shorter retention, lower availability, an earlier end of support
 * or life, data available later in the day. `unknown` when the property is
 * not one of those or a value cannot be read.
 *
 * Months and years set against days, weeks or hours depend on the month,
 * so they are ranked only when the ranking holds for every start date:
 * `1 month` → `31 days` of latency is longer than a month of 28 to 30 days
 * and no shorter than any month, so weaker (consumers may get less, never
 * more); `1 month` → `30 days` is longer than February but shorter than
 * January, so `unknown`, for a person to judge.
 */
export function compareSlaValues(
  before: SlaProperty,
  after: SlaProperty,
): 'weaker' | 'stronger' | 'same' | 'unknown' {
  const rule = PROPERTIES.get(before.property.toLowerCase());
  if (!rule) {
    return 'unknown';
  }
  const change = delta(rule.kind, before, after);
  if (change === undefined) {
    return 'unknown';
  }
  const [least, most] = typeof change === 'number' ? [change, change] : change;
  if (least === 0 && most === 0) {
    return 'same';
  }
  if (least < 0 && most > 0) {
    return 'unknown';
  }
  return most > 0 === (rule.better === 'higher') ? 'stronger' : 'weaker';
}
