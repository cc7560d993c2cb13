import { Knex } from 'knex';
import { rawRows } from './bulkRows';
import {
  chunks,
  FACET_TABLES,
  FACET_TIMES_TABLES,
  FacetEntityRow,
  FacetTable,
  idsIn,
  isPostgres,
  RunRow,
  toNumber,
  toOptionalNumber,
} from './tables';
import { postgresUpserts, upsertRows, UpsertRowsOptions } from './upsertRows';

/** Ids of the rows a transaction merges into, in lock order. */
export type LockRequest = Record<FacetTable, number[]> & {
  /** Sorted by id; the job and listing time are for a run not stored yet. */
  runs: Array<{ runId: string; jobId: number; listingTime: number }>;
};

/** A row's facets and their times (`{}` while it has none stored). */
type StoredFacets = { id: number; facets: string; facet_times: string };

/** Stored rows the merges start from, read (on Postgres, locked) up front. */
export type LockedRows = {
  lineage_datasets: Map<number, StoredFacets>;
  lineage_jobs: Map<number, StoredFacets>;
  runs: Map<string, RunRow>;
  /** Runs this transaction inserted placeholder rows for (Postgres). */
  placedRuns: Set<string>;
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
  now: number,
): Promise<{ inserted: InsertedEvent[]; locked: LockedRows }> {
  if (isPostgres(tx)) {
    return insertAndLockOnPostgres(tx, insert, lock, now);
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
    active_time: toOptionalNumber(row.active_time),
    first_event_time: toNumber(row.first_event_time),
    last_event_time: toOptionalNumber(row.last_event_time),
    listing_time: toNumber(row.listing_time),
    created_at: toNumber(row.created_at),
  };
}

/**
 * Inserts the events and locks the facet rows to merge into, in id order,
 * in the statement that inserts the last part of the events: one round trip
 * where a small batch took two or three.
 *
 * The same statement inserts a placeholder row for each run not stored yet,
 * which the transaction's run upsert then fills (all but its listing time,
 * which no upsert sets): a concurrent transaction creating the same run
 * waits for it, instead of both finding no row and the later overwriting
 * the earlier. Runs stored already are read in a statement of their own,
 * after: one created by a concurrent transaction that this insert waited
 * for is not in this statement's snapshot.
 */
async function insertAndLockOnPostgres(
  tx: Knex.Transaction,
  insert: UpsertRowsOptions,
  lock: LockRequest,
  now: number,
): Promise<{ inserted: InsertedEvent[]; locked: LockedRows }> {
  const statements = postgresUpserts(tx, insert);
  const last = statements.pop();
  const inserted: InsertedEvent[] = [];
  for (const statement of statements) {
    inserted.push(...rawRows<InsertedEvent>(await statement));
  }
  const placeholders = lock.runs.map(({ runId, jobId, listingTime }) => [
    runId,
    jobId,
    listingTime,
  ]);
  const lockFacets = (table: FacetTable) =>
    `select id, facets from ${table} where id = any(array(select value::integer from jsonb_array_elements_text(?::jsonb))) order by id for update`;
  const rows = rawRows<{
    source: 'e' | 'r' | FacetTable;
    key: string;
    facets: string | null;
  }>(
    await tx.raw(
      `with e as (${
        last ? '?' : 'select null::text as event_hash where false'
      }),
        d as (${lockFacets('lineage_datasets')}),
        j as (${lockFacets('lineage_jobs')}),
        r as (insert into lineage_runs (run_id, job_id, state, state_time, first_event_time, listing_time, facets, facet_times, created_at, updated_at)
          select value ->> 0, (value ->> 1)::integer, 'OTHER', ?, ?, (value ->> 2)::bigint, '{}', '{}', ?, ? from jsonb_array_elements(?::jsonb)
          on conflict (run_id) do nothing returning run_id)
      select 'e' as source, event_hash as key, null as facets from e
      union all select 'lineage_datasets', id::text, facets from d
      union all select 'lineage_jobs', id::text, facets from j
      union all select 'r', run_id, null from r`,
      [
        ...(last ? [last] : []),
        JSON.stringify(lock.lineage_datasets),
        JSON.stringify(lock.lineage_jobs),
        now,
        now,
        now,
        now,
        JSON.stringify(placeholders),
      ],
    ),
  );
  const placed = new Set<string>();
  const locked: LockedRows = {
    lineage_datasets: new Map(),
    lineage_jobs: new Map(),
    runs: new Map(),
    placedRuns: placed,
  };
  for (const row of rows) {
    if (row.source === 'e') {
      inserted.push({ event_hash: row.key });
    } else if (row.source === 'r') {
      placed.add(row.key);
    } else {
      const id = Number(row.key);
      locked[row.source].set(id, {
        id,
        facets: row.facets!,
        facet_times: '{}',
      });
    }
  }
  // Only runs some other transaction stored are read; those placed here are
  // new, and start from nothing.
  await readFacetTimesAndRunsOnPostgres(
    tx,
    locked,
    lock.runs.map(run => run.runId).filter(runId => !placed.has(runId)),
  );
  return { inserted, locked };
}

/**
 * The facet times of the rows locked, and the stored runs, locked in run id
 * order: one statement, so one round trip, which a few events' transaction
 * mostly waits on. It follows the statement that locked the facet rows, so
 * its snapshot holds what a transaction that held those locks committed
 * (see readFacetTimes); a run that a concurrent transaction updates, it
 * waits for and reads as committed (`for update`).
 */
async function readFacetTimesAndRunsOnPostgres(
  tx: Knex.Transaction,
  locked: LockedRows,
  runIds: string[],
) {
  if (runIds.length === 0) {
    await readFacetTimes(tx, locked);
    return;
  }
  const runs = tx
    .with(
      'r',
      tx('lineage_runs')
        .whereRaw(
          'run_id = any(array(select value from jsonb_array_elements_text(?::jsonb)))',
          [JSON.stringify(runIds)],
        )
        .orderBy('run_id')
        .forUpdate(),
    )
    .from('r')
    .select(
      tx.raw(`'r' as source`),
      tx.raw('null::integer as id'),
      tx.raw('row_to_json(r)::text as data'),
    );
  const facetTimes = facetTimesSelects(tx, locked);
  const rows: SourcedRow<'r' | FacetTable>[] = await (facetTimes.length > 0
    ? runs.unionAll(facetTimes)
    : runs);
  for (const { source, id, data } of rows) {
    if (source === 'r') {
      const run = toRunRow(JSON.parse(data));
      locked.runs.set(run.run_id, run);
    } else {
      locked[source].get(id!)!.facet_times = data;
    }
  }
}

/** The rows to merge into, on SQLite: a single writer needs no locks. */
async function readRowsOnSqlite(
  tx: Knex.Transaction,
  lock: LockRequest,
): Promise<LockedRows> {
  const locked: LockedRows = {
    lineage_datasets: new Map(),
    lineage_jobs: new Map(),
    runs: await readRuns(
      tx,
      lock.runs.map(run => run.runId),
    ),
    placedRuns: new Set(),
  };
  for (const table of FACET_TABLES) {
    if (lock[table].length === 0) continue;
    const rows = await tx<FacetEntityRow>(table)
      .where(idsIn(false, 'id', lock[table]))
      .select('id', 'facets');
    rows.forEach(({ id, facets }) =>
      locked[table].set(id, { id, facets, facet_times: '{}' }),
    );
  }
  await readFacetTimes(tx, locked);
  return locked;
}

/**
 * The facet times of the rows read, in a statement of its own: on Postgres,
 * a statement that waited for a row's lock still reads other tables as they
 * were before it waited, so it would miss the times that the transaction
 * holding the lock then committed. The lock now held keeps them as read.
 */
async function readFacetTimes(tx: Knex.Transaction, locked: LockedRows) {
  // Both tables in one statement: one round trip on Postgres.
  const [first, ...others] = facetTimesSelects(tx, locked);
  if (!first) return;
  const rows: SourcedRow<FacetTable>[] = await (others.length > 0
    ? first.unionAll(others)
    : first);
  for (const { source, id, data } of rows) {
    locked[source].get(id!)!.facet_times = data;
  }
}

/** A row of a union of reads, each telling its `source`. */
type SourcedRow<Source> = { source: Source; id: number | null; data: string };

/** For each table with rows locked, a select of their facet times. */
function facetTimesSelects(tx: Knex.Transaction, locked: LockedRows) {
  return FACET_TABLES.filter(table => locked[table].size > 0).map(table =>
    tx(FACET_TIMES_TABLES[table])
      .where(idsIn(isPostgres(tx), 'id', [...locked[table].keys()]))
      .select(tx.raw(`'${table}' as source`), 'id', 'facet_times as data'),
  );
}

/** The stored runs of `runIds`, on SQLite. */
async function readRuns(
  tx: Knex.Transaction,
  runIds: string[],
): Promise<Map<string, RunRow>> {
  const runs = new Map<string, RunRow>();
  for (const part of chunks(runIds, 500)) {
    for (const row of await tx<RunRow>('lineage_runs').whereIn(
      'run_id',
      part,
    )) {
      runs.set(row.run_id, toRunRow(row));
    }
  }
  return runs;
}
