import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  DatasetName,
  DatasetType,
  JobType,
} from '@meshwork/plugin-lineage-common';
import type {
  Dataset,
  DatasetDetails,
  DatasetOwner,
  DeclaredJobProduct,
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
   * The products naming these `job:` node ids in their
   * `meshwork.dev/openlineage-jobs` annotation, one item per job and
   * product; others are left out.
   */
  declaredJobProducts(jobIds: string[]): Promise<DeclaredJobProduct[]>;
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
}

/**
 * A dataset or job a search found, with its type as the graph gives it; a
 * dataset found by a name its `symlinks` facet gives it (the Hive table of
 * files Spark reports by path) says so. A dataset one table with others
 * through `symlinks` facets names them as `/datasets` does: the table's
 * `primary`, when another, and its other names.
 */
export type SearchResult = {
  id: string;
  namespace: string;
  name: string;
  marquezType?: JobType | DatasetType;
  symlink?: { namespace: string; name: string };
  primary?: DatasetName;
  alsoKnownAs?: DatasetName[];
};

export const lineageApiRef = createApiRef<LineageApi>({
  id: 'plugin.lineage.api',
});
