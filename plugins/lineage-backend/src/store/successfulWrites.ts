import { Knex } from 'knex';
import { toNumber } from './tables';
import { wroteData } from './wroteData';

/** Which of a dataset's successful writes successfulWrites reads. */
export type SuccessfulWritesOptions = {
  withLastBefore?: boolean;
  newest?: number;
  seenBy?: number;
};

/**
 * Successful writes of a dataset, under any of `datasetIds` (its table's
 * names), since a time, oldest first, with run id, job, end time and row
 * count; `withLastBefore` adds the last one before that time. `newest`
 * keeps only that many of the latest, latest by the write's last event
 * time (its run's end when the COMPLETE event names the dataset, else when
 * an earlier event did), in that order. A run that wrote the table under
 * two of its names wrote it once, with the row count either reported.
 * Writes dated after `seenBy`, if given, are ahead of this clock and left
 * out, as in writtenSchema.
 */
export async function successfulWrites(
  db: Knex,
  datasetIds: number[],
  since: number,
  options: SuccessfulWritesOptions = {},
) {
  const writes = (datasetId: number) =>
    db('lineage_run_io as io')
      .join('lineage_runs as r', 'r.run_id', 'io.run_id')
      .where({
        'io.dataset_id': datasetId,
        'io.direction': 'out',
        'r.state': 'COMPLETE',
      })
      .where(wroteData('io'))
      .modify(query => {
        if (options.seenBy !== undefined) {
          query.where('io.event_time', '<=', options.seenBy);
        }
      })
      .select(
        'r.run_id',
        'r.job_id',
        'r.ended_at',
        'r.updated_at',
        'io.row_count',
        'io.event_time',
      );
  // Each name on its own: read newest first in lineage_run_io_ds_idx, the
  // newest are read without sorting every write, which a list of names
  // would need.
  const { newest } = options;
  const readOf = (datasetId: number) =>
    newest === undefined
      ? writes(datasetId).where('r.ended_at', '>=', since)
      : writes(datasetId)
          .where('r.ended_at', '>=', since)
          .orderBy('io.event_time', 'desc')
          .limit(newest);
  // Ties by run id: the last is the latest write, whose job and run show.
  const byTime = (column: 'ended_at' | 'event_time') => (a: any, b: any) =>
    toNumber(a[column]) - toNumber(b[column]) ||
    (a.run_id < b.run_id ? -1 : Number(a.run_id > b.run_id));
  const found = onePerRun((await Promise.all(datasetIds.map(readOf))).flat());
  const rows =
    newest === undefined
      ? found.sort(byTime('ended_at'))
      : found.sort(byTime('event_time')).slice(-newest);
  if (options.withLastBefore) {
    const [before] = onePerRun(
      (
        await Promise.all(
          datasetIds.map(id =>
            writes(id)
              .where('r.ended_at', '<', since)
              .orderBy('r.ended_at', 'desc')
              .first(),
          ),
        )
      ).filter(Boolean),
    )
      .sort(byTime('ended_at'))
      .slice(-1);
    if (before) rows.unshift(before);
  }
  return rows.map(row => ({
    runId: row.run_id as string,
    jobId: toNumber(row.job_id),
    // As reported, but no later than received: a producer's clock ahead
    // (or local times without an offset, read as UTC) cannot keep a
    // dataset fresh until its times come round.
    time: Math.min(toNumber(row.ended_at), toNumber(row.updated_at)),
    rowCount: row.row_count === null ? undefined : toNumber(row.row_count),
  }));
}

/**
 * One row of each run, of rows of its writes of a table under several
 * names: its latest event time under any, and a row count if any gave one.
 */
function onePerRun<
  T extends { run_id: string; row_count: unknown; event_time: unknown },
>(rows: T[]): T[] {
  const byRun = new Map<string, T>();
  for (const row of rows) {
    const kept = byRun.get(row.run_id);
    if (!kept) {
      byRun.set(row.run_id, { ...row });
      continue;
    }
    if (toNumber(row.event_time) > toNumber(kept.event_time)) {
      kept.event_time = row.event_time;
    }
    if (kept.row_count === null) kept.row_count = row.row_count;
  }
  return [...byRun.values()];
}
