import { Knex } from 'knex';

export const FACET_TABLES = ['lineage_datasets', 'lineage_jobs'] as const;

export type FacetTable = (typeof FACET_TABLES)[number];

/** Row shapes of the lineage tables (see migrations/). */
export type FacetEntityRow = {
  id: number;
  namespace: string;
  name: string;
  facets: string;
  created_at: number;
};

/**
 * What every event setting a facet of a dataset or job moves, kept apart
 * from its facets (`id`, `facet_times`, `updated_at`): when each facet was
 * last set, and when that last moved. An entity without a row has no facet
 * times stored yet, and was last updated when created.
 */
export const FACET_TIMES_TABLES: Record<FacetTable, string> = {
  lineage_datasets: 'lineage_dataset_facet_times',
  lineage_jobs: 'lineage_job_facet_times',
};

export type RunRow = {
  run_id: string;
  job_id: number;
  state: string;
  state_time: number;
  started_at: number | null;
  /** Its latest end's time: a completion its failure stands against too. */
  ended_at: number | null;
  /** Its latest START or RUNNING event's time (null if stored before it was kept). */
  active_time: number | null;
  first_event_time: number;
  /** Its latest event's time, of any type (null if stored before it was kept). */
  last_event_time: number | null;
  /**
   * Where it stands in its job's runs, newest first: the earliest eventTime
   * of the events it was first stored with, never updated, so that pages of
   * runs hold still when an earlier event arrives late.
   */
  listing_time: number;
  error_message: string | null;
  parent_run_id: string | null;
  /** The job of the `parent` facet, once a run's events name it. */
  parent_job_id: number | null;
  /** The job the `parent` facet names as its root (`parent.root.job`). */
  root_job_id: number | null;
  facets: string;
  facet_times: string;
  created_at: number;
  updated_at: number;
};

/** Whether a run names a parent run or job (`lineage_runs_parented_idx`). */
export const isParented = (run: RunRow) =>
  run.parent_run_id !== null || run.parent_job_id !== null;

/**
 * `isParented` in SQL, of the row `alias` names: a run, or a job keeping
 * its latest parented run's parents.
 */
export function whereParented(alias?: string) {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return (builder: Knex.QueryBuilder) => {
    builder
      .whereNotNull(column('parent_run_id'))
      .orWhereNotNull(column('parent_job_id'));
  };
}

export type IoRow = {
  dataset_id: number;
  direction: 'in' | 'out';
  job_id: number;
  first_seen: number;
  last_seen: number;
  /**
   * When last seen by an event naming all the run's lineage: not one whose
   * `extractionError` facet says statements could not be parsed (see
   * LineageReader's current edges); null if none has.
   */
  complete_seen: number | null;
};

export type RunIoRow = {
  run_id: string;
  dataset_id: number;
  direction: 'in' | 'out';
  event_time: number;
  row_count: number | null;
  byte_count: number | null;
  quality_metrics: string | null;
  quality_assertions: string | null;
  /** The schema reported: its hash, by which lineage_schema_fields keeps it. */
  schema_hash: string | null;
  /** When each measurement was reported: the newest report wins. */
  row_count_time: number | null;
  byte_count_time: number | null;
  quality_metrics_time: number | null;
  quality_assertions_time: number | null;
  schema_hash_time: number | null;
  /** Its run's latest event naming it that is not the run's failure. */
  written_until: number | null;
  /**
   * The lifecycle change the run last reported of its output (see
   * PreparedDataset): a drop, or a truncate with no rows counted, is no
   * write of data.
   */
  lifecycle_change: string | null;
  lifecycle_change_time: number | null;
  /**
   * The lifecycle state the run's latest event naming its output reported,
   * empty for none, as Marquez versions each write (see PreparedDataset);
   * null for inputs, and rows stored before it was kept.
   */
  lifecycle_state: string | null;
  lifecycle_state_time: number | null;
};

/** Postgres returns bigint columns as strings; every reader goes through this. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function toOptionalNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

export function isPostgres(db: Knex): boolean {
  return db.client.config.client === 'pg';
}

/**
 * Rows whose columns match one of the tuples. Postgres uses an index for
 * `(a, b) IN ((…), …)`, SQLite scans the table for it but uses the index for
 * each term of `(a = ? AND b = ?) OR …`, so each gets the form it is fast at.
 */
export function tuplesIn(
  postgres: boolean,
  columns: string[],
  tuples: Array<Array<string | number>>,
) {
  return (builder: Knex.QueryBuilder) => {
    if (postgres) {
      builder.whereIn(columns, tuples);
      return;
    }
    for (const tuple of tuples) {
      builder.orWhere(inner => {
        columns.forEach((column, i) => inner.where(column, tuple[i]));
      });
    }
  };
}

/**
 * Rows whose integer `column` is one of `ids`, as one parameter however
 * many: no chunks, and the same statement text for any number of ids, so
 * that SQLite and Postgres parse and plan a short statement, not one of
 * hundreds of parameters.
 */
export function idsIn(postgres: boolean, column: string, ids: number[]) {
  return (builder: Knex.QueryBuilder) => {
    if (postgres) {
      builder.whereRaw('?? = any(?::integer[])', [
        column,
        `{${ids.join(',')}}`,
      ]);
    } else {
      builder.whereRaw('?? in (select value from json_each(?))', [
        column,
        JSON.stringify(ids),
      ]);
    }
  };
}

/** Splits a list into chunks small enough for one statement's parameters. */
export function chunks<T>(items: T[], size = 300): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
