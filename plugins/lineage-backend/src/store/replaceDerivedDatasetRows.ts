import {
  EVENT_LIMITS,
  isRecord,
  schemaFieldsOf,
} from '@meshwork/plugin-lineage-common';
import { Knex } from 'knex';
import { cutCodeUnits } from '../cutCodeUnits';
import {
  COLUMN_EDGE_COLUMNS,
  DATASET_FIELD_COLUMNS,
  SYMLINK_COLUMNS,
} from './bulkColumns';
import { DeferredWrites } from './DeferredWrites';
import { deprecatedTransformation } from './deprecatedTransformation';
import type { EntityResult } from './EntityResult';
import {
  asRecord,
  indexableName,
  isIndexable,
  isString,
  namedKey,
} from './facetValues';
import { ImmutableRowCache } from './ImmutableRowCache';
import { lineageInputIds } from './lineageInputIds';
import type { LineagesToProject } from './mergeWriterLineages';
import { parsedFacet } from './parsedFacet';
import { chunks } from './tables';

/** Edges a dataset's column lineage may get from its dataset-level inputs. */
const MAX_DATASET_LEVEL_EDGES = 10_000;

/**
 * Column lineage, current columns and symlinks follow the dataset's
 * current facets, its column lineage those of each of its writers
 * (`projected`, see mergeWriterLineages): rebuilt, for every dataset whose
 * facet changed, in a few statements for the whole batch.
 */
export async function replaceDerivedDatasetRows(
  tx: Knex.Transaction,
  writes: DeferredWrites,
  datasetIds: Map<string, EntityResult>,
  projected: Map<number, LineagesToProject>,
  idCache: ImmutableRowCache<string, number>,
) {
  const derived = {
    columnLineage: {
      table: 'lineage_column_edges',
      columns: COLUMN_EDGE_COLUMNS,
      ids: [] as number[],
      rows: new Map<string, unknown[]>(),
    },
    schema: {
      table: 'lineage_dataset_fields',
      columns: DATASET_FIELD_COLUMNS,
      ids: [] as number[],
      rows: new Map<string, unknown[]>(),
    },
    symlinks: {
      table: 'lineage_symlinks',
      columns: SYMLINK_COLUMNS,
      ids: [] as number[],
      rows: new Map<string, unknown[]>(),
    },
  };
  const entities = new Map(
    [...datasetIds.values()].map(entity => [entity.id, entity]),
  );
  const inputIds = await lineageInputIds(tx, projected, datasetIds, idCache);
  const addEdge = (found: { key: string; row: unknown[] } | undefined) => {
    if (!found) return;
    const own = derived.columnLineage.rows.get(found.key);
    if (!own) {
      derived.columnLineage.rows.set(found.key, found.row);
      return;
    }
    // The same column named again (as a field input and a dataset input,
    // twice, or by two writers): each of its transformations holds.
    own[4] = JSON.stringify(
      [
        ...new Set([
          ...(JSON.parse(own[4] as string) as unknown[]).map(t =>
            JSON.stringify(t),
          ),
          ...(JSON.parse(found.row[4] as string) as unknown[]).map(t =>
            JSON.stringify(t),
          ),
        ]),
      ].map(t => JSON.parse(t)),
    );
  };
  for (const [id, { lineages, columns, hadAny }] of projected) {
    if (hadAny || entities.get(id)!.facetsBefore.has('columnLineage')) {
      derived.columnLineage.ids.push(id);
    }
    const edge = (
      field: string,
      input: unknown,
      describe: (transformations: unknown) => unknown[],
    ) => {
      const {
        namespace,
        name,
        field: inputField,
        transformations,
      } = asRecord(input);
      const source = indexableName(namespace, name);
      if (!source || !isIndexable(inputField, EVENT_LIMITS.maxFieldBytes)) {
        return undefined;
      }
      const inputId = inputIds.get(namedKey(source));
      if (inputId === undefined) return undefined;
      return {
        key: `${id}\u0000${field}\u0000${inputId}\u0000${inputField}`,
        row: [
          id,
          field,
          inputId,
          inputField,
          JSON.stringify(describe(transformations)),
        ],
      };
    };
    for (const lineage of lineages) {
      const fields = Object.entries(asRecord(lineage.fields)).filter(
        ([field]) => isIndexable(field, EVENT_LIMITS.maxFieldBytes),
      );
      for (const [field, spec] of fields) {
        const { inputFields, transformationType, transformationDescription } =
          asRecord(spec);
        for (const input of Array.isArray(inputFields) ? inputFields : []) {
          addEdge(
            edge(field, input, transformations =>
              describeTransformations(
                transformations,
                transformationType,
                transformationDescription,
              ),
            ),
          );
        }
      }
      // Inputs that shape the whole dataset (`dataset`: filters, joins,
      // grouping) are inputs of each of its columns too, those with no
      // field lineage (a count, a literal) included, unless that makes
      // more edges than a writer's lineage may have from them.
      const datasetInputs = Array.isArray(lineage.dataset)
        ? lineage.dataset
        : [];
      const withLineage = fields.map(([field]) => field);
      const everyColumn = new Set([...withLineage, ...columns]);
      // Too many columns fall back to those with field lineage.
      const reached = [everyColumn, new Set(withLineage)].find(
        candidates =>
          candidates.size * datasetInputs.length <= MAX_DATASET_LEVEL_EDGES,
      );
      for (const column of reached ?? []) {
        for (const input of datasetInputs) {
          addEdge(edge(column, input, datasetLevelTransformations));
        }
      }
    }
  }
  for (const entity of datasetIds.values()) {
    const { id, changed, facetsBefore } = entity;
    const deleteOldRows = (facet: 'schema' | 'symlinks') => {
      if (facetsBefore.has(facet)) derived[facet].ids.push(id);
    };
    if (changed.has('schema')) {
      deleteOldRows('schema');
      for (const { name, type } of schemaFieldsOf(
        parsedFacet(changed.get('schema')),
      )) {
        if (isIndexable(name, EVENT_LIMITS.maxFieldBytes)) {
          derived.schema.rows.set(`${id}\u0000${name}`, [
            id,
            name,
            type ?? null,
          ]);
        }
      }
    }
    if (changed.has('symlinks')) {
      deleteOldRows('symlinks');
      const identifiers = parsedFacet(changed.get('symlinks')).identifiers;
      for (const identifier of Array.isArray(identifiers) ? identifiers : []) {
        const { namespace, name, type } = asRecord(identifier);
        const target = indexableName(namespace, name);
        if (target) {
          derived.symlinks.rows.set(`${id}\u0000${namedKey(target)}`, [
            id,
            target.namespace,
            target.name,
            isString(type) ? cutCodeUnits(type, 64) : null,
          ]);
        }
      }
    }
  }
  // Deleted before, in a statement of their own: a statement cannot
  // delete a row and insert its replacement. A dataset has rows derived
  // from a facet only while it has that facet: those of a facet new to it
  // are not looked for (a new dataset's delete scanned the whole table).
  const deletes = new DeferredWrites(tx);
  for (const { table, ids } of Object.values(derived)) {
    for (const part of chunks(ids, 1000)) {
      await deletes.query(tx(table).whereIn('dataset_id', part).delete());
    }
  }
  await deletes.flush();
  for (const { table, columns, rows } of Object.values(derived)) {
    await writes.upsert({ table, columns, rows: [...rows.values()] });
  }
}

/** The transformations an input lists: only objects describe one. */
function listedTransformations(transformations: unknown) {
  // Others would break readers.
  return Array.isArray(transformations) ? transformations.filter(isRecord) : [];
}

/**
 * Transformations as listed, or as the pre-1.2 facet's single type. That
 * type and its description, sent beside a list too, are kept on each
 * listed one, as Marquez answers with them (see toMarquezColumnLineage);
 * a description with an empty type, or none, is kept as well.
 */
function describeTransformations(
  transformations: unknown,
  type: unknown,
  description: unknown,
): unknown[] {
  const described = listedTransformations(transformations);
  const deprecated =
    Boolean(type) || (description !== undefined && description !== null);
  if (described.length === 0) {
    return deprecated ? [deprecatedTransformation(type, description)] : [];
  }
  if (!deprecated) return described;
  return described.map(t => ({
    ...t,
    transformationType: type ?? null,
    transformationDescription: description ?? null,
  }));
}

/**
 * A dataset-level input's transformations: one that lists none shapes the
 * dataset as a whole, which the spec calls INDIRECT.
 */
function datasetLevelTransformations(transformations: unknown): unknown[] {
  const described = listedTransformations(transformations);
  return described.length > 0 ? described : [{ type: 'INDIRECT' }];
}
