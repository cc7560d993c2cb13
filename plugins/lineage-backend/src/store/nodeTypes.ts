import type { DatasetType, JobType } from '@meshwork/plugin-lineage-common';
import { Knex } from 'knex';
import { Named } from './facetValues';
import { idOf, Key } from './keyOf';
import { marquezDatasetType, marquezJobType } from './marquezTypes';
import { parseJsonExact } from './parseJsonExact';
import { readInParts } from './readInParts';
import { idsIn, isPostgres } from './tables';

/** A node's name and its type as Marquez gives it (see marquezTypes). */
export type TypedName = Named & { marquezType: JobType | DatasetType };

/**
 * The name and Marquez type of each node of `keys` (a dataset id, or a job
 * id negated), by its current facets: one query per table, on Postgres at
 * once. Only the one facet a type is read from leaves the database, not
 * the rest (a schema's fields, a Spark plan).
 */
export async function nodeTypes(
  db: Knex,
  keys: Key[],
): Promise<Map<Key, TypedName>> {
  const types = new Map<Key, TypedName>();
  await Promise.all(
    (
      [
        [1, 'lineage_datasets', 'datasetType'],
        [-1, 'lineage_jobs', 'jobType'],
      ] as const
    ).map(async ([sign, table, facet]) => {
      const ids = keys.filter(k => Math.sign(k) === sign).map(idOf);
      const rows = await readInParts(db, ids, part =>
        db(`${table} as t`)
          .where(idsIn(isPostgres(db), 't.id', part))
          .select('t.id', 't.namespace', 't.name', typeFacet(db, facet)),
      );
      for (const { id, namespace, name, facet: text } of rows) {
        const facets = text === null ? {} : { [facet]: parseJsonExact(text) };
        types.set(sign * id, {
          namespace,
          name,
          marquezType:
            sign > 0
              ? marquezDatasetType(namespace, facets)
              : marquezJobType(facets),
        });
      }
    }),
  );
  return types;
}

/**
 * As JSON text, the facet of a row's facets that names it, else null (the
 * row's facets are parsed only then). Ingest refuses text Postgres's JSON
 * parser would (a NUL, an unpaired surrogate; see isUnstorable).
 */
function typeFacet(db: Knex, facet: string) {
  const named = `"${facet}"`;
  return isPostgres(db)
    ? db.raw(
        'case when strpos(??, ?) > 0 then (??::json -> ?::text)::text end as ??',
        ['t.facets', named, 't.facets', facet, 'facet'],
      )
    : db.raw('case when instr(??, ?) > 0 then ?? -> ? end as ??', [
        't.facets',
        named,
        't.facets',
        `$.${facet}`,
        'facet',
      ]);
}
