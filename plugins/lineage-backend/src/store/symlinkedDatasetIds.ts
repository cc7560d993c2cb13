import { Knex } from 'knex';
import { namedKey } from './facetValues';
import { namedRows } from './idsByName';
import { chunks, FACET_TIMES_TABLES, idsIn, isPostgres } from './tables';

/**
 * The dataset each of `named` names through its `symlinks` facet, by
 * `namespace\0name`. Of several datasets giving one name (a Hive table
 * whose files moved: both paths name it), the one whose `symlinks` facet
 * was set by the latest event; of a tie, the lowest id.
 */
export async function symlinkedDatasetIds(
  db: Knex,
  named: Array<{ namespace: string; name: string }>,
): Promise<Map<string, number>> {
  const byName = new Map<string, number[]>();
  for (const row of await namedRows(
    db,
    'lineage_symlinks',
    'dataset_id',
    named,
  )) {
    const key = namedKey(row);
    byName.set(key, [...(byName.get(key) ?? []), row.id]);
  }
  const shared = [
    ...new Set([...byName.values()].filter(ids => ids.length > 1).flat()),
  ];
  const symlinksTimes = await symlinksFacetTimes(db, shared);
  const time = (id: number) => symlinksTimes.get(id) ?? -Infinity;
  const ids = new Map<string, number>();
  byName.forEach((candidates, key) =>
    ids.set(
      key,
      candidates.reduce((best, id) =>
        time(id) > time(best) || (time(id) === time(best) && id < best)
          ? id
          : best,
      ),
    ),
  );
  return ids;
}

/** When each dataset's `symlinks` facet was last set, in epoch ms. */
async function symlinksFacetTimes(
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
      if (typeof time === 'number') times.set(Number(row.id), time);
    }
  }
  return times;
}
