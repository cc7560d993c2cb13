/** Where a name's words and segments meet: paths, dotted names, topics. */
const BOUNDARY = /[/.:_-]/;

/**
 * A dataset's or job's name shortened to at most `maxLength` characters by
 * keeping its end, behind a leading ellipsis: names sharing a warehouse
 * directory or a database (`/warehouse/sales.db/…`, `db.schema.…`) differ
 * in their last segment, the file or table. The cut moves forward to the
 * next word or segment when that loses at most half of what is kept.
 */
export function shortNodeLabel(name: string, maxLength: number): string {
  // Code points, so that the cut never splits a surrogate pair.
  const chars = Array.from(name);
  if (chars.length <= maxLength) return name;
  // The ellipsis alone when that is all there is room for, or less.
  const kept = Math.max(0, maxLength - 1);
  // Not slice(-kept): slice(-0) keeps everything.
  const tail = chars.slice(chars.length - kept);
  if (BOUNDARY.test(chars[chars.length - kept - 1])) {
    return `…${tail.join('')}`;
  }
  const boundary = tail.findIndex(c => BOUNDARY.test(c));
  const start = boundary !== -1 && boundary < kept / 2 ? boundary + 1 : 0;
  return `…${tail.slice(start).join('')}`;
}
