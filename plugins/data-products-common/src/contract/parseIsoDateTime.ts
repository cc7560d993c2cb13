// An ISO 8601 date, or date-time with `T` or (as ODCS's examples write it) a
// space, seconds and fraction optional, zone `Z`, an offset, or absent.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?)?$/i;

/**
 * The instant ISO 8601 text names, in epoch milliseconds, or undefined when
 * it is not such text. Without a zone it is read as UTC (ODCS's default
 * time zone), never the machine's, so that it reads alike everywhere;
 * `Date.parse` reads a date-time without one as local time, and reads much
 * that is no date (`"100"`, as the year 100).
 */
export function parseIsoDateTime(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map(field => Number(field ?? 0));
  const [fraction = '', zone] = match.slice(7);
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC, which reads years 0 to 99 as 1900 to 1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(
    hour,
    minute,
    second,
    Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  // A field out of range (30 February, minute 60) rolls over into the next.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute ||
    date.getUTCSeconds() !== second
  ) {
    return undefined;
  }
  return date.getTime() - offsetMinutes(zone) * 60_000;
}

/** `+05:30` → 330; `Z` or no zone → 0. */
function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes =
    Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
}
