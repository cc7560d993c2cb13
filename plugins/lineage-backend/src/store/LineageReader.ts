import { formatNodeId, ParsedNodeId } from '@meshwork/plugin-lineage-common';
import { Knex } from 'knex';
import {
  chunks,
  FacetTable,
  idsIn,
  isPostgres,
  toNumber,
  toOptionalNumber,
} from './tables';
import { Named, namedKey } from './facetValues';
import { idsByName } from './idsByName';
import { symlinkedDatasetIds } from './symlinkedDatasetIds';
import { spelledDatasetIds } from './spelledDatasetIds';
import { SymlinkFold, symlinkFolds } from './symlinkFolds';
import { symlinksExist } from './symlinksExist';
import { ImmutableRowCache } from './ImmutableRowCache';
import { parseJsonExact } from './parseJsonExact';
import {
  DEFAULT_READ_WINDOW_DAYS,
  ReadWindow,
  readWindowOf,
} from './ReadWindow';
import { Key, keyOf } from './keyOf';
import { nodeNames } from './nodeNames';
import { readInParts } from './readInParts';
import { JobEdges, loadJobEdges } from './loadJobEdges';
import { latestRunOfEach } from './latestRunOfEach';
import { withUpdatedAt } from './withUpdatedAt';
import { pastKey } from './pastKey';
import { readGraph } from './readGraph';
import type { GraphQuery } from './GraphQuery';
import type { ResolvedNode } from './ResolvedNode';
import type { StoredGraph } from './StoredGraph';
import { MarquezGraphQuery, readMarquezGraph } from './readMarquezGraph';
import { latestJobOf } from './latestJobOf';
import { lastLifecycleStates } from './lastLifecycleStates';
import { parentJobs } from './parentJobs';
import { selfAndChildJobs } from './selfAndChildJobs';
import { ColumnField, columnEdges } from './columnEdges';
import { searchNodes } from './searchNodes';
import { searchWrites } from './searchWrites';
import { EventsPage, EventsQuery, readEvents } from './readEvents';

/**
 * The raw events one `/events` page holds at most, in bytes of their JSON:
 * a page of typical events (kilobytes each) is cut by its limit first.
 */
export const DEFAULT_MAX_EVENT_PAGE_BYTES = 16 * 1024 * 1024;

/**
 * Those read through of the jobs products name (see jobsWithChildren), of
 * each and of all: one family of so many, or many smaller ones.
 */
const MAX_BARE_CHILDREN_OF_NAMED = 2000;

/**
 * Reads the lineage model. Graph walks are breadth-first over the indexed
 * `lineage_io` table, one query per level and direction for the whole
 * frontier (on Postgres, two at once for a wide one), so a depth-20 walk
 * costs about 40 round trips however wide it is.
 */
export class LineageReader {
  /**
   * Datasets and jobs are never deleted nor renamed, so a graph walk need
   * not look up the names of nodes an earlier walk showed: on a wide graph
   * that lookup was a third of the walk's index reads.
   */
  private readonly namesByKey = new ImmutableRowCache<Key, Named>();

  constructor(
    private readonly db: Knex,
    private readonly options: {
      /** Default DEFAULT_READ_WINDOW_DAYS. */
      readWindowDays?: number;
      /** Default DEFAULT_MAX_EVENT_PAGE_BYTES. */
      maxEventPageBytes?: number;
    } = {},
  ) {}

  /**
   * The first reading of a node id that names a stored dataset or job, or
   * a field a stored dataset has. A dataset may also be named as a
   * `symlinks` facet names it (the table of files Spark reports by path):
   * such names count after the datasets' own, as `symlinkedDatasetIds`
   * picks among datasets giving one name, and for a field id, when no
   * dataset of its own name has the field. Last, a dataset stored under
   * another spelling of its namespace (`postgres://h:5432` for
   * `postgres://h`, see spelledDatasetIds) counts: a data product's port
   * may spell it otherwise than the producer did.
   */
  async resolve(parsed: ParsedNodeId): Promise<ResolvedNode | undefined> {
    const type: ResolvedNode['type'] =
      parsed.type === 'job' ? 'job' : 'dataset';
    const readings = (ids: Map<string, number[]>): ResolvedNode[] =>
      parsed.candidates.flatMap(candidate =>
        (ids.get(namedKey(candidate)) ?? []).map(id => ({
          type,
          id,
          ...candidate,
        })),
      );
    const single = (ids: Map<string, number>) =>
      new Map([...ids].map(([key, id]) => [key, [id]]));
    const own = readings(
      single(
        await idsByName(
          this.db,
          type === 'job' ? 'lineage_jobs' : 'lineage_datasets',
          parsed.candidates,
        ),
      ),
    );
    const first = await this.firstReading(parsed, own);
    if (first || type === 'job') return first;
    const linked = await this.withStoredNames(
      readings(single(await symlinkedDatasetIds(this.db, parsed.candidates))),
    );
    const firstLinked = await this.firstReading(parsed, linked);
    if (firstLinked) return firstLinked;
    const tried = new Set([...own, ...linked].map(node => node.id));
    const spelled = readings(
      await spelledDatasetIds(this.db, parsed.candidates),
    ).filter(node => !tried.has(node.id));
    return this.firstReading(parsed, await this.withStoredNames(spelled));
  }

  /**
   * Datasets read from another name, named as stored: a graph's root is
   * then one of its nodes.
   */
  private async withStoredNames(
    readings: ResolvedNode[],
  ): Promise<ResolvedNode[]> {
    const names = await this.names(
      readings.map(node => keyOf('dataset', node.id)),
    );
    return readings.map(node => ({
      ...node,
      ...names.get(keyOf('dataset', node.id))!,
    }));
  }

  /**
   * The first of `readings`; of a field id's, the first whose dataset has
   * that field (`t:a` with field `b` or `t` with field `a:b`), else the
   * first whose table has it under another of its names (see
   * symlinkFolds): a joined table's fields are all its names' (as column
   * lineage by its `dataset:` id lists them), by any of its names.
   */
  private async firstReading(
    parsed: ParsedNodeId,
    readings: ResolvedNode[],
  ): Promise<ResolvedNode | undefined> {
    if (parsed.type !== 'datasetField') return readings[0];
    for (const node of readings) {
      if (await this.hasField(node.id, node.field!)) return node;
    }
    for (const node of readings) {
      const fold = await this.foldOf(node.id);
      for (const id of fold?.members ?? []) {
        if (id !== node.id && (await this.hasField(id, node.field!))) {
          return node;
        }
      }
    }
    return undefined;
  }

  /** Whether a dataset has the field, in its schema or its column lineage. */
  private async hasField(datasetId: number, field: string): Promise<boolean> {
    const [inSchema, inLineage, asInput] = await Promise.all([
      this.db('lineage_dataset_fields')
        .where({ dataset_id: datasetId, field })
        .first('field'),
      this.db('lineage_column_edges')
        .where({ dataset_id: datasetId, field })
        .first('field'),
      this.db('lineage_column_edges')
        .where({ input_dataset_id: datasetId, input_field: field })
        .first('field'),
    ]);
    return Boolean(inSchema || inLineage || asInput);
  }

  /** The graph around a node, as readGraph walks it. */
  async graph(query: GraphQuery): Promise<StoredGraph> {
    return readGraph(this.db, this.namesByKey, () => this.readWindow(), query);
  }

  /** Marquez's graph around a node, as readMarquezGraph walks it. */
  async marquezGraph(query: MarquezGraphQuery): Promise<
    StoredGraph & {
      jobDatasets: Map<number, JobEdges>;
      primaries: Map<number, number>;
    }
  > {
    return readMarquezGraph(
      this.db,
      this.namesByKey,
      () => this.readWindow(),
      query,
    );
  }

  /** Each dataset's latest write's lifecycle state (see lastLifecycleStates). */
  async lastLifecycleStates(
    datasetIds: number[],
  ): Promise<Map<number, string>> {
    return lastLifecycleStates(this.db, datasetIds);
  }

  /** Where Marquez's graph of a dataset starts (see latestJobOf). */
  async latestJobOf(datasetId: number): Promise<number | undefined> {
    return latestJobOf(this.db, [datasetId]);
  }

  /** Each job's latest parent job, by job id (see parentJobs). */
  async parentJobs(
    jobIds: number[],
    asOf?: number,
  ): Promise<Map<number, Named>> {
    return parentJobs(this.db, this.namesByKey, jobIds, asOf);
  }

  /** Each node key's namespace and name, cached (see nodeNames). */
  async names(keys: Key[]) {
    return nodeNames(this.db, this.namesByKey, keys);
  }

  async datasets(ids: number[]) {
    return this.facetEntities('lineage_datasets', ids);
  }

  /**
   * The fold (see symlinkFolds) a dataset is one table with others in, if
   * any: a database holding no symlink is not asked.
   */
  async foldOf(datasetId: number): Promise<SymlinkFold | undefined> {
    return (await this.foldsOf([datasetId])).get(datasetId);
  }

  /** The folds of those of `datasetIds` that are in one (see foldOf). */
  async foldsOf(datasetIds: number[]): Promise<Map<number, SymlinkFold>> {
    if (datasetIds.length === 0 || !(await symlinksExist(this.db))) {
      return new Map();
    }
    return symlinkFolds(this.db, datasetIds);
  }

  async datasetByName(namespace: string, name: string) {
    const row = await this.db('lineage_datasets')
      .where({ namespace, name })
      .first('id');
    return row ? (await this.datasets([row.id]))[0] : undefined;
  }

  async schemaVersions(datasetId: number) {
    const rows = await this.db('lineage_schema_versions as v')
      .join('lineage_schema_fields as f', 'f.fields_hash', 'v.fields_hash')
      .where('v.dataset_id', datasetId)
      .orderBy('v.first_seen', 'desc')
      // Of two first seen at one time, by hash: not the order of arrival.
      .orderBy('v.fields_hash')
      .select('f.fields', 'v.first_seen', 'v.last_seen');
    return rows.map(row => ({
      fields: JSON.parse(row.fields),
      firstSeen: new Date(toNumber(row.first_seen)).toISOString(),
      lastSeen: new Date(toNumber(row.last_seen)).toISOString(),
    }));
  }

  async symlinks(datasetId: number) {
    return this.db('lineage_symlinks')
      .where('dataset_id', datasetId)
      .select('namespace', 'name', 'type');
  }

  async jobs(ids: number[]) {
    return this.facetEntities('lineage_jobs', ids);
  }

  /** Datasets or jobs by id, with their current facets. */
  private async facetEntities(table: FacetTable, ids: number[]) {
    if (ids.length === 0) return [];
    const rows = await withUpdatedAt(this.db, table)
      .where(idsIn(isPostgres(this.db), 't.id', ids))
      .select('t.id', 't.namespace', 't.name', 't.facets', 't.created_at');
    return rows.map(row => ({
      id: row.id as number,
      namespace: row.namespace as string,
      name: row.name as string,
      facets: parseJsonExact(row.facets) as Record<string, unknown>,
      createdAt: toNumber(row.created_at),
      updatedAt: toNumber(row.updated_at),
    }));
  }

  /** What each job reads and writes now (as `edges: 'current'` has it). */
  async currentDatasetsOf(jobIds: number[]) {
    const edges = new Map<number, JobEdges>();
    await loadJobEdges(this.db, jobIds, edges, { window: this.readWindow() });
    return edges;
  }

  /**
   * Each job's latest run, by when its first event was timed (of two
   * started at once, the greater run id), and when it was received.
   */
  async latestRuns(jobIds: number[]) {
    const runs = new Map<
      number,
      ReturnType<typeof runView> & { createdAt: number; updatedAt: number }
    >();
    const rows = await readInParts(this.db, jobIds, part => {
      // Looked up once per job, in lineage_runs_job_idx.
      const latest = latestRunOfEach(this.db, part, 'latest');
      return this.db
        .from(latest)
        .join('lineage_runs as r', 'r.run_id', 'latest.run_id')
        .select('r.*');
    });
    for (const row of rows) {
      runs.set(toNumber(row.job_id), {
        ...runView(row),
        createdAt: toNumber(row.created_at),
        updatedAt: toNumber(row.updated_at),
      });
    }
    return runs;
  }

  /** Column-level edges around a set of fields (see columnEdges). */
  async columnEdges(
    start: ColumnField[],
    depth: number,
    withDownstream: boolean,
    maxFields = Number.POSITIVE_INFINITY,
  ) {
    return columnEdges(this.db, start, depth, withDownstream, maxFields);
  }

  /**
   * A dataset's fields, as `hasField` finds them: in its schema, or in column
   * lineage as written or as read (a source no schema facet described).
   */
  async fieldsOf(datasetId: number): Promise<string[]> {
    const [written, read, inSchema] = await Promise.all([
      this.db('lineage_column_edges')
        .where('dataset_id', datasetId)
        .distinct('field'),
      this.db('lineage_column_edges')
        .where('input_dataset_id', datasetId)
        .distinct({ field: 'input_field' }),
      this.db('lineage_dataset_fields')
        .where('dataset_id', datasetId)
        .select('field'),
    ]);
    return [
      ...new Set(
        [...written, ...read, ...inSchema].map(r => r.field as string),
      ),
    ];
  }

  /** Each dataset's fields' types, as its latest schema gives them. */
  async fieldTypes(
    datasetIds: number[],
  ): Promise<Map<number, Map<string, string>>> {
    const types = new Map<number, Map<string, string>>();
    for (const part of chunks(datasetIds, 500)) {
      const rows = await this.db('lineage_dataset_fields')
        .where(idsIn(isPostgres(this.db), 'dataset_id', part))
        .whereNotNull('type')
        .select('dataset_id', 'field', 'type');
      for (const row of rows) {
        const id = toNumber(row.dataset_id);
        if (!types.has(id)) types.set(id, new Map());
        types.get(id)!.set(row.field, row.type);
      }
    }
    return types;
  }

  /** Datasets, jobs or columns named with `term` (see searchNodes). */
  async search(
    type: 'dataset' | 'job' | 'column',
    term: string,
    limit: number,
  ) {
    return searchNodes(this.db, type, term, limit);
  }

  /** Datasets or jobs named with `term` that lead to a port (see searchWrites). */
  async searchWrites(
    type: 'dataset' | 'job',
    term: string,
    options: { limit: number; namespaces?: string[]; outputsIn: number[] },
  ) {
    return searchWrites(
      this.db,
      this.namesByKey,
      () => this.readWindow(),
      type,
      term,
      options,
    );
  }

  /** The window of `edges: 'current'`, by this clock. */
  private readWindow(): ReadWindow {
    return readWindowOf(
      this.options.readWindowDays ?? DEFAULT_READ_WINDOW_DAYS,
      Date.now(),
    );
  }

  /**
   * The stored jobs named so, each with its child jobs as a search finds
   * them (an Airflow DAG's tasks, a task's Spark jobs), itself first, by
   * `namespace\0name`, up to MAX_BARE_CHILDREN_OF_NAMED tasks read
   * through. A job lineage has not seen is absent.
   */
  async jobsWithChildren(
    jobs: Named[],
  ): Promise<Map<string, Array<Named & { id: number }>>> {
    const ids = await idsByName(this.db, 'lineage_jobs', jobs);
    if (ids.size === 0) return new Map();
    // A product names few jobs, and each of their families counts whole:
    // a DAG of many tasks, each submitting a Spark application.
    const { families } = await selfAndChildJobs(
      this.db,
      [...new Set(ids.values())],
      undefined,
      { ofEach: MAX_BARE_CHILDREN_OF_NAMED, ofAll: MAX_BARE_CHILDREN_OF_NAMED },
    );
    const names = await this.names(
      [...new Set([...families.values()].flat())].map(id => keyOf('job', id)),
    );
    return new Map(
      [...ids].map(([key, id]) => [
        key,
        families
          .get(id)!
          .map(member => ({ ...names.get(keyOf('job', member))!, id: member })),
      ]),
    );
  }

  /**
   * A job's runs, newest first by their listing time (`before` bounds it),
   * a page at a time: `after` is the last run of the page before. A run's
   * listing time never moves, unlike its first event's time, which a START
   * arriving after the run's COMPLETE moves earlier: no run is shown again
   * or skipped between pages. Runs of one listing time are ordered by id.
   */
  async runsOfJob(
    jobId: number,
    limit: number,
    options: { before?: number; after?: { time: number; id: string } } = {},
  ) {
    const { before, after } = options;
    // Read backwards in lineage_runs_listing_idx.
    let query = this.db('lineage_runs')
      .where('job_id', jobId)
      .orderBy([
        { column: 'listing_time', order: 'desc' },
        { column: 'run_id', order: 'desc' },
      ])
      .limit(limit + 1)
      .select();
    if (before !== undefined) {
      query = query.where('listing_time', '<', before);
    }
    if (after) {
      query = query.where(
        pastKey('<', ['listing_time', after.time], ['run_id', after.id]),
      );
    }
    const rows = await query;
    const runs = rows.slice(0, limit);
    const last = runs[runs.length - 1];
    return {
      runs: runs.map(runView),
      next:
        rows.length > limit
          ? { time: toNumber(last.listing_time), id: last.run_id as string }
          : undefined,
    };
  }

  /**
   * The latest runs of a job's child jobs (an Airflow DAG's tasks, which
   * name it in their `parent` facets), newest first, each with its job: a
   * parent job whose own events are not sent has no runs of its own.
   */
  async runsOfChildJobs(jobId: number, limit: number) {
    const rows = await this.db('lineage_runs as r')
      .join('lineage_jobs as j', 'j.id', 'r.job_id')
      .where('r.parent_job_id', jobId)
      .orderBy([
        { column: 'r.first_event_time', order: 'desc' },
        { column: 'r.run_id', order: 'desc' },
      ])
      .limit(limit)
      .select('r.*', 'j.namespace as job_namespace', 'j.name as job_name');
    return rows.map(row => ({
      ...runView(row),
      childJob: {
        id: formatNodeId('job', row.job_namespace, row.job_name),
        namespace: row.job_namespace as string,
        name: row.job_name as string,
      },
    }));
  }

  /** When the job's latest successful run ended, if it has one. */
  async lastCompletedRunEnd(
    namespace: string,
    name: string,
  ): Promise<number | undefined> {
    const row = await this.db('lineage_runs as r')
      .join('lineage_jobs as j', 'j.id', 'r.job_id')
      .where({ 'j.namespace': namespace, 'j.name': name })
      .where('r.state', 'COMPLETE')
      .max({ ended: 'r.ended_at' })
      .first();
    return toOptionalNumber(row?.ended) ?? undefined;
  }

  async runs(runIds: string[]) {
    const rows = [];
    for (const part of chunks(runIds, 500)) {
      rows.push(...(await this.db('lineage_runs').whereIn('run_id', part)));
    }
    return rows.map(runView);
  }

  /** A page of events, at most `maxEventPageBytes` (see readEvents). */
  async events(options: EventsQuery): Promise<EventsPage> {
    return readEvents(
      this.db,
      this.options.maxEventPageBytes ?? DEFAULT_MAX_EVENT_PAGE_BYTES,
      options,
    );
  }
}

function runView(row: Record<string, any>) {
  const iso = (value: unknown) => {
    const ms = toOptionalNumber(value);
    return ms === null ? undefined : new Date(ms).toISOString();
  };
  return {
    runId: row.run_id as string,
    state: row.state as string,
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
    firstEventAt: iso(row.first_event_time)!,
    // A run stored before errors were kept only while failed may hold one.
    errorMessage:
      row.state === 'FAIL' || row.state === 'ABORT'
        ? (row.error_message as string | null) ?? undefined
        : undefined,
    parentRunId: (row.parent_run_id as string | null) ?? undefined,
    facets: parseJsonExact(row.facets) as Record<string, unknown>,
  };
}
