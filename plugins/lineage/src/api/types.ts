import type {
  DatasetName,
  ImpactedProduct,
  LineageGraph,
  MarquezLineageGraph,
  PortSlo,
  ProductDrift,
  ProductEdge,
  ProductGraph,
  ProductImpact,
  ProductSlo,
  SloStatus,
} from '@meshwork/plugin-lineage-common';

export type {
  ImpactedProduct,
  LineageGraph,
  MarquezLineageGraph,
  PortSlo,
  ProductDrift,
  ProductEdge,
  ProductGraph,
  ProductImpact,
  ProductSlo,
  SloStatus,
};

export type Dataset = { namespace: string; name: string };

export type ProductLineage = {
  product: string;
  upstream: ProductEdge[];
  downstream: ProductEdge[];
  drift: ProductDrift;
};

export type DatasetOwner = Dataset & {
  port: string;
  product: { entityRef: string; title: string; owner: string; tier?: number };
};

/** A job a product names in its `meshwork.dev/openlineage-jobs` annotation. */
export type DeclaredJobProduct = {
  /** The job's `job:` node id. */
  job: string;
  product: { entityRef: string; title: string };
};

export type PortWrites = {
  entityRef: string;
  outputPorts: Array<{
    name: string;
    dataset: Dataset;
    /** `endedAt` is no later than the write was received. */
    writes: Array<{ runId: string; endedAt: string; rowCount?: number }>;
  }>;
};

export type Run = {
  runId: string;
  state: string;
  startedAt?: string;
  endedAt?: string;
  firstEventAt: string;
  errorMessage?: string;
  parentRunId?: string;
  facets: Record<string, unknown>;
  /** Runs of child jobs only: the child job they are runs of. */
  childJob?: { id: string; namespace: string; name: string };
};

export type DatasetDetails = {
  id: string;
  namespace: string;
  name: string;
  facets: Record<string, any>;
  /** When lineage last said anything of it, a reader's facets too. */
  updatedAt: string;
  /** The newest completed run writing it, or null when none has. */
  lastWrite: { runId: string; endedAt: string } | null;
  /**
   * Set when its latest write dropped it, as Marquez's `lastLifecycleState`
   * says (a later write undoes it): when, and by which job and run; none
   * for a dataset event, nor a time if another change emptied it since.
   */
  dropped?: {
    at?: string;
    job?: { namespace: string; name: string };
    runId?: string;
  };
  /** Columns the schema or column lineage names, sorted. */
  columns: string[];
  schemaVersions: Array<{
    fields: Array<{ name: string; type?: string }>;
    firstSeen: string;
    lastSeen: string;
  }>;
  /** The names its `symlinks` facet gives it (the Hive or Glue table). */
  symlinks: Array<{ namespace: string; name: string; type: string }>;
  /**
   * Asked by a name joined to others as one table through `symlinks`
   * facets, other than the table's primary: the primary (the files Spark
   * writes), whose data (facets, schema, columns, last write) this is.
   */
  primary?: DatasetName;
  /** The other datasets joined with it as one table, if any. */
  alsoKnownAs?: DatasetName[];
};
