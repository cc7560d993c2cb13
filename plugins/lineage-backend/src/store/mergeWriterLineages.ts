import { Knex } from 'knex';
import { BulkColumn } from './bulkRows';
import { DeferredWrites } from './DeferredWrites';
import type { EntityResult } from './EntityResult';
import { namedKey } from './facetValues';
import { hasDatasetInputs } from './hasDatasetInputs';
import { emptyFacetState, FacetState, mergeFacets } from './mergeFacets';
import { parsedFacet } from './parsedFacet';
import type {
  FacetTexts,
  PreparedDataset,
  PreparedEvent,
} from './prepareEvent';
import { seenByAt } from './ReadWindow';
import { schemaColumns } from './schemaColumns';
import { chunks, toNumber } from './tables';

/** The writer of what a dataset event reports, which names no job. */
const DATASET_EVENT_WRITER = 0;
/**
 * The writer of a dataset's facet stored before writers were told apart
 * (see migration 20261220000000_column_lineage_writers.js): the first
 * writer's column lineage of it to change replaces it, as it replaced the
 * facet before.
 */
const LEGACY_WRITER = -1;

/** Sent for a stored text that stays: no facet's text is empty. */
const KEPT = '';
const keptOrIncoming = (column: string) =>
  `case when excluded.${column} = '${KEPT}' then lineage_column_lineages.${column} else excluded.${column} end`;

const WRITER_LINEAGE_COLUMNS: BulkColumn[] = [
  { name: 'dataset_id', type: 'integer' },
  { name: 'writer_id', type: 'integer' },
  { name: 'lineage', type: 'text', long: true },
  { name: 'lineage_time', type: 'bigint' },
  { name: 'columns', type: 'text', long: true },
  { name: 'columns_time', type: 'bigint' },
];

/** A dataset whose column edges are to be rebuilt, from each writer's. */
export type LineagesToProject = {
  /** Each writer's current `columnLineage` facet, parsed. */
  lineages: Array<Record<string, unknown>>;
  /**
   * The columns its writers' latest `schema` facets name, together: those
   * its dataset-level inputs reach. A reader's schema (of the columns it
   * read, say) is not one of them.
   */
  columns: string[];
  /** Whether it had any before this batch, and so edges to delete. */
  hadAny: boolean;
};

/**
 * Merges the `columnLineage` facets, and the columns of the `schema`
 * facets, that the batch's writers (the jobs writing a dataset; dataset
 * events as one more) report into each writer's stored ones, newest wins
 * as for facets, and tells which datasets' column edges to rebuild: those
 * whose writers' lineage changed, and those whose writers' columns changed
 * where a lineage has dataset-level inputs, which reach every column. Each
 * writer keeps its own, as Marquez keeps a row per output and input field:
 * a second job writing a dataset adds its column lineage to the first's.
 */
export async function mergeWriterLineages(
  tx: Knex.Transaction,
  writes: DeferredWrites,
  events: PreparedEvent[],
  datasetIds: Map<string, EntityResult>,
  jobIds: Map<string, EntityResult>,
  now: number,
): Promise<Map<number, LineagesToProject>> {
  type Update = { facets: FacetTexts; time: number };
  const updates = new Map<
    string,
    { datasetId: number; writer: number; updates: Update[] }
  >();
  const add = (dataset: PreparedDataset, writer: number, time: number) => {
    const facets: FacetTexts = [];
    for (const [name, text] of dataset.facets) {
      if (name === 'columnLineage') facets.push([name, text]);
      // Names alone, in one order: a new type or order reaches no column.
      if (name === 'schema') {
        const columns = text === null ? null : schemaColumns(text).sort();
        facets.push(['columns', columns && JSON.stringify(columns)]);
      }
    }
    if (facets.length === 0) return;
    const datasetId = datasetIds.get(namedKey(dataset))!.id;
    const key = `${datasetId}|${writer}`;
    let entry = updates.get(key);
    if (!entry) {
      entry = { datasetId, writer, updates: [] };
      updates.set(key, entry);
    }
    entry.updates.push({ facets, time });
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
  const ids = [...new Set([...updates.values()].map(u => u.datasetId))].sort(
    (a, b) => a - b,
  );
  const stored = new Map<number, Map<number, FacetState>>();
  for (const part of chunks(ids, 1000)) {
    const rows = await tx('lineage_column_lineages')
      .whereIn('dataset_id', part)
      .select(
        'dataset_id',
        'writer_id',
        'lineage',
        'lineage_time',
        'columns',
        'columns_time',
      );
    for (const row of rows) {
      const datasetId = toNumber(row.dataset_id);
      const state = emptyFacetState();
      if (row.lineage !== null) state.texts.columnLineage = row.lineage;
      if (row.lineage_time !== null) {
        state.times.columnLineage = toNumber(row.lineage_time);
      }
      if (row.columns !== null) state.texts.columns = row.columns;
      if (row.columns_time !== null) {
        state.times.columns = toNumber(row.columns_time);
      }
      if (!stored.has(datasetId)) stored.set(datasetId, new Map());
      stored.get(datasetId)!.set(toNumber(row.writer_id), state);
    }
  }
  const hadAny = new Set(
    [...stored]
      .filter(([, writers]) =>
        [...writers.values()].some(s => s.times.columnLineage !== undefined),
      )
      .map(([datasetId]) => datasetId),
  );
  const seenBy = seenByAt(now);
  const lineageChanged = new Set<number>();
  const columnsChanged = new Set<number>();
  const rows: unknown[][] = [];
  const legacyReplaced: number[] = [];
  for (const { datasetId, writer, updates: list } of updates.values()) {
    if (!stored.has(datasetId)) stored.set(datasetId, new Map());
    const writers = stored.get(datasetId)!;
    const legacy = writers.get(LEGACY_WRITER);
    const storedState = writers.get(writer);
    const textsBefore = storedState && { ...storedState.texts };
    const state = storedState ?? emptyFacetState();
    // What was stored, deletion included, is as new as it was: an older
    // event of a writer arriving late leaves it.
    if (!storedState && legacy?.times.columnLineage !== undefined) {
      state.times.columnLineage = legacy.times.columnLineage;
    }
    writers.set(writer, state);
    const timesBefore = { ...state.times };
    let changed = false;
    for (const { facets, time } of list.sort((a, b) => a.time - b.time)) {
      for (const name of mergeFacets(state, facets, time, seenBy).keys()) {
        changed = true;
        (name === 'columnLineage' ? lineageChanged : columnsChanged).add(
          datasetId,
        );
      }
    }
    const timeMoved =
      state.times.columnLineage !== timesBefore.columnLineage ||
      state.times.columns !== timesBefore.columns;
    if (
      legacy &&
      state.times.columnLineage !== timesBefore.columnLineage &&
      writers.delete(LEGACY_WRITER)
    ) {
      lineageChanged.add(datasetId);
      legacyReplaced.push(datasetId);
    }
    // A tie can change a time alone; a deletion keeps its time too, so
    // that an older event arriving late cannot bring it back.
    if (changed || timeMoved) {
      // A stored text the batch left as it was is not sent again: most
      // runs send the same facets, and only their time moves.
      const text = (name: string) =>
        textsBefore && textsBefore[name] === state.texts[name]
          ? KEPT
          : state.texts[name] ?? null;
      rows.push([
        datasetId,
        writer,
        text('columnLineage'),
        state.times.columnLineage ?? null,
        text('columns'),
        state.times.columns ?? null,
      ]);
    }
  }
  for (const part of chunks(legacyReplaced, 1000)) {
    await writes.query(
      tx('lineage_column_lineages')
        .where('writer_id', LEGACY_WRITER)
        .whereIn('dataset_id', part)
        .delete(),
    );
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
      lineage: keptOrIncoming('lineage'),
      lineage_time: 'excluded.lineage_time',
      columns: keptOrIncoming('columns'),
      columns_time: 'excluded.columns_time',
    },
  });
  const projected = new Map<number, LineagesToProject>();
  for (const datasetId of ids) {
    if (!lineageChanged.has(datasetId) && !columnsChanged.has(datasetId)) {
      continue;
    }
    // By writer, so that transformations merge in one order.
    const byWriter = [...(stored.get(datasetId) ?? [])].sort(
      ([a], [b]) => a - b,
    );
    const states = byWriter.map(([, state]) => state);
    // Parsed only where a lineage or columns changed: most writes change
    // neither.
    const lineages = states
      .map(state => state.texts.columnLineage)
      .filter((text): text is string => text !== undefined)
      .map(text => parsedFacet(text));
    if (lineageChanged.has(datasetId) || lineages.some(hasDatasetInputs)) {
      // The columns stored before writers were told apart stand only until
      // a writer reports its own: a column it dropped is gone.
      const reported = byWriter.some(
        ([writer, state]) =>
          writer !== LEGACY_WRITER && state.texts.columns !== undefined,
      );
      const columns = new Set(
        byWriter.flatMap(([writer, state]) =>
          state.texts.columns === undefined ||
          (reported && writer === LEGACY_WRITER)
            ? []
            : (JSON.parse(state.texts.columns) as string[]),
        ),
      );
      projected.set(datasetId, {
        lineages,
        columns: [...columns],
        hadAny: hadAny.has(datasetId),
      });
    }
  }
  return projected;
}
