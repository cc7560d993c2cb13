import { Knex } from 'knex';

export type ScheduledRun = {
  runId: string;
  job: string;
  startedAt: number;
  /** The `nominalTime` facet's start. */
  scheduledAt: number;
};

/** The runs first seen after `after` that tell when they were scheduled. */
export async function scheduledRuns(
  knex: Knex,
  after: number,
): Promise<ScheduledRun[]> {
  const rows: Array<{
    run_id: string;
    name: string;
    started_at: unknown;
    facets: string;
  }> = await knex('lineage_runs as r')
    .join('lineage_jobs as j', 'j.id', 'r.job_id')
    .where('r.first_event_time', '>', after)
    .whereNotNull('r.started_at')
    .select('r.run_id', 'j.name', 'r.started_at', 'r.facets');
  return rows.flatMap(row => {
    const scheduled = JSON.parse(row.facets).nominalTime?.nominalStartTime;
    return typeof scheduled === 'string'
      ? [
          {
            runId: row.run_id,
            job: row.name,
            startedAt: Number(row.started_at),
            scheduledAt: Date.parse(scheduled),
          },
        ]
      : [];
  });
}
