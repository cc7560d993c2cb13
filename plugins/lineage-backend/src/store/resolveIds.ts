import { Knex } from 'knex';
import { ENTITY_COLUMNS, NAME_COLUMNS } from './bulkColumns';
import { bulkRows, rawRows } from './bulkRows';
import { Named, namedKey } from './facetValues';
import { ImmutableRowCache } from './ImmutableRowCache';
import { FacetTable } from './tables';
import type { EntityEntry } from './touchedBy';
import { upsertRows } from './upsertRows';

/** The id of every entity, from the cache or found or inserted. */
export async function resolveIds(
  tx: Knex.Transaction,
  table: FacetTable,
  entries: Map<string, EntityEntry>,
  idCache: ImmutableRowCache<string, number>,
  now: number,
  learned: Array<[string, number]>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const missing: string[] = [];
  for (const key of entries.keys()) {
    const id = idCache.get(key);
    if (id === undefined) {
      missing.push(key);
    } else {
      ids.set(key, id);
    }
  }
  if (missing.length > 0) {
    missing.sort();
    const named = missing.map(key => [
      entries.get(key)!.namespace,
      entries.get(key)!.name,
    ]);
    const inserted = await upsertRows<Named & { id: number }>(tx, {
      table,
      columns: ENTITY_COLUMNS,
      rows: named.map(n => [...n, '{}', now]),
      conflict: ['namespace', 'name'],
      returning: ['id', 'namespace', 'name'],
    });
    let found = inserted;
    if (inserted.length < missing.length) {
      found = found.concat(
        rawRows<Named & { id: number }>(
          await tx.raw(
            `select t.id, t.namespace, t.name from (?) v join ${table} t on t.namespace = v.namespace and t.name = v.name`,
            [bulkRows(tx, NAME_COLUMNS, named)],
          ),
        ),
      );
    }
    for (const row of found) {
      const key = namedKey(row);
      if (!ids.has(key)) {
        ids.set(key, row.id);
        learned.push([key, row.id]);
      }
    }
  }
  return ids;
}
