import { groupBy } from '@meshwork/plugin-lineage-common';
import { Knex } from 'knex';
import { datasetSpellingKey } from '@meshwork/plugin-data-products-common';
import { namedKey } from './facetValues';
import { NamedRow, rowsByName } from './namedRows';
import { chunks, idsIn, isPostgres, toNumber } from './tables';

/**
 * The ids of the datasets stored by each of `named`'s names under a
 * namespace searchNamespace reads as it reads `named`'s (with or without
 * its default port, a scheme alias, in other case), by `namespace\0name`:
 * one stored as written first, then by id. Producers spell one table's
 * namespace differently, so all of them are that table. Names are compared
 * as written: S3 keys and quoted identifiers are case-sensitive.
 */
export async function spelledDatasetIds(
  db: Knex,
  named: Array<{ namespace: string; name: string }>,
): Promise<Map<string, number[]>> {
  const byName = groupBy(
    await rowsByName(
      db,
      'lineage_datasets',
      'id',
      named.map(d => d.name),
    ),
    datasetSpellingKey,
  );
  const ids = new Map<string, number[]>();
  for (const dataset of named) {
    const rows = byName.get(datasetSpellingKey(dataset)) ?? [];
    if (rows.length === 0) continue;
    const asWritten = (row: NamedRow) =>
      row.namespace === dataset.namespace ? 0 : 1;
    ids.set(
      namedKey(dataset),
      [...rows]
        .sort((a, b) => asWritten(a) - asWritten(b) || a.id - b.id)
        .map(row => row.id),
    );
  }
  return ids;
}

/**
 * Each dataset's ids under every spelling of its namespace stored by its
 * name (see spelledDatasetIds), its own first.
 */
export async function sameSpellingIds(
  db: Knex,
  datasetIds: number[],
): Promise<Map<number, number[]>> {
  const own: NamedRow[] = [];
  for (const part of chunks(datasetIds, 300)) {
    const rows = await db('lineage_datasets')
      .where(idsIn(isPostgres(db), 'id', part))
      .select('id', 'namespace', 'name');
    own.push(...rows.map(row => ({ ...row, id: toNumber(row.id) })));
  }
  const byName = groupBy(
    await rowsByName(
      db,
      'lineage_datasets',
      'id',
      own.map(d => d.name),
    ),
    datasetSpellingKey,
    row => row.id,
  );
  return new Map(
    own.map(row => [
      row.id,
      [...new Set([row.id, ...(byName.get(datasetSpellingKey(row)) ?? [])])],
    ]),
  );
}
