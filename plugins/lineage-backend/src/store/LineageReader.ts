import {
  formatNodeId,
  groupBy,
  LineageGraph,
  LineageNode,
  ParsedNodeId,
} from '@meshwork/plugin-lineage-common';
import { Knex } from 'knex';
import {
  chunks,
  FACET_TIMES_TABLES,
  FacetTable,
  idsIn,
  isPostgres,
  toNumber,
  toOptionalNumber,
  tuplesIn,
  whereParented,
} from './tables';
import { Named, namedKey } from './facetValues';
import { EventPayload, eventPayloadText } from './eventPayload';
import { idsByName } from './idsByName';
import { symlinkedDatasetIds } from './symlinkedDatasetIds';
import { spelledDatasetIds } from './spelledDatasetIds';
import { compareCodeUnits } from '../compareCodeUnits';
import { ImmutableRowCache } from './ImmutableRowCache';
import { parseJsonExact } from './parseJsonExact';
import { UNICODE_LOWER, withUnicodeLower } from './withUnicodeLower';
import {
  DEFAULT_READ_WINDOW_DAYS,
  ReadWindow,
  readWindowOf,
} from './ReadWindow';

/**
 * The raw events one `/events` page holds at most, in bytes of their JSON:
 * a page of typical events (kilobytes each) is cut by its limit first.
 */
export const DEFAULT_MAX_EVENT_PAGE_BYTES = 16 * 1024 * 1024;

/**
 * Datasets or jobs as `t`, selecting each one's `updated_at` from its facet
 * times row; one never given a facet was last updated when created.
 */
function withUpdatedAt(db: Knex, table: FacetTable) {
  return db(`${table} as t`)
    .leftJoin(`${FACET_TIMES_TABLES[table]} as ft`, 'ft.id', 't.id')
    .select(db.raw('coalesce(ft.updated_at, t.created_at) as updated_at'));
}

export type ResolvedNode = {
  type: 'dataset' | 'job';
  id: number;
  namespace: string;
  name: string;
  field?: string;
};

export type GraphQuery = {
  root: ResolvedNode;
  upstreamDepth: number;
  downstreamDepth: number;
  maxNodes: number;
  /** Only edges first seen at or before this time, in epoch ms. */
  asOf?: number;
  /**
   * `current` leaves out an edge its job has not been seen on within the
   * read window of the job's newest edge: a read or write the job dropped.
   * `all` (the default) keeps every edge ever seen, and reads less.
   */
  edges?: 'current' | 'all';
  /**
   * Give each job node the `parent` job of its most recent run that names a
   * parent (one more query for the whole graph; see parentJobs).
   */
  parents?: boolean;
  /**
   * Walk from a root job's child jobs (a DAG's tasks, see selfAndChildJobs)
   * as from the root, shown at depth 0: a DAG's own events rarely name what
   * it reads or writes; its tasks' events do.
   */
  children?: boolean;
};

/**
 * A graph as read: each node id's row id, and each job node's parent job by
 * row id, named as stored (a node id whose namespace holds colons reads
 * more than one way).
 */
export type StoredGraph = LineageGraph & {
  ids: Map<string, number>;
  parentJobs: Map<number, Named>;
};

/** How many connections a graph level's lookup takes at most, on Postgres. */
const PARALLEL_LOOKUPS = 2;
/** The fewest ids worth a connection of their own. */
const PARALLEL_LOOKUP_MIN_IDS = 500;
/**
 * Of a job found by name, how many of its latest runs, and of the latest
 * runs naming it as their parent job, lead to its child jobs.
 */
const MAX_PARENT_RUNS = 100;
/**
 * Of a job found by name, how many of the latest runs naming it as their
 * root job (a DAG's, under its tasks' Spark applications) lead to jobs of
 * its family: a few days of a DAG of 50 tasks running 5 queries each.
 */
const MAX_ROOTED_RUNS = 1000;
/** How deep child jobs that name no dataset lead to theirs (see selfAndChildJobs). */
const MAX_CHILD_LEVELS = 3;
/** How many such children of one level lead to theirs, of each job read. */
const MAX_BARE_CHILDREN = 16;
/**
 * And of all the jobs read at once: a search reads a part of its matches
 * together (WRITE_SEARCH_PART, or its limit of up to 100), and each one's
 * 16 alone let 50 DAGs read 1,600 tasks through (1,650 lookups of three
 * queries). With it, a call reads the child jobs of its own jobs and of
 * at most 2 × 64 more, each from its latest MAX_PARENT_RUNS runs and as
 * many naming it, in 16 queries (more past 1,000 ids, see readInParts):
 * four a level (see childJobsOf) and two between levels.
 */
const MAX_BARE_CHILDREN_READ = 64;
/**
 * Those read through of the jobs products name (see jobsWithChildren), of
 * each and of all: one family of so many, or many smaller ones.
 */
const MAX_BARE_CHILDREN_OF_NAMED = 2000;
/**
 * Past a graph's node cap, of how many jobs a level leaves out the edges
 * are read, to tell whether one of them is current (see graph).
 */
const MAX_EDGE_READS_PAST_CAP = 100;

/**
 * Of the names a product search finds, how many it looks at for writers
 * that lead to a product, and how many at a time.
 */
const MAX_WRITE_SEARCH_CANDIDATES = 200;
const WRITE_SEARCH_PART = 50;
/**
 * How far downstream a product search follows a job or table writing no
 * port (an extract task and its staging table, say), in jobs, and how many
 * tables it reads on the way at most.
 */
const MAX_FEED_HOPS = 3;
/** A table reached from two starting lists counts twice. */
const MAX_FEED_READS = 500;

/**
 * A port written by `job`; `upstream` when reached through what it reads;
 * `reads` when `job` writes nothing and reads the port (a quality check).
 * No `job` for a port's own table that no job writes now (loaded without
 * lineage, say).
 */
type PortWrite = {
  job?: Named;
  datasetId: number;
  upstream?: true;
  reads?: true;
};

/** A dataset's id, or a job's id negated: ids start at 1. */
type Key = number;

/** The datasets a job reads (`in`) and writes (`out`), each way once read. */
export type JobEdges = Partial<Record<Direction, Set<number>>>;
type Direction = 'in' | 'out';
/** Which edges of a job to read; see loadJobEdges. */
type JobEdgesQuery = { window?: ReadWindow; asOf?: number; only?: Direction };
type JobEdgeRow = {
  dataset_id: number;
  job_id: number;
  direction: Direction;
  last_seen: number | string | null;
  complete_seen: number | string | null;
};

/** Whether an edge is current takes all of its job's edges. */
function directionsOf({ window, only }: JobEdgesQuery): Direction[] {
  return only && !window ? [only] : ['in', 'out'];
}

type ColumnField = { datasetId: number; field: string };
type ColumnEdge = {
  output: ColumnField;
  input: ColumnField;
  /** As stored: JSON text. */
  transformations: string;
};
const keyOfField = (f: ColumnField) => `${f.datasetId}\u0000${f.field}`;

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
   * that field (`t:a` with field `b` or `t` with field `a:b`).
   */
  private async firstReading(
    parsed: ParsedNodeId,
    readings: ResolvedNode[],
  ): Promise<ResolvedNode | undefined> {
    if (parsed.type !== 'datasetField') return readings[0];
    for (const node of readings) {
      if (await this.hasField(node.id, node.field!)) return node;
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

  /** The graph around a node; `ids` maps each node id to its row id. */
  async graph(query: GraphQuery): Promise<StoredGraph> {
    const rootKey = keyOf(query.root.type, query.root.id);
    const hops = new Map<Key, number>([[rootKey, 0]]);
    let truncated = false;
    if (query.children && query.root.type === 'job') {
      const { families, cut } = await this.selfAndChildJobs(
        [query.root.id],
        query.asOf,
      );
      truncated = cut;
      // By id, so that a cap keeps the same ones every time.
      const children = families.get(query.root.id)!.sort((a, b) => a - b);
      for (const child of children) {
        if (hops.has(-child)) continue;
        if (hops.size >= query.maxNodes) {
          truncated = true;
          break;
        }
        hops.set(-child, 0);
      }
    }
    const roots = [...hops.keys()];
    // Each edge once, in the order found: targets by source, and the list.
    const edgeTargets = new Map<Key, Set<Key>>();
    const edges: Array<[Key, Key]> = [];
    const addEdge = (source: Key, target: Key) => {
      let targets = edgeTargets.get(source);
      if (!targets) {
        targets = new Set();
        edgeTargets.set(source, targets);
      }
      if (targets.has(target)) return;
      targets.add(target);
      edges.push([source, target]);
    };
    // Worked out once, so that every level is judged by the same clock.
    const window = query.edges === 'current' ? this.readWindow() : undefined;
    const edgesAsOf = { window, asOf: query.asOf };
    // Each job's edges (current ones only, if asked): those of the walk's
    // direction, or both.
    const jobEdges = new Map<number, JobEdges>();
    for (const direction of ['downstream', 'upstream'] as const) {
      const depth =
        direction === 'downstream'
          ? query.downstreamDepth
          : query.upstreamDepth;
      if (depth <= 0) continue;
      // From a dataset: downstream the jobs reading it, upstream those
      // writing it; from a job the other way round.
      const fromDataset = direction === 'downstream' ? 'in' : 'out';
      const fromJob = direction === 'downstream' ? 'out' : 'in';
      // Hops in this direction: a node reached both ways is walked in each
      // by its own distance, and shown at the nearer.
      const walked = new Map<Key, number>(roots.map(key => [key, 0]));
      let frontier: Key[] = roots;
      while (frontier.length > 0) {
        const next: Key[] = [];
        const jobs = frontier.filter(k => !isDataset(k)).map(idOf);
        await this.loadJobEdges(jobs, jobEdges, {
          ...edgesAsOf,
          only: fromJob,
        });
        const datasets = frontier.filter(isDataset);
        // The edges of the jobs the next level may walk come in the same
        // query: a round trip less per level, which on Postgres is a good
        // part of a walk's time.
        let fromDatasets = await this.neighbours(
          fromDataset,
          datasets,
          query.asOf,
          {
            of:
              hops.size < query.maxNodes
                ? datasets.filter(dataset => walked.get(dataset)! < depth)
                : [],
            into: jobEdges,
            edges: window ? edgesAsOf : { ...edgesAsOf, only: fromJob },
          },
        );
        if (window) {
          // Whether a job's edge is current is known from all its edges,
          // read for the jobs that may be shown: within the depth and the
          // cap. Past the cap, those of a few jobs not shown are read, to
          // tell whether any current edge was left out; of more, one is
          // taken to be.
          const candidates = fromDatasets
            .filter(([dataset]) => walked.get(dataset)! < depth)
            .map(([, job]) => job);
          if (hops.size < query.maxNodes) {
            await this.loadJobEdges(candidates, jobEdges, edgesAsOf);
          } else {
            const unread = this.jobsMissingEdges(
              candidates.filter(job => !hops.has(-job)),
              jobEdges,
              edgesAsOf,
            );
            if (unread.length > MAX_EDGE_READS_PAST_CAP) {
              truncated = true;
            } else {
              await this.loadJobEdges(unread, jobEdges, edgesAsOf);
            }
          }
          fromDatasets = fromDatasets.filter(([dataset, job]) =>
            jobEdges.get(job)?.[fromDataset]?.has(dataset),
          );
        }
        // Each edge as two keys in a row, from and to.
        const reached: Key[] = [];
        for (const [dataset, job] of fromDatasets) reached.push(dataset, -job);
        for (const job of jobs) {
          for (const dataset of jobEdges.get(job)![fromJob]!) {
            reached.push(-job, dataset);
          }
        }
        for (let i = 0; i < reached.length; i += 2) {
          const from = reached[i];
          const to = reached[i + 1];
          const fromHops = walked.get(from)!;
          const toHops = isDataset(to) ? fromHops : fromHops + 1;
          const withinDepth = toHops <= depth;
          const shown = hops.get(to);
          if (shown === undefined) {
            if (!withinDepth) continue;
            if (hops.size >= query.maxNodes) {
              truncated = true;
              continue;
            }
            hops.set(to, toHops);
          } else if (toHops < shown) {
            hops.set(to, toHops);
          }
          // An edge from a node walked to a node shown is drawn, whatever
          // the depth of the latter.
          if (direction === 'downstream') addEdge(from, to);
          else addEdge(to, from);
          if (withinDepth && !walked.has(to)) {
            walked.set(to, toHops);
            next.push(to);
          }
        }
        frontier = next;
      }
    }
    if (query.upstreamDepth > 0 && query.downstreamDepth > 0) {
      // Each walk finds only the edges pointing its own way: one between a
      // node reached upstream and one reached downstream (another input of
      // a job downstream, say) neither walk followed.
      const shownJobs = [...hops.keys()].filter(k => !isDataset(k)).map(idOf);
      await this.loadJobEdges(shownJobs, jobEdges, edgesAsOf);
      for (const job of shownJobs) {
        const edgesOfJob = jobEdges.get(job)!;
        for (const dataset of edgesOfJob.in!) {
          if (hops.has(dataset)) addEdge(dataset, -job);
        }
        for (const dataset of edgesOfJob.out!) {
          if (hops.has(dataset)) addEdge(-job, dataset);
        }
      }
    }
    return this.toGraph(query.root, hops, edges, truncated, {
      parents: query.parents,
      asOf: query.asOf,
    });
  }

  /**
   * Marquez's graph (`GET /api/v1/lineage`): from a job, or a dataset's
   * latest writer (else its latest reader), every job within `depth` hops
   * through a dataset either reads or writes, whichever way the data flows,
   * and every dataset those jobs read and write. A dataset no job reads or
   * writes now is shown alone. `jobDatasets`: what each job shown reads and
   * writes, by the edges walked.
   */
  async marquezGraph(query: {
    root: ResolvedNode;
    depth: number;
    maxNodes: number;
    edges?: 'current' | 'all';
  }): Promise<StoredGraph & { jobDatasets: Map<number, JobEdges> }> {
    const { root, depth, maxNodes } = query;
    const hops = new Map<Key, number>();
    let truncated = false;
    const show = (key: Key, level: number) => {
      if (hops.has(key)) return false;
      if (hops.size >= maxNodes) {
        truncated = true;
        return false;
      }
      hops.set(key, level);
      return true;
    };
    const window = query.edges === 'current' ? this.readWindow() : undefined;
    const jobEdges = new Map<number, JobEdges>();
    const datasetsOf = (job: number) => datasetsOfJob(jobEdges.get(job)!);
    const start =
      root.type === 'job' ? root.id : await this.latestJobOf(root.id);
    let frontier = start === undefined ? [] : [start];
    await this.loadJobEdges(frontier, jobEdges, { window });
    // As Marquez answers, a dataset its job no longer reads nor writes
    // comes alone.
    if (root.type === 'dataset') {
      frontier = frontier.filter(job => datasetsOf(job).includes(root.id));
      show(root.id, 0);
    }
    frontier = frontier.filter(job => show(-job, 0));
    const expanded = new Set<number>();
    for (let level = 0; frontier.length > 0; level++) {
      await this.loadJobEdges(frontier, jobEdges, { window });
      // Each dataset once, by id, so that a cap keeps the same ones.
      const datasets = [...new Set(frontier.flatMap(datasetsOf))]
        .filter(dataset => !expanded.has(dataset))
        .sort((a, b) => a - b);
      for (const dataset of datasets) {
        expanded.add(dataset);
        show(dataset, level);
      }
      // Full and cut already: nothing more can be shown.
      if (level === depth || (truncated && hops.size >= maxNodes)) break;
      const next = await this.jobsSharing(
        datasets,
        job => !hops.has(-job),
        maxNodes - hops.size,
        jobEdges,
        window,
      );
      if (next.cut) truncated = true;
      frontier = next.jobs.filter(job => show(-job, level + 1));
    }
    const edges: Array<[Key, Key]> = [];
    for (const [key] of hops) {
      if (isDataset(key)) continue;
      const { in: reads, out: writes } = jobEdges.get(idOf(key))!;
      for (const dataset of reads!) {
        if (hops.has(dataset)) edges.push([dataset, key]);
      }
      for (const dataset of writes!) {
        if (hops.has(dataset)) edges.push([key, dataset]);
      }
    }
    const graph = await this.toGraph(root, hops, edges, truncated, {
      parents: true,
    });
    return { ...graph, jobDatasets: jobEdges };
  }

  /**
   * Of the jobs reading or writing `datasets` now (any time with no
   * `window`), those `isNew` takes, by id, at most `room`; `cut` when there
   * were more. Their edges are read a part at a time, only until one more
   * job than fits is found: a table read by 50,000 jobs costs a part, not
   * all their edges.
   */
  private async jobsSharing(
    datasets: number[],
    isNew: (job: number) => boolean,
    room: number,
    jobEdges: Map<number, JobEdges>,
    window: ReadWindow | undefined,
  ): Promise<{ jobs: number[]; cut: boolean }> {
    const rows: Array<{ job_id: number }> = await this.readInParts(
      datasets,
      part =>
        this.db('lineage_io')
          .distinct('job_id')
          .where(idsIn(isPostgres(this.db), 'dataset_id', part)),
    );
    const candidates = [...new Set(rows.map(row => row.job_id))]
      .filter(isNew)
      .sort((a, b) => a - b);
    const shared = new Set(datasets);
    const jobs: number[] = [];
    // A full graph needs but one job to know it is cut.
    for (const part of chunks(candidates, Math.min(500, room + 1))) {
      await this.loadJobEdges(part, jobEdges, { window });
      for (const job of part) {
        // Only a job's current reads and writes count, as Marquez's current
        // job versions do: a table it no longer touches leads nowhere.
        const datasetsOfCandidate = datasetsOfJob(jobEdges.get(job)!);
        if (!datasetsOfCandidate.some(dataset => shared.has(dataset))) continue;
        if (jobs.length >= room) return { jobs, cut: true };
        jobs.push(job);
      }
    }
    return { jobs, cut: false };
  }

  /** A dataset's latest writer, else its latest reader, as Marquez starts. */
  async latestJobOf(datasetId: number): Promise<number | undefined> {
    const row = await this.db('lineage_io')
      .where('dataset_id', datasetId)
      .orderBy([
        { column: 'direction', order: 'desc' },
        { column: 'last_seen', order: 'desc' },
        { column: 'job_id', order: 'asc' },
      ])
      .first('job_id');
    return row?.job_id;
  }

  /** The graph of the nodes shown, each at its hops, and their edges. */
  private async toGraph(
    root: ResolvedNode,
    hops: Map<Key, number>,
    edges: Array<[Key, Key]>,
    truncated: boolean,
    options: { parents?: boolean; asOf?: number },
  ): Promise<StoredGraph> {
    const keys = [...hops.keys()];
    const jobKeys = keys.filter(k => !isDataset(k));
    // The latest parents come with the jobs' names, cached (parentJobs).
    const namesWithParents = options.parents && options.asOf === undefined;
    const [names, parents] = await Promise.all([
      this.names(namesWithParents ? keys.filter(isDataset) : keys),
      options.parents
        ? this.parentJobs(jobKeys.map(idOf), options.asOf)
        : new Map<number, Named>(),
    ]);
    if (namesWithParents) {
      for (const [key, named] of await this.names(jobKeys)) {
        names.set(key, named);
      }
    }
    const ids = new Map<string, number>();
    const nodeIds = new Map<Key, string>();
    const nodes: LineageNode[] = [...hops].map(([key, depth]) => {
      const { namespace, name } = names.get(key)!;
      const type = isDataset(key) ? 'dataset' : 'job';
      const id = formatNodeId(type, namespace, name);
      ids.set(id, idOf(key));
      nodeIds.set(key, id);
      const parent = type === 'job' ? parents.get(idOf(key)) : undefined;
      return parent
        ? {
            id,
            type,
            namespace,
            name,
            depth,
            parent: formatNodeId('job', parent.namespace, parent.name),
          }
        : { id, type, namespace, name, depth };
    });
    return {
      root: formatNodeId(root.type, root.namespace, root.name),
      nodes,
      edges: edges.map(([source, target]) => ({
        source: nodeIds.get(source)!,
        target: nodeIds.get(target)!,
      })),
      truncated,
      ids,
      parentJobs: parents,
    };
  }

  /**
   * The parent job of each job's most recent run that names a parent
   * run or job: the job of the run's `parent` facet (`parent_job_id`), or
   * else the stored job of the parent run; with `asOf`, of runs started by
   * then. Jobs without such a run are left out.
   */
  async parentJobs(
    jobIds: number[],
    asOf?: number,
  ): Promise<Map<number, Named>> {
    if (asOf !== undefined) return this.parentJobsAsOf(jobIds, asOf);
    // Each job keeps its latest parented run's parents (updateJobParents).
    // Read with the names of the jobs and of their parent jobs, cached for
    // toGraph: a graph's walk then reads lineage_jobs once, not three times
    // (the last after the others), where parents are known by
    // parent_job_id. In one part: Postgres may scan the table for as few
    // ids as a graph's.
    const jobs = await this.db('lineage_jobs as j')
      .leftJoin('lineage_jobs as p', 'p.id', 'j.parent_job_id')
      .where(idsIn(isPostgres(this.db), 'j.id', jobIds))
      .select(
        'j.id',
        'j.namespace',
        'j.name',
        'j.parent_job_id',
        'j.parent_run_id',
        'p.namespace as parent_namespace',
        'p.name as parent_name',
      );
    const jobNames: Array<[Key, Named]> = [];
    for (const row of jobs) {
      jobNames.push([
        keyOf('job', toNumber(row.id)),
        { namespace: row.namespace, name: row.name },
      ]);
      if (row.parent_name !== null) {
        jobNames.push([
          keyOf('job', toNumber(row.parent_job_id)),
          { namespace: row.parent_namespace, name: row.parent_name },
        ]);
      }
    }
    this.namesByKey.addAll(jobNames);
    const rows = jobs.filter(
      row => row.parent_job_id !== null || row.parent_run_id !== null,
    );
    const runJobs = new Map<string, number>();
    const byRunOnly = rows
      .filter(row => row.parent_job_id === null)
      .map(row => row.parent_run_id);
    for (const part of chunks(byRunOnly, 500)) {
      const runs = await this.db('lineage_runs')
        .whereIn('run_id', part)
        .select('run_id', 'job_id');
      for (const run of runs) runJobs.set(run.run_id, toNumber(run.job_id));
    }
    const parents = new Map<number, number>();
    for (const row of rows) {
      const parent =
        row.parent_job_id === null
          ? runJobs.get(row.parent_run_id)
          : toNumber(row.parent_job_id);
      if (parent !== undefined) parents.set(toNumber(row.id), parent);
    }
    const names = await this.names(
      [...new Set(parents.values())].map(id => keyOf('job', id)),
    );
    const result = new Map<number, Named>();
    for (const [job, parent] of parents) {
      const named = names.get(keyOf('job', parent));
      if (named) result.set(job, named);
    }
    return result;
  }

  /** parentJobs as of a time: from the runs started by then. */
  private async parentJobsAsOf(
    jobIds: number[],
    asOf: number,
  ): Promise<Map<number, Named>> {
    const result = new Map<number, Named>();
    // Runs naming a parent, started by `asOf`.
    const parentedRun = (run: string) => (builder: Knex.QueryBuilder) => {
      builder.where(whereParented(run));
      builder.where(`${run}.first_event_time`, '<=', asOf);
    };
    const rows = await this.readInParts(jobIds, part => {
      // Each job's latest such run: its last entry in
      // lineage_runs_parented_idx, if any.
      const latest = this.latestRunOfEach(part, 'l', parentedRun('r'));
      return this.db
        .from(latest)
        .join('lineage_runs as r', 'r.run_id', 'l.run_id')
        .leftJoin('lineage_jobs as fj', 'fj.id', 'r.parent_job_id')
        .leftJoin('lineage_runs as p', 'p.run_id', 'r.parent_run_id')
        .leftJoin('lineage_jobs as pj', 'pj.id', 'p.job_id')
        .select(
          'l.job_id',
          this.db.raw('coalesce(fj.namespace, pj.namespace) as namespace'),
          this.db.raw('coalesce(fj.name, pj.name) as name'),
        );
    });
    for (const row of rows) {
      if (row.name === null) continue;
      result.set(toNumber(row.job_id), {
        namespace: row.namespace,
        name: row.name,
      });
    }
    return result;
  }

  /**
   * The jobs reading (`in`) or writing (`out`) each dataset, in pairs. With
   * `jobEdges`, the same query also loads the edges of the jobs paired with
   * its `of` datasets, as loadJobEdges would.
   */
  private async neighbours(
    direction: Direction,
    datasetIds: number[],
    asOf: number | undefined,
    jobEdges: {
      of: number[];
      into: Map<number, JobEdges>;
      edges: JobEdgesQuery;
    },
  ): Promise<Array<[number, number]>> {
    const postgres = isPostgres(this.db);
    const of = new Set(jobEdges.of);
    const rows = await this.readInParts(datasetIds, part => {
      const pairs = this.db('lineage_io')
        .where('direction', direction)
        .where(idsIn(postgres, 'dataset_id', part))
        .select('dataset_id', 'job_id');
      if (asOf !== undefined) pairs.where('first_seen', '<=', asOf);
      const partOf = part.filter(id => of.has(id));
      if (partOf.length === 0) return pairs;
      // Pairs have no edge direction; the jobs' edges do.
      const edgesOfJobs = this.jobEdgeRows(jobEdges.edges).whereIn(
        'job_id',
        this.db('pairs')
          .where(idsIn(postgres, 'dataset_id', partOf))
          .select('job_id'),
      );
      return this.db
        .with('pairs', pairs)
        .from('pairs')
        .select(
          'dataset_id',
          'job_id',
          this.db.raw('null as direction'),
          this.db.raw('null as last_seen'),
          this.db.raw('null as complete_seen'),
        )
        .unionAll(edgesOfJobs);
    });
    const found: Array<[number, number]> = [];
    const edgeRows: JobEdgeRow[] = [];
    for (const row of rows) {
      if (row.direction) edgeRows.push(row);
      else found.push([row.dataset_id, row.job_id]);
    }
    const jobs = found
      .filter(([dataset]) => of.has(dataset))
      .map(([, job]) => job);
    this.addJobEdges(
      this.jobsMissingEdges(jobs, jobEdges.into, jobEdges.edges),
      edgeRows,
      jobEdges.into,
      jobEdges.edges,
    );
    return found;
  }

  /**
   * Reads the edges of the jobs not yet in `into`, both ways or `only` one
   * (both, with a `window`). With a `window`, an edge is left out if it was
   * last seen more than the window before its job's newest edge: of those
   * seen by events naming all their runs' lineage, if any (see
   * IoRow.complete_seen). With `asOf`, an edge seen after it counts as seen
   * at `asOf` (nothing tells whether it was seen in between). An edge seen
   * ahead of this clock is kept, and does not count as the job's newest, so
   * that one such event cannot hide the job's other edges.
   */
  private async loadJobEdges(
    jobIds: number[],
    into: Map<number, JobEdges>,
    edges: JobEdgesQuery,
  ) {
    const missing = this.jobsMissingEdges(jobIds, into, edges);
    if (missing.length === 0) return;
    const rows = await this.readInParts(missing, part =>
      this.jobEdgeRows(edges).where(idsIn(isPostgres(this.db), 'job_id', part)),
    );
    this.addJobEdges(missing, rows, into, edges);
  }

  /** The jobs of `jobIds` whose edges `edges` asks for are not in `into`. */
  private jobsMissingEdges(
    jobIds: number[],
    into: Map<number, JobEdges>,
    edges: JobEdgesQuery,
  ) {
    const directions = directionsOf(edges);
    return [...new Set(jobIds)].filter(id =>
      directions.some(direction => !into.get(id)?.[direction]),
    );
  }

  /** Edge rows of jobs, as `edges` asks for them, for a `job_id` filter. */
  private jobEdgeRows({ window, asOf, ...rest }: JobEdgesQuery) {
    const directions = directionsOf({ window, ...rest });
    const edges = this.db('lineage_io').select(
      'dataset_id',
      'job_id',
      'direction',
      ...(window
        ? ['last_seen', 'complete_seen']
        : [
            this.db.raw('null as last_seen'),
            this.db.raw('null as complete_seen'),
          ]),
    );
    if (directions.length === 1) edges.where('direction', directions[0]);
    if (asOf !== undefined) edges.where('first_seen', '<=', asOf);
    return edges;
  }

  /** Sets the edges of the `jobs` in `into` from their `rows`. */
  private addJobEdges(
    jobs: number[],
    rows: JobEdgeRow[],
    into: Map<number, JobEdges>,
    edges: JobEdgesQuery,
  ) {
    const { window, asOf } = edges;
    const directions = directionsOf(edges);
    for (const id of jobs) {
      const edgesOfJob = into.get(id) ?? {};
      for (const direction of directions) edgesOfJob[direction] = new Set();
      into.set(id, edgesOfJob);
    }
    const added = new Set(jobs);
    const ofJobs = rows.filter(row => added.has(row.job_id));
    // A time as of `asOf`, or undefined when ahead of the clock or unset.
    const timeOf = (seen: number | string | null) => {
      if (!window || seen === null) return undefined;
      const time = toNumber(seen);
      return time > window.seenBy ? undefined : Math.min(time, asOf ?? time);
    };
    const times = ofJobs.map(row => timeOf(row.last_seen));
    // Each job's newest edge, and its newest seen by an event naming all its
    // run's lineage, which counts first: a run whose producer could not
    // parse a statement has not shown that its job dropped what that read
    // or wrote.
    const newest = new Map<number, number>();
    const newestComplete = new Map<number, number>();
    const keepNewest = (
      of: Map<number, number>,
      job: number,
      time?: number,
    ) => {
      const known = of.get(job);
      if (time !== undefined && (known === undefined || time > known)) {
        of.set(job, time);
      }
    };
    ofJobs.forEach((row, i) => {
      keepNewest(newest, row.job_id, times[i]);
      keepNewest(newestComplete, row.job_id, timeOf(row.complete_seen));
    });
    ofJobs.forEach((row, i) => {
      const time = times[i];
      const from = newestComplete.get(row.job_id) ?? newest.get(row.job_id)!;
      if (time !== undefined && time < from - window!.windowMs) return;
      into.get(row.job_id)![row.direction]!.add(row.dataset_id);
    });
  }

  /**
   * The rows `read` gives for all `ids`. On Postgres a wide list is read on
   * several connections at once, each a server process of its own, in
   * ranges of its sorted ids.
   */
  private async readInParts(
    ids: number[],
    read: (part: number[]) => Knex.QueryBuilder,
  ): Promise<any[]> {
    if (ids.length === 0) return [];
    const parts = isPostgres(this.db)
      ? Math.min(
          PARALLEL_LOOKUPS,
          Math.max(1, Math.floor(ids.length / PARALLEL_LOOKUP_MIN_IDS)),
        )
      : 1;
    const sorted = parts > 1 ? [...ids].sort((a, b) => a - b) : ids;
    const found = await Promise.all(
      chunks(sorted, Math.ceil(ids.length / parts)).map(part => read(part)),
    );
    return found.flat();
  }

  /** Namespace and name of each node key: a dataset id, or a job id negated. */
  async names(keys: Key[]) {
    const result = new Map<Key, Named>();
    const missing: Key[] = [];
    for (const key of keys) {
      const named = this.namesByKey.get(key);
      if (named) result.set(key, named);
      else missing.push(key);
    }
    // Both tables at once: on Postgres, on two connections.
    await Promise.all(
      (
        [
          [1, 'lineage_datasets'],
          [-1, 'lineage_jobs'],
        ] as const
      ).map(async ([sign, table]) => {
        const ids = missing.filter(k => Math.sign(k) === sign).map(idOf);
        if (ids.length === 0) return;
        const rows = await this.db(table)
          .where(idsIn(isPostgres(this.db), 'id', ids))
          .select('id', 'namespace', 'name');
        const found = rows.map((row): [Key, Named] => [
          sign * row.id,
          { namespace: row.namespace, name: row.name },
        ]);
        this.namesByKey.addAll(found);
        for (const [key, named] of found) result.set(key, named);
      }),
    );
    return result;
  }

  async datasets(ids: number[]) {
    return this.facetEntities('lineage_datasets', ids);
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
    await this.loadJobEdges(jobIds, edges, { window: this.readWindow() });
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
    const rows = await this.readInParts(jobIds, part => {
      // Looked up once per job, in lineage_runs_job_idx.
      const latest = this.latestRunOfEach(part, 'latest');
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

  /**
   * A derived table `alias` of each of `jobIds` (`job_id`) with its latest
   * run (`run_id`, null for none) of those `where` keeps, if given, of run
   * table alias `r`: by when its first event was timed, of two started at
   * once the greater run id. Looked up once per job, not once per run.
   */
  private latestRunOfEach(
    jobIds: number[],
    alias: string,
    where?: (builder: Knex.QueryBuilder) => void,
  ) {
    const latestRun = this.db('lineage_runs as r')
      .whereRaw('?? = ??', ['r.job_id', 'j.id'])
      .orderBy([
        { column: 'r.first_event_time', order: 'desc' },
        { column: 'r.run_id', order: 'desc' },
      ])
      .limit(1)
      .select('r.run_id');
    if (where) latestRun.where(where);
    return this.db('lineage_jobs as j')
      .where(idsIn(isPostgres(this.db), 'j.id', jobIds))
      .select('j.id as job_id', latestRun.as('run_id'))
      .as(alias);
  }

  /**
   * Column-level edges around a set of fields, breadth-first, reaching at
   * most `maxFields` fields upstream and as many downstream besides those it
   * starts from; `truncated` when there were more.
   */
  async columnEdges(
    start: ColumnField[],
    depth: number,
    withDownstream: boolean,
    maxFields = Number.POSITIVE_INFINITY,
  ) {
    const edges = new Map<
      string,
      { output: ColumnField; input: ColumnField; transformations: unknown[] }
    >();
    const starting = new Set(start.map(keyOfField)).size;
    const shown = new Map(start.map(f => [keyOfField(f), f]));
    let truncated = false;
    const directions: Array<'up' | 'down'> = withDownstream
      ? ['up', 'down']
      : ['up'];
    for (const direction of directions) {
      // Per direction, so that neither takes the other's share of the cap,
      // and a field reached upstream in a cycle is still walked downstream.
      const seen = new Set(start.map(keyOfField));
      let frontier = start;
      for (let level = 0; level < depth && frontier.length > 0; level++) {
        const next: ColumnField[] = [];
        const found = await this.columnEdgesOf(
          direction === 'up' ? 'output' : 'input',
          frontier,
        );
        for (const { output, input, transformations } of found) {
          const reached = direction === 'up' ? input : output;
          const reachedKey = keyOfField(reached);
          if (!seen.has(reachedKey)) {
            if (seen.size - starting >= maxFields) {
              truncated = true;
              continue;
            }
            seen.add(reachedKey);
            shown.set(reachedKey, reached);
            next.push(reached);
          }
          edges.set(`${keyOfField(output)}>${keyOfField(input)}`, {
            output,
            input,
            transformations: JSON.parse(transformations),
          });
        }
        frontier = next;
      }
    }
    // The walks follow edges their own way from the fields they expand: one
    // between fields reached the other way, or at the last level, is found
    // only by looking at every field shown.
    for (const edge of await this.columnEdgesOf('output', [
      ...shown.values(),
    ])) {
      const key = `${keyOfField(edge.output)}>${keyOfField(edge.input)}`;
      if (shown.has(keyOfField(edge.input)) && !edges.has(key)) {
        edges.set(key, {
          ...edge,
          transformations: JSON.parse(edge.transformations),
        });
      }
    }
    return { edges: [...edges.values()], truncated };
  }

  /** The column edges whose output, or input, is one of `fields`. */
  private async columnEdgesOf(
    side: 'output' | 'input',
    fields: ColumnField[],
  ): Promise<ColumnEdge[]> {
    const columns =
      side === 'output'
        ? ['dataset_id', 'field']
        : ['input_dataset_id', 'input_field'];
    const found: ColumnEdge[] = [];
    for (const part of chunks(fields, 200)) {
      const rows = await this.db('lineage_column_edges')
        .where(
          tuplesIn(
            isPostgres(this.db),
            columns,
            part.map(f => [f.datasetId, f.field]),
          ),
        )
        .select();
      for (const row of rows) {
        found.push({
          output: { datasetId: row.dataset_id, field: row.field },
          input: { datasetId: row.input_dataset_id, field: row.input_field },
          transformations: row.transformations,
        });
      }
    }
    return found;
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

  /**
   * Matching a text in a column, whatever the case: `contains` adds a
   * column holding it to a query's alternatives, `holds` is SQL true where
   * a column holds it, `endsWith` where a column ends with `before` and
   * it, `equals` where a column is it (or one of `compared`), and `run`
   * runs the query.
   */
  private containing(term: string, ...compared: string[]) {
    // The term is text to find, not a pattern: its % and _ match themselves.
    const escaped = term.replace(/[\\%_]/g, c => `\\${c}`);
    // SQLite's like and lower fold ASCII letters only; other letters are
    // compared lowercased, by a function of this process.
    const unicode =
      !isPostgres(this.db) &&
      [term, ...compared].some(text => /[\u0080-\uffff]/.test(text));
    const found = unicode ? escaped.toLowerCase() : escaped;
    const like = isPostgres(this.db)
      ? `?? ilike ? escape '\\'`
      : `${unicode ? `${UNICODE_LOWER}(??)` : '??'} like ? escape '\\'`;
    return {
      contains: (builder: Knex.QueryBuilder, column: string) =>
        builder.orWhereRaw(like, [column, `%${found}%`]),
      holds: (column: string) => this.db.raw(like, [column, `%${found}%`]),
      endsWith: (column: string, before: string) =>
        this.db.raw(like, [column, `%${before}${found}`]),
      equals: (column: string, text = term) =>
        unicode
          ? this.db.raw(`${UNICODE_LOWER}(??) = ?`, [
              column,
              text.toLowerCase(),
            ])
          : this.db.raw('lower(??) = lower(?)', [column, text]),
      run: async (query: Knex.QueryBuilder): Promise<any[]> =>
        unicode ? withUnicodeLower(this.db, query) : query,
    };
  }

  /**
   * An ORDER BY term for a text column (a known identifier, not user input)
   * in byte order on both databases, as SQLite's BINARY collation has it:
   * Postgres otherwise sorts by the database's collation, which under an
   * ICU or en_US locale ignores punctuation and case at first, so that ties
   * broken before a LIMIT would pick other rows than on SQLite (as
   * conflictMerge compares text with `collate "C"`).
   */
  private readonly byteOrder = (column: string) => {
    const quoted = column
      .split('.')
      .map(part => `"${part}"`)
      .join('.');
    return isPostgres(this.db) ? `${quoted} collate "C"` : quoted;
  };

  async search(
    type: 'dataset' | 'job' | 'column',
    term: string,
    limit: number,
  ) {
    const { contains, holds, endsWith, equals, run } = this.containing(term);
    if (type === 'column') {
      // A dataset's fields as fieldsOf has them: in its schema, or in column
      // lineage as written or as read (a source no schema facet described),
      // each once. Scanned, as schema fields are: ingest rewrites both, and
      // a trigram index would slow it (20261201120000_name_trigram_indexes).
      const holding = (table: string, datasetId: string, field: string) =>
        this.db(table)
          .where(builder => contains(builder, field))
          .select({ dataset_id: datasetId, field });
      const fields = holding('lineage_dataset_fields', 'dataset_id', 'field')
        .union(holding('lineage_column_edges', 'dataset_id', 'field'))
        .union(
          holding('lineage_column_edges', 'input_dataset_id', 'input_field'),
        );
      // Fields that are the term come first: a short term (`id`) may be in
      // more fields than a page holds.
      const exactFirst = 'case when ? then 0 else 1 end';
      // The type by a lookup of each field listed, which Postgres makes
      // after the limit: a join would read every schema field.
      const fieldType = this.db('lineage_dataset_fields as f')
        .whereRaw('?? = ??', ['f.dataset_id', 'c.dataset_id'])
        .whereRaw('?? = ??', ['f.field', 'c.field'])
        .select('f.type')
        .as('type');
      const rows = await run(
        this.db
          .from(fields.as('c'))
          .join('lineage_datasets as d', 'd.id', 'c.dataset_id')
          .orderByRaw(exactFirst, [equals('c.field')])
          .orderByRaw(
            ['c.field', 'd.namespace', 'd.name'].map(this.byteOrder).join(', '),
          )
          .limit(limit)
          .select('d.namespace', 'd.name', 'c.field', fieldType),
      );
      return rows.map(row => ({
        type: 'column' as const,
        id: `datasetField:${row.namespace}:${row.name}:${row.field}`,
        namespace: row.namespace,
        name: row.name,
        field: row.field,
        fieldType: row.type ?? undefined,
      }));
    }
    // As nameRank ranks names: a term as short as `orders` is in more
    // names than a page holds, and the table named so must be on it.
    const rank = (alias: string) =>
      this.db.raw(
        `case when ? then 0 when ? or ? then 1 when ? then 2 else 3 end, length(??), ${this.byteOrder(
          `${alias}.name`,
        )}, ${this.byteOrder(`${alias}.namespace`)}`,
        [
          equals(`${alias}.name`),
          endsWith(`${alias}.name`, '.'),
          endsWith(`${alias}.name`, '/'),
          holds(`${alias}.name`),
          `${alias}.name`,
        ],
      );
    const table = type === 'dataset' ? 'lineage_datasets' : 'lineage_jobs';
    const named = (alias: string) =>
      withUpdatedAt(this.db, table)
        .orderByRaw(rank(alias))
        .orderBy('t.id')
        .limit(limit)
        .select('t.id', 't.namespace', 't.name');
    let rows: any[] = await run(
      named('t').where(builder =>
        contains(contains(builder, 't.name'), 't.namespace'),
      ),
    );
    if (type === 'dataset') {
      // A table is also known by the names its symlinks give it (the Hive
      // table of files Spark reports by path), as /graph takes them: each
      // dataset once, by its best such name.
      const matching = this.db('lineage_symlinks as s')
        .where(builder => contains(contains(builder, 's.name'), 's.namespace'))
        .select(
          's.dataset_id',
          's.namespace',
          's.name',
          this.db.raw(
            'row_number() over (partition by s.dataset_id order by ?) as name_rank',
            [rank('s')],
          ),
        );
      const symlinked: NameMatch[] = await run(
        named('s')
          .join(matching.as('s'), 's.dataset_id', 't.id')
          .where('s.name_rank', 1)
          .select('s.namespace as symlink_namespace', 's.name as symlink_name'),
      );
      rows = mergeNameMatches(rows, symlinked, term).slice(0, limit);
    }
    return rows.map(row => ({
      type,
      id: formatNodeId(type, row.namespace, row.name),
      namespace: row.namespace,
      name: row.name,
      updatedAt: new Date(toNumber(row.updated_at)).toISOString(),
      ...(row.symlink_name === undefined
        ? {}
        : {
            symlink: {
              namespace: row.symlink_namespace,
              name: row.symlink_name,
            },
          }),
    }));
  }

  /**
   * Up to `limit` datasets or jobs whose namespace or name contains `term`
   * (within one of `namespaces`, if given, in any case) and whose writers
   * write some of the datasets `outputsIn`, those named `term` first, each
   * with those writes.
   * A dataset's writers are the jobs writing it; a job's, itself and its
   * child jobs (the tasks of a DAG, say; see selfAndChildJobs). Only current
   * writes count (as with `edges: 'current'`): a job that moved its output
   * no longer leads to the product of the table it wrote before. One whose
   * writers write none of `outputsIn` leads to the ports its writers' tables
   * (or, for a dataset, itself) feed: written by the jobs reading them, or
   * further downstream (see feedsOf), marked `upstream`. Of the names found,
   * the first MAX_WRITE_SEARCH_CANDIDATES are looked at: a term as short as
   * `or` may name most of a warehouse. One of `outputsIn` itself leads to
   * itself alone, through its writers, or through none when no job writes
   * it now (a table loaded without lineage). `partial` when a cap left
   * unread what might have led to more: names past those looked at that
   * the search, short of its limit, would have gone on to, a DAG's tasks
   * (see selfAndChildJobs), or tables downstream (see feedsOf).
   */
  async searchWrites(
    type: 'dataset' | 'job',
    term: string,
    options: { limit: number; namespaces?: string[]; outputsIn: number[] },
  ): Promise<{
    items: Array<Named & { id: number; writes: PortWrite[] }>;
    partial: boolean;
  }> {
    const { namespaces } = options;
    const { contains, equals, run } = this.containing(
      term,
      ...(namespaces ?? []),
    );
    const limit = Math.max(options.limit, MAX_WRITE_SEARCH_CANDIDATES);
    const named = (table: string, id: string) => {
      const query = this.db(`${table} as t`)
        .where(builder => contains(contains(builder, 't.name'), 't.namespace'))
        .orderByRaw(`case when ? then 0 else 1 end`, [equals('t.name')])
        .orderByRaw(['t.namespace', 't.name'].map(this.byteOrder).join(', '))
        .select({ id }, 't.namespace', 't.name')
        // One past the cap tells whether it leaves names out.
        .limit(limit + 1);
      return namespaces === undefined
        ? query
        : query.where(builder => {
            for (const namespace of namespaces) {
              builder.orWhere(equals('t.namespace', namespace));
            }
          });
    };
    let candidates: Array<Named & { id: number }> = await run(
      named(type === 'dataset' ? 'lineage_datasets' : 'lineage_jobs', 't.id'),
    );
    // A symlink's name past the cap may name a table no name looked at does.
    let symlinksLeftOut = false;
    if (type === 'dataset') {
      // A table is also known by the names its symlinks give it (the Hive
      // table of files Spark reports by path): on-call types those.
      const symlinked: Array<Named & { id: number }> = await run(
        named('lineage_symlinks', 't.dataset_id'),
      );
      symlinksLeftOut = symlinked.length > limit;
      const known = new Set(candidates.map(c => c.id));
      const lowerTerm = term.toLocaleLowerCase('en-US');
      const isNamed = (c: Named) =>
        c.name.toLocaleLowerCase('en-US') === lowerTerm;
      // Either list's names typed whole first, as each list has them; the
      // name past the cap of either sorts past the first `limit`.
      candidates = [
        ...candidates,
        ...symlinked.filter(c => !known.has(c.id)),
      ].sort((a, b) => Number(isNamed(b)) - Number(isNamed(a)));
    }
    const namesLeftOut = symlinksLeftOut || candidates.length > limit;
    candidates = candidates.slice(0, limit);
    const outputsIn = new Set(options.outputsIn);
    const context = {
      jobEdges: new Map<number, JobEdges>(),
      window: this.readWindow(),
    };
    const lowerTerm = term.toLocaleLowerCase('en-US');
    const exact = candidates.filter(
      c => c.name.toLocaleLowerCase('en-US') === lowerTerm,
    );
    const partial = candidates.filter(c => !exact.includes(c));
    const leading: Array<Named & { id: number; writes: PortWrite[] }> = [];
    let cut = false;
    // Names past the cap come after the last name looked at, in its list:
    // read, had its list come short of the limit; passed over, else.
    const last = partial.length > 0 ? partial : exact;
    let namesCut = false;
    // Those named `term` first, each with what it feeds if it writes no port.
    for (const nodes of [exact, partial]) {
      if (leading.length >= options.limit) break;
      const found = await this.leadingOf(type, nodes, outputsIn, context, {
        limit: options.limit - leading.length,
        part: Math.max(options.limit, WRITE_SEARCH_PART),
      });
      leading.push(...found.leading);
      cut ||= found.cut;
      if (nodes === last) namesCut = namesLeftOut && found.short;
    }
    return { items: leading, partial: cut || namesCut };
  }

  /**
   * Up to `limit` of `nodes` that lead to a port among `outputsIn`: those
   * whose writers write one, in order, then ports' own tables that no job
   * writes now, then those that feed one, in order. In parts, as a job's
   * writes cost three queries and a walk downstream more: most searches
   * stop at the first, and walk no further. `short` when their writers
   * came short of `limit`: nodes past them would have been read too, and
   * come before the rest; `cut` when a cap left some writers or tables
   * unread.
   */
  private async leadingOf(
    type: 'dataset' | 'job',
    nodes: Array<Named & { id: number }>,
    outputsIn: Set<number>,
    context: { jobEdges: Map<number, JobEdges>; window: ReadWindow },
    { limit, part }: { limit: number; part: number },
  ) {
    const leading: Array<Named & { id: number; writes: PortWrite[] }> = [];
    // After those written: the same table under another id (its files,
    // which a symlink names so) may be, and say by whom.
    const unwritten: typeof leading = [];
    const unled: Array<Named & { id: number; outputs: number[] }> = [];
    let cut = false;
    for (const nodesOfPart of chunks(nodes, part)) {
      if (leading.length >= limit) break;
      const withWrites = await this.writesOf(
        type,
        nodesOfPart,
        outputsIn,
        context,
      );
      cut ||= withWrites.cut;
      for (const { outputs, ...node } of withWrites.nodes) {
        if (node.writes.some(write => write.job)) leading.push(node);
        else if (node.writes.length > 0) unwritten.push(node);
        else unled.push({ ...node, outputs });
      }
    }
    const short = leading.length < limit;
    leading.push(...unwritten);
    for (const unledOfPart of chunks(unled, part)) {
      if (leading.length >= limit) break;
      const fed = await this.feedsOf(
        unledOfPart.map(node => node.outputs),
        outputsIn,
        context,
      );
      cut ||= fed.cut;
      unledOfPart.forEach(({ outputs, ...node }, i) => {
        const feeds = fed.feeds[i];
        if (feeds.length > 0) leading.push({ ...node, writes: feeds });
      });
    }
    return { leading: leading.slice(0, limit), short, cut };
  }

  /**
   * What the writers of each of `nodes` write among `outputsIn`; `cut` when
   * a cap on a DAG's tasks left some unread.
   */
  private async writesOf(
    type: 'dataset' | 'job',
    nodes: Array<Named & { id: number }>,
    outputsIn: Set<number>,
    {
      jobEdges,
      window,
    }: { jobEdges: Map<number, JobEdges>; window: ReadWindow },
  ) {
    const ids = nodes.map(node => node.id);
    const { families: writers, cut } =
      type === 'dataset'
        ? { families: await this.writersOf(ids), cut: false }
        : await this.selfAndChildJobs(ids);
    const jobs = [...new Set([...writers.values()].flat())];
    await this.loadJobEdges(jobs, jobEdges, { window });
    const names = await this.names(jobs.map(job => keyOf('job', job)));
    // A port's own table is that port, whoever else its writers write for,
    // and whether or not a job writes it now.
    const ownPortWrites = (datasetId: number, current: number[]): PortWrite[] =>
      current.length === 0
        ? [{ datasetId }]
        : current.map(job => ({
            job: names.get(keyOf('job', job))!,
            datasetId,
          }));
    const ports = (job: number, direction: Direction): PortWrite[] =>
      [...jobEdges.get(job)![direction]!]
        .filter(datasetId => outputsIn.has(datasetId))
        .map(datasetId => ({
          job: names.get(keyOf('job', job))!,
          datasetId,
          ...(direction === 'in' ? { reads: true as const } : {}),
        }));
    const withWrites = nodes.map(node => {
      const current = (writers.get(node.id) ?? []).filter(
        job => type === 'job' || jobEdges.get(job)!.out!.has(node.id),
      );
      // A job writing nothing (a quality check, an export) is about the
      // ports it reads: on-call types the check that failed.
      const writesNothing =
        type === 'job' &&
        current.every(job => jobEdges.get(job)!.out!.size === 0);
      return {
        id: node.id,
        namespace: node.namespace,
        name: node.name,
        writes:
          type === 'dataset' && outputsIn.has(node.id)
            ? ownPortWrites(node.id, current)
            : current.flatMap(job => ports(job, writesNothing ? 'in' : 'out')),
        /** What a walk downstream starts from, should it write no port. */
        outputs:
          type === 'dataset'
            ? [node.id]
            : [
                ...new Set(
                  current.flatMap(job => [...jobEdges.get(job)!.out!]),
                ),
              ],
      };
    });
    return { nodes: withWrites, cut };
  }

  /**
   * For each list of starting datasets, the ports among `outputsIn` they
   * feed: written by a job reading one of them, or by one reading what such
   * a job writes, up to MAX_FEED_HOPS jobs downstream. A path ends at the
   * first job writing a port (what lies past it, its other tables too, is
   * that product's, and its blast radius). Current edges only, as
   * searchWrites reads; all lists in one walk, a query or two per hop, in id
   * order, so that where MAX_FEED_READS cuts it is the same every time;
   * `cut` when it did.
   */
  private async feedsOf(
    starts: number[][],
    outputsIn: Set<number>,
    {
      jobEdges,
      window,
    }: { jobEdges: Map<number, JobEdges>; window: ReadWindow },
  ): Promise<{ feeds: PortWrite[][]; cut: boolean }> {
    const found = starts.map(() => new Map<string, [number, number]>());
    // The starting lists reaching each dataset, ever and in the frontier.
    const visited = new Map<number, Set<number>>();
    let reads = 0;
    let cut = false;
    const reach = (
      into: Map<number, Set<number>>,
      id: number,
      from: number,
    ) => {
      if (visited.get(id)?.has(from)) return;
      if (reads >= MAX_FEED_READS) {
        cut = true;
        return;
      }
      reads++;
      for (const lists of [visited, into]) {
        lists.set(id, (lists.get(id) ?? new Set<number>()).add(from));
      }
    };
    let frontier = new Map<number, Set<number>>();
    starts.forEach((datasets, i) =>
      datasets.forEach(d => reach(frontier, d, i)),
    );
    for (let hop = 0; hop < MAX_FEED_HOPS && frontier.size > 0; hop++) {
      // What the last hop's jobs write is not read: reaching it cuts nothing.
      const last = hop === MAX_FEED_HOPS - 1;
      const datasets = [...frontier.keys()].sort((a, b) => a - b);
      const pairs = await this.neighbours('in', datasets, undefined, {
        of: datasets,
        into: jobEdges,
        edges: { window },
      });
      pairs.sort(([d1, j1], [d2, j2]) => d1 - d2 || j1 - j2);
      const next = new Map<number, Set<number>>();
      for (const [dataset, job] of pairs) {
        // Read now, not only once.
        if (!jobEdges.get(job)?.in?.has(dataset)) continue;
        const written = [...jobEdges.get(job)!.out!].sort((a, b) => a - b);
        const ports = written.filter(id => outputsIn.has(id));
        for (const from of frontier.get(dataset)!) {
          for (const port of ports) {
            found[from].set(`${job}:${port}`, [job, port]);
          }
          if (ports.length === 0 && !last) {
            written.forEach(id => reach(next, id, from));
          }
        }
      }
      frontier = next;
    }
    const jobs = found.flatMap(writes => [...writes.values()].map(([j]) => j));
    const names = await this.names(jobs.map(job => keyOf('job', job)));
    const feeds: PortWrite[][] = found.map(writes =>
      [...writes.values()].map(([job, datasetId]) => ({
        job: names.get(keyOf('job', job))!,
        datasetId,
        upstream: true,
      })),
    );
    return { feeds, cut };
  }

  /** The window of `edges: 'current'`, by this clock. */
  private readWindow(): ReadWindow {
    return readWindowOf(
      this.options.readWindowDays ?? DEFAULT_READ_WINDOW_DAYS,
      Date.now(),
    );
  }

  /** The jobs writing each dataset, by dataset id. */
  private async writersOf(datasetIds: number[]) {
    const rows: Array<{ dataset_id: number; job_id: number }> = await this.db(
      'lineage_io',
    )
      .where('direction', 'out')
      .where(idsIn(isPostgres(this.db), 'dataset_id', datasetIds))
      .select('dataset_id', 'job_id');
    return groupBy(
      rows,
      row => row.dataset_id,
      row => row.job_id,
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
    const { families } = await this.selfAndChildJobs(
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
   * Each job with its child jobs (see childJobsOf). A child that reads and
   * writes nothing brings its own children, MAX_CHILD_LEVELS deep: an
   * Airflow task running a Spark application names no dataset, the
   * application's SQL jobs do. Those that name the job as their root come
   * at once, however deep; a child whose own children do is not read
   * through. By job id. With `asOf`, of runs started by
   * then; `cut` when some such children were left unread (see
   * MAX_BARE_CHILDREN and MAX_BARE_CHILDREN_READ).
   */
  private async selfAndChildJobs(
    jobIds: number[],
    asOf?: number,
    bareChildren = { ofEach: MAX_BARE_CHILDREN, ofAll: MAX_BARE_CHILDREN_READ },
  ): Promise<{ families: Map<number, number[]>; cut: boolean }> {
    const families = new Map(jobIds.map(id => [id, new Set([id])]));
    // Of each job, those of its family whose children this level reads.
    let parentsOf = new Map(jobIds.map(id => [id, [id]]));
    let cut = false;
    for (let level = 1; ; level++) {
      const { children, rootedParents } = await this.childJobsOf(
        [...new Set([...parentsOf.values()].flat())],
        asOf,
      );
      const newOf = new Map<number, number[]>();
      // Of each job, those whose own children are among its children.
      const coveredOf = new Map<number, Set<number>>();
      for (const [jobId, parents] of parentsOf) {
        const family = families.get(jobId)!;
        const found = parents.flatMap(parent => children.get(parent)!);
        coveredOf.set(
          jobId,
          new Set(parents.flatMap(parent => rootedParents.get(parent)!)),
        );
        newOf.set(
          jobId,
          found.filter(child => !family.has(child)),
        );
        found.forEach(child => family.add(child));
      }
      if (level === MAX_CHILD_LEVELS) break;
      const allNew = [...new Set([...newOf.values()].flat())];
      const named = await this.jobsNamingDatasets(allNew, asOf);
      const withChildren = await this.jobsWithChildRuns(
        allNew.filter(child => !named.has(child)),
        asOf,
      );
      // Of those whose children are among their job's, any that also have
      // children under no root or another (a dbt job beside a Spark app that
      // names the DAG): read through all the same.
      const outsideRoot = await this.jobsWithChildRuns(
        [...new Set([...coveredOf.values()].flatMap(set => [...set]))].filter(
          child => withChildren.has(child),
        ),
        asOf,
        { outsideRoot: true },
      );
      parentsOf = new Map();
      // Each child read once, however many families it is in.
      const read = new Set<number>();
      for (const [jobId, found] of newOf) {
        // Each is read with its runs' children: past the first few by id,
        // not read through. So many of each job's, not of all of them (a
        // search reads many jobs at once), within MAX_BARE_CHILDREN_READ
        // of all of them, in the order of `jobIds`.
        const bare = [...new Set(found)]
          .filter(
            child =>
              withChildren.has(child) &&
              (!coveredOf.get(jobId)!.has(child) || outsideRoot.has(child)),
          )
          .sort((a, b) => a - b);
        const taken: number[] = [];
        for (const child of bare.slice(0, bareChildren.ofEach)) {
          if (!read.has(child) && read.size >= bareChildren.ofAll) continue;
          read.add(child);
          taken.push(child);
        }
        cut ||= taken.length < bare.length;
        if (taken.length) parentsOf.set(jobId, taken);
      }
      if (parentsOf.size === 0) break;
    }
    return {
      families: new Map(
        [...families].map(([jobId, family]) => [jobId, [...family]]),
      ),
      cut,
    };
  }

  /**
   * Each job's child jobs: those of the child runs of its latest runs, those
   * of the latest runs naming it as their parent job (a DAG that sends no
   * event of its own) with the other child runs of their parent runs, and
   * those of the latest runs naming it as their root job. With, by job, the
   * parent jobs those rooted runs name: whose children are among them. By
   * job id; with `asOf`, of runs started by then. All jobs in four queries
   * (per part, see readInParts), not four each.
   */
  private async childJobsOf(
    jobIds: number[],
    asOf?: number,
  ): Promise<{
    children: Map<number, number[]>;
    rootedParents: Map<number, number[]>;
  }> {
    const postgres = isPostgres(this.db);
    const startedBy = (query: Knex.QueryBuilder, table: string) =>
      asOf === undefined
        ? query
        : query.where(`${table}.first_event_time`, '<=', asOf);
    // The job `j`'s latest runs by `column`, read in their index's order,
    // not sorted: for each job, an index's few rows.
    const latest = (column: string, select: string, limit = MAX_PARENT_RUNS) =>
      startedBy(
        this.db('lineage_runs as r').whereRaw('?? = ??', [
          `r.${column}`,
          'j.id',
        ]),
        'r',
      )
        .orderBy('r.first_event_time', 'desc')
        .limit(limit)
        .select(`r.${select}`);
    // Each job with the jobs of the runs whose `column` is one of its
    // `runs`. On Postgres those are an array, which an index scan takes as
    // its keys for each job: an `in` naming the job would be tested on
    // every run. SQLite reads an `in` so.
    const jobsOfRuns =
      (column: string, runs: Knex.QueryBuilder, also: string[] = []) =>
      (part: number[]) =>
        startedBy(
          this.db('lineage_jobs as j')
            .join('lineage_runs as c', join =>
              join.on(
                this.db.raw(postgres ? '?? = any(array?)' : '?? in ?', [
                  `c.${column}`,
                  runs,
                ]),
              ),
            )
            .where(idsIn(postgres, 'j.id', part)),
          'c',
        ).distinct('j.id as parent_id', 'c.job_id', ...also);
    // Apart, not or-ed: Postgres reads an index for one `in` only.
    const found = await Promise.all(
      [
        jobsOfRuns('parent_run_id', latest('job_id', 'run_id')),
        jobsOfRuns('run_id', latest('parent_job_id', 'run_id')),
        jobsOfRuns('parent_run_id', latest('parent_job_id', 'parent_run_id')),
        jobsOfRuns('run_id', latest('root_job_id', 'run_id', MAX_ROOTED_RUNS), [
          'c.parent_job_id',
        ]),
      ].map(read => this.readInParts(jobIds, read)),
    );
    const jobs = new Map(jobIds.map(id => [id, new Set<number>()]));
    const rootedParents = new Map(jobIds.map(id => [id, new Set<number>()]));
    for (const row of found.flat()) {
      const [parent, child] = [toNumber(row.parent_id), toNumber(row.job_id)];
      if (child !== parent) jobs.get(parent)!.add(child);
    }
    for (const row of found[3]) {
      if (row.parent_job_id !== null) {
        rootedParents
          .get(toNumber(row.parent_id))!
          .add(toNumber(row.parent_job_id));
      }
    }
    const lists = (sets: Map<number, Set<number>>) =>
      new Map([...sets].map(([id, set]) => [id, [...set]]));
    return { children: lists(jobs), rootedParents: lists(rootedParents) };
  }

  /**
   * Of `jobIds`, those that have child jobs as selfAndChildJobs finds them:
   * a child run of one of their latest runs, or a latest run naming them as
   * its parent job; with `asOf`, of runs started by then. A DAG's sensors,
   * which name nothing, have none. Each job's look is bounded, as there: a
   * sensor may have run every minute for a year.
   */
  private async jobsWithChildRuns(
    jobIds: number[],
    asOf?: number,
    /**
     * Only child runs not under the root of the run they are children of,
     * and runs naming the job as their parent job under no root.
     */
    { outsideRoot = false } = {},
  ): Promise<Set<number>> {
    const startedBy = (query: Knex.QueryBuilder, table: string) =>
      asOf === undefined
        ? query
        : query.where(`${table}.first_event_time`, '<=', asOf);
    // One statement per part: for each job, an index's few rows.
    const rows = await this.readInParts(jobIds, part => {
      const latestRuns = startedBy(
        this.db('lineage_runs as r').whereRaw('?? = ??', ['r.job_id', 'j.id']),
        'r',
      )
        .orderBy('r.first_event_time', 'desc')
        .limit(MAX_PARENT_RUNS)
        .select('r.run_id');
      const childRun = startedBy(
        outsideRoot
          ? this.db('lineage_runs as p')
              .join('lineage_runs as c', 'c.parent_run_id', 'p.run_id')
              .whereIn('p.run_id', latestRuns)
              .where(outside =>
                outside
                  .whereNull('c.root_job_id')
                  .orWhereNull('p.root_job_id')
                  .orWhereRaw('?? <> ??', ['c.root_job_id', 'p.root_job_id']),
              )
          : this.db('lineage_runs as c').whereIn('c.parent_run_id', latestRuns),
        'c',
      ).select(this.db.raw('1'));
      const namingRun = startedBy(
        this.db('lineage_runs as n')
          .whereRaw('?? = ??', ['n.parent_job_id', 'j.id'])
          .modify(query => {
            if (outsideRoot) query.whereNull('n.root_job_id');
          }),
        'n',
      ).select(this.db.raw('1'));
      return this.db('lineage_jobs as j')
        .where(idsIn(isPostgres(this.db), 'j.id', part))
        .where(probe => probe.whereExists(childRun).orWhereExists(namingRun))
        .select('j.id as job_id');
    });
    return new Set(rows.map(row => toNumber(row.job_id)));
  }

  /** Of `jobIds`, those that read or write a dataset (by `asOf`, if given). */
  private async jobsNamingDatasets(
    jobIds: number[],
    asOf?: number,
  ): Promise<Set<number>> {
    const rows = await this.readInParts(jobIds, part => {
      const query = this.db('lineage_io')
        .where(idsIn(isPostgres(this.db), 'job_id', part))
        .distinct('job_id');
      return asOf === undefined ? query : query.where('first_seen', '<=', asOf);
    });
    return new Set(rows.map(row => toNumber(row.job_id)));
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

  /**
   * Events of a time window by their `eventTime`, oldest first, a page at a
   * time, as stored (their JSON text): at most `limit` of them and about
   * `maxEventPageBytes` in all, so that a page of a thousand events of
   * megabytes each is not held in memory whole; one at least, however
   * large. One received after its page was read, stamped earlier, is found
   * by reading the window again, not in a later page.
   */
  async events(options: {
    after?: number;
    before?: number;
    cursor?: { time: number; id: number };
    limit: number;
  }): Promise<{ payloads: string[]; next?: { time: number; id: number } }> {
    let cursor = options.cursor;
    for (;;) {
      const page = await this.eventsPage({ ...options, cursor });
      // Retention deleted the whole page between reading its keys and its
      // payloads: an empty page with a next one would end a client's walk
      // early, so the next is read instead, until one holds events or the
      // window has none left.
      if (page.payloads.length > 0 || !page.next) return page;
      cursor = page.next;
    }
  }

  /** One page of `events`, which retention may have emptied. */
  private async eventsPage(options: {
    after?: number;
    before?: number;
    cursor?: { time: number; id: number };
    limit: number;
  }): Promise<{ payloads: string[]; next?: { time: number; id: number } }> {
    let query = this.db('lineage_events')
      .orderBy([
        { column: 'event_time', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(options.limit + 1)
      .select(
        'id',
        'event_time',
        this.db.raw('octet_length(payload) as bytes'),
      );
    if (options.after !== undefined) {
      query = query.where('event_time', '>=', options.after);
    }
    if (options.before !== undefined) {
      query = query.where('event_time', '<', options.before);
    }
    const cursor = options.cursor;
    if (cursor) {
      query = query.where(
        pastKey('>', ['event_time', cursor.time], ['id', cursor.id]),
      );
    }
    const rows = await query;
    const maxBytes =
      this.options.maxEventPageBytes ?? DEFAULT_MAX_EVENT_PAGE_BYTES;
    const page: typeof rows = [];
    let bytes = 0;
    for (const row of rows.slice(0, options.limit)) {
      bytes += toNumber(row.bytes);
      if (page.length > 0 && bytes > maxBytes) break;
      page.push(row);
    }
    // Sized again by their text, as a deflated payload's stored size is
    // less: inflated in order up to the size, and read a part at a time.
    const payloads: string[] = [];
    let kept = 0;
    let textBytes = 0;
    let full = false;
    for (const part of chunks(page, 500)) {
      if (full) break;
      const found = await this.db('lineage_events')
        .whereIn(
          'id',
          part.map(row => row.id),
        )
        .select('id', 'payload');
      const payloadById = new Map<number, EventPayload>(
        found.map(row => [toNumber(row.id), row.payload]),
      );
      for (const row of part) {
        // Retention may have deleted an event since its key was read.
        const stored = payloadById.get(toNumber(row.id));
        if (stored !== undefined) {
          const text = eventPayloadText(stored);
          textBytes += Buffer.byteLength(text);
          full = payloads.length > 0 && textBytes > maxBytes;
          if (full) break;
          payloads.push(text);
        }
        kept++;
      }
    }
    const last = page[kept - 1];
    return {
      payloads,
      next:
        rows.length > kept && last
          ? { time: toNumber(last.event_time), id: toNumber(last.id) }
          : undefined,
    };
  }
}

/** A dataset a search found, by its own name or by a symlink's. */
type NameMatch = Named & {
  id: number;
  symlink_namespace?: string;
  symlink_name?: string;
};

/**
 * How well a dataset's or job's name matches a search term, best first:
 * the name is the term (whatever the case), its last part is (after a `.`
 * or `/`: `public.orders`, `s3://bucket/orders`), the name holds it, or
 * only the namespace does. Of one rank, shorter names first (the table
 * itself before its `_2019_01` copies), then by name and namespace.
 */
function nameRank(term: string) {
  const lowerTerm = term.toLocaleLowerCase('en-US');
  const tier = (name: string) => {
    const lower = name.toLocaleLowerCase('en-US');
    if (lower === lowerTerm) return 0;
    if (lower.endsWith(`.${lowerTerm}`) || lower.endsWith(`/${lowerTerm}`)) {
      return 1;
    }
    return lower.includes(lowerTerm) ? 2 : 3;
  };
  return (a: Named, b: Named) =>
    tier(a.name) - tier(b.name) ||
    // In characters, as SQL's length counts them.
    [...a.name].length - [...b.name].length ||
    compareCodeUnits(a.name, b.name) ||
    compareCodeUnits(a.namespace, b.namespace);
}

/**
 * Datasets found by their own names and by their symlinks', each once by
 * the name it is best found by, as nameRank ranks them, and in that order
 * (then by id), as each list is. Each list holds the first `limit` by that
 * order, so the first `limit` of both are the first of all.
 */
function mergeNameMatches(
  own: NameMatch[],
  symlinked: NameMatch[],
  term: string,
): NameMatch[] {
  const found = (row: NameMatch) =>
    row.symlink_name === undefined
      ? { namespace: row.namespace, name: row.name }
      : { namespace: row.symlink_namespace!, name: row.symlink_name };
  const rank = nameRank(term);
  const compare = (a: NameMatch, b: NameMatch) =>
    rank(found(a), found(b)) || a.id - b.id;
  const best = new Map<number, NameMatch>();
  for (const row of [...own, ...symlinked]) {
    const kept = best.get(row.id);
    if (!kept || compare(row, kept) < 0) best.set(row.id, row);
  }
  return [...best.values()].sort(compare);
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

/** What a job reads and writes, both ways read. */
function datasetsOfJob(edges: JobEdges): number[] {
  return [...edges.in!, ...edges.out!];
}

function keyOf(type: 'dataset' | 'job', id: number): Key {
  return type === 'dataset' ? id : -id;
}

function idOf(key: Key): number {
  return Math.abs(key);
}

function isDataset(key: Key): boolean {
  return key > 0;
}

/**
 * Rows past a page's last row, keyed by a time and an id that orders rows of
 * the same time: `<` for pages newest first, `>` for oldest first.
 */
function pastKey(
  direction: '<' | '>',
  [timeColumn, time]: [string, number],
  [idColumn, id]: [string, number | string],
) {
  // The bound on the time alone lets the database start from the cursor in
  // its (time, id) index; the alternatives alone would read every row
  // before it, making each page slower than the last.
  return (builder: Knex.QueryBuilder) =>
    builder
      .where(timeColumn, `${direction}=`, time)
      .where(past =>
        past
          .where(timeColumn, direction, time)
          .orWhere(sameTime =>
            sameTime.where(timeColumn, time).where(idColumn, direction, id),
          ),
      );
}
