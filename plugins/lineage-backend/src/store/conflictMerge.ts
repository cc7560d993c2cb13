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
    /** The greater of the two that are set, or null when neither is. */
    latestNonNull: (column: string) =>
      `${greatest}(coalesce(${table}.${column}, excluded.${column}), coalesce(excluded.${column}, ${table}.${column}))`,
    /** Whether the incoming value is set and greater than the stored one. */
    isNewer: (column: string) =>
      `(excluded.${column} is not null and (${table}.${column} is null or excluded.${column} > ${table}.${column}))`,
    /**
     * The incoming value if it is set and newer (by `timeColumn`) than the
     * stored one, or as new and greater (text by code point, as SQLite and
     * `greaterAtTie` compare it), so that of two values reported at one
     * time the same is kept in any order; for the value and its time alike.
     */
    newerNonNull: (
      column: string,
      valueColumn: string,
      timeColumn: string,
      options: { text?: boolean } = {},
    ) => {
      const collate = options.text && isPostgres(db) ? ' collate "C"' : '';
      const [incoming, stored] = [
        `excluded.${valueColumn}`,
        `${table}.${valueColumn}`,
      ];
      return (
        `case when ${incoming} is not null and` +
        ` (${table}.${timeColumn} is null or excluded.${timeColumn} > ${table}.${timeColumn}` +
        ` or (excluded.${timeColumn} = ${table}.${timeColumn} and (${stored} is null or ${incoming}${collate} > ${stored}${collate})))` +
        ` then excluded.${column} else ${table}.${column} end`
      );
    },
    incoming: (column: string) => `excluded.${column}`,
  };
}
