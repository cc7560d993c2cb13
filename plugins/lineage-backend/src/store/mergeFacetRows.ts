import {
  FACET_TIMES_COLUMNS,
  FACET_UPDATE_COLUMNS,
  TYPED_FACET_UPDATE_COLUMNS,
} from './bulkColumns';
import { BulkColumn, bulkRows, bulkRowsPerStatement } from './bulkRows';
import { conflictMerge } from './conflictMerge';
import { DeferredWrites } from './DeferredWrites';
import type { EntityResult } from './EntityResult';
import { FacetStateCache } from './FacetStateCache';
import type { LockedRows } from './insertEventsAndLockRows';
import { declaredType, TYPE_FACETS } from './marquezTypes';
import {
  facetsJson,
  facetValue,
  mergeFacets,
  parseFacetState,
} from './mergeFacets';
import { seenByAt } from './ReadWindow';
import { chunks, FACET_TIMES_TABLES, FacetTable, isPostgres } from './tables';
import type { EntityEntry } from './touchedBy';
import { withSqliteStatement } from './withSqliteStatement';

/**
 * Applies facet updates to the stored rows, read up front (under a row
 * lock on Postgres); those read unchanged reuse the cached state. A row
 * whose type facet changed (see TYPE_FACETS) has its `marquez_type` set
 * beside its facets, the others only their facets.
 */
export async function mergeFacetRows(
  writes: DeferredWrites,
  table: FacetTable,
  entries: Map<string, EntityEntry>,
  ids: Map<string, number>,
  locked: LockedRows[FacetTable],
  cache: FacetStateCache,
  now: number,
): Promise<Map<string, EntityResult>> {
  const seenBy = seenByAt(now);
  const result = new Map<string, EntityResult>();
  const facetRows: unknown[][] = [];
  const typedRows: unknown[][] = [];
  const typeFacet = TYPE_FACETS[table];
  const timeRows: unknown[][] = [];
  for (const key of entries.keys()) {
    const id = ids.get(key)!;
    const row = locked.get(id);
    const { updates } = entries.get(key)!;
    const changed = new Map<string, string | undefined>();
    const entity: EntityResult = { id, changed, facetsBefore: new Set() };
    result.set(key, entity);
    if (updates.length === 0 || !row) continue;
    const state =
      cache.get(id, row.facets, row.facet_times) ??
      parseFacetState(row.facets, row.facet_times);
    entity.facetsBefore = new Set(Object.keys(state.texts));
    for (const update of [...updates].sort((a, b) => a.time - b.time)) {
      mergeFacets(state, update.facets, update.time, seenBy).forEach(
        (value, name) => changed.set(name, value),
      );
    }
    const timesAfter = JSON.stringify(state.times);
    let facetsAfter = row.facets;
    if (changed.size > 0) {
      facetsAfter = facetsJson(state);
      if (changed.has(typeFacet)) {
        const type = declaredType(table, facetValue(state, typeFacet));
        typedRows.push([id, facetsAfter, type]);
      } else {
        facetRows.push([id, facetsAfter]);
      }
    }
    // A tie can change a facet and leave its time as it was.
    if (changed.size > 0 || row.facet_times !== timesAfter) {
      timeRows.push([id, timesAfter, now]);
    }
    // Cached before the commit: should it roll back, the stored text
    // no longer matches and the state is read again.
    cache.set(id, state, facetsAfter, timesAfter);
  }
  await updateRows(writes, table, FACET_UPDATE_COLUMNS, facetRows);
  await updateRows(writes, table, TYPED_FACET_UPDATE_COLUMNS, typedRows);
  const merge = conflictMerge(writes.tx, FACET_TIMES_TABLES[table]);
  await writes.upsert({
    table: FACET_TIMES_TABLES[table],
    columns: FACET_TIMES_COLUMNS,
    rows: timeRows,
    conflict: ['id'],
    merge: {
      facet_times: merge.incoming('facet_times'),
      updated_at: merge.incoming('updated_at'),
    },
  });
  return result;
}

/**
 * Sets the columns after `id` of `rows` (each `[id, ...values]`): on
 * Postgres in bulk, on SQLite by a prepared statement run for each row.
 */
async function updateRows(
  writes: DeferredWrites,
  table: FacetTable,
  columns: BulkColumn[],
  rows: unknown[][],
) {
  if (rows.length === 0) return;
  const set = columns.slice(1).map(c => c.name);
  if (isPostgres(writes.tx)) {
    for (const part of chunks(rows, bulkRowsPerStatement(columns))) {
      await writes.raw(
        `update ${table} set ${set
          .map(name => `${name} = v.${name}`)
          .join(', ')} from (?) v where ${table}.id = v.id`,
        [bulkRows(writes.tx, columns, part)],
      );
    }
    return;
  }
  await withSqliteStatement(
    writes.tx,
    `update ${table} set ${set
      .map(name => `${name} = ?`)
      .join(', ')} where id = ?`,
    statement =>
      rows.forEach(([id, ...values]) => statement.run([...values, id])),
  );
}
