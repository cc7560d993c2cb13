import { Knex } from 'knex';
import { NamedRow, rowsByName } from './namedRows';
import { isPostgres, toNumber } from './tables';

/**
 * The `symlinks` facets' names (as rowsByName reads them, the facet's
 * dataset as `id`) that are any of `names`, under any namespace. On
 * Postgres, the names are one array the planner cannot count: from a list
 * it can (a JSON one it takes for a hundred names), it hashes all of
 * lineage_symlinks rather than look the names up by their index, which
 * costs each lookup the whole table however few the names.
 */
export async function symlinkRowsByName(
  db: Knex,
  names: string[],
): Promise<NamedRow[]> {
  if (!isPostgres(db)) {
    return rowsByName(db, 'lineage_symlinks', 'dataset_id', names);
  }
  // Text in Postgres holds no NUL, so no stored row is named with one.
  const unique = [...new Set(names)].filter(name => !name.includes('\u0000'));
  if (unique.length === 0) return [];
  const rows = await db('lineage_symlinks')
    .whereRaw('name = any((select ?::text[])::text[])', [unique])
    .select({ id: 'dataset_id' }, 'namespace', 'name');
  return rows.map(row => ({
    id: toNumber(row.id),
    namespace: row.namespace as string,
    name: row.name as string,
  }));
}
