import { toNumber } from './tables';

/** What streamSpan reads of a run and its write of a dataset. */
export const STREAM_RUN_COLUMNS = [
  'r.state',
  'r.state_time',
  'r.started_at',
  'r.first_event_time',
  'r.ended_at',
  'r.active_time',
  'r.updated_at',
  'io.event_time',
  'io.written_until',
];

/** A time a stream wrote throughout. */
export type Span = { from: number; to: number };

/** The columns of a stream's run and its write of a dataset a span is read from. */
export type StreamRunRow = {
  state: string;
  state_time: unknown;
  started_at: unknown;
  first_event_time: unknown;
  ended_at: unknown;
  active_time: unknown;
  updated_at: unknown;
  event_time: unknown;
  written_until: unknown;
};

/** What a stream's run wrote (see streamingWrites); undefined if nothing. */
export function streamSpan(row: StreamRunRow): Span | undefined {
  const stateTime = toNumber(row.state_time);
  const failed = row.state === 'FAIL' || row.state === 'ABORT';
  const lastWrite = failed
    ? lastWriteBeforeFailure(row, stateTime)
    : Math.max(toNumber(row.event_time), stateTime);
  if (lastWrite === undefined) return undefined;
  const started = toNumber(row.started_at ?? row.first_event_time);
  const to = Math.min(
    lastWrite,
    toNumber(row.updated_at),
    row.ended_at === null ? Infinity : toNumber(row.ended_at),
  );
  if (failed && to <= started) return undefined;
  return { from: Math.min(started, to), to };
}

/**
 * When a failed stream last wrote: its last event before the failure that
 * named the output or was a START or RUNNING; undefined if none did.
 */
function lastWriteBeforeFailure(
  row: { written_until: unknown; active_time: unknown },
  failedAt: number,
): number | undefined {
  const times = [row.written_until, row.active_time]
    .filter(time => time !== null && time !== undefined)
    .map(time => toNumber(time))
    .filter(time => time <= failedAt);
  return times.length > 0 ? Math.max(...times) : undefined;
}
