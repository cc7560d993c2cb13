/**
 * When a port was last written: its latest write or stream's end, -Infinity
 * if none. Folded, not spread into Math.max: a window may hold more writes
 * than a call takes arguments.
 */
export function lastWritten(
  writes: ReadonlyArray<{ time: number }>,
  streams: ReadonlyArray<{ to: number }>,
): number {
  let last = -Infinity;
  for (const write of writes) last = Math.max(last, write.time);
  for (const stream of streams) last = Math.max(last, stream.to);
  return last;
}
