import { Knex } from 'knex';

/** The lifecycle states of a write only if it counted rows, as SQL. */
const WRITES_IF_COUNTED = `'TRUNCATE', 'ALTER'`;

/**
 * Rows of lineage_run_io (as `alias`) that count as what their run did to
 * the dataset: a read, or a write of data. A run whose latest event naming
 * its output reported a drop wrote nothing (see lastChange); what it
 * reported of the output describes no data. A truncate or an ALTER is a
 * write only if it counted rows (`outputStatistics.rowCount` above 0): it
 * changed the table, not its data, unless it loaded some. A CREATE is a
 * write (a CREATE TABLE AS SELECT loads data, and many producers count
 * none), and so is a RENAME: the new name's data is new under it (a table
 * loaded aside and renamed into place). One reporting a drop on START and
 * none on COMPLETE wrote it.
 */
export function wroteData(alias: string) {
  const change = lastChange(alias);
  return (builder: Knex.QueryBuilder) =>
    builder.whereRaw(
      `${change} is null or ${change} not in ('DROP', ${WRITES_IF_COUNTED}) or (${change} in (${WRITES_IF_COUNTED}) and ?? > 0)`,
      [`${alias}.row_count`],
    );
}

/**
 * Rows of lineage_run_io (as `alias`) that left the dataset without data:
 * a drop, or a truncate counting no rows. An ALTER counting none neither
 * wrote data (see wroteData) nor emptied it.
 */
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
 * kept have it null, and any drop or truncate in lifecycle_change (an
 * ALTER of theirs is taken as a write).
 */
function lastChange(alias: string) {
  return `coalesce(${alias}.lifecycle_state, ${alias}.lifecycle_change)`;
}
