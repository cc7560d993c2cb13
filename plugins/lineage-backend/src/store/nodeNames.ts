import { Knex } from 'knex';
import { idsIn, isPostgres } from './tables';
import { Named } from './facetValues';
import { ImmutableRowCache } from './ImmutableRowCache';
import { idOf, Key } from './keyOf';

/** Namespace and name of each node key: a dataset id, or a job id negated. */
export async function nodeNames(
  db: Knex,
  namesByKey: ImmutableRowCache<Key, Named>,
  keys: Key[],
) {
  const result = new Map<Key, Named>();
  const missing: Key[] = [];
  for (const key of keys) {
    const named = namesByKey.get(key);
    if (named) result.set(key, named);
    else missing.push(key);
  }
  // Both tables at once: on Postgres, on two connections.
  await Promise.all(
    (
      [
        [1, 'lineage_datasets'],
        [-1, 'lineage_jobs'],
      ] as const
    ).map(async ([sign, table]) => {
      const ids = missing.filter(k => Math.sign(k) === sign).map(idOf);
      if (ids.length === 0) return;
      const rows = await db(table)
        .where(idsIn(isPostgres(db), 'id', ids))
        .select('id', 'namespace', 'name');
      const found = rows.map((row): [Key, Named] => [
        sign * row.id,
        { namespace: row.namespace, name: row.name },
      ]);
      namesByKey.addAll(found);
      for (const [key, named] of found) result.set(key, named);
    }),
  );
  return result;
}
