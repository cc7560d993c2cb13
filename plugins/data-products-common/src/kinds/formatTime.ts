/**
 * A time as shown to a reader: in their locale and time zone, with the zone
 * named (`3/1/2026, 4:10:00 AM UTC`, `2/28/2026, 11:10:00 PM EST`), so that
 * a time read out to someone elsewhere, or pasted into an incident, is not
 * taken for one of their own zone.
 */
export function formatTime(time: string | number | Date): string {
  return new Date(time).toLocaleString(undefined, { timeZoneName: 'short' });
}
