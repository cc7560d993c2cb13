import { Knex } from 'knex';
import {
  BulkColumn,
  bulkRows,
  bulkRowsPerStatement,
  rawRows,
} from './bulkRows';
import { chunks, isPostgres } from './tables';
import { withSqliteStatement } from './withSqliteStatement';

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
 * Inserts many rows, merging each into the stored row of the same key in
 * SQL, so that no stored row has to be read first. Postgres gets them in one
 * statement (one round trip); SQLite, which runs in this process, runs one
 * prepared statement per row, cheaper than building and parsing a large
 * JSON document of them.
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
  let onConflict = '';
  if (conflict) {
    const set = Object.entries(merge ?? {});
    onConflict += ` on conflict (${conflict.join(', ')}) `;
    onConflict += set.length
      ? `do update set ${set.map(([c, e]) => `${c} = ${e}`).join(', ')}`
      : 'do nothing';
    if (set.length && mergeWhere) {
      onConflict += ` where ${mergeWhere}`;
    }
  }
  const returns = returning ? ` returning ${returning.join(', ')}` : '';
  const into = `insert into ${table} (${columns.map(c => c.name).join(', ')})`;
  if (isPostgres(db)) {
    const returned: T[] = [];
    for (const part of chunks(rows, bulkRowsPerStatement(columns))) {
      const result = await db.raw(`${into} ?${onConflict}${returns}`, [
        bulkRows(db, columns, part),
      ]);
      returned.push(...rawRows<T>(result));
    }
    return returned;
  }
  const values = ` values (${columns.map(() => '?').join(', ')})`;
  return withSqliteStatement(
    db,
    `${into}${values}${onConflict}${returns}`,
    stmt => {
      if (!returning) {
        rows.forEach(row => stmt.run(row));
        return [];
      }
      const returned: T[] = [];
      for (const row of rows) {
        const result = stmt.get(row) as T | undefined;
        if (result !== undefined) returned.push(result);
      }
      return returned;
    },
  );
}
