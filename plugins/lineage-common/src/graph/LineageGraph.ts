/** A dataset or job in a lineage graph; `id` is its node id. */
export type LineageNode = {
  id: string;
  type: 'dataset' | 'job';
  namespace: string;
  name: string;
  /** Hops from the node the query started at. */
  depth: number;
  /**
   * Jobs only: the node id (`job:<namespace>:<name>`) of the parent job of
   * the job's most recent run that names a parent run (OpenLineage's
   * `parent` run facet), e.g. the Airflow DAG of a task.
   */
  parent?: string;
  /**
   * Datasets only, and only on a node that stands for several datasets
   * joined as one table through `symlinks` facets (Spark's files and the
   * Hive or Glue table names they are read by): the other datasets' names,
   * each by its node id.
   */
  alsoKnownAs?: DatasetName[];
  /**
   * Its type, as Marquez's lineage read gives it (`data.type`): a job's
   * (see JobType) or a dataset's (see DatasetType).
   */
  marquezType?: JobType | DatasetType;
};

/**
 * A job's type as Marquez gives it: `STREAM` (OpenLineage's `STREAMING`)
 * or `SERVICE` by its `jobType` facet's `processingType`, else `BATCH`.
 */
export type JobType = 'BATCH' | 'STREAM' | 'SERVICE';

/**
 * A dataset's type as Marquez gives it: `STREAM` by its `datasetType`
 * facet or a message broker's namespace (`kafka://`, say), else `DB_TABLE`.
 */
export type DatasetType = 'DB_TABLE' | 'STREAM';

/** A dataset's name, with its node id (`dataset:<namespace>:<name>`). */
export type DatasetName = { id: string; namespace: string; name: string };

/** Data flows from `source` to `target`: dataset → job reads, job → dataset writes. */
export type LineageEdge = { source: string; target: string };

/** Meshwork's graph answer. `truncated` when the node cap cut it short. */
export type LineageGraph = {
  root: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  truncated: boolean;
};

/**
 * One node of Marquez's `GET /api/v1/lineage` answer, where an edge goes
 * from upstream to downstream, or of its `GET /api/v1/column-lineage`
 * answer, where each edge starts at the node that lists it: an in-edge ends
 * at the field read, an out-edge at the field written.
 */
export type MarquezLineageNode = {
  id: string;
  type: 'DATASET' | 'JOB' | 'DATASET_FIELD';
  data: Record<string, unknown>;
  inEdges: Array<{ origin: string; destination: string }>;
  outEdges: Array<{ origin: string; destination: string }>;
};

/**
 * Marquez's lineage and column-lineage answer, plus `truncated` (which
 * Marquez clients ignore): whether the node cap cut it short.
 */
export type MarquezLineageGraph = {
  graph: MarquezLineageNode[];
  truncated: boolean;
};
