/** A job's row as stored, without facets. */
export const storedJobRow = (name: string, namespace = 'airflow') => ({
  namespace,
  name,
  facets: '{}',
  created_at: 1,
});

/**
 * A run's row as stored: COMPLETE, of job 1, at time 1, with no facets and
 * no parent, but for the `fields` given.
 */
export const storedRunRow = (
  runId: string,
  fields: Record<string, unknown> = {},
) => ({
  run_id: runId,
  job_id: 1,
  state: 'COMPLETE',
  state_time: 1,
  first_event_time: 1,
  parent_job_id: null,
  parent_run_id: null,
  facets: '{}',
  facet_times: '{}',
  created_at: 1,
  updated_at: 1,
  ...fields,
});
