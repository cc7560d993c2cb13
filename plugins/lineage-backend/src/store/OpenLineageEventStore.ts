import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { migrateLatestExclusively } from '@meshwork/plugin-data-products-node';
import { Knex } from 'knex';
import { NAMESPACE_COLUMNS } from './bulkColumns';
import { DeferredWrites } from './DeferredWrites';
import { FacetStateCache } from './FacetStateCache';
import { ImmutableRowCache } from './ImmutableRowCache';
import { LockedRows } from './insertEventsAndLockRows';
import { insertRawAndLock } from './insertRawAndLock';
import type { LearnedIds } from './LearnedIds';
import { mergeFacetRows } from './mergeFacetRows';
import { mergeWriterLineages } from './mergeWriterLineages';
import { prepareEvent, PreparedEvent } from './prepareEvent';
import { pragmaOnEveryConnection } from './pragmaOnEveryConnection';
import { seenByAt } from './ReadWindow';
import { replaceDerivedDatasetRows } from './replaceDerivedDatasetRows';
import { resolveIds } from './resolveIds';
import { StorableEvent } from './StorableEvent';
import { syncSqliteCommits } from './syncSqliteCommits';
import { chunks, FacetTable, isPostgres } from './tables';
import { EntityEntry, Touched, touchedBy } from './touchedBy';
import { updateJobParents } from './updateJobParents';
import { upsertIo } from './upsertIo';
import { upsertRuns } from './upsertRuns';
import { upsertSchemaVersions } from './upsertSchemaVersions';

const migrationsDir = resolvePackagePath(
  '@meshwork/plugin-lineage-backend',
  'migrations',
);

const MAX_CACHED_NAMESPACES = 10_000;
/** The advisory lock `ingestIntoEmpty` holds on Postgres: any fixed key. */
const INTO_EMPTY_LOCK = 7_362_915_001;
/** SQLite's page cache per connection, in KiB. */
const CACHE_KIB = 64 * 1024;

/** How long a SQLite write waits for another process's lock (see create). */
export const BUSY_TIMEOUT_MS = 200;

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
          lineage_datasets: await resolveIds(
            tx,
            'lineage_datasets',
            all.lineage_datasets,
            this.datasetIds,
            now,
            learned.datasets,
          ),
          lineage_jobs: await resolveIds(
            tx,
            'lineage_jobs',
            all.lineage_jobs,
            this.jobIds,
            now,
            learned.jobs,
          ),
        };
        const { fresh, isFresh, locked } = await insertRawAndLock(
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
          this.deflatesPayloads,
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
    const datasetIds = await mergeFacetRows(
      writes,
      'lineage_datasets',
      touched.lineage_datasets,
      ids.lineage_datasets,
      locked.lineage_datasets,
      this.facetStates.lineage_datasets,
      now,
    );
    const jobIds = await mergeFacetRows(
      writes,
      'lineage_jobs',
      touched.lineage_jobs,
      ids.lineage_jobs,
      locked.lineage_jobs,
      this.facetStates.lineage_jobs,
      now,
    );

    await upsertSchemaVersions(
      writes,
      touched.schemas,
      datasetIds,
      this.storedSchemaHashes,
      learned,
    );
    const projected = await mergeWriterLineages(
      tx,
      writes,
      events,
      datasetIds,
      jobIds,
      now,
    );
    await replaceDerivedDatasetRows(
      tx,
      writes,
      datasetIds,
      projected,
      this.datasetIds,
    );
    const parentedJobs = await upsertRuns(
      writes,
      events,
      jobIds,
      locked.runs,
      listingTimes,
      now,
    );
    await upsertIo(writes, events, datasetIds, jobIds);
    await writes.flush();
    // After the flush: it reads the runs written.
    await updateJobParents(tx, parentedJobs);
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
