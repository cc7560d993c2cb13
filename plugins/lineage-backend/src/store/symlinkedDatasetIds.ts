import { Knex } from 'knex';
import { namedKey } from './facetValues';
import { namedRows } from './namedRows';
import { groupBy } from '../groupBy';
import {
  chunks,
  FACET_TIMES_TABLES,
  idsIn,
  isPostgres,
  toNumber,
} from './tables';

/**
 * The dataset each of `named` names through its `symlinks` facet, by
 * `namespace\0name`. Several datasets give one name when a table's files
 * moved (both paths name it): the table is where it was last written, so
 * the one with the latest write wins; of none written, the one whose
 * `symlinks` facet the latest event set (a reader may still read the old
 * path, so this counts second); then the lowest id.
 */
export async function symlinkedDatasetIds(
  db: Knex,
  named: Array<{ namespace: string; name: string }>,
): Promise<Map<string, number>> {
  const byName = new Map<string, Set<number>>();
  for (const row of await namedRows(
    db,
    'lineage_symlinks',
    'dataset_id',
    named,
  )) {
    const key = namedKey(row);
    if (!byName.has(key)) byName.set(key, new Set());
    byName.get(key)!.add(row.id);
  }
  const shared = [
    ...new Set(
      [...byName.values()].filter(ids => ids.size > 1).flatMap(ids => [...ids]),
    ),
  ];
  const [written, symlinked] = await Promise.all([
    lastWritten(db, shared),
    symlinksSet(db, shared),
  ]);
  const rank = (id: number) => [
    written.get(id) ?? -Infinity,
    symlinked.get(id) ?? -Infinity,
    -id,
  ];
  const ids = new Map<string, number>();
  byName.forEach((candidates, key) =>
    ids.set(
      key,
      [...candidates].reduce((best, id) =>
        isGreater(rank(id), rank(best)) ? id : best,
      ),
    ),
  );
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
 * it, and those whose facet names one it names. Spark reports a table's
 * files by path with the table's name as a symlink, while a query or a
 * quality check reports the table by that name: the runs of one table are
 * spread over those datasets, and files that moved leave more than one
 * path naming it.
 */
export async function symlinkAliases(
  db: Knex,
  datasetIds: number[],
): Promise<Map<number, number[]>> {
  const targetRows = await symlinkPairs(db, 's.dataset_id', datasetIds);
  const names = [...new Set([...datasetIds, ...targetRows.map(r => r.named)])];
  const linkerRows = await symlinkPairs(db, 'd.id', names);
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

/**
 * Each `symlinks` name stored for a dataset (`linker`) with the dataset of
 * that name (`named`), of those whose `column` (`s.dataset_id` or `d.id`)
 * is one of `ids`.
 */
async function symlinkPairs(
  db: Knex,
  column: 's.dataset_id' | 'd.id',
  ids: number[],
): Promise<Array<{ linker: number; named: number }>> {
  const rows: Array<{ linker: number; named: number }> = [];
  for (const part of chunks(ids, 300)) {
    const found = await db('lineage_symlinks as s')
      .join('lineage_datasets as d', function onName() {
        this.on('d.namespace', '=', 's.namespace').andOn(
          'd.name',
          '=',
          's.name',
        );
      })
      .where(idsIn(isPostgres(db), column, part))
      .select('s.dataset_id as linker', 'd.id as named');
    rows.push(
      ...found.map(row => ({
        linker: toNumber(row.linker),
        named: toNumber(row.named),
      })),
    );
  }
  return rows;
}
