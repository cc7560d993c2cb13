import { groupBy } from '@meshwork/plugin-lineage-common';
import { Knex } from 'knex';
import { datasetSpellingKey } from '@meshwork/plugin-data-products-common';
import { namedKey } from './facetValues';
import { NamedRow, rowsByName } from './namedRows';
import { symlinkRowsByName } from './symlinkRowsByName';
import { spelledDatasetIds } from './spelledDatasetIds';
import {
  chunks,
  FACET_TIMES_TABLES,
  idsIn,
  isPostgres,
  toNumber,
} from './tables';

/**
 * The dataset each of `named` names through its `symlinks` facet, under
 * any spelling of its namespace (see spelledDatasetIds), by
 * `namespace\0name`. Several datasets give one name when a table's files
 * moved (both paths name it) or producers spell its namespace otherwise:
 * the table is where it was last written, so the one with the latest write
 * wins; of none written, the one whose `symlinks` facet the latest event
 * set (a reader may still read the old path, so this counts second); then
 * one naming it as written; then the lowest id.
 */
export async function symlinkedDatasetIds(
  db: Knex,
  named: Array<{ namespace: string; name: string }>,
): Promise<Map<string, number>> {
  const bySpelling = groupBy(
    await symlinkRowsByName(
      db,
      named.map(d => d.name),
    ),
    datasetSpellingKey,
  );
  const byName = new Map<string, NamedRow[]>();
  for (const dataset of named) {
    const rows = bySpelling.get(datasetSpellingKey(dataset));
    if (rows) byName.set(namedKey(dataset), rows);
  }
  const shared = [
    ...new Set(
      [...byName.values()]
        .filter(rows => new Set(rows.map(row => row.id)).size > 1)
        .flatMap(rows => rows.map(row => row.id)),
    ),
  ];
  const [written, symlinked] = await Promise.all([
    lastWritten(db, shared),
    symlinksSet(db, shared),
  ]);
  const ids = new Map<string, number>();
  byName.forEach((rows, key) => {
    const rank = (row: NamedRow) => [
      written.get(row.id) ?? -Infinity,
      symlinked.get(row.id) ?? -Infinity,
      namedKey(row) === key ? 1 : 0,
      -row.id,
    ];
    ids.set(
      key,
      rows.reduce((best, row) =>
        isGreater(rank(row), rank(best)) ? row : best,
      ).id,
    );
  });
  return ids;
}

function isGreater(a: number[], b: number[]): boolean {
  const i = a.findIndex((value, index) => value !== b[index]);
  return i >= 0 && a[i] > b[i];
}

/** When a job last wrote each dataset, as the event saying so was timed. */
export async function lastWritten(
  db: Knex,
  datasetIds: number[],
): Promise<Map<number, number>> {
  const times = new Map<number, number>();
  for (const part of chunks(datasetIds, 300)) {
    const rows = await db('lineage_io')
      .where('direction', 'out')
      .where(idsIn(isPostgres(db), 'dataset_id', part))
      .groupBy('dataset_id')
      .select('dataset_id', db.raw('max(last_seen) as last_seen'));
    for (const row of rows) {
      times.set(toNumber(row.dataset_id), toNumber(row.last_seen));
    }
  }
  return times;
}

/** When each dataset's `symlinks` facet was last set, in epoch ms. */
async function symlinksSet(
  db: Knex,
  datasetIds: number[],
): Promise<Map<number, number>> {
  const times = new Map<number, number>();
  for (const part of chunks(datasetIds, 300)) {
    const rows = await db(FACET_TIMES_TABLES.lineage_datasets)
      .where(idsIn(isPostgres(db), 'id', part))
      .select('id', 'facet_times');
    for (const row of rows) {
      const time = JSON.parse(row.facet_times).symlinks;
      if (typeof time === 'number') times.set(toNumber(row.id), time);
    }
  }
  return times;
}

/**
 * Each dataset's ids under every name its table is stored by, its own
 * first: the datasets its `symlinks` facet names, those whose facet names
 * it, and those whose facet names one it names, each name under any
 * spelling of its namespace (see spelledDatasetIds). Spark reports a
 * table's files by path with the table's name as a symlink, while a query
 * or a quality check reports the table by that name: the runs of one table
 * are spread over those datasets, and files that moved leave more than one
 * path naming it.
 */
export async function symlinkAliases(
  db: Knex,
  datasetIds: number[],
): Promise<Map<number, number[]>> {
  const targetRows = await symlinkTargets(db, datasetIds);
  const names = [...new Set([...datasetIds, ...targetRows.map(r => r.named)])];
  const linkerRows = await symlinkLinkers(db, names);
  const named = groupBy(
    targetRows,
    row => row.linker,
    row => row.named,
  );
  const linkers = groupBy(
    linkerRows,
    row => row.named,
    row => row.linker,
  );
  return new Map(
    datasetIds.map(id => {
      const ids = [id, ...(named.get(id) ?? [])];
      return [
        id,
        [...new Set(ids.flatMap(n => [n, ...(linkers.get(n) ?? [])]))],
      ];
    }),
  );
}

/** A dataset (`linker`) whose `symlinks` facet names another (`named`). */
type SymlinkPair = { linker: number; named: number };

/** The datasets the `symlinks` facets of `linkerIds` name. */
async function symlinkTargets(
  db: Knex,
  linkerIds: number[],
): Promise<SymlinkPair[]> {
  const links: NamedRow[] = [];
  for (const part of chunks(linkerIds, 300)) {
    const rows = await db('lineage_symlinks')
      .where(idsIn(isPostgres(db), 'dataset_id', part))
      .select('dataset_id', 'namespace', 'name');
    links.push(
      ...rows.map(row => ({
        id: toNumber(row.dataset_id),
        namespace: row.namespace as string,
        name: row.name as string,
      })),
    );
  }
  const named = await spelledDatasetIds(db, links);
  return links.flatMap(link =>
    (named.get(namedKey(link)) ?? []).map(id => ({
      linker: link.id,
      named: id,
    })),
  );
}

/** The datasets whose `symlinks` facets name `namedIds`. */
async function symlinkLinkers(
  db: Knex,
  namedIds: number[],
): Promise<SymlinkPair[]> {
  const datasets: NamedRow[] = [];
  for (const part of chunks(namedIds, 300)) {
    const rows = await db('lineage_datasets')
      .where(idsIn(isPostgres(db), 'id', part))
      .select('id', 'namespace', 'name');
    datasets.push(...rows.map(row => ({ ...row, id: toNumber(row.id) })));
  }
  const linkers = groupBy(
    await rowsByName(
      db,
      'lineage_symlinks',
      'dataset_id',
      datasets.map(d => d.name),
    ),
    datasetSpellingKey,
    row => row.id,
  );
  return datasets.flatMap(dataset =>
    (linkers.get(datasetSpellingKey(dataset)) ?? []).map(linker => ({
      linker,
      named: dataset.id,
    })),
  );
}
