import { Knex } from 'knex';
import type { EntityResult } from './EntityResult';
import { Named, namedKey } from './facetValues';
import { idsByName } from './idsByName';
import { ImmutableRowCache } from './ImmutableRowCache';
import type { LineagesToProject } from './mergeWriterLineages';
import { columnLineageInputs } from './prepareEvent';

/**
 * The ids of the datasets that the column lineages to project read, which
 * the batch need not name (another writer's, stored): stored with them.
 */
export async function lineageInputIds(
  tx: Knex.Transaction,
  projected: Map<number, LineagesToProject>,
  datasetIds: Map<string, EntityResult>,
  idCache: ImmutableRowCache<string, number>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const missing = new Map<string, Named>();
  for (const { lineages } of projected.values()) {
    for (const input of lineages.flatMap(lineage =>
      columnLineageInputs(lineage),
    )) {
      const key = namedKey(input);
      const known = datasetIds.get(key)?.id ?? idCache.get(key);
      if (known === undefined) {
        missing.set(key, input);
      } else {
        ids.set(key, known);
      }
    }
  }
  if (missing.size > 0) {
    const stored = await idsByName(tx, 'lineage_datasets', [
      ...missing.values(),
    ]);
    stored.forEach((id, key) => ids.set(key, id));
  }
  return ids;
}
