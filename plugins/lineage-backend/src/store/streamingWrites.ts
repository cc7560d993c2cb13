import { Knex } from 'knex';
import { isContinuousJob } from './facetValues';
import { idsIn, isPostgres, toNumber } from './tables';
import { wroteData } from './wroteData';
import {
  Span,
  streamSpan,
  STREAM_RUN_COLUMNS,
  StreamRunRow,
} from './streamSpan';

/** How many of a stream's runs latestStreamSpan reads at a time. */
const STREAM_RUNS_READ_AT_ONCE = 50;

/**
 * What streaming runs have written to a dataset: from each run's start to
 * its latest event naming the dataset as an output (no later than it was
 * received or ended), of those since a time, and the latest before it, as
 * successfulWrites' `withLastBefore` adds: without it, a stream silent for
 * longer than the window would read as never written. A stream (a job
 * whose `jobType` facet says STREAMING, as Flink's does) writes all along
 * and may never complete; its RUNNING events naming an output say it
 * writes. A batch run's do not: its output is not there until it
 * completes. A failed or aborted run wrote until its last event before
 * the failure naming the output, or its last START or RUNNING if later
 * (its failure says nothing of when it last wrote), and only if that came
 * after its start: a stream failing on start over and over must not read
 * fresh. One that has not failed writes until its latest event, naming
 * the output or not: Flink 2's checkpoint RUNNING events name no dataset,
 * only its START does.
 */
export async function streamingWrites(
  db: Knex,
  datasetIds: number[],
  since: number,
): Promise<Span[]> {
  const streams = await streamWriters(db, datasetIds);
  if (streams.length === 0) return [];
  const runs = () =>
    db('lineage_run_io as io')
      .join('lineage_runs as r', 'r.run_id', 'io.run_id')
      // A list of parameters: SQLite reads json_each's ids after the
      // stream's runs, not lineage_run_io_ds_idx by dataset and time.
      .whereIn('io.dataset_id', datasetIds)
      .where('io.direction', 'out')
      .where(wroteData('io'))
      .whereIn('r.job_id', streams)
      .select(STREAM_RUN_COLUMNS);
  // Runs that named the output since, and those that named it only
  // before yet had events since (Flink 2's): a stream has few runs.
  const rows = [
    ...(await runs().where('io.event_time', '>=', since)),
    ...(await runs()
      .where('io.event_time', '<', since)
      .where('r.state_time', '>=', since)),
  ];
  const spans = rows.flatMap(row => streamSpan(row) ?? []);
  const before = await latestStreamSpan(db, () =>
    runs().where('io.event_time', '<', since).where('r.state_time', '<', since),
  );
  return before ? [before, ...spans] : spans;
}

/**
 * Of the runs `runs` reads, the span that ends latest (see streamSpan).
 * They are read a few at a time, newest first by their latest event
 * (naming the output, or of their state), after which no span of theirs
 * ends, until none left can end later than one found: the newest runs of
 * a stream that failed on start over and over wrote nothing.
 */
async function latestStreamSpan(
  db: Knex,
  runs: () => Knex.QueryBuilder,
): Promise<Span | undefined> {
  let latest: Span | undefined;
  for (let offset = 0; ; offset += STREAM_RUNS_READ_AT_ONCE) {
    const rows: Array<StreamRunRow & { last_event: unknown }> = await runs()
      .select(
        db.raw(
          'case when io.event_time > r.state_time then io.event_time else r.state_time end as last_event',
        ),
      )
      .orderBy([
        { column: 'last_event', order: 'desc' },
        { column: 'r.run_id', order: 'asc' },
      ])
      .offset(offset)
      .limit(STREAM_RUNS_READ_AT_ONCE);
    for (const row of rows) {
      const span = streamSpan(row);
      if (span && (!latest || span.to > latest.to)) latest = span;
    }
    const oldest = rows[rows.length - 1];
    if (
      rows.length < STREAM_RUNS_READ_AT_ONCE ||
      (latest && latest.to >= toNumber(oldest.last_event))
    ) {
      return latest;
    }
  }
}

/**
 * The jobs writing a dataset that are streams, each job's facets read
 * once: a dataset has few writers.
 */
async function streamWriters(
  db: Knex,
  datasetIds: number[],
): Promise<number[]> {
  const writers = await db('lineage_io as io')
    .join('lineage_jobs as j', 'j.id', 'io.job_id')
    .where(idsIn(isPostgres(db), 'io.dataset_id', datasetIds))
    .where('io.direction', 'out')
    .select('j.id', 'j.facets');
  return [
    ...new Set(
      writers
        .filter(writer => isContinuousJob(JSON.parse(writer.facets)))
        .map(writer => toNumber(writer.id)),
    ),
  ];
}
