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

/** The parts of an upsert statement around its rows. */
function upsertClauses(options: UpsertRowsOptions) {
  const { table, columns, conflict, merge, mergeWhere, returning } = options;
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
  return {
    into: `insert into ${table} (${columns.map(c => c.name).join(', ')})`,
    onConflict,
    returns: returning ? ` returning ${returning.join(', ')}` : '',
  };
}

/**
 * The Postgres statements that upsert the rows: one, or one per part when a
 * column holds long text (see `bulkRowsPerStatement`).
 */
export function postgresUpserts(
  db: Knex,
  options: UpsertRowsOptions,
): Knex.Raw[] {
  const { into, onConflict, returns } = upsertClauses(options);
  return chunks(options.rows, bulkRowsPerStatement(options.columns)).map(part =>
    db.raw(`${into} ?${onConflict}${returns}`, [
      bulkRows(db, options.columns, part),
    ]),
  );
}

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
  const { columns, rows, returning } = options;
  if (rows.length === 0) {
    return [];
  }
  if (isPostgres(db)) {
    let returned: T[] = [];
    for (const statement of postgresUpserts(db, options)) {
      // Not pushed as arguments: a statement may return more rows than a
      // call takes.
      returned = returned.concat(rawRows<T>(await statement));
    }
    return returned;
  }
  const { into, onConflict, returns } = upsertClauses(options);
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
