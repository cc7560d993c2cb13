import { Knex } from 'knex';
import { isPostgres } from './tables';

/** A column of a derived table, with its Postgres type. */
export type BulkColumn = {
  name: string;
  type: 'text' | 'bigint' | 'integer';
  /** Holds kilobytes of text (an event, a dataset's facets). */
  long?: boolean;
};

/**
 * How many rows `bulkRows` takes at once: all of them, unless a column
 * holds long text, which travels as bound parameters (of which a statement
 * has at most 65,535) in parts that Postgres plans quickly.
 */
export function bulkRowsPerStatement(columns: BulkColumn[]): number {
  return columns.some(c => c.long) ? 250 : Infinity;
}

/**
 * A derived table holding `rows`, for `insert … select`, `update … from`
 * and joins. The rows travel as one JSON parameter (an array of arrays), so
 * the statement's text stays short and the same whatever the row count:
 * cheap to prepare and to plan, where a multi-row VALUES list or a tuple IN
 * list is not. (Postgres array parameters would do too, but node-postgres
 * serializes large text arrays several times slower than JSON.stringify.)
 * Rows with long text are the exception, on Postgres: escaping it inside a
 * JSON document, and unescaping it there, costs more than planning a
 * VALUES list of bound parameters (a third less time to insert events in
 * one).
 */
export function bulkRows(
  db: Knex,
  columns: BulkColumn[],
  rows: unknown[][],
): Knex.Raw {
  const names = columns.map(c => c.name);
  if (isPostgres(db) && columns.some(c => c.long)) {
    const row = `(${columns.map(c => `?::${c.type}`).join(', ')})`;
    return db.raw(
      `select * from (values ${rows.map(() => row).join(', ')}) as v(${names
        .map(() => '??')
        .join(', ')})`,
      [...(rows.flat() as Knex.Value[]), ...names],
    );
  }
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
