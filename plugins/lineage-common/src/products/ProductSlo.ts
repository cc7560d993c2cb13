type Dataset = { namespace: string; name: string };

/** How an SLO stands: met, breached, or unknown for want of events. */
export type SloStatus = 'met' | 'breached' | 'unknown';

export type FreshnessMeasure = {
  status: SloStatus;
  maxDelayMs: number;
  lastSuccessfulWrite?: string;
  ageMs?: number;
  /** Share of the window during which the data was fresh, 0..1. */
  attainment?: number;
  objective?: number;
  attainmentStatus: SloStatus;
};

export type VolumeMeasure = {
  status: SloStatus;
  latestRowCount?: number;
  averageRowCount?: number;
  ratio?: number;
  band: { minRatio: number; maxRatio: number };
  samples: number;
};

export type SchemaDriftMeasure = {
  status: SloStatus;
  missingColumns: string[];
  typeChanges: Array<{ column: string; contract: string; observed: string }>;
  extraColumns: string[];
};

export type QualityRuleSpec = {
  column: string;
  metric: 'nullRate' | 'duplicateRate' | 'rowCount';
  max?: number;
  min?: number;
};

export type QualityMeasure = {
  status: SloStatus;
  measuredAt?: string;
  rules: Array<QualityRuleSpec & { value?: number; status: SloStatus }>;
  failedAssertions: Array<{ assertion: string; column?: string }>;
};

/** One output port's measured SLOs. */
export type PortSlo = {
  name: string;
  dataset: Dataset;
  /** False while no OpenLineage event mentions the port's dataset. */
  observed: boolean;
  message?: string;
  freshness?: FreshnessMeasure;
  volume?: VolumeMeasure;
  schema?: SchemaDriftMeasure;
  quality?: QualityMeasure;
};

/** `GET /entities/:kind/:namespace/:name/slo`: a product's measured SLOs. */
export type ProductSlo = {
  entityRef: string;
  measuredAt: string;
  windowMs: number;
  outputPorts: PortSlo[];
};
