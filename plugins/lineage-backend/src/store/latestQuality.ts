import { Knex } from 'knex';
import { asRecord } from './facetValues';
import { idsIn, isPostgres, toNumber } from './tables';
import { wroteData } from './wroteData';
import {
  MergedReport,
  mergeAssertions,
  mergeMetrics,
  QualityReportRow,
} from './mergeQualityReports';

/**
 * The newest data-quality metrics and assertions reported for a dataset,
 * each by when it was reported: a later event of the run that reports
 * neither does not make an older report the newest. Reports dated after
 * `seenBy` are ahead of this clock and left out: one dated years ahead
 * would stay the newest for years. Metrics and assertions are each job's
 * newest since `reportedSince`, together (of one column's metrics, or
 * one assertion on one column, the newest): checks often run as jobs of
 * their own, one per suite, and one suite passing, or measuring other
 * columns, does not undo another's failure.
 */
export async function latestQuality(
  db: Knex,
  datasetIds: number[],
  seenBy: number,
  reportedSince = -Infinity,
) {
  const newest = (column: 'quality_metrics' | 'quality_assertions') =>
    db('lineage_run_io as io')
      .where(idsIn(isPostgres(db), 'dataset_id', datasetIds))
      .where(wroteData('io'))
      .whereNotNull(column)
      .where(`${column}_time`, '<=', seenBy)
      .orderBy(`${column}_time`, 'desc')
      .first(`${column}_time as time`, `${column} as value`);
  // None in the window: the newest, which judges nothing but says when.
  const newestOr = async (
    column: 'quality_metrics' | 'quality_assertions',
    merged: MergedReport | undefined,
  ): Promise<MergedReport | undefined> => {
    if (merged) return merged;
    const latest = await newest(column);
    return latest && { time: latest.time, value: JSON.parse(latest.value) };
  };
  const ofJobs = (column: 'quality_metrics' | 'quality_assertions') =>
    newestReportOfEachJob(db, datasetIds, column, seenBy, reportedSince);
  const metrics = await newestOr(
    'quality_metrics',
    mergeMetrics(await ofJobs('quality_metrics')),
  );
  const assertions = await newestOr(
    'quality_assertions',
    mergeAssertions(await ofJobs('quality_assertions')),
  );
  if (!metrics && !assertions) return undefined;
  const metricsTime = metrics ? toNumber(metrics.time) : undefined;
  const assertionsTime = assertions ? toNumber(assertions.time) : undefined;
  return {
    time: Math.max(metricsTime ?? -Infinity, assertionsTime ?? -Infinity),
    metrics: metrics?.value,
    metricsTime,
    assertions: assertions?.value,
    assertionsTime,
  };
}

/**
 * Each job's newest report in `column` on a dataset from `reportedSince`
 * to `seenBy`, newest first.
 */
async function newestReportOfEachJob(
  db: Knex,
  datasetIds: number[],
  column: 'quality_metrics' | 'quality_assertions',
  seenBy: number,
  reportedSince: number,
): Promise<QualityReportRow[]> {
  const rows = await db('lineage_run_io as io')
    .join('lineage_runs as r', 'r.run_id', 'io.run_id')
    .where(idsIn(isPostgres(db), 'io.dataset_id', datasetIds))
    .where(wroteData('io'))
    .whereNotNull(`io.${column}`)
    .whereBetween(`io.${column}_time`, [
      Math.max(reportedSince, Number.MIN_SAFE_INTEGER),
      seenBy,
    ])
    .orderBy([
      { column: `io.${column}_time`, order: 'desc' },
      { column: 'io.run_id', order: 'desc' },
    ])
    .select(
      'r.job_id',
      `io.${column} as value`,
      `io.${column}_time as time`,
      'io.row_count',
    );
  const jobs = new Set<number>();
  return rows.flatMap(row => {
    if (jobs.has(row.job_id)) return [];
    jobs.add(row.job_id);
    return [
      {
        time: row.time,
        value: asRecord(JSON.parse(row.value)),
        runRowCount:
          row.row_count === null ? undefined : toNumber(row.row_count),
      },
    ];
  });
}
