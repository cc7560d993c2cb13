import { SCHEMA_FIELDS_COLUMNS, SCHEMA_VERSION_COLUMNS } from './bulkColumns';
import { conflictMerge } from './conflictMerge';
import { DeferredWrites } from './DeferredWrites';
import type { EntityResult } from './EntityResult';
import { ImmutableRowCache } from './ImmutableRowCache';
import type { LearnedIds } from './LearnedIds';
import type { Touched } from './touchedBy';
import { WIDENS_SEEN } from './widensSeen';

/**
 * Stores the fields of each schema hash not stored yet, and widens each
 * dataset's version of a schema to the times the batch saw it.
 */
export async function upsertSchemaVersions(
  writes: DeferredWrites,
  schemas: Touched['schemas'],
  datasetIds: Map<string, EntityResult>,
  storedSchemaHashes: ImmutableRowCache<string, true>,
  learned: LearnedIds,
) {
  const versions = new Map<string, unknown[]>();
  const newFields = new Map<string, string>();
  for (const { dataset, text, hash, time } of schemas) {
    const datasetId = datasetIds.get(dataset)!.id;
    const key = `${datasetId}|${hash}`;
    const seen = versions.get(key) as number[] | undefined;
    versions.set(key, [
      datasetId,
      hash,
      Math.min(seen?.[2] ?? time, time),
      Math.max(seen?.[3] ?? time, time),
    ]);
    if (!storedSchemaHashes.get(hash)) newFields.set(hash, text);
  }
  await writes.upsert({
    table: 'lineage_schema_fields',
    columns: SCHEMA_FIELDS_COLUMNS,
    rows: [...newFields.keys()].sort().map(hash => [hash, newFields.get(hash)]),
    conflict: ['fields_hash'],
  });
  learned.schemaHashes = [...newFields.keys()];
  const merge = conflictMerge(writes.tx, 'lineage_schema_versions');
  await writes.upsert({
    table: 'lineage_schema_versions',
    columns: SCHEMA_VERSION_COLUMNS,
    rows: [...versions.keys()].sort().map(key => versions.get(key)!),
    conflict: ['dataset_id', 'fields_hash'],
    merge: {
      first_seen: merge.earliest('first_seen'),
      last_seen: merge.latest('last_seen'),
    },
    mergeWhere: WIDENS_SEEN('lineage_schema_versions'),
  });
}
