import { Knex } from 'knex';
import { BulkColumn, bulkRows, rawRows } from './bulkRows';

export type UpsertRowsOptions = {
  table: string;
  columns: BulkColumn[];
  rows: unknown[][];
  /** The unique columns; without them, a plain insert. */
  conflict?: string[];
  /** SQL to set each column to on conflict; none keeps the stored row. */
  merge?: Record<string, string>;
  /** Updates only stored rows this condition holds for. */
  mergeWhere?: string;
  returning?: string[];
};

/**
 * Inserts many rows in one statement, merging each into the stored row of
 * the same key in SQL, so that no stored row has to be read first.
 */
export async function upsertRows<T = unknown>(
  db: Knex,
  options: UpsertRowsOptions,
): Promise<T[]> {
  const { table, columns, rows, conflict, merge, mergeWhere, returning } =
    options;
  if (rows.length === 0) {
    return [];
  }
  const set = Object.entries(merge ?? {});
  let sql = `insert into ${table} (${columns.map(c => c.name).join(', ')}) ?`;
  if (conflict) {
    sql += ` on conflict (${conflict.join(', ')}) `;
    sql += set.length
      ? `do update set ${set.map(([c, e]) => `${c} = ${e}`).join(', ')}`
      : 'do nothing';
    if (set.length && mergeWhere) {
      sql += ` where ${mergeWhere}`;
    }
  }
  if (returning) {
    sql += ` returning ${returning.join(', ')}`;
  }
  return rawRows<T>(await db.raw(sql, [bulkRows(db, columns, rows)]));
}
