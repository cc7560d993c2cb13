import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type {
  OpenLineageDataset,
  ParsedOpenLineageEvent,
} from '@meshwork/plugin-lineage-common';
import { createHash } from 'crypto';
import { Knex } from 'knex';
import { FacetState, mergeFacets } from './mergeFacets';
import {
  chunks,
  EventRow,
  FacetEntityRow,
  IoRow,
  RunIoRow,
  RunRow,
  toNumber,
  toOptionalNumber,
  isPostgres,
  tuplesIn,
} from './tables';

const migrationsDir = resolvePackagePath(
  '@meshwork/plugin-lineage-backend',
  'migrations',
);

const TERMINAL = new Set(['COMPLETE', 'FAIL', 'ABORT']);

type FacetUpdate = { facets?: Record<string, unknown>; time: number };
type Named = { namespace: string; name: string };
type EntityResult = { id: number; state: FacetState; changed: Set<string> };

const keyOf = ({ namespace, name }: Named) => `${namespace}\u0000${name}`;

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
    if (!options.skipMigrations) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new OpenLineageEventStore(db);
  }

  private constructor(readonly db: Knex) {}

  private get isPostgres() {
    return this.db.client.config.client === 'pg';
  }

  async ingest(
    events: ParsedOpenLineageEvent[],
    now = Date.now(),
  ): Promise<IngestResult> {
    return this.withRetry(() =>
      this.db.transaction(async tx => {
        const { fresh, isFresh } = await this.insertRaw(tx, events, now);
        if (fresh.length > 0) {
          await this.project(tx, fresh, now);
        }
        return {
          stored: fresh.length,
          duplicates: events.length - fresh.length,
          fresh: isFresh,
        };
      }),
    );
  }

  async hasRun(runId: string): Promise<boolean> {
    return Boolean(
      await this.db('lineage_runs').where('run_id', runId).first('run_id'),
    );
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

  /** Stores the events not seen before; returns those, in batch order. */
  private async insertRaw(
    tx: Knex.Transaction,
    events: ParsedOpenLineageEvent[],
    now: number,
  ): Promise<{ fresh: ParsedOpenLineageEvent[]; isFresh: boolean[] }> {
    const hashes = events.map(parsed => {
      const payload = JSON.stringify(parsed.event);
      return {
        payload,
        hash: createHash('sha256').update(payload).digest('hex'),
      };
    });
    const known = new Set<string>();
    for (const part of chunks([...new Set(hashes.map(h => h.hash))], 500)) {
      const rows = await tx('lineage_events')
        .whereIn('event_hash', part)
        .select('event_hash');
      rows.forEach(row => known.add(row.event_hash));
    }
    const rows: EventRow[] = [];
    const fresh: ParsedOpenLineageEvent[] = [];
    const isFresh = events.map((parsed, index) => {
      const { hash, payload } = hashes[index];
      if (known.has(hash)) return false;
      known.add(hash);
      const { event, kind, eventTimeMs } = parsed;
      fresh.push(parsed);
      rows.push({
        event_hash: hash,
        kind,
        event_type: kind === 'run' ? event.eventType ?? null : null,
        event_time: eventTimeMs,
        received_at: now,
        run_id: event.run?.runId ?? null,
        job_namespace: event.job?.namespace ?? null,
        job_name: event.job?.name ?? null,
        payload,
      });
      return true;
    });
    for (const part of chunks(rows, 100)) {
      await tx('lineage_events').insert(part).onConflict('event_hash').ignore();
    }
    return { fresh, isFresh };
  }

  private async project(
    tx: Knex.Transaction,
    events: ParsedOpenLineageEvent[],
    now: number,
  ) {
    const namespaces = new Set<string>();
    const datasets = new Map<string, Named & { updates: FacetUpdate[] }>();
    const jobs = new Map<string, Named & { updates: FacetUpdate[] }>();
    const schemas: Array<{ dataset: string; fields: unknown; time: number }> =
      [];

    const touchDataset = (
      d: Named,
      facets?: Record<string, unknown>,
      time = 0,
    ) => {
      namespaces.add(d.namespace);
      const key = keyOf(d);
      let entry = datasets.get(key);
      if (!entry) {
        entry = { namespace: d.namespace, name: d.name, updates: [] };
        datasets.set(key, entry);
      }
      if (facets && Object.keys(facets).length) {
        entry.updates.push({ facets, time });
        const schema = facets.schema as { fields?: unknown } | undefined;
        if (schema && Array.isArray(schema.fields)) {
          schemas.push({ dataset: key, fields: schema.fields, time });
        }
      }
      for (const input of columnLineageInputs(facets)) {
        touchDataset(input);
      }
    };

    for (const { event, eventTimeMs: time } of events) {
      if (event.job) {
        namespaces.add(event.job.namespace);
        const key = keyOf(event.job);
        let entry = jobs.get(key);
        if (!entry) {
          entry = {
            namespace: event.job.namespace,
            name: event.job.name,
            updates: [],
          };
          jobs.set(key, entry);
        }
        entry.updates.push({ facets: event.job.facets, time });
      }
      for (const d of [...(event.inputs ?? []), ...(event.outputs ?? [])]) {
        touchDataset(d, d.facets, time);
      }
      if (event.dataset) {
        touchDataset(event.dataset, event.dataset.facets, time);
      }
    }

    for (const part of chunks([...namespaces].sort(), 300)) {
      await tx('lineage_namespaces')
        .insert(part.map(name => ({ name, created_at: now })))
        .onConflict('name')
        .ignore();
    }
    const datasetIds = await this.upsertFacetEntities(
      tx,
      'lineage_datasets',
      datasets,
      now,
    );
    const jobIds = await this.upsertFacetEntities(
      tx,
      'lineage_jobs',
      jobs,
      now,
    );

    await this.upsertSchemaVersions(tx, schemas, datasetIds);
    await this.replaceDerivedDatasetRows(tx, datasetIds);
    await this.upsertRuns(tx, events, jobIds, now);
    await this.upsertIo(tx, events, datasetIds, jobIds);
  }

  /** Inserts missing entities, then applies facet updates under a row lock. */
  private async upsertFacetEntities(
    tx: Knex.Transaction,
    table: 'lineage_datasets' | 'lineage_jobs',
    entries: Map<string, Named & { updates: FacetUpdate[] }>,
    now: number,
  ): Promise<Map<string, EntityResult>> {
    const result = new Map<string, EntityResult>();
    const keys = [...entries.keys()].sort();
    for (const part of chunks(keys, 200)) {
      await tx(table)
        .insert(
          part.map(key => ({
            namespace: entries.get(key)!.namespace,
            name: entries.get(key)!.name,
            facets: '{}',
            facet_times: '{}',
            created_at: now,
            updated_at: now,
          })),
        )
        .onConflict(['namespace', 'name'])
        .ignore();
      let query = tx<FacetEntityRow>(table)
        .where(
          tuplesIn(
            isPostgres(this.db),
            ['namespace', 'name'],
            part.map(key => [
              entries.get(key)!.namespace,
              entries.get(key)!.name,
            ]),
          ),
        )
        .orderBy('id')
        .select();
      if (this.isPostgres) {
        query = query.forUpdate();
      }
      // Changed rows are written back in one statement per chunk.
      const updates: FacetEntityRow[] = [];
      for (const row of await query) {
        const key = keyOf(row);
        const state: FacetState = {
          facets: JSON.parse(row.facets),
          times: JSON.parse(row.facet_times),
        };
        const changed = new Set<string>();
        const incoming = [...(entries.get(key)?.updates ?? [])].sort(
          (a, b) => a.time - b.time,
        );
        for (const update of incoming) {
          mergeFacets(state, update.facets, update.time).forEach(n =>
            changed.add(n),
          );
        }
        const timesAfter = JSON.stringify(state.times);
        if (changed.size > 0 || row.facet_times !== timesAfter) {
          updates.push({
            id: row.id,
            namespace: row.namespace,
            name: row.name,
            facets: JSON.stringify(state.facets),
            facet_times: timesAfter,
            created_at: row.created_at,
            updated_at: now,
          });
        }
        result.set(key, { id: row.id, state, changed });
      }
      for (const rows of chunks(updates, 100)) {
        await tx(table)
          .insert(rows)
          .onConflict('id')
          .merge(['facets', 'facet_times', 'updated_at']);
      }
    }
    return result;
  }

  private async upsertSchemaVersions(
    tx: Knex.Transaction,
    schemas: Array<{ dataset: string; fields: unknown; time: number }>,
    datasetIds: Map<string, EntityResult>,
  ) {
    const versions = new Map<
      string,
      {
        dataset_id: number;
        fields_hash: string;
        fields: string;
        first_seen: number;
        last_seen: number;
      }
    >();
    for (const { dataset, fields, time } of schemas) {
      const text = JSON.stringify(fields);
      const hash = createHash('sha256').update(text).digest('hex');
      const datasetId = datasetIds.get(dataset)!.id;
      const key = `${datasetId}|${hash}`;
      const seen = versions.get(key);
      versions.set(key, {
        dataset_id: datasetId,
        fields_hash: hash,
        fields: text,
        first_seen: Math.min(seen?.first_seen ?? time, time),
        last_seen: Math.max(seen?.last_seen ?? time, time),
      });
    }
    for (const part of chunks([...versions.values()], 100)) {
      const existing = await tx('lineage_schema_versions')
        .where(
          tuplesIn(
            isPostgres(this.db),
            ['dataset_id', 'fields_hash'],
            part.map(v => [v.dataset_id, v.fields_hash]),
          ),
        )
        .select('dataset_id', 'fields_hash', 'first_seen', 'last_seen');
      for (const row of existing) {
        const version = versions.get(`${row.dataset_id}|${row.fields_hash}`)!;
        version.first_seen = Math.min(
          version.first_seen,
          toNumber(row.first_seen),
        );
        version.last_seen = Math.max(
          version.last_seen,
          toNumber(row.last_seen),
        );
      }
      await tx('lineage_schema_versions')
        .insert(part)
        .onConflict(['dataset_id', 'fields_hash'])
        .merge(['first_seen', 'last_seen']);
    }
  }

  /**
   * Column lineage, current columns and symlinks follow the dataset's
   * current facets: rebuilt, for every dataset whose facet changed, in a
   * few statements for the whole batch.
   */
  private async replaceDerivedDatasetRows(
    tx: Knex.Transaction,
    datasetIds: Map<string, EntityResult>,
  ) {
    const derived = {
      columnLineage: {
        table: 'lineage_column_edges',
        ids: [] as number[],
        rows: new Map<string, object>(),
      },
      schema: {
        table: 'lineage_dataset_fields',
        ids: [] as number[],
        rows: new Map<string, object>(),
      },
      symlinks: {
        table: 'lineage_symlinks',
        ids: [] as number[],
        rows: new Map<string, object>(),
      },
    };
    for (const { id, state, changed } of datasetIds.values()) {
      if (changed.has('columnLineage')) {
        derived.columnLineage.ids.push(id);
        const fields = asRecord(asRecord(state.facets.columnLineage).fields);
        for (const [field, spec] of Object.entries(fields)) {
          const { inputFields, transformationType, transformationDescription } =
            asRecord(spec);
          for (const input of Array.isArray(inputFields) ? inputFields : []) {
            const {
              namespace,
              name,
              field: inputField,
              transformations,
            } = asRecord(input);
            if (
              !isString(namespace) ||
              !isString(name) ||
              !isString(inputField)
            ) {
              continue;
            }
            const inputId = datasetIds.get(keyOf({ namespace, name }))?.id;
            if (inputId === undefined) continue;
            derived.columnLineage.rows.set(
              `${id}\u0000${field}\u0000${inputId}\u0000${inputField}`,
              {
                dataset_id: id,
                field,
                input_dataset_id: inputId,
                input_field: inputField,
                transformations: JSON.stringify(
                  describeTransformations(
                    transformations,
                    transformationType,
                    transformationDescription,
                  ),
                ),
              },
            );
          }
        }
      }
      if (changed.has('schema')) {
        derived.schema.ids.push(id);
        const fields = asRecord(state.facets.schema).fields;
        for (const field of Array.isArray(fields) ? fields : []) {
          const { name, type } = asRecord(field);
          if (isString(name)) {
            derived.schema.rows.set(`${id}\u0000${name}`, {
              dataset_id: id,
              field: name,
              type: isString(type) ? type : null,
            });
          }
        }
      }
      if (changed.has('symlinks')) {
        derived.symlinks.ids.push(id);
        const identifiers = asRecord(state.facets.symlinks).identifiers;
        for (const identifier of Array.isArray(identifiers)
          ? identifiers
          : []) {
          const { namespace, name, type } = asRecord(identifier);
          if (isString(namespace) && isString(name)) {
            derived.symlinks.rows.set(
              `${id}\u0000${keyOf({ namespace, name })}`,
              {
                dataset_id: id,
                namespace,
                name,
                type: isString(type) ? type.slice(0, 64) : null,
              },
            );
          }
        }
      }
    }
    for (const { table, ids, rows } of Object.values(derived)) {
      for (const part of chunks(ids, 500)) {
        await tx(table).whereIn('dataset_id', part).delete();
      }
      for (const part of chunks([...rows.values()], 100)) {
        await tx(table).insert(part);
      }
    }
  }

  private async upsertRuns(
    tx: Knex.Transaction,
    events: ParsedOpenLineageEvent[],
    jobIds: Map<string, EntityResult>,
    now: number,
  ) {
    const runEvents = events
      .filter(e => e.kind === 'run')
      .sort((a, b) => a.eventTimeMs - b.eventTimeMs);
    const runIds = [...new Set(runEvents.map(e => e.event.run!.runId))].sort();
    const runs = new Map<string, RunRow>();
    for (const part of chunks(runIds, 500)) {
      let query = tx<RunRow>('lineage_runs').whereIn('run_id', part).select();
      if (this.isPostgres) query = query.forUpdate();
      for (const row of await query) {
        runs.set(row.run_id, {
          ...row,
          state_time: toNumber(row.state_time),
          started_at: toOptionalNumber(row.started_at),
          ended_at: toOptionalNumber(row.ended_at),
          first_event_time: toNumber(row.first_event_time),
          created_at: toNumber(row.created_at),
        });
      }
    }
    const touched = new Set<string>();
    for (const { event, eventTimeMs: time } of runEvents) {
      const runId = event.run!.runId;
      const type = event.eventType ?? 'OTHER';
      const jobId = jobIds.get(keyOf(event.job!))!.id;
      let run = runs.get(runId);
      if (!run) {
        run = {
          run_id: runId,
          job_id: jobId,
          state: type,
          state_time: time,
          started_at: null,
          ended_at: TERMINAL.has(type) ? time : null,
          first_event_time: time,
          error_message: null,
          parent_run_id: null,
          facets: '{}',
          facet_times: '{}',
          created_at: now,
          updated_at: now,
        };
        runs.set(runId, run);
      }
      touched.add(runId);
      run.job_id = jobId;
      run.first_event_time = Math.min(run.first_event_time, time);
      if (supersedes(type, time, run.state, run.state_time)) {
        run.state = type;
        run.state_time = time;
        run.ended_at = TERMINAL.has(type) ? time : null;
      }
      if (type === 'START') {
        run.started_at = Math.min(run.started_at ?? time, time);
      }
      const state: FacetState = {
        facets: JSON.parse(run.facets),
        times: JSON.parse(run.facet_times),
      };
      mergeFacets(state, event.run!.facets, time);
      run.facets = JSON.stringify(state.facets);
      run.facet_times = JSON.stringify(state.times);
      const errorFacet = asRecord(state.facets.errorMessage);
      run.error_message = isString(errorFacet.message)
        ? errorFacet.message
        : null;
      const parentRunId = asRecord(asRecord(state.facets.parent).run).runId;
      run.parent_run_id = isString(parentRunId)
        ? parentRunId.slice(0, 256)
        : null;
      run.updated_at = now;
    }
    const rows = runIds.filter(id => touched.has(id)).map(id => runs.get(id)!);
    for (const part of chunks(rows, 50)) {
      await tx('lineage_runs').insert(part).onConflict('run_id').merge();
    }
  }

  private async upsertIo(
    tx: Knex.Transaction,
    events: ParsedOpenLineageEvent[],
    datasetIds: Map<string, EntityResult>,
    jobIds: Map<string, EntityResult>,
  ) {
    const io = new Map<string, IoRow>();
    const runIo = new Map<string, RunIoRow>();
    for (const { event, kind, eventTimeMs: time } of events) {
      if (!event.job) continue;
      const jobId = jobIds.get(keyOf(event.job))!.id;
      const sides: Array<['in' | 'out', OpenLineageDataset[]]> = [
        ['in', event.inputs ?? []],
        ['out', event.outputs ?? []],
      ];
      for (const [direction, list] of sides) {
        for (const dataset of list) {
          const datasetId = datasetIds.get(keyOf(dataset))!.id;
          const key = `${datasetId}|${direction}|${jobId}`;
          const seen = io.get(key);
          io.set(key, {
            dataset_id: datasetId,
            direction,
            job_id: jobId,
            first_seen: Math.min(seen?.first_seen ?? time, time),
            last_seen: Math.max(seen?.last_seen ?? time, time),
          });
          if (kind === 'run') {
            const runKey = `${event.run!.runId}|${datasetId}|${direction}`;
            runIo.set(
              runKey,
              combineRunIo(
                runIo.get(runKey),
                runIoOf(event.run!.runId, datasetId, direction, dataset, time),
              ),
            );
          }
        }
      }
    }
    for (const part of chunks([...io.values()], 150)) {
      const existing = await tx('lineage_io')
        .where(
          tuplesIn(
            isPostgres(this.db),
            ['dataset_id', 'direction', 'job_id'],
            part.map(r => [r.dataset_id, r.direction, r.job_id]),
          ),
        )
        .select();
      for (const row of existing) {
        const edge = io.get(
          `${row.dataset_id}|${row.direction}|${row.job_id}`,
        )!;
        edge.first_seen = Math.min(edge.first_seen, toNumber(row.first_seen));
        edge.last_seen = Math.max(edge.last_seen, toNumber(row.last_seen));
      }
      await tx('lineage_io')
        .insert(part)
        .onConflict(['dataset_id', 'direction', 'job_id'])
        .merge(['first_seen', 'last_seen']);
    }
    for (const part of chunks([...runIo.values()], 100)) {
      const existing = await tx<RunIoRow>('lineage_run_io')
        .where(
          tuplesIn(
            isPostgres(this.db),
            ['run_id', 'dataset_id', 'direction'],
            part.map(r => [r.run_id, r.dataset_id, r.direction]),
          ),
        )
        .select();
      const merged = new Map(
        part.map(r => [`${r.run_id}|${r.dataset_id}|${r.direction}`, r]),
      );
      for (const row of existing) {
        const key = `${row.run_id}|${row.dataset_id}|${row.direction}`;
        merged.set(
          key,
          combineRunIo(
            {
              ...row,
              event_time: toNumber(row.event_time),
              row_count: toOptionalNumber(row.row_count),
              byte_count: toOptionalNumber(row.byte_count),
            },
            merged.get(key)!,
          ),
        );
      }
      await tx('lineage_run_io')
        .insert([...merged.values()])
        .onConflict(['run_id', 'dataset_id', 'direction'])
        .merge();
    }
  }
}

/** Whether an event of `type` at `time` sets the run's state. */
function supersedes(
  type: string,
  time: number,
  state: string,
  stateTime: number,
) {
  const terminal = TERMINAL.has(type);
  const wasTerminal = TERMINAL.has(state);
  if (type === 'OTHER') return false;
  if (wasTerminal && !terminal) return false;
  if (terminal && !wasTerminal) return true;
  if (state === 'OTHER') return true;
  return time > stateTime || (time === stateTime && type > state);
}

function runIoOf(
  runId: string,
  datasetId: number,
  direction: 'in' | 'out',
  dataset: OpenLineageDataset,
  time: number,
): RunIoRow {
  const facets = {
    ...asRecord(dataset.facets),
    ...asRecord(dataset.inputFacets),
    ...asRecord(dataset.outputFacets),
  };
  const stats = asRecord(facets.outputStatistics);
  const metrics = facets.dataQualityMetrics;
  const assertions = facets.dataQualityAssertions;
  return {
    run_id: runId,
    dataset_id: datasetId,
    direction,
    event_time: time,
    row_count: typeof stats.rowCount === 'number' ? stats.rowCount : null,
    byte_count: typeof stats.size === 'number' ? stats.size : null,
    quality_metrics: metrics ? JSON.stringify(metrics) : null,
    quality_assertions: assertions ? JSON.stringify(assertions) : null,
  };
}

/** Each measurement comes from the newest event that reported it. */
function combineRunIo(a: RunIoRow | undefined, b: RunIoRow): RunIoRow {
  if (!a) return b;
  const [older, newer] = a.event_time <= b.event_time ? [a, b] : [b, a];
  return {
    ...newer,
    row_count: newer.row_count ?? older.row_count,
    byte_count: newer.byte_count ?? older.byte_count,
    quality_metrics: newer.quality_metrics ?? older.quality_metrics,
    quality_assertions: newer.quality_assertions ?? older.quality_assertions,
  };
}

/** Transformations as listed, or as the pre-1.2 facet's single type. */
function describeTransformations(
  transformations: unknown,
  type: unknown,
  description: unknown,
): unknown[] {
  if (Array.isArray(transformations) && transformations.length > 0) {
    return transformations;
  }
  return type ? [{ type, description }] : [];
}

function columnLineageInputs(facets?: Record<string, unknown>): Named[] {
  const fields = asRecord(asRecord(facets?.columnLineage).fields);
  const found: Named[] = [];
  for (const spec of Object.values(fields)) {
    const inputFields = asRecord(spec).inputFields;
    for (const input of Array.isArray(inputFields) ? inputFields : []) {
      const { namespace, name } = asRecord(input);
      if (isString(namespace) && isString(name)) {
        found.push({ namespace, name });
      }
    }
  }
  return found;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function isString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
