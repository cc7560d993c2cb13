import { Knex } from 'knex';

/**
 * Rows of lineage_run_io (as `alias`) that count as what their run did to
 * the dataset: a read, or a write of data. A run whose latest event naming
 * its output reported a drop, or a truncate with no rows counted, wrote
 * nothing (see lastChange); what it reported of the output describes no
 * data. One reporting a drop on START and none on COMPLETE wrote it.
 */
export function wroteData(alias: string) {
  const change = lastChange(alias);
  return (builder: Knex.QueryBuilder) =>
    builder.whereRaw(
      `${change} is null or ${change} not in ('DROP', 'TRUNCATE') or (${change} = 'TRUNCATE' and ?? > 0)`,
      [`${alias}.row_count`],
    );
}

/** Rows of lineage_run_io (as `alias`) that wroteData leaves out. */
export function emptiedData(alias: string) {
  const change = lastChange(alias);
  return (builder: Knex.QueryBuilder) =>
    builder.whereRaw(
      `${change} = 'DROP' or (${change} = 'TRUNCATE' and (?? is null or ?? <= 0))`,
      [`${alias}.row_count`, `${alias}.row_count`],
    );
}

/**
 * SQL for the lifecycle change the run's latest event naming the dataset
 * reported (`alias` a row of lineage_run_io): a drop on START undone by a
 * COMPLETE reporting none is no drop. Rows stored before that state was
 * kept have it null, and any drop or truncate in lifecycle_change.
 */
function lastChange(alias: string) {
  return `coalesce(${alias}.lifecycle_state, ${alias}.lifecycle_change)`;
}
