import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  Dataset,
  DatasetDetails,
  DatasetOwner,
  LineageGraph,
  MarquezLineageGraph,
  PortWrites,
  ProductGraph,
  ProductImpact,
  ProductLineage,
  ProductSlo,
  Run,
} from './types';

export type GraphQuery = {
  upstreamDepth: number;
  downstreamDepth: number;
  maxNodes: number;
  /** `current` leaves out edges their jobs were not seen on lately; `all` (the default) keeps every edge ever seen. */
  edges?: 'current' | 'all';
};

/** Meshwork's lineage backend, as the frontend uses it. */
export interface LineageApi {
  /** Datasets and jobs around a `dataset:` or `job:` node id. */
  graph(nodeId: string, query: GraphQuery): Promise<LineageGraph>;
  /** Product-to-product lineage of the whole mesh, with each product's drift. */
  productGraph(): Promise<ProductGraph>;
  productLineage(entityRef: string): Promise<ProductLineage>;
  slo(entityRef: string): Promise<ProductSlo>;
  impact(entityRef: string, port?: string): Promise<ProductImpact>;
  /** Each port's newest `limit` successful writes. */
  writes(entityRef: string, limit: number): Promise<PortWrites>;
  /**
   * The products whose output ports these datasets are, one item per
   * dataset and port (two products may declare one); others are left out.
   */
  datasetOwners(datasets: Dataset[]): Promise<DatasetOwner[]>;
  /**
   * A job's latest runs; with `children`, those of its child jobs (a DAG's
   * tasks), each naming its `childJob`.
   */
  runs(
    jobNodeId: string,
    limit: number,
    options?: { children?: boolean },
  ): Promise<Run[]>;
  dataset(nodeId: string): Promise<DatasetDetails>;
  /** Upstream and downstream column lineage of a `datasetField:` node id. */
  columnLineage(fieldNodeId: string): Promise<MarquezLineageGraph>;
  search(q: string, type: 'dataset' | 'job'): Promise<SearchResult[]>;
  /**
   * A dataset's or job's type, as Marquez's lineage read gives it: a job's
   * `BATCH`, `STREAM` (OpenLineage's `STREAMING`) or `SERVICE`, a dataset's
   * `DB_TABLE` or `STREAM`; undefined if the answer gives none.
   */
  nodeType(nodeId: string): Promise<string | undefined>;
}

/**
 * A dataset or job a search found; a dataset found by a name its `symlinks`
 * facet gives it (the Hive table of files Spark reports by path) says so.
 */
export type SearchResult = {
  id: string;
  namespace: string;
  name: string;
  symlink?: { namespace: string; name: string };
};

export const lineageApiRef = createApiRef<LineageApi>({
  id: 'plugin.lineage.api',
});
