import { Knex } from 'knex';
import { chunks, isPostgres, toNumber, tuplesIn } from './tables';

export type NamedRow = { id: number; namespace: string; name: string };

/**
 * The rows of `table` (datasets, jobs) named as `named`, with
 * `idColumn` as `id`.
 */
export async function namedRows(
  db: Knex,
  table: string,
  idColumn: string,
  named: Array<{ namespace: string; name: string }>,
): Promise<NamedRow[]> {
  const toRows = (
    rows: Array<{ id: unknown; namespace: string; name: string }>,
  ) =>
    rows.map(r => ({
      id: toNumber(r.id),
      namespace: r.namespace,
      name: r.name,
    }));
  if (isPostgres(db)) {
    // The pairs as one JSON parameter, joined: Postgres took about 70 µs a
    // pair to plan and run them as `(namespace, name) in (…)`. Text there
    // holds no NUL, so no stored dataset is named with one.
    const pairs = named.filter(
      d => !d.namespace.includes('\u0000') && !d.name.includes('\u0000'),
    );
    if (pairs.length === 0) return [];
    return toRows(
      await db(`${table} as d`)
        .joinRaw(
          'join json_to_recordset(?::json) as p(namespace text, name text) on p.namespace = d.namespace and p.name = d.name',
          [
            JSON.stringify(
              pairs.map(({ namespace, name }) => ({ namespace, name })),
            ),
          ],
        )
        .select(`d.${idColumn} as id`, 'd.namespace', 'd.name'),
    );
  }
  const rows: NamedRow[] = [];
  for (const part of chunks(named, 300)) {
    rows.push(
      ...toRows(
        await db(table)
          .where(
            tuplesIn(
              false,
              ['namespace', 'name'],
              part.map(d => [d.namespace, d.name]),
            ),
          )
          .select(`${idColumn} as id`, 'namespace', 'name'),
      ),
    );
  }
  return rows;
}

/**
 * The rows of `table` named by any of `names`, under any namespace, with
 * `idColumn` as `id`: by the table's index on names (a name is stored under
 * a few namespaces at most), the names as one JSON parameter however many,
 * as idsIn takes ids.
 */
export async function rowsByName(
  db: Knex,
  table: 'lineage_datasets' | 'lineage_symlinks',
  idColumn: string,
  names: string[],
): Promise<NamedRow[]> {
  const postgres = isPostgres(db);
  // Text in Postgres holds no NUL, so no stored row is named with one.
  const unique = [...new Set(names)].filter(
    name => !postgres || !name.includes('\u0000'),
  );
  if (unique.length === 0) return [];
  const rows = await db(table)
    .whereRaw(
      postgres
        ? 'name in (select json_array_elements_text(?::json))'
        : 'name in (select value from json_each(?))',
      [JSON.stringify(unique)],
    )
    .select({ id: idColumn }, 'namespace', 'name');
  return rows.map(row => ({
    id: toNumber(row.id),
    namespace: row.namespace as string,
    name: row.name as string,
  }));
}
