import { FACET_TIMES_COLUMNS, FACET_UPDATE_COLUMNS } from './bulkColumns';
import { bulkRows, bulkRowsPerStatement } from './bulkRows';
import { conflictMerge } from './conflictMerge';
import { DeferredWrites } from './DeferredWrites';
import type { EntityResult } from './EntityResult';
import { FacetStateCache } from './FacetStateCache';
import type { LockedRows } from './insertEventsAndLockRows';
import { facetsJson, mergeFacets, parseFacetState } from './mergeFacets';
import { seenByAt } from './ReadWindow';
import { chunks, FACET_TIMES_TABLES, FacetTable, isPostgres } from './tables';
import type { EntityEntry } from './touchedBy';
import { withSqliteStatement } from './withSqliteStatement';

/**
 * Applies facet updates to the stored rows, read up front (under a row
 * lock on Postgres); those read unchanged reuse the cached state.
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
      facetRows.push([id, facetsAfter]);
    }
    // A tie can change a facet and leave its time as it was.
    if (changed.size > 0 || row.facet_times !== timesAfter) {
      timeRows.push([id, timesAfter, now]);
    }
    // Cached before the commit: should it roll back, the stored text
    // no longer matches and the state is read again.
    cache.set(id, state, facetsAfter, timesAfter);
  }
  if (facetRows.length > 0 && isPostgres(writes.tx)) {
    for (const part of chunks(
      facetRows,
      bulkRowsPerStatement(FACET_UPDATE_COLUMNS),
    )) {
      await writes.raw(
        `update ${table} set facets = v.facets from (?) v where ${table}.id = v.id`,
        [bulkRows(writes.tx, FACET_UPDATE_COLUMNS, part)],
      );
    }
  } else if (facetRows.length > 0) {
    await withSqliteStatement(
      writes.tx,
      `update ${table} set facets = ? where id = ?`,
      statement =>
        facetRows.forEach(([id, facets]) => statement.run([facets, id])),
    );
  }
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
