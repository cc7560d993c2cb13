import {
  IO_COLUMNS,
  RUN_IO_COLUMNS,
  RUN_IO_MEASUREMENTS,
  RUN_IO_TEXT_MEASUREMENTS,
} from './bulkColumns';
import { BulkColumn } from './bulkRows';
import { conflictMerge } from './conflictMerge';
import { DeferredWrites } from './DeferredWrites';
import type { EntityResult } from './EntityResult';
import { namedKey } from './facetValues';
import {
  DatasetMeasurements,
  PreparedDataset,
  PreparedEvent,
} from './prepareEvent';
import { FAILED } from './runStates';
import { IoRow, RunIoRow } from './tables';
import { WIDENS_SEEN } from './widensSeen';

/**
 * Job ↔ dataset edges and per-run statistics, merged into the stored rows
 * in SQL: edges widen their first/last seen, and each run measurement
 * comes from the newest event that reported it.
 */
export async function upsertIo(
  writes: DeferredWrites,
  events: PreparedEvent[],
  datasetIds: Map<string, EntityResult>,
  jobIds: Map<string, EntityResult>,
) {
  const io = new Map<string, IoRow>();
  const runIo = new Map<string, RunIoRow>();
  for (const event of events) {
    const { kind, eventTimeMs: time } = event;
    if (!event.job) continue;
    const jobId = jobIds.get(namedKey(event.job))!.id;
    const sides: Array<['in' | 'out', PreparedDataset[]]> = [
      ['in', event.inputs],
      ['out', event.outputs],
    ];
    for (const [direction, list] of sides) {
      for (const dataset of list) {
        const datasetId = datasetIds.get(namedKey(dataset))!.id;
        const key = `${datasetId}|${direction}|${jobId}`;
        const seen = io.get(key);
        const completeSeen = seen?.complete_seen ?? null;
        io.set(key, {
          dataset_id: datasetId,
          direction,
          job_id: jobId,
          first_seen: Math.min(seen?.first_seen ?? time, time),
          last_seen: Math.max(seen?.last_seen ?? time, time),
          complete_seen: event.run?.lineageIncomplete
            ? completeSeen
            : Math.max(completeSeen ?? time, time),
        });
        // A run dropping its output, or truncating it and loading no rows,
        // shows as its writer in the graph, but wrote no data: its row
        // keeps the change it reported, whichever event of the run did,
        // and readers count no write of it (see wroteData).
        if (kind === 'run') {
          const runKey = `${event.run!.runId}|${datasetId}|${direction}`;
          runIo.set(
            runKey,
            combineRunIo(
              runIo.get(runKey),
              runIoOf(
                event.run!.runId,
                datasetId,
                direction,
                dataset.measurements,
                direction === 'out'
                  ? {
                      change: dataset.lifecycleChange,
                      state: dataset.lifecycleState,
                    }
                  : { change: null, state: null },
                time,
                !FAILED.has(event.eventType ?? ''),
              ),
            ),
          );
        }
      }
    }
  }
  const ioMerge = conflictMerge(writes.tx, 'lineage_io');
  await writes.upsert({
    table: 'lineage_io',
    columns: IO_COLUMNS,
    rows: sortedRows(io, IO_COLUMNS),
    conflict: ['dataset_id', 'direction', 'job_id'],
    merge: {
      first_seen: ioMerge.earliest('first_seen'),
      last_seen: ioMerge.latest('last_seen'),
      complete_seen: ioMerge.latestNonNull('complete_seen'),
    },
    mergeWhere: `${WIDENS_SEEN('lineage_io')} or ${ioMerge.isNewer(
      'complete_seen',
    )}`,
  });
  const runIoMerge = conflictMerge(writes.tx, 'lineage_run_io');
  await writes.upsert({
    table: 'lineage_run_io',
    columns: RUN_IO_COLUMNS,
    rows: sortedRows(runIo, RUN_IO_COLUMNS),
    conflict: ['run_id', 'dataset_id', 'direction'],
    merge: {
      event_time: runIoMerge.latest('event_time'),
      written_until: runIoMerge.newerNonNull(
        'written_until',
        'written_until',
        'written_until',
      ),
      ...Object.fromEntries(
        RUN_IO_MEASUREMENTS.flatMap(column =>
          [column, `${column}_time`].map(target => [
            target,
            runIoMerge.newerNonNull(target, column, `${column}_time`, {
              text: RUN_IO_TEXT_MEASUREMENTS.has(column),
            }),
          ]),
        ),
      ),
    },
  });
}

/** A map's rows in key order, so concurrent writers lock rows alike. */
function sortedRows<T extends object>(
  rows: Map<string, T>,
  columns: BulkColumn[],
): unknown[][] {
  return [...rows.keys()]
    .sort()
    .map(key => columns.map(c => rows.get(key)![c.name as keyof T]));
}

function runIoOf(
  runId: string,
  datasetId: number,
  direction: 'in' | 'out',
  measured: DatasetMeasurements,
  lifecycle: { change: string | null; state: string | null },
  time: number,
  writing: boolean,
): RunIoRow {
  const row: RunIoRow = {
    run_id: runId,
    dataset_id: datasetId,
    direction,
    event_time: time,
    row_count: measured.rowCount,
    byte_count: measured.byteCount,
    quality_metrics: measured.qualityMetrics,
    quality_assertions: measured.qualityAssertions,
    schema_hash: measured.schemaHash,
    row_count_time: null,
    byte_count_time: null,
    quality_metrics_time: null,
    quality_assertions_time: null,
    schema_hash_time: null,
    written_until: writing ? time : null,
    lifecycle_change: lifecycle.change,
    lifecycle_change_time: null,
    lifecycle_state: lifecycle.state,
    lifecycle_state_time: null,
  };
  for (const column of RUN_IO_MEASUREMENTS) {
    row[`${column}_time`] = row[column] === null ? null : time;
  }
  return row;
}

/**
 * Whether `incoming` wins over `stored`, reported at the same time: the
 * greater, as the upsert's merge compares them (text by code point).
 */
function greaterAtTie(incoming: unknown, stored: unknown): boolean {
  if (stored === null) return true;
  if (typeof incoming === 'string' && typeof stored === 'string') {
    return Buffer.compare(Buffer.from(incoming), Buffer.from(stored)) > 0;
  }
  return (incoming as number) > (stored as number);
}

/**
 * Each measurement comes from the newest event that reported it; of two
 * at one time, the greater (see greaterAtTie).
 */
function combineRunIo(stored: RunIoRow | undefined, incoming: RunIoRow) {
  if (!stored) return incoming;
  const combined: RunIoRow = {
    ...incoming,
    event_time: Math.max(stored.event_time, incoming.event_time),
    written_until:
      stored.written_until === null || incoming.written_until === null
        ? stored.written_until ?? incoming.written_until
        : Math.max(stored.written_until, incoming.written_until),
  };
  for (const column of RUN_IO_MEASUREMENTS) {
    const time = `${column}_time` as const;
    const storedTime = stored[time];
    const incomingTime = incoming[time];
    if (
      incomingTime === null ||
      (storedTime !== null &&
        (storedTime > incomingTime ||
          (storedTime === incomingTime &&
            !greaterAtTie(incoming[column], stored[column]))))
    ) {
      Object.assign(combined, {
        [column]: stored[column],
        [time]: storedTime,
      });
    }
  }
  return combined;
}
