import { Knex } from 'knex';
import { datasetSpellingKey } from '@meshwork/plugin-data-products-common';
import { groupBy } from '@meshwork/plugin-lineage-common';
import { namedKey } from './facetValues';
import { chunks, idsIn, isPostgres, toNumber } from './tables';
import { rowsByName } from './namedRows';

/**
 * The datasets whose `symlinks` facet names each of `datasets` (a
 * table's files, by path), under any spelling of its namespace, by
 * `namespace\0name` as asked.
 */
export async function symlinkedBy(
  db: Knex,
  datasets: Array<{ namespace: string; name: string }>,
): Promise<Map<string, Array<{ namespace: string; name: string }>>> {
  const asked = groupBy(datasets, datasetSpellingKey, namedKey);
  const links = (
    await rowsByName(
      db,
      'lineage_symlinks',
      'dataset_id',
      datasets.map(d => d.name),
    )
  ).flatMap(link =>
    (asked.get(datasetSpellingKey(link)) ?? []).map(key => ({
      id: link.id,
      key,
    })),
  );
  const names = new Map<number, { namespace: string; name: string }>();
  for (const part of chunks([...new Set(links.map(l => l.id))], 500)) {
    const rows = await db('lineage_datasets')
      .where(idsIn(isPostgres(db), 'id', part))
      .select('id', 'namespace', 'name');
    for (const row of rows) {
      names.set(toNumber(row.id), {
        namespace: row.namespace,
        name: row.name,
      });
    }
  }
  return groupBy(
    links.filter(link => names.has(link.id)),
    link => link.key,
    link => names.get(link.id)!,
  );
}
