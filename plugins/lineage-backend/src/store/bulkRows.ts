import { Knex } from 'knex';
import { isPostgres } from './tables';

/** A column of a derived table, with its Postgres type. */
export type BulkColumn = {
  name: string;
  type: 'text' | 'bigint' | 'integer';
};

/**
 * A derived table holding `rows`, for `insert … select`, `update … from`
 * and joins. The rows travel as one JSON parameter (an array of arrays), so
 * the statement's text stays short and the same whatever the row count:
 * cheap to prepare and to plan, where a multi-row VALUES list or a tuple IN
 * list is not. (Postgres array parameters would do too, but node-postgres
 * serializes large text arrays several times slower than JSON.stringify.)
 */
export function bulkRows(
  db: Knex,
  columns: BulkColumn[],
  rows: unknown[][],
): Knex.Raw {
  const names = columns.map(c => c.name);
  const select = isPostgres(db)
    ? columns.map((c, i) => `(value ->> ${i})::${c.type} as ??`)
    : columns.map((_, i) => `json_extract(value, '$[${i}]') as ??`);
  const from = isPostgres(db)
    ? 'jsonb_array_elements(?::jsonb)'
    : 'json_each(?)';
  return db.raw(`select ${select.join(', ')} from ${from}`, [
    ...names,
    JSON.stringify(rows),
  ]);
}

/** The rows a raw statement returned, on either database. */
export function rawRows<T>(result: unknown): T[] {
  return Array.isArray(result) ? result : (result as { rows: T[] }).rows;
}
