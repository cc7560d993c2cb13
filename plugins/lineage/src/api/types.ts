import type {
  ImpactedProduct,
  LineageGraph,
  MarquezLineageGraph,
  ProductImpact,
} from '@meshwork/plugin-lineage-common';

export type {
  ImpactedProduct,
  LineageGraph,
  MarquezLineageGraph,
  ProductImpact,
};

export type Dataset = { namespace: string; name: string };

export type SloStatus = 'met' | 'breached' | 'unknown';

/** One output port's measured SLOs, as `/entities/…/slo` answers. */
export type PortSlo = {
  name: string;
  dataset: Dataset;
  observed: boolean;
  message?: string;
  freshness?: {
    status: SloStatus;
    maxDelayMs: number;
    lastSuccessfulWrite?: string;
    ageMs?: number;
    attainment?: number;
    objective?: number;
    attainmentStatus: SloStatus;
  };
  volume?: {
    status: SloStatus;
    latestRowCount?: number;
    averageRowCount?: number;
    ratio?: number;
    band: { minRatio: number; maxRatio: number };
    samples: number;
  };
  schema?: {
    status: SloStatus;
    missingColumns: string[];
    typeChanges: Array<{ column: string; contract: string; observed: string }>;
    extraColumns: string[];
  };
  quality?: {
    status: SloStatus;
    measuredAt?: string;
    rules: Array<{
      column: string;
      metric: string;
      max?: number;
      min?: number;
      value?: number;
      status: SloStatus;
    }>;
    failedAssertions: Array<{ assertion: string; column?: string }>;
  };
};

export type ProductSlo = {
  entityRef: string;
  measuredAt: string;
  windowMs: number;
  outputPorts: PortSlo[];
};

export type ProductEdge = {
  source: string;
  target: string;
  datasets: Dataset[];
  observed: boolean;
  declared: boolean;
};

export type ProductDrift = {
  product: string;
  undeclaredInputs: Array<{ product?: string; dataset: Dataset }>;
  unseenInputs: Array<{ port: string; from?: string; dataset?: Dataset }>;
};

export type ProductGraph = { edges: ProductEdge[]; drift: ProductDrift[] };

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

export type PortWrites = {
  entityRef: string;
  outputPorts: Array<{
    name: string;
    dataset: Dataset;
    writes: Array<{ endedAt: string; rowCount?: number }>;
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
};

export type DatasetDetails = {
  id: string;
  namespace: string;
  name: string;
  facets: Record<string, any>;
  updatedAt: string;
  schemaVersions: Array<{
    fields: Array<{ name: string; type?: string }>;
    firstSeen: string;
    lastSeen: string;
  }>;
};
