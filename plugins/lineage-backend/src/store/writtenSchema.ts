import { Knex } from 'knex';
import { createHash } from 'crypto';
import {
  schemaFieldsOf,
  type SchemaFacetField,
} from '@meshwork/plugin-lineage-common';
import { isContinuousJob } from './facetValues';
import { toNumber } from './tables';
import { wroteData } from './wroteData';
import { streamSpan, STREAM_RUN_COLUMNS } from './streamSpan';

/** The hash a `schema` facet of no fields is kept by (see prepareEvent). */
const EMPTY_SCHEMA_HASH = createHash('sha256').update('[]').digest('hex');

/** How many writes reporting a schema writtenSchema reads at a time. */
const SCHEMA_WRITES_READ_AT_ONCE = 20;

/**
 * The columns, with their nested fields, the latest successful write of a
 * dataset reported in its `schema` facet, or undefined if no write
 * reported one; writes dated after `seenBy` are ahead of this clock and
 * left out, as in latestQuality. A stream's run writes without completing
 * (see streamingWrites): what it reported of its output counts unless it
 * failed before writing. Of a table written under several names
 * (`datasetIds`), the latest write under any.
 */
export async function writtenSchema(
  db: Knex,
  datasetIds: number[],
  seenBy: number,
): Promise<ReportedColumn[] | undefined> {
  const latest = (
    await Promise.all(datasetIds.map(id => latestSchemaWrite(db, id, seenBy)))
  ).reduce<SchemaWrite | undefined>(
    (found, write) =>
      write && (!found || write.time > found.time) ? write : found,
    undefined,
  );
  // No columns says nothing of the schema, as with the current facet.
  return latest?.columns.length ? latest.columns : undefined;
}

/**
 * The latest write of one dataset that counts for writtenSchema, and its
 * columns. The writes are read a few at a time, newest first in
 * lineage_run_io_ds_idx, until one counts: usually the first, a completed
 * run.
 */
async function latestSchemaWrite(
  db: Knex,
  datasetId: number,
  seenBy: number,
): Promise<SchemaWrite | undefined> {
  const streams = new Map<number, boolean>();
  const isStream = async (jobId: number) => {
    if (!streams.has(jobId)) {
      const job = await db('lineage_jobs').where('id', jobId).first('facets');
      streams.set(jobId, !!job && isContinuousJob(JSON.parse(job.facets)));
    }
    return streams.get(jobId)!;
  };
  /** Jobs found not to be streams: only their completed runs are read. */
  const batchJobs: number[] = [];
  let after: { event_time: number | string; run_id: string } | undefined;
  for (;;) {
    const page = after;
    const rows = await db('lineage_run_io as io')
      .join('lineage_runs as r', 'r.run_id', 'io.run_id')
      .join('lineage_schema_fields as f', 'f.fields_hash', 'io.schema_hash')
      .where({ 'io.dataset_id': datasetId, 'io.direction': 'out' })
      .where(wroteData('io'))
      .where(counts =>
        counts.where('r.state', 'COMPLETE').orWhereNotIn('r.job_id', batchJobs),
      )
      .whereNotNull('io.schema_hash')
      .whereNot('io.schema_hash', EMPTY_SCHEMA_HASH)
      .where('io.event_time', '<=', seenBy)
      .modify(query => {
        // Past the last page's last row: rows that change meanwhile
        // cannot shift a page.
        if (page) {
          const { event_time: time, run_id: runId } = page;
          // The bound alone gives the index where to start.
          query
            .where('io.event_time', '<=', time)
            .where(older =>
              older
                .where('io.event_time', '<', time)
                .orWhere(tie =>
                  tie
                    .where('io.event_time', time)
                    .where('io.run_id', '>', runId),
                ),
            );
        }
      })
      // The run's latest event, as the index has it: read newest first, it
      // stops at the first write that counts, usually the first read.
      .orderBy([
        { column: 'io.event_time', order: 'desc' },
        { column: 'io.run_id', order: 'asc' },
      ])
      .limit(SCHEMA_WRITES_READ_AT_ONCE)
      .select('f.fields', 'r.job_id', 'io.run_id', ...STREAM_RUN_COLUMNS);
    for (const row of rows) {
      const jobId = toNumber(row.job_id);
      // A batch run's output is there once it completes; a stream's run
      // writes without completing, unless it failed before writing.
      const counts =
        row.state === 'COMPLETE' ||
        ((await isStream(jobId)) && streamSpan(row) !== undefined);
      if (counts) {
        return {
          time: toNumber(row.event_time),
          // Stored as the facet's `fields`, as reported.
          columns: schemaFieldsOf({ fields: JSON.parse(row.fields) }),
        };
      }
      if (!streams.get(jobId) && !batchJobs.includes(jobId)) {
        batchJobs.push(jobId);
      }
    }
    if (rows.length < SCHEMA_WRITES_READ_AT_ONCE) return undefined;
    after = rows[rows.length - 1];
  }
}

/** A write's time (its last event's) and the columns it reported. */
type SchemaWrite = { time: number; columns: ReportedColumn[] };

/** A column of a `schema` facet, with the fields of a struct. */
export type ReportedColumn = SchemaFacetField;
