import { Knex } from 'knex';
import { isPostgres } from './tables';

/**
 * SQL for an upsert's `do update set`, combining the stored row of `table`
 * with the incoming one (`excluded`) so that the result does not depend on
 * the order rows arrive in.
 */
export function conflictMerge(db: Knex, table: string) {
  const [least, greatest] = isPostgres(db)
    ? ['least', 'greatest']
    : ['min', 'max'];
  return {
    earliest: (column: string) =>
      `${least}(${table}.${column}, excluded.${column})`,
    latest: (column: string) =>
      `${greatest}(${table}.${column}, excluded.${column})`,
    /**
     * The incoming value if it is set and at least as new (by
     * `timeColumn`) as the stored one; for the value and its time alike.
     */
    newerNonNull: (column: string, valueColumn: string, timeColumn: string) =>
      `case when excluded.${valueColumn} is not null and` +
      ` (${table}.${timeColumn} is null or excluded.${timeColumn} >= ${table}.${timeColumn})` +
      ` then excluded.${column} else ${table}.${column} end`,
    incoming: (column: string) => `excluded.${column}`,
  };
}
