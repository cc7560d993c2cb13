import { Knex } from 'knex';
import { namedKey } from './facetValues';
import { namedRows } from './namedRows';

/**
 * The ids of the datasets or jobs named as `named`, by `namespace\0name`.
 */
export async function idsByName(
  db: Knex,
  table: 'lineage_datasets' | 'lineage_jobs',
  named: Array<{ namespace: string; name: string }>,
): Promise<Map<string, number>> {
  const rows = await namedRows(db, table, 'id', named);
  return new Map(rows.map(row => [namedKey(row), row.id]));
}
