import { Knex } from 'knex';
import { rawRows } from './bulkRows';
import {
  chunks,
  FacetEntityRow,
  isPostgres,
  RunRow,
  toNumber,
  toOptionalNumber,
} from './tables';
import { postgresUpserts, upsertRows, UpsertRowsOptions } from './upsertRows';

export type FacetTable = 'lineage_datasets' | 'lineage_jobs';

/** Ids of the rows a transaction merges into, in lock order. */
export type LockRequest = Record<FacetTable, number[]> & { runIds: string[] };

type StoredFacets = Pick<FacetEntityRow, 'id' | 'facets' | 'facet_times'>;

/** Stored rows the merges start from, read (on Postgres, locked) up front. */
export type LockedRows = {
  lineage_datasets: Map<number, StoredFacets>;
  lineage_jobs: Map<number, StoredFacets>;
  runs: Map<string, RunRow>;
};

type InsertedEvent = { event_hash: string };

/**
 * Inserts a batch's events (`insert` returns the hash of each one new) and
 * reads the stored rows its merges start from, locked on Postgres.
 */
export async function insertEventsAndLockRows(
  tx: Knex.Transaction,
  insert: UpsertRowsOptions,
  lock: LockRequest,
): Promise<{ inserted: InsertedEvent[]; locked: LockedRows }> {
  if (isPostgres(tx)) {
    return insertAndLockOnPostgres(tx, insert, lock);
  }
  return {
    inserted: await upsertRows<InsertedEvent>(tx, insert),
    locked: await readRowsOnSqlite(tx, lock),
  };
}

function toRunRow(row: RunRow): RunRow {
  return {
    ...row,
    state_time: toNumber(row.state_time),
    started_at: toOptionalNumber(row.started_at),
    ended_at: toOptionalNumber(row.ended_at),
    first_event_time: toNumber(row.first_event_time),
    created_at: toNumber(row.created_at),
  };
}

/**
 * Inserts the events and locks the facet rows to merge into, in id order,
 * in the statement that inserts the last part of the events: one round trip
 * where a small batch took two or three. Runs are read in a statement of
 * their own, after: one created by a concurrent transaction that this
 * insert waited for is not in this statement's snapshot, and would be
 * overwritten.
 */
async function insertAndLockOnPostgres(
  tx: Knex.Transaction,
  insert: UpsertRowsOptions,
  lock: LockRequest,
): Promise<{ inserted: InsertedEvent[]; locked: LockedRows }> {
  const statements = postgresUpserts(tx, insert);
  const last = statements.pop();
  const inserted: InsertedEvent[] = [];
  for (const statement of statements) {
    inserted.push(...rawRows<InsertedEvent>(await statement));
  }
  const lockFacets = (table: FacetTable) =>
    `select id, facets, facet_times from ${table} where id = any(array(select value::integer from jsonb_array_elements_text(?::jsonb))) order by id for update`;
  const rows = rawRows<{
    source: 'e' | FacetTable;
    key: string;
    facets: string | null;
    facet_times: string | null;
  }>(
    await tx.raw(
      `with e as (${
        last ? '?' : 'select null::text as event_hash where false'
      }),
        d as (${lockFacets('lineage_datasets')}),
        j as (${lockFacets('lineage_jobs')})
      select 'e' as source, event_hash as key, null as facets, null as facet_times from e
      union all select 'lineage_datasets', id::text, facets, facet_times from d
      union all select 'lineage_jobs', id::text, facets, facet_times from j`,
      [
        ...(last ? [last] : []),
        JSON.stringify(lock.lineage_datasets),
        JSON.stringify(lock.lineage_jobs),
      ],
    ),
  );
  const locked: LockedRows = {
    lineage_datasets: new Map(),
    lineage_jobs: new Map(),
    runs: await readRuns(tx, lock.runIds),
  };
  for (const row of rows) {
    if (row.source === 'e') {
      inserted.push({ event_hash: row.key });
    } else {
      const id = Number(row.key);
      locked[row.source].set(id, {
        id,
        facets: row.facets!,
        facet_times: row.facet_times!,
      });
    }
  }
  return { inserted, locked };
}

/** The rows to merge into, on SQLite: a single writer needs no locks. */
async function readRowsOnSqlite(
  tx: Knex.Transaction,
  lock: LockRequest,
): Promise<LockedRows> {
  const locked: LockedRows = {
    lineage_datasets: new Map(),
    lineage_jobs: new Map(),
    runs: await readRuns(tx, lock.runIds),
  };
  for (const table of ['lineage_datasets', 'lineage_jobs'] as const) {
    for (const part of chunks(lock[table], 1000)) {
      const rows = await tx<FacetEntityRow>(table)
        .whereIn('id', part)
        .select('id', 'facets', 'facet_times');
      rows.forEach(row => locked[table].set(row.id, row));
    }
  }
  return locked;
}

/** The stored runs of `runIds`, locked on Postgres. */
async function readRuns(
  tx: Knex.Transaction,
  runIds: string[],
): Promise<Map<string, RunRow>> {
  const runs = new Map<string, RunRow>();
  for (const part of chunks(runIds, 500)) {
    let query = tx<RunRow>('lineage_runs').whereIn('run_id', part);
    if (isPostgres(tx)) query = query.orderBy('run_id').forUpdate();
    for (const row of await query) {
      runs.set(row.run_id, toRunRow(row));
    }
  }
  return runs;
}
