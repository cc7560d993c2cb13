import { Knex } from 'knex';
import { groupBy } from '@meshwork/plugin-lineage-common';
import { chunks, idsIn, isPostgres, toNumber } from './tables';
import { idsByName } from './idsByName';

/**
 * The stored datasets named as `datasets`, each with the names its
 * `symlinks` facet gives it, by `namespace\0name`.
 */
export async function symlinkNames(
  db: Knex,
  datasets: Array<{ namespace: string; name: string }>,
): Promise<
  Map<string, { id: number; names: Array<{ namespace: string; name: string }> }>
> {
  const ids = await idsByName(db, 'lineage_datasets', datasets);
  const parts: Array<
    Array<{ dataset_id: number; namespace: string; name: string }>
  > = [];
  for (const part of chunks([...ids.values()], 500)) {
    parts.push(
      await db('lineage_symlinks')
        .where(idsIn(isPostgres(db), 'dataset_id', part))
        .select('dataset_id', 'namespace', 'name'),
    );
  }
  // Joined once, not pushed as arguments: a dataset may have more names
  // than a call takes.
  const rows = parts.flat();
  const names = groupBy(
    rows,
    row => toNumber(row.dataset_id),
    row => ({ namespace: row.namespace as string, name: row.name as string }),
  );
  return new Map(
    [...ids].map(([key, id]) => [key, { id, names: names.get(id) ?? [] }]),
  );
}
