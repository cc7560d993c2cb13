import { Knex } from 'knex';
import { BulkColumn } from './bulkRows';
import { DeferredWrites } from './DeferredWrites';
import type { EntityResult } from './EntityResult';
import { namedKey } from './facetValues';
import { hasDatasetInputs } from './hasDatasetInputs';
import type { MergedEntity } from './mergeFacetRows';
import { emptyFacetState, FacetState, mergeFacets } from './mergeFacets';
import { parsedFacet } from './parsedFacet';
import type { PreparedDataset, PreparedEvent } from './prepareEvent';
import { seenByAt } from './ReadWindow';
import { chunks, toNumber } from './tables';

/** The writer of what a dataset event reports, which names no job. */
export const DATASET_EVENT_WRITER = 0;

const WRITER_LINEAGE_COLUMNS: BulkColumn[] = [
  { name: 'dataset_id', type: 'integer' },
  { name: 'writer_id', type: 'integer' },
  { name: 'lineage', type: 'text', long: true },
  { name: 'lineage_time', type: 'bigint' },
];

/** A dataset whose column edges are to be rebuilt, from each writer's. */
export type LineagesToProject = {
  /** Each writer's current `columnLineage` facet, parsed. */
  lineages: Array<Record<string, unknown>>;
  /** Whether it had any before this batch, and so edges to delete. */
  hadAny: boolean;
};

/**
 * Merges the `columnLineage` facets that the batch's writers (the jobs
 * writing a dataset; dataset events as one more) report into each
 * writer's stored one, newest wins as for facets, and tells which
 * datasets' column edges to rebuild: those whose writers' lineage changed,
 * and those whose columns a writer's schema changed where a lineage has
 * dataset-level inputs, which reach every column. Each writer keeps its
 * own, as Marquez keeps a row per output and input field: a second job
 * writing a dataset adds its column lineage to the first's.
 */
export async function mergeWriterLineages(
  tx: Knex.Transaction,
  writes: DeferredWrites,
  events: PreparedEvent[],
  datasetIds: Map<string, MergedEntity>,
  jobIds: Map<string, EntityResult>,
  now: number,
): Promise<Map<number, LineagesToProject>> {
  type Update = { text: string | null; time: number };
  const updates = new Map<
    string,
    { datasetId: number; writer: number; updates: Update[] }
  >();
  const add = (dataset: PreparedDataset, writer: number, time: number) => {
    const facet = dataset.facets.find(([name]) => name === 'columnLineage');
    if (!facet) return;
    const datasetId = datasetIds.get(namedKey(dataset))!.id;
    const key = `${datasetId}|${writer}`;
    let entry = updates.get(key);
    if (!entry) {
      entry = { datasetId, writer, updates: [] };
      updates.set(key, entry);
    }
    entry.updates.push({ text: facet[1], time });
  };
  for (const event of events) {
    const writer = event.job
      ? jobIds.get(namedKey(event.job))!.id
      : DATASET_EVENT_WRITER;
    for (const dataset of event.outputs) {
      add(dataset, writer, event.eventTimeMs);
    }
    if (event.dataset) add(event.dataset, writer, event.eventTimeMs);
  }
  const respread = new Set(
    [...datasetIds.values()]
      .filter(entity => entity.writtenColumnsChanged)
      .map(entity => entity.id),
  );
  const ids = [
    ...new Set([...[...updates.values()].map(u => u.datasetId), ...respread]),
  ].sort((a, b) => a - b);
  const stored = new Map<number, Map<number, FacetState>>();
  for (const part of chunks(ids, 1000)) {
    const rows = await tx('lineage_column_lineages')
      .whereIn('dataset_id', part)
      .select('dataset_id', 'writer_id', 'lineage', 'lineage_time');
    for (const row of rows) {
      const datasetId = toNumber(row.dataset_id);
      const state = emptyFacetState();
      if (row.lineage !== null) state.texts.columnLineage = row.lineage;
      state.times.columnLineage = toNumber(row.lineage_time);
      if (!stored.has(datasetId)) stored.set(datasetId, new Map());
      stored.get(datasetId)!.set(toNumber(row.writer_id), state);
    }
  }
  const hadAny = new Set(stored.keys());
  const seenBy = seenByAt(now);
  const changedDatasets = new Set<number>();
  const rows: unknown[][] = [];
  for (const { datasetId, writer, updates: list } of updates.values()) {
    if (!stored.has(datasetId)) stored.set(datasetId, new Map());
    const writers = stored.get(datasetId)!;
    const state = writers.get(writer) ?? emptyFacetState();
    writers.set(writer, state);
    const timeBefore = state.times.columnLineage;
    let changed = false;
    for (const { text, time } of list.sort((a, b) => a.time - b.time)) {
      const merged = mergeFacets(
        state,
        [['columnLineage', text]],
        time,
        seenBy,
      );
      changed = changed || merged.size > 0;
    }
    if (changed) changedDatasets.add(datasetId);
    // A tie can change the time alone; a deletion keeps its time too, so
    // that an older event arriving late cannot bring it back.
    if (changed || state.times.columnLineage !== timeBefore) {
      rows.push([
        datasetId,
        writer,
        state.texts.columnLineage ?? null,
        state.times.columnLineage,
      ]);
    }
  }
  await writes.upsert({
    table: 'lineage_column_lineages',
    columns: WRITER_LINEAGE_COLUMNS,
    rows: rows.sort(
      (a, b) =>
        (a[0] as number) - (b[0] as number) ||
        (a[1] as number) - (b[1] as number),
    ),
    conflict: ['dataset_id', 'writer_id'],
    merge: {
      lineage: 'excluded.lineage',
      lineage_time: 'excluded.lineage_time',
    },
  });
  const projected = new Map<number, LineagesToProject>();
  for (const datasetId of ids) {
    // By writer, so that transformations merge in one order.
    const lineages = [...(stored.get(datasetId) ?? [])]
      .sort(([a], [b]) => a - b)
      .map(([, state]) => state.texts.columnLineage)
      .filter((text): text is string => text !== undefined)
      .map(text => parsedFacet(text));
    if (
      changedDatasets.has(datasetId) ||
      (respread.has(datasetId) && lineages.some(hasDatasetInputs))
    ) {
      projected.set(datasetId, { lineages, hadAny: hadAny.has(datasetId) });
    }
  }
  return projected;
}
