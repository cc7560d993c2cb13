import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { migrateLatestExclusively } from '@meshwork/plugin-data-products-node';
import {
  EVENT_LIMITS,
  isRecord,
  schemaFieldsOf,
} from '@meshwork/plugin-lineage-common';
import { Knex } from 'knex';
import {
  BulkColumn,
  bulkRows,
  bulkRowsPerStatement,
  rawRows,
} from './bulkRows';
import { conflictMerge } from './conflictMerge';
import { seenByAt } from './ReadWindow';
import { deprecatedTransformation } from './deprecatedTransformation';
import { DeferredWrites } from './DeferredWrites';
import { ImmutableRowCache } from './ImmutableRowCache';
import { idsByName } from './idsByName';
import { StorableEvent } from './StorableEvent';
import { FacetStateCache } from './FacetStateCache';
import {
  facetsJson,
  facetValue,
  mergeFacets,
  parseFacetState,
} from './mergeFacets';
import {
  chunks,
  FACET_TIMES_TABLES,
  FacetTable,
  isParented,
  isPostgres,
  IoRow,
  RunIoRow,
  RunRow,
  toNumber,
} from './tables';
import {
  COLUMN_EDGE_COLUMNS,
  DATASET_FIELD_COLUMNS,
  ENTITY_COLUMNS,
  EVENT_COLUMNS,
  FACET_TIMES_COLUMNS,
  FACET_UPDATE_COLUMNS,
  IO_COLUMNS,
  NAME_COLUMNS,
  NAMESPACE_COLUMNS,
  RUN_COLUMNS,
  RUN_IO_COLUMNS,
  RUN_IO_MEASUREMENTS,
  RUN_IO_TEXT_MEASUREMENTS,
  SCHEMA_FIELDS_COLUMNS,
  SCHEMA_VERSION_COLUMNS,
  SYMLINK_COLUMNS,
} from './bulkColumns';
import {
  insertEventsAndLockRows,
  LockedRows,
  LockRequest,
} from './insertEventsAndLockRows';
import {
  asRecord,
  indexableName,
  isIndexable,
  isString,
  Named,
  namedKey,
  parentJobOf,
  rootJobOf,
} from './facetValues';
import {
  columnLineageInputs,
  DatasetMeasurements,
  FacetTexts,
  PreparedDataset,
  PreparedEvent,
  prepareEvent,
} from './prepareEvent';
import { parseJsonExact } from './parseJsonExact';
import { pragmaOnEveryConnection } from './pragmaOnEveryConnection';
import { storedEventPayload } from './eventPayload';
import { syncSqliteCommits } from './syncSqliteCommits';
import { updateJobParents } from './updateJobParents';
import { upsertRows } from './upsertRows';
import { withSqliteStatement } from './withSqliteStatement';

const migrationsDir = resolvePackagePath(
  '@meshwork/plugin-lineage-backend',
  'migrations',
);

const TERMINAL = new Set(['COMPLETE', 'FAIL', 'ABORT']);
const FAILED = new Set(['FAIL', 'ABORT']);
/**
 * The events of a run that whether it was re-run, and under which job it
 * completed, depend on (see restartedBetween, completionJob).
 */
const STATE_BEARING = new Set(['START', 'RUNNING', 'COMPLETE']);
const RUN_STATE_EVENT_COLUMNS: BulkColumn[] = [
  { name: 'run_id', type: 'text' },
  { name: 'event_time', type: 'bigint' },
  { name: 'event_type', type: 'text' },
  { name: 'job_id', type: 'integer' },
];
/** End states of one time, the one that holds last. */
const END_RANK = ['COMPLETE', 'ABORT', 'FAIL'];
const MAX_CACHED_NAMESPACES = 10_000;
/** The advisory lock `ingestIntoEmpty` holds on Postgres: any fixed key. */
const INTO_EMPTY_LOCK = 7_362_915_001;
/** Edges a dataset's column lineage may get from its dataset-level inputs. */
const MAX_DATASET_LEVEL_EDGES = 10_000;

type FacetUpdate = { facets: FacetTexts; time: number };
/** A run's START, RUNNING or COMPLETE event, as lineage_run_state_events keeps it. */
type StateEvent = { time: number; type: string; jobId: number };
/**
 * A run's state events: those stored before the batch, read as asked, and
 * those of the batch, which are written after its runs are merged.
 */
type StateEvents = { tx: Knex.Transaction; runId: string; batch: StateEvent[] };
type EntityEntry = Named & { updates: FacetUpdate[] };
/** What a set of events touches, and the facet updates they bring. */
type Touched = {
  namespaces: Set<string>;
  lineage_datasets: Map<string, EntityEntry>;
  lineage_jobs: Map<string, EntityEntry>;
  schemas: Array<{ dataset: string; text: string; hash: string; time: number }>;
  /**
   * Of run events, sorted by id, each with its job's key and the earliest
   * eventTime of its events.
   */
  runs: Array<{ runId: string; job: string; time: number }>;
};
type EntityResult = {
  id: number;
  /** The facets this batch changed, with their new text. */
  changed: Map<string, string | undefined>;
  /** The names of the facets it had before this batch. */
  facetsBefore: Set<string>;
  /**
   * Its column lineage, unchanged, when this batch changed its schema and
   * that lineage has dataset-level inputs, which reach every column.
   */
  lineageToRespread?: Record<string, unknown>;
};
/** What a transaction finds stored, cached once it commits. */
type LearnedIds = {
  datasets: Array<[string, number]>;
  jobs: Array<[string, number]>;
  namespaces: string[];
  schemaHashes: string[];
};

/** SQLite's page cache per connection, in KiB. */
const CACHE_KIB = 64 * 1024;

/** How long a SQLite write waits for another process's lock (see create). */
export const BUSY_TIMEOUT_MS = 200;

/** Updates a first/last-seen row only if the incoming one widens it. */
const WIDENS_SEEN = (table: string) =>
  `excluded.first_seen < ${table}.first_seen or excluded.last_seen > ${table}.last_seen`;

export type IngestResult = {
  stored: number;
  duplicates: number;
  /** Per event, in order: stored now (true) or already known (false). */
  fresh: boolean[];
};

/**
 * Stores OpenLineage events durably and projects them into the lineage
 * model, in one transaction per batch. Projection is order-independent and
 * idempotent: every value is a function of the set of events received
 * (newest facet wins, earliest start, latest terminal state), so replays,
 * duplicates and late arrivals all settle on the same model.
 */
export class OpenLineageEventStore {
  static async create(
    db: Knex,
    options: { skipMigrations?: boolean } = {},
  ): Promise<OpenLineageEventStore> {
    if (db.client.config.client === 'better-sqlite3') {
      // A commit then syncs the write-ahead log once (syncSqliteCommits,
      // below) instead of a rollback journal and the database: still
      // durable, several times fewer fsyncs.
      // Kept by the database file; an in-memory database ignores it.
      await db.raw('PRAGMA journal_mode = WAL');
      // The plugin checkpoints the log from a worker thread (see
      // SqliteWalCheckpointer); the commit that outgrows 40 MB of log, not
      // the default 4 MB, does it here, should that worker fall behind. On
      // every connection: one the pool opens later would have 4 MB.
      await pragmaOnEveryConnection(db, 'wal_autocheckpoint = 10000');
      // A batch's upserts look up rows all over the larger tables: a page
      // missing from SQLite's cache is a read syscall on the thread that
      // serves requests. 64 MB, not the build's 16, halves them.
      await pragmaOnEveryConnection(db, `cache_size = -${CACHE_KIB}`);
      // better-sqlite3 waits for another process's lock on the thread that
      // serves every request, 5 s by default: the backend froze that long
      // each write. 200 ms outlasts a commit or a checkpoint of the log;
      // longer, the database is held, and ingest answers 503 (SQLITE_BUSY
      // is isStoreUnavailable's) for the client to retry.
      await pragmaOnEveryConnection(db, `busy_timeout = ${BUSY_TIMEOUT_MS}`);
      await syncSqliteCommits(db);
    }
    if (!options.skipMigrations) {
      // Replicas starting together take turns.
      await migrateLatestExclusively(db, {
        directory: migrationsDir,
        lockName: 'meshwork_migrations:lineage',
      });
    }
    return new OpenLineageEventStore(db);
  }

  private readonly facetStates = {
    lineage_datasets: new FacetStateCache(),
    lineage_jobs: new FacetStateCache(),
  };
  private readonly datasetIds = new ImmutableRowCache<string, number>();
  private readonly jobIds = new ImmutableRowCache<string, number>();
  /** Hashes whose fields lineage_schema_fields holds. */
  private readonly storedSchemaHashes = new ImmutableRowCache<string, true>();
  private readonly namespaces = new Set<string>();

  /** Whether payloads are stored deflated: on SQLite (see EventPayload). */
  readonly deflatesPayloads: boolean;

  private constructor(readonly db: Knex) {
    this.deflatesPayloads = !isPostgres(db);
  }

  async ingest(
    storable: StorableEvent[],
    now = Date.now(),
  ): Promise<IngestResult> {
    return (await this.ingestIf(storable, now))!;
  }

  /**
   * Stores `storable` only into a store holding nothing (see isEmpty), as
   * told in the same transaction: undefined if it holds something. Two
   * replicas starting together load a seed once.
   */
  async ingestIntoEmpty(
    storable: StorableEvent[],
    now = Date.now(),
  ): Promise<IngestResult | undefined> {
    return this.ingestIf(storable, now, async tx => {
      // Postgres lets a reader see no insert of a concurrent transaction,
      // so the second waits here for the first to end; SQLite writes one
      // transaction at a time.
      if (isPostgres(tx)) {
        await tx.raw('select pg_advisory_xact_lock(cast(? as bigint))', [
          INTO_EMPTY_LOCK,
        ]);
      }
      return this.isEmpty(tx);
    });
  }

  /** Stores `storable` when `precondition` holds in its transaction. */
  private async ingestIf(
    storable: StorableEvent[],
    now: number,
    precondition?: (tx: Knex.Transaction) => Promise<boolean>,
  ): Promise<IngestResult | undefined> {
    const deflatePayload = this.deflatesPayloads;
    const events = storable.map(e =>
      'event' in e ? prepareEvent(e, { deflatePayload }) : e,
    );
    return this.withRetry(async () => {
      const learned: LearnedIds = {
        datasets: [],
        jobs: [],
        namespaces: [],
        schemaHashes: [],
      };
      const result = await this.db.transaction(async tx => {
        if (precondition && !(await precondition(tx))) return undefined;
        // Ids and row locks are taken for every event, duplicates included:
        // on Postgres the facet rows are then locked in the statement that
        // stores the events, one round trip fewer.
        const all = touchedBy(events);
        const ids = {
          lineage_datasets: await this.resolveIds(
            tx,
            'lineage_datasets',
            all.lineage_datasets,
            now,
            learned.datasets,
          ),
          lineage_jobs: await this.resolveIds(
            tx,
            'lineage_jobs',
            all.lineage_jobs,
            now,
            learned.jobs,
          ),
        };
        const { fresh, isFresh, locked } = await this.insertRawAndLock(
          tx,
          events,
          now,
          {
            lineage_datasets: idsToLock(
              all.lineage_datasets,
              ids.lineage_datasets,
            ),
            lineage_jobs: idsToLock(all.lineage_jobs, ids.lineage_jobs),
            runs: all.runs.map(({ runId, job, time }) => ({
              runId,
              jobId: ids.lineage_jobs.get(job)!,
              listingTime: listingTime(time, now),
            })),
          },
        );
        const touched = fresh.length === events.length ? all : touchedBy(fresh);
        if (fresh.length > 0) {
          // Of all the batch's events, duplicates too, as Postgres's
          // placeholder rows have them.
          const listingTimes = new Map(
            all.runs.map(({ runId, time }) => [runId, listingTime(time, now)]),
          );
          await this.project(
            tx,
            fresh,
            touched,
            ids,
            locked,
            listingTimes,
            now,
            learned,
          );
        }
        // A run's events all duplicates yet its row missing (restored from
        // an older backup, say): no event fills its placeholder, so none stays.
        const filled = new Set(touched.runs.map(run => run.runId));
        const unfilled = [...locked.placedRuns].filter(id => !filled.has(id));
        for (const part of chunks(unfilled, 500)) {
          await tx('lineage_runs').whereIn('run_id', part).delete();
        }
        return {
          stored: fresh.length,
          duplicates: events.length - fresh.length,
          fresh: isFresh,
        };
      });
      this.datasetIds.addAll(learned.datasets);
      this.jobIds.addAll(learned.jobs);
      this.storedSchemaHashes.addAll(
        learned.schemaHashes.map(hash => [hash, true]),
      );
      if (this.namespaces.size > MAX_CACHED_NAMESPACES) {
        this.namespaces.clear();
      }
      learned.namespaces.forEach(name => this.namespaces.add(name));
      return result;
    });
  }

  async hasRun(runId: string): Promise<boolean> {
    return Boolean(
      await this.db('lineage_runs').where('run_id', runId).first('run_id'),
    );
  }

  /**
   * Whether nothing was ever stored: no job and no dataset. Raw events are
   * not asked, as retention may have deleted them all.
   */
  async isEmpty(db: Knex = this.db): Promise<boolean> {
    const job = await db('lineage_jobs').first('id');
    return !job && !(await db('lineage_datasets').first('id'));
  }

  /** Postgres may pick one of two concurrent batches as a deadlock victim. */
  private async withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 5 || (code !== '40P01' && code !== '40001')) {
          throw error;
        }
        await new Promise(r => setTimeout(r, 10 * attempt * Math.random()));
      }
    }
  }

  /**
   * Stores the events not seen before, and reads the stored rows the merges
   * start from (locked on Postgres). Returns the new events, in batch order. The
   * insert itself tells which are new, so a concurrent transaction storing
   * the same event makes it a duplicate here, not a second fresh copy.
   */
  private async insertRawAndLock(
    tx: Knex.Transaction,
    events: PreparedEvent[],
    now: number,
    lock: LockRequest,
  ): Promise<{
    fresh: PreparedEvent[];
    isFresh: boolean[];
    locked: LockedRows;
  }> {
    const firstOf = new Map<string, number>();
    const hashes: string[] = [];
    const rows: unknown[][] = [];
    events.forEach((event, index) => {
      const { kind, eventTimeMs, payload, payloadHash: hash } = event;
      hashes.push(hash);
      if (firstOf.has(hash)) return;
      firstOf.set(hash, index);
      rows.push([
        hash,
        kind,
        kind === 'run' ? event.eventType ?? null : null,
        eventTimeMs,
        now,
        event.run?.runId ?? null,
        event.job?.namespace ?? null,
        event.job?.name ?? null,
        storedEventPayload(payload, this.deflatesPayloads),
      ]);
    });
    const { inserted, locked } = await insertEventsAndLockRows(
      tx,
      {
        table: 'lineage_events',
        columns: EVENT_COLUMNS,
        rows,
        conflict: ['event_time', 'event_hash'],
        returning: ['event_hash'],
      },
      lock,
      now,
    );
    const stored = new Set(inserted.map(row => row.event_hash));
    const fresh: PreparedEvent[] = [];
    const isFresh = events.map((event, index) => {
      const hash = hashes[index];
      if (firstOf.get(hash) !== index || !stored.has(hash)) return false;
      fresh.push(event);
      return true;
    });
    return { fresh, isFresh, locked };
  }

  private async project(
    tx: Knex.Transaction,
    events: PreparedEvent[],
    touched: Touched,
    ids: Record<FacetTable, Map<string, number>>,
    locked: LockedRows,
    listingTimes: Map<string, number>,
    now: number,
    learned: LearnedIds,
  ) {
    const writes = new DeferredWrites(tx);
    const newNamespaces = [...touched.namespaces]
      .filter(name => !this.namespaces.has(name))
      .sort();
    await writes.upsert({
      table: 'lineage_namespaces',
      columns: NAMESPACE_COLUMNS,
      rows: newNamespaces.map(name => [name, now]),
      conflict: ['name'],
    });
    learned.namespaces = learned.namespaces.concat(newNamespaces);
    const datasetIds = await this.mergeFacetRows(
      writes,
      'lineage_datasets',
      touched.lineage_datasets,
      ids.lineage_datasets,
      locked.lineage_datasets,
      now,
    );
    const jobIds = await this.mergeFacetRows(
      writes,
      'lineage_jobs',
      touched.lineage_jobs,
      ids.lineage_jobs,
      locked.lineage_jobs,
      now,
    );

    await this.upsertSchemaVersions(
      writes,
      touched.schemas,
      datasetIds,
      learned,
    );
    await this.replaceDerivedDatasetRows(tx, writes, datasetIds);
    const parentedJobs = await this.upsertRuns(
      writes,
      events,
      jobIds,
      locked.runs,
      listingTimes,
      now,
    );
    await this.upsertIo(writes, events, datasetIds, jobIds);
    await writes.flush();
    // After the flush: it reads the runs written.
    await updateJobParents(tx, parentedJobs);
  }

  /** The id of every entity, from the cache or found or inserted. */
  private async resolveIds(
    tx: Knex.Transaction,
    table: FacetTable,
    entries: Map<string, EntityEntry>,
    now: number,
    learned: Array<[string, number]>,
  ): Promise<Map<string, number>> {
    const idCache =
      table === 'lineage_datasets' ? this.datasetIds : this.jobIds;
    const ids = new Map<string, number>();
    const missing: string[] = [];
    for (const key of entries.keys()) {
      const id = idCache.get(key);
      if (id === undefined) {
        missing.push(key);
      } else {
        ids.set(key, id);
      }
    }
    if (missing.length > 0) {
      missing.sort();
      const named = missing.map(key => [
        entries.get(key)!.namespace,
        entries.get(key)!.name,
      ]);
      const inserted = await upsertRows<Named & { id: number }>(tx, {
        table,
        columns: ENTITY_COLUMNS,
        rows: named.map(n => [...n, '{}', now]),
        conflict: ['namespace', 'name'],
        returning: ['id', 'namespace', 'name'],
      });
      let found = inserted;
      if (inserted.length < missing.length) {
        found = found.concat(
          rawRows<Named & { id: number }>(
            await tx.raw(
              `select t.id, t.namespace, t.name from (?) v join ${table} t on t.namespace = v.namespace and t.name = v.name`,
              [bulkRows(tx, NAME_COLUMNS, named)],
            ),
          ),
        );
      }
      for (const row of found) {
        const key = namedKey(row);
        if (!ids.has(key)) {
          ids.set(key, row.id);
          learned.push([key, row.id]);
        }
      }
    }
    return ids;
  }

  /**
   * Applies facet updates to the stored rows, read up front (under a row
   * lock on Postgres); those read unchanged reuse the cached state.
   */
  private async mergeFacetRows(
    writes: DeferredWrites,
    table: FacetTable,
    entries: Map<string, EntityEntry>,
    ids: Map<string, number>,
    locked: LockedRows[FacetTable],
    now: number,
  ): Promise<Map<string, EntityResult>> {
    const cache = this.facetStates[table];
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
      const schemaBefore = state.texts.schema;
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
      if (changed.has('schema') && !changed.has('columnLineage')) {
        const lineage = lineageNamingDatasetInputs(state.texts.columnLineage);
        if (
          lineage &&
          hasDatasetInputs(lineage) &&
          columnNamesDiffer(schemaBefore, state.texts.schema)
        ) {
          result.get(key)!.lineageToRespread = lineage;
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
    if (facetRows.length > 0 && isPostgres(this.db)) {
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

  private async upsertSchemaVersions(
    writes: DeferredWrites,
    schemas: Touched['schemas'],
    datasetIds: Map<string, EntityResult>,
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
      if (!this.storedSchemaHashes.get(hash)) newFields.set(hash, text);
    }
    await writes.upsert({
      table: 'lineage_schema_fields',
      columns: SCHEMA_FIELDS_COLUMNS,
      rows: [...newFields.keys()]
        .sort()
        .map(hash => [hash, newFields.get(hash)]),
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
  /**
   * Column lineage, current columns and symlinks follow the dataset's
   * current facets: rebuilt, for every dataset whose facet changed (its
   * column lineage also when its schema did), in a few statements for the
   * whole batch.
   */
  private async replaceDerivedDatasetRows(
    tx: Knex.Transaction,
    writes: DeferredWrites,
    datasetIds: Map<string, EntityResult>,
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
    const columnsReached = await this.columnsDatasetInputsReach(tx, datasetIds);
    const respreadInputIds = await this.respreadInputIds(tx, datasetIds);
    const addEdge = (found: { key: string; row: unknown[] } | undefined) => {
      if (!found) return;
      const own = derived.columnLineage.rows.get(found.key);
      if (!own) {
        derived.columnLineage.rows.set(found.key, found.row);
        return;
      }
      // The same column named again (as a field input and a dataset input,
      // or twice): each of its transformations holds.
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
    for (const entity of datasetIds.values()) {
      const { id, changed, facetsBefore } = entity;
      const { lineageToRespread } = entity;
      const deleteOldRows = (facet: keyof typeof derived) => {
        if (facetsBefore.has(facet)) derived[facet].ids.push(id);
      };
      if (changed.has('columnLineage') || lineageToRespread) {
        deleteOldRows('columnLineage');
        const lineage =
          columnsReached.lineages.get(id) ??
          lineageToRespread ??
          parsedFacet(changed.get('columnLineage'));
        const edge = (
          field: string,
          input: unknown,
          transformationType?: unknown,
          transformationDescription?: unknown,
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
          const inputKey = namedKey(source);
          const inputId =
            datasetIds.get(inputKey)?.id ?? respreadInputIds.get(inputKey);
          if (inputId === undefined) return undefined;
          return {
            key: `${id}\u0000${field}\u0000${inputId}\u0000${inputField}`,
            row: [
              id,
              field,
              inputId,
              inputField,
              JSON.stringify(
                describeTransformations(
                  transformations,
                  transformationType,
                  transformationDescription,
                ),
              ),
            ],
          };
        };
        const fields = Object.entries(asRecord(lineage.fields)).filter(
          ([field]) => isIndexable(field, EVENT_LIMITS.maxFieldBytes),
        );
        for (const [field, spec] of fields) {
          const { inputFields, transformationType, transformationDescription } =
            asRecord(spec);
          for (const input of Array.isArray(inputFields) ? inputFields : []) {
            addEdge(
              edge(field, input, transformationType, transformationDescription),
            );
          }
        }
        // Inputs that shape the whole dataset (`dataset`: filters, joins,
        // grouping) are inputs of each of its columns too, those with no
        // field lineage (a count, a literal) included, unless that makes
        // more edges than a dataset may have from them.
        const datasetInputs = Array.isArray(lineage.dataset)
          ? lineage.dataset
          : [];
        const withLineage = fields.map(([field]) => field);
        const everyColumn = new Set([
          ...withLineage,
          ...(columnsReached.columns.get(id) ?? []),
        ]);
        // Too wide a schema falls back to the columns with field lineage.
        const reached = [everyColumn, new Set(withLineage)].find(
          columns =>
            columns.size * datasetInputs.length <= MAX_DATASET_LEVEL_EDGES,
        );
        for (const column of reached ?? []) {
          for (const input of datasetInputs) addEdge(edge(column, input));
        }
      }
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
        for (const identifier of Array.isArray(identifiers)
          ? identifiers
          : []) {
          const { namespace, name, type } = asRecord(identifier);
          const target = indexableName(namespace, name);
          if (target) {
            derived.symlinks.rows.set(`${id}\u0000${namedKey(target)}`, [
              id,
              target.namespace,
              target.name,
              isString(type) ? type.slice(0, 64) : null,
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

  /**
   * The ids of the datasets that the column lineages to respread read,
   * which the batch need not name: stored with those lineages.
   */
  private async respreadInputIds(
    tx: Knex.Transaction,
    datasetIds: Map<string, EntityResult>,
  ): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    const missing = new Map<string, Named>();
    for (const { lineageToRespread } of datasetIds.values()) {
      if (!lineageToRespread) continue;
      for (const input of columnLineageInputs(lineageToRespread)) {
        const key = namedKey(input);
        const known = datasetIds.get(key)?.id ?? this.datasetIds.get(key);
        if (known === undefined) {
          missing.set(key, input);
        } else {
          ids.set(key, known);
        }
      }
    }
    if (missing.size > 0) {
      const stored = await idsByName(tx, 'lineage_datasets', [
        ...missing.values(),
      ]);
      stored.forEach((id, key) => ids.set(key, id));
    }
    return ids;
  }

  /**
   * The columns of each dataset whose column lineage to project has
   * dataset-level inputs: its schema's, as this batch changed it, or as
   * stored.
   */
  private async columnsDatasetInputsReach(
    tx: Knex.Transaction,
    datasetIds: Map<string, EntityResult>,
  ) {
    const columns = new Map<number, string[]>();
    /** The facets parsed here, not to be parsed again. */
    const lineages = new Map<number, Record<string, unknown>>();
    const stored: number[] = [];
    for (const { id, changed, lineageToRespread } of datasetIds.values()) {
      const lineage =
        lineageToRespread ??
        (changed.has('columnLineage')
          ? lineageNamingDatasetInputs(changed.get('columnLineage'))
          : undefined);
      if (!lineage) continue;
      lineages.set(id, lineage);
      if (!hasDatasetInputs(lineage)) continue;
      if (changed.has('schema')) {
        columns.set(id, schemaColumns(changed.get('schema')));
      } else {
        stored.push(id);
      }
    }
    for (const part of chunks(stored, 1000)) {
      const rows = await tx('lineage_dataset_fields')
        .whereIn('dataset_id', part)
        .select('dataset_id', 'field');
      for (const row of rows) {
        const id = toNumber(row.dataset_id);
        if (!columns.has(id)) columns.set(id, []);
        columns.get(id)!.push(row.field);
      }
    }
    return { columns, lineages };
  }

  /**
   * Merges run events into the stored runs, read up front; a run stored now
   * is listed at its `listingTimes`. Returns the jobs whose latest parented
   * run may have changed: those of runs naming a parent now or as stored.
   */
  private async upsertRuns(
    writes: DeferredWrites,
    events: PreparedEvent[],
    jobIds: Map<string, EntityResult>,
    stored: Map<string, RunRow>,
    listingTimes: Map<string, number>,
    now: number,
  ) {
    const runEvents = events
      .filter(e => e.kind === 'run')
      .sort((a, b) => a.eventTimeMs - b.eventTimeMs);
    const runIds = [...new Set(runEvents.map(e => e.run!.runId))].sort();
    const runs = new Map(stored);
    const seenBy = seenByAt(now);
    const touched = new Set<string>();
    const parentedJobs = new Set<number>();
    const stateEvents = new Map<string, StateEvent[]>();
    const stateRows = new Map<string, unknown[]>();
    for (const event of runEvents) {
      const type = event.eventType ?? 'OTHER';
      if (!STATE_BEARING.has(type)) continue;
      const runId = event.run!.runId;
      const time = event.eventTimeMs;
      const jobId = jobIds.get(namedKey(event.job!))!.id;
      if (!stateEvents.has(runId)) stateEvents.set(runId, []);
      stateEvents.get(runId)!.push({ time, type, jobId });
      stateRows.set(`${runId}\u0000${time}\u0000${type}\u0000${jobId}`, [
        runId,
        time,
        type,
        jobId,
      ]);
    }
    for (const runId of runIds) {
      const row = stored.get(runId);
      if (row && isParented(row)) parentedJobs.add(row.job_id);
    }
    for (const event of runEvents) {
      const time = event.eventTimeMs;
      const runId = event.run!.runId;
      const type = event.eventType ?? 'OTHER';
      const jobId = jobIds.get(namedKey(event.job!))!.id;
      const states: StateEvents = {
        tx: writes.tx,
        runId,
        batch: stateEvents.get(runId) ?? [],
      };
      let run = runs.get(runId);
      // As stored, or as an earlier event of this batch left it.
      const before = run && { ...run };
      if (!run) {
        run = {
          run_id: runId,
          job_id: jobId,
          state: type,
          state_time: time,
          started_at: null,
          ended_at: TERMINAL.has(type) ? time : null,
          active_time: null,
          first_event_time: time,
          last_event_time: time,
          listing_time: listingTimes.get(runId)!,
          error_message: null,
          parent_run_id: null,
          parent_job_id: null,
          root_job_id: null,
          facets: '{}',
          facet_times: '{}',
          created_at: now,
          updated_at: now,
        };
        runs.set(runId, run);
      }
      run.first_event_time = Math.min(run.first_event_time, time);
      run.last_event_time = Math.max(run.last_event_time ?? time, time);
      // The run's job is that of the event its state comes from, so that it
      // does not depend on the order events arrive in: Spark may name the
      // job `unknown` on START and the real one later.
      if (type === 'START' || type === 'RUNNING') {
        run.active_time = Math.max(run.active_time ?? time, time);
        if (restartsToCompletion(run, time)) {
          run.state = 'COMPLETE';
          run.state_time = run.ended_at!;
          run.job_id =
            (await completionJob(states, run.ended_at!)) ?? run.job_id;
        }
      }
      const span = failureThenCompletion(type, time, run);
      const restarted =
        span !== undefined &&
        (await restartedBetween(states, run, span.failure, span.completion));
      if (failureStands(type, time, run, restarted)) {
        // Spark's integration reports a failed query's job FAIL, then its
        // SQL execution COMPLETE: a completion with no restart after the
        // failure does not undo it, though the run ended with it.
        run.ended_at = Math.max(run.ended_at!, time);
      } else if (supersedes(type, time, run, restarted)) {
        run.ended_at = TERMINAL.has(type)
          ? Math.max(time, FAILED.has(type) ? run.ended_at ?? time : time)
          : null;
        run.state = type;
        run.state_time = time;
        run.job_id = jobId;
      } else if (
        type === run.state &&
        (time > run.state_time ||
          (time === run.state_time && jobId > run.job_id))
      ) {
        // Of two events of the state's kind, the later, or at one time the
        // greater job id; for OTHER, which never supersedes, the later.
        run.state_time = time;
        run.job_id = jobId;
      }
      if (type === 'START') {
        run.started_at = Math.min(run.started_at ?? time, time);
      }
      const state = parseFacetState(run.facets, run.facet_times);
      mergeFacets(state, event.run!.facets, time, seenBy);
      run.facets = facetsJson(state);
      run.facet_times = JSON.stringify(state.times);
      // Only a run that failed has an error: one re-run under the same id
      // (as Airflow's providers before 2.0 did) and completed has none.
      // Nor does a failure reporting none show an earlier attempt's.
      const errorFacet = asRecord(facetValue(state, 'errorMessage'));
      run.error_message =
        FAILED.has(run.state) &&
        state.times.errorMessage >= run.state_time &&
        isString(errorFacet.message)
          ? errorFacet.message
          : null;
      const parentFacet = facetValue(state, 'parent');
      const parentRunId = asRecord(asRecord(parentFacet).run).runId;
      run.parent_run_id = isString(parentRunId)
        ? parentRunId.slice(0, 256)
        : null;
      // A parent job not among this batch's comes from a stored facet,
      // whose job the stored row has.
      const parentJob = parentJobOf(parentFacet);
      run.parent_job_id = parentJob
        ? jobIds.get(namedKey(parentJob))?.id ?? run.parent_job_id
        : null;
      const rootJob = rootJobOf(parentFacet);
      run.root_job_id = rootJob
        ? jobIds.get(namedKey(rootJob))?.id ?? run.root_job_id
        : null;
      // Updated only by an event that changed it (a later one moves its
      // last_event_time), as the time a run was last updated bounds when it
      // wrote: an event sent again after retention deleted its raw row is
      // new to the store, not to the run.
      const changed = (column: keyof RunRow) =>
        column !== 'updated_at' && before![column] !== run![column];
      if (!before || RUN_COLUMNS.some(c => changed(c.name as keyof RunRow))) {
        run.updated_at = now;
        touched.add(runId);
      }
    }
    for (const runId of touched) {
      const run = runs.get(runId)!;
      if (isParented(run)) parentedJobs.add(run.job_id);
    }
    // Ignored if stored: an event sent again after retention deleted its
    // raw row is new to the store, not to the run.
    await writes.upsert({
      table: 'lineage_run_state_events',
      columns: RUN_STATE_EVENT_COLUMNS,
      rows: [...stateRows.keys()].sort().map(key => stateRows.get(key)!),
      conflict: ['run_id', 'event_time', 'event_type', 'job_id'],
    });
    const rows = runIds
      .filter(id => touched.has(id))
      .map(id => RUN_COLUMNS.map(c => runs.get(id)![c.name as keyof RunRow]));
    await writes.upsert({
      table: 'lineage_runs',
      columns: RUN_COLUMNS,
      rows,
      conflict: ['run_id'],
      // Never the listing time: a run keeps its place in its job's runs.
      merge: Object.fromEntries(
        RUN_COLUMNS.filter(
          c => !['run_id', 'created_at', 'listing_time'].includes(c.name),
        ).map(c => [c.name, `excluded.${c.name}`]),
      ),
    });
    return [...parentedJobs].sort((a, b) => a - b);
  }

  /**
   * Job ↔ dataset edges and per-run statistics, merged into the stored rows
   * in SQL: edges widen their first/last seen, and each run measurement
   * comes from the newest event that reported it.
   */
  private async upsertIo(
    writes: DeferredWrites,
    events: PreparedEvent[],
    datasetIds: Map<string, EntityResult>,
    jobIds: Map<string, EntityResult>,
  ) {
    const io = new Map<string, IoRow>();
    const runIo = new Map<string, RunIoRow>();
    for (const event of events) {
      const { kind, eventTimeMs: time } = event;
      if (!event.job) continue;
      const jobId = jobIds.get(namedKey(event.job))!.id;
      const sides: Array<['in' | 'out', PreparedDataset[]]> = [
        ['in', event.inputs],
        ['out', event.outputs],
      ];
      for (const [direction, list] of sides) {
        for (const dataset of list) {
          const datasetId = datasetIds.get(namedKey(dataset))!.id;
          const key = `${datasetId}|${direction}|${jobId}`;
          const seen = io.get(key);
          const completeSeen = seen?.complete_seen ?? null;
          io.set(key, {
            dataset_id: datasetId,
            direction,
            job_id: jobId,
            first_seen: Math.min(seen?.first_seen ?? time, time),
            last_seen: Math.max(seen?.last_seen ?? time, time),
            complete_seen: event.run?.lineageIncomplete
              ? completeSeen
              : Math.max(completeSeen ?? time, time),
          });
          // A run dropping its output, or truncating it and loading no rows,
          // shows as its writer in the graph, but wrote no data: its row
          // keeps the change it reported, whichever event of the run did,
          // and readers count no write of it (see ProductMeasurements).
          if (kind === 'run') {
            const runKey = `${event.run!.runId}|${datasetId}|${direction}`;
            runIo.set(
              runKey,
              combineRunIo(
                runIo.get(runKey),
                runIoOf(
                  event.run!.runId,
                  datasetId,
                  direction,
                  dataset.measurements,
                  direction === 'out'
                    ? {
                        change: dataset.lifecycleChange,
                        state: dataset.lifecycleState,
                      }
                    : { change: null, state: null },
                  time,
                  !FAILED.has(event.eventType ?? ''),
                ),
              ),
            );
          }
        }
      }
    }
    const ioMerge = conflictMerge(writes.tx, 'lineage_io');
    await writes.upsert({
      table: 'lineage_io',
      columns: IO_COLUMNS,
      rows: sortedRows(io, IO_COLUMNS),
      conflict: ['dataset_id', 'direction', 'job_id'],
      merge: {
        first_seen: ioMerge.earliest('first_seen'),
        last_seen: ioMerge.latest('last_seen'),
        complete_seen: ioMerge.latestNonNull('complete_seen'),
      },
      mergeWhere: `${WIDENS_SEEN('lineage_io')} or ${ioMerge.isNewer(
        'complete_seen',
      )}`,
    });
    const runIoMerge = conflictMerge(writes.tx, 'lineage_run_io');
    await writes.upsert({
      table: 'lineage_run_io',
      columns: RUN_IO_COLUMNS,
      rows: sortedRows(runIo, RUN_IO_COLUMNS),
      conflict: ['run_id', 'dataset_id', 'direction'],
      merge: {
        event_time: runIoMerge.latest('event_time'),
        written_until: runIoMerge.newerNonNull(
          'written_until',
          'written_until',
          'written_until',
        ),
        ...Object.fromEntries(
          RUN_IO_MEASUREMENTS.flatMap(column =>
            [column, `${column}_time`].map(target => [
              target,
              runIoMerge.newerNonNull(target, column, `${column}_time`, {
                text: RUN_IO_TEXT_MEASUREMENTS.has(column),
              }),
            ]),
          ),
        ),
      },
    });
  }
}

/**
 * Where a run first seen at `time` is listed among its job's runs: when it
 * was received if that is ahead of the clock, so that a typo'd year does not
 * list it first for good.
 */
function listingTime(time: number, now: number): number {
  return time > seenByAt(now) ? now : time;
}

/** The entities, facet updates, schemas and runs that `events` bring. */
function touchedBy(events: PreparedEvent[]): Touched {
  const touched: Touched = {
    namespaces: new Set(),
    lineage_datasets: new Map(),
    lineage_jobs: new Map(),
    schemas: [],
    runs: [],
  };
  const touch = (
    entities: Map<string, EntityEntry>,
    d: Named,
    facets: FacetTexts,
    time: number,
  ) => {
    touched.namespaces.add(d.namespace);
    const key = namedKey(d);
    let entry = entities.get(key);
    if (!entry) {
      entry = { namespace: d.namespace, name: d.name, updates: [] };
      entities.set(key, entry);
    }
    if (facets.length) {
      entry.updates.push({ facets, time });
    }
  };
  const touchDataset = (d: PreparedDataset, time: number) => {
    touch(touched.lineage_datasets, d, d.facets, time);
    if (d.schema) {
      touched.schemas.push({ dataset: namedKey(d), ...d.schema, time });
    }
    for (const input of d.lineageInputs) {
      touch(touched.lineage_datasets, input, [], 0);
    }
  };
  const runs = new Map<string, { job: string; time: number }>();
  for (const event of events) {
    const time = event.eventTimeMs;
    if (event.kind === 'run') {
      const run = runs.get(event.run!.runId);
      if (run) {
        run.time = Math.min(run.time, time);
      } else {
        runs.set(event.run!.runId, { job: namedKey(event.job!), time });
      }
    }
    if (event.job) {
      touch(touched.lineage_jobs, event.job, event.job.facets, time);
    }
    for (const job of [event.run?.parentJob, event.run?.rootJob]) {
      if (job) touch(touched.lineage_jobs, job, [], 0);
    }
    const written = new Map(event.outputs.map(d => [namedKey(d), d]));
    for (const d of event.inputs) {
      const output = written.get(namedKey(d));
      touchDataset(output ? readAndWritten(d, output) : d, time);
    }
    for (const d of event.outputs) {
      touchDataset(d, time);
    }
    if (event.dataset) {
      touchDataset(event.dataset, time);
    }
  }
  touched.runs = [...runs.keys()]
    .sort()
    .map(runId => ({ runId, ...runs.get(runId)! }));
  return touched;
}

/**
 * What an event read of a dataset it also wrote (a dbt incremental model, a
 * MERGE): the facets it wrote are of the same time and say what the dataset
 * is now (a schema with the column it added), so they win over those read.
 */
function readAndWritten(
  input: PreparedDataset,
  output: PreparedDataset,
): PreparedDataset {
  const writtenFacets = new Set(output.facets.map(([name]) => name));
  return {
    ...input,
    facets: input.facets.filter(([name]) => !writtenFacets.has(name)),
    schema: writtenFacets.has('schema') ? undefined : input.schema,
  };
}

/** The ids of entities with facet updates, whose rows the merge reads. */
function idsToLock(
  entries: Map<string, EntityEntry>,
  ids: Map<string, number>,
): number[] {
  return [...entries]
    .filter(([, entry]) => entry.updates.length > 0)
    .map(([key]) => ids.get(key)!)
    .sort((a, b) => a - b);
}

/** A map's rows in key order, so concurrent writers lock rows alike. */
function sortedRows<T extends object>(
  rows: Map<string, T>,
  columns: BulkColumn[],
): unknown[][] {
  return [...rows.keys()]
    .sort()
    .map(key => columns.map(c => rows.get(key)![c.name as keyof T]));
}

/**
 * The failure and the completion after it that an event of `type` at
 * `time` weighs against each other, if it does: a completion after the
 * run's failure, or a failure before its completion.
 */
function failureThenCompletion(type: string, time: number, run: RunRow) {
  if (type === 'COMPLETE' && FAILED.has(run.state) && time > run.state_time) {
    return { failure: run.state_time, completion: time };
  }
  if (FAILED.has(type) && run.state === 'COMPLETE' && time < run.state_time) {
    return { failure: time, completion: run.state_time };
  }
  return undefined;
}

/**
 * Whether a run started or ran again after its failure, by its completion:
 * re-run under the same id (as Airflow's providers before 2.0 did), so that
 * completion is its end. The run keeps its latest START or RUNNING time
 * only; when that is past the completion (a late RUNNING, a later attempt),
 * the run's state events tell whether an earlier one lies between, so the
 * answer does not depend on the order they came in, nor on whether
 * retention kept the raw events.
 */
async function restartedBetween(
  states: StateEvents,
  run: RunRow,
  failure: number,
  completion: number,
): Promise<boolean> {
  if (run.active_time === null || run.active_time <= failure) return false;
  if (run.active_time <= completion) return true;
  const inBatch = states.batch.some(
    e => e.type !== 'COMPLETE' && e.time > failure && e.time <= completion,
  );
  if (inBatch) return true;
  const between = await states
    .tx('lineage_run_state_events')
    .where('run_id', states.runId)
    .where('event_time', '>', failure)
    .where('event_time', '<=', completion)
    .whereIn('event_type', ['START', 'RUNNING'])
    .first('event_time');
  return between !== undefined;
}

/**
 * The job of the run's completion at `time`, as its state events name it
 * (of two at that time, the greater id): the run kept its failure's job
 * while the failure stood against that completion.
 */
async function completionJob(
  states: StateEvents,
  time: number,
): Promise<number | undefined> {
  const row = await states
    .tx('lineage_run_state_events')
    .where('run_id', states.runId)
    .where('event_time', time)
    .where('event_type', 'COMPLETE')
    .max({ id: 'job_id' })
    .first();
  const ids = states.batch
    .filter(e => e.type === 'COMPLETE' && e.time === time)
    .map(e => e.jobId);
  if (row?.id !== null && row?.id !== undefined) ids.push(toNumber(row.id));
  return ids.length > 0 ? Math.max(...ids) : undefined;
}

/** A START or RUNNING at `time` re-runs a failed run a completion followed. */
function restartsToCompletion(run: RunRow, time: number) {
  return (
    FAILED.has(run.state) &&
    run.ended_at !== null &&
    time > run.state_time &&
    time <= run.ended_at
  );
}

/**
 * Whether the run's failure stands against a completion at `time`, unless
 * it was `restarted` in between.
 */
function failureStands(
  type: string,
  time: number,
  run: RunRow,
  restarted: boolean,
) {
  return (
    type === 'COMPLETE' &&
    FAILED.has(run.state) &&
    time > run.state_time &&
    !restarted
  );
}

/**
 * Whether an event of `type` at `time` sets the run's state; `restarted`:
 * whether the run was re-run between the failure and completion it weighs.
 */
function supersedes(
  type: string,
  time: number,
  run: RunRow,
  restarted: boolean,
) {
  const { state, state_time: stateTime } = run;
  const terminal = TERMINAL.has(type);
  const wasTerminal = TERMINAL.has(state);
  if (type === 'OTHER') return false;
  if (wasTerminal && !terminal) return false;
  if (terminal && !wasTerminal) return true;
  if (state === 'OTHER') return true;
  // A failure before a completion it was not re-run after is the run's end.
  if (FAILED.has(type) && state === 'COMPLETE' && time < stateTime) {
    return !restarted;
  }
  if (time !== stateTime) return time > stateTime;
  // At the same time (event times keep milliseconds), a failure wins over
  // a completion, so that it is not hidden; else the later in the alphabet,
  // which puts RUNNING after START.
  return terminal
    ? END_RANK.indexOf(type) > END_RANK.indexOf(state)
    : type > state;
}

function runIoOf(
  runId: string,
  datasetId: number,
  direction: 'in' | 'out',
  measured: DatasetMeasurements,
  lifecycle: { change: string | null; state: string | null },
  time: number,
  writing: boolean,
): RunIoRow {
  const row: RunIoRow = {
    run_id: runId,
    dataset_id: datasetId,
    direction,
    event_time: time,
    row_count: measured.rowCount,
    byte_count: measured.byteCount,
    quality_metrics: measured.qualityMetrics,
    quality_assertions: measured.qualityAssertions,
    schema_hash: measured.schemaHash,
    row_count_time: null,
    byte_count_time: null,
    quality_metrics_time: null,
    quality_assertions_time: null,
    schema_hash_time: null,
    written_until: writing ? time : null,
    lifecycle_change: lifecycle.change,
    lifecycle_change_time: null,
    lifecycle_state: lifecycle.state,
    lifecycle_state_time: null,
  };
  for (const column of RUN_IO_MEASUREMENTS) {
    row[`${column}_time`] = row[column] === null ? null : time;
  }
  return row;
}

/**
 * Whether `incoming` wins over `stored`, reported at the same time: the
 * greater, as the upsert's merge compares them (text by code point).
 */
function greaterAtTie(incoming: unknown, stored: unknown): boolean {
  if (stored === null) return true;
  if (typeof incoming === 'string' && typeof stored === 'string') {
    return Buffer.compare(Buffer.from(incoming), Buffer.from(stored)) > 0;
  }
  return (incoming as number) > (stored as number);
}

/**
 * Each measurement comes from the newest event that reported it; of two
 * at one time, the greater (see greaterAtTie).
 */
function combineRunIo(stored: RunIoRow | undefined, incoming: RunIoRow) {
  if (!stored) return incoming;
  const combined: RunIoRow = {
    ...incoming,
    event_time: Math.max(stored.event_time, incoming.event_time),
    written_until:
      stored.written_until === null || incoming.written_until === null
        ? stored.written_until ?? incoming.written_until
        : Math.max(stored.written_until, incoming.written_until),
  };
  for (const column of RUN_IO_MEASUREMENTS) {
    const time = `${column}_time` as const;
    const storedTime = stored[time];
    const incomingTime = incoming[time];
    if (
      incomingTime === null ||
      (storedTime !== null &&
        (storedTime > incomingTime ||
          (storedTime === incomingTime &&
            !greaterAtTie(incoming[column], stored[column]))))
    ) {
      Object.assign(combined, {
        [column]: stored[column],
        [time]: storedTime,
      });
    }
  }
  return combined;
}

/** Transformations as listed, or as the pre-1.2 facet's single type. */
function describeTransformations(
  transformations: unknown,
  type: unknown,
  description: unknown,
): unknown[] {
  // Only objects describe a transformation; others would break readers.
  const described = Array.isArray(transformations)
    ? transformations.filter(isRecord)
    : [];
  if (described.length > 0) {
    return described;
  }
  return type ? [deprecatedTransformation(type, description)] : [];
}

/** The indexable column names of a `schema` facet. */
function schemaColumns(text: string | undefined): string[] {
  return schemaFieldsOf(parsedFacet(text))
    .map(field => field.name)
    .filter(name => isIndexable(name, EVENT_LIMITS.maxFieldBytes));
}

/**
 * A `columnLineage` facet, parsed, if it may have dataset-level inputs:
 * cheaper than parsing every facet, as one without the word has none.
 */
function lineageNamingDatasetInputs(
  text: string | undefined,
): Record<string, unknown> | undefined {
  return text?.includes('"dataset"') ? parsedFacet(text) : undefined;
}

/** Whether a column lineage has inputs that reach every column. */
function hasDatasetInputs(lineage: Record<string, unknown>): boolean {
  return Array.isArray(lineage.dataset) && lineage.dataset.length > 0;
}

/**
 * Whether two `schema` facets name other columns: a new type or
 * description changes none that dataset-level inputs reach.
 */
function columnNamesDiffer(
  schemaBefore: string | undefined,
  schemaAfter: string | undefined,
): boolean {
  const before = new Set(schemaColumns(schemaBefore));
  const after = new Set(schemaColumns(schemaAfter));
  return before.size !== after.size || [...after].some(c => !before.has(c));
}

/** A changed facet's value, parsed only when a projection needs it. */
function parsedFacet(text: string | undefined): Record<string, unknown> {
  return asRecord(text === undefined ? undefined : parseJsonExact(text));
}
