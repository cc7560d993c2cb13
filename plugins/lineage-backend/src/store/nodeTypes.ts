import type { DatasetType, JobType } from '@meshwork/plugin-lineage-common';
import { Knex } from 'knex';
import { Named } from './facetValues';
import { idOf, Key } from './keyOf';
import { datasetTypeOf, jobTypeOf } from './marquezTypes';
import { readInParts } from './readInParts';
import { idsIn, isPostgres } from './tables';

/** A node's name and its type as Marquez gives it (see marquezTypes). */
export type TypedName = Named & { marquezType: JobType | DatasetType };

/**
 * The name and Marquez type of each node of `keys` (a dataset id, or a job
 * id negated), by its current facets: one query per table, on Postgres at
 * once. The type its facets declare is kept in `marquez_type` as they are
 * merged (see mergeFacetRows): no facet is read here.
 */
export async function nodeTypes(
  db: Knex,
  keys: Key[],
): Promise<Map<Key, TypedName>> {
  const types = new Map<Key, TypedName>();
  await Promise.all(
    (
      [
        [1, 'lineage_datasets'],
        [-1, 'lineage_jobs'],
      ] as const
    ).map(async ([sign, table]) => {
      const ids = keys.filter(k => Math.sign(k) === sign).map(idOf);
      const rows = await readInParts(db, ids, part =>
        db(table)
          .where(idsIn(isPostgres(db), 'id', part))
          .select('id', 'namespace', 'name', 'marquez_type'),
      );
      for (const { id, namespace, name, marquez_type: declared } of rows) {
        types.set(sign * id, {
          namespace,
          name,
          marquezType:
            sign > 0 ? datasetTypeOf(namespace, declared) : jobTypeOf(declared),
        });
      }
    }),
  );
  return types;
}
