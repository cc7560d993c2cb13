// ISO 8601 date-time: any fraction length (producers send nanoseconds), and a
// zone that is `Z`, an offset, or absent (then read as UTC, as Marquez does).
const EVENT_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?$/i;

/**
 * The instant of an OpenLineage `eventTime` in epoch milliseconds, or
 * undefined when it is not a date-time.
 */
export function parseEventTime(text: string): number | undefined {
  const match = EVENT_TIME.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  // A leap second (23:59:60) is read as the last instant of the second
  // before, so that it stays in its minute and day.
  const leap = second === '60';
  const millis = leap
    ? 999
    : Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC, which reads years 0 to 99 as 1900 to 1999.
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(
    Number(hour),
    Number(minute),
    leap ? 59 : Number(second ?? 0),
    millis,
  );
  const utc = date.getTime();
  const check = new Date(utc);
  if (
    Number.isNaN(utc) ||
    check.getUTCFullYear() !== Number(year) ||
    check.getUTCDate() !== Number(day) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second ?? 0) > 60
  ) {
    return undefined;
  }
  return utc - zoneOffsetMinutes(zone) * 60_000;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') {
    return 0;
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || 0);
  return sign * (hours * 60 + minutes);
}
