import { Knex } from 'knex';
import { Named } from './facetValues';
import { chunks, idsIn, isPostgres, toNumber } from './tables';
import { ReadWindow } from './ReadWindow';
import type { LineageReader } from './LineageReader';

/**
 * What the jobs named so read, each with its child jobs (a DAG's tasks),
 * by `namespace\0name`; a job lineage has not seen is absent. A family
 * reads what it was seen reading within `windowMs` of its newest read or
 * write, as inputsOfWriters counts a port's writers: a task dropped from
 * the DAG loses its reads once the DAG has run that long without it. That
 * newest is of runs naming all their lineage where there are any (see
 * sinceWhole): a run whose producer could not parse a statement has not
 * shown that the job stopped reading what it did.
 */
export async function inputsOfNamedJobs(
  db: Knex,
  reader: LineageReader,
  jobs: Named[],
  { windowMs, seenBy }: ReadWindow,
): Promise<Map<string, Set<number>>> {
  const families = await reader.jobsWithChildren(jobs);
  const ids = [...new Set([...families.values()].flat().map(job => job.id))];
  const postgres = isPostgres(db);
  const newest = new Map<number, { complete?: number; any: number }>();
  for (const part of chunks(ids, 300)) {
    const rows: Array<{ job_id: unknown; complete: unknown; any: unknown }> =
      await db('lineage_io')
        .where(idsIn(postgres, 'job_id', part))
        .where('last_seen', '<=', seenBy)
        .groupBy('job_id')
        .select('job_id')
        .max({ complete: 'complete_seen', any: 'last_seen' });
    for (const row of rows) {
      newest.set(toNumber(row.job_id), {
        complete: row.complete === null ? undefined : toNumber(row.complete),
        any: toNumber(row.any),
      });
    }
  }
  const since = new Map<string, number>();
  for (const [key, family] of families) {
    const seen = family.flatMap(job => newest.get(job.id) ?? []);
    if (seen.length === 0) continue;
    const complete = seen.flatMap(s => s.complete ?? []);
    since.set(
      key,
      (complete.length
        ? Math.max(...complete)
        : Math.max(...seen.map(s => s.any))) - windowMs,
    );
  }
  const reads = new Map<number, Array<{ dataset: number; seen: number }>>();
  if (since.size > 0) {
    const earliest = Math.min(...since.values());
    for (const part of chunks(ids, 300)) {
      const rows = await db('lineage_io')
        .where(idsIn(postgres, 'job_id', part))
        .where('direction', 'in')
        .where('last_seen', '<=', seenBy)
        .where('last_seen', '>=', earliest)
        .select('job_id', 'dataset_id', 'last_seen');
      for (const row of rows) {
        const jobId = toNumber(row.job_id);
        const list = reads.get(jobId) ?? [];
        list.push({
          dataset: toNumber(row.dataset_id),
          seen: toNumber(row.last_seen),
        });
        reads.set(jobId, list);
      }
    }
  }
  const result = new Map<string, Set<number>>();
  for (const [key, family] of families) {
    const from = since.get(key);
    if (from === undefined) continue;
    result.set(
      key,
      new Set(
        family.flatMap(job =>
          (reads.get(job.id) ?? [])
            .filter(read => read.seen >= from)
            .map(read => read.dataset),
        ),
      ),
    );
  }
  return result;
}
