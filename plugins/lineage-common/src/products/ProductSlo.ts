type Dataset = { namespace: string; name: string };

/** How an SLO stands: met, breached, or unknown for want of events. */
export type SloStatus = 'met' | 'breached' | 'unknown';

/**
 * A drop of the port's dataset (a `lifecycleStateChange` facet saying
 * `DROP`, of a completed run's output or a dataset event) later than its
 * last successful write: the port holds no data. `job` and `runId` are
 * the dropping run's, absent for a dataset event. A completed run's
 * `RENAME` of an output whose `previousIdentifier` is the port's dataset
 * is a drop of it too, naming the dataset its data is under now as
 * `renamedTo`.
 */
export type PortDrop = {
  at: string;
  job?: Dataset;
  runId?: string;
  renamedTo?: Dataset;
};

export type FreshnessMeasure = {
  status: SloStatus;
  maxDelayMs: number;
  lastSuccessfulWrite?: string;
  ageMs?: number;
  /**
   * For a dataset no run has written successfully, when the first run
   * that failed to write it came: late once `maxDelayMs` has passed since.
   */
  firstFailedWrite?: string;
  /** When set, breached: the data was dropped after its last write. */
  dropped?: PortDrop;
  /** Share of the window during which the data was fresh, 0..1. */
  attainment?: number;
  /** The window attainment is measured over. */
  windowMs: number;
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
  /**
   * When the latest write in the window reported no row count, so that
   * nothing is judged (status unknown, no `latestRowCount`): when it ended,
   * and the rows of the latest write before it that reported a count.
   */
  uncountedWrite?: { endedAt: string; rowCountBefore?: number };
  /**
   * When set, breached: the data was dropped after its last write, so
   * there are no rows to judge (as if the table were empty, which a
   * truncate without a load is: a write of 0 rows).
   */
  dropped?: PortDrop;
  /**
   * True when, in the window, only a stream wrote the port: its runs never
   * complete, and the row counts it reports while running count what the
   * run has written so far, not a load, so nothing is judged (unknown).
   */
  streamed?: boolean;
};

export type SchemaDriftMeasure = {
  status: SloStatus;
  missingColumns: string[];
  typeChanges: Array<{ column: string; contract: string; observed: string }>;
  extraColumns: string[];
};

/**
 * A rule of the product's `slos.quality`, or of its port's contract (ODCS
 * `nullValues`, `duplicateValues` and `rowCount`, in rows or percent).
 */
export type QualityRuleSpec = {
  /** The table's for `rowCount` from a contract. */
  column: string;
  metric:
    | 'nullRate'
    | 'duplicateRate'
    | 'nullCount'
    | 'duplicateCount'
    | 'rowCount';
  max?: number;
  min?: number;
  /** The bound itself breaches (ODCS `mustBeLessThan`, `mustBeGreaterThan`). */
  maxExclusive?: boolean;
  minExclusive?: boolean;
  /** Where the rule is declared, when in the port's contract. */
  source?: 'contract';
};

/**
 * An assertion of a `dataQualityAssertions` report that did not succeed,
 * as its producer reported it (text cut to a bounded length).
 */
export type FailedAssertion = {
  assertion: string;
  column?: string;
  /** The test's own name (dbt's `not_null_orders_id`), when given. */
  name?: string;
  /** As configured: `error` or `warn`, when given. */
  severity?: string;
  expected?: string | number;
  actual?: string | number;
};

export type QualityMeasure = {
  status: SloStatus;
  measuredAt?: string;
  rules: Array<QualityRuleSpec & { value?: number; status: SloStatus }>;
  /** Those that breach: all but `warnedAssertions`. */
  failedAssertions: FailedAssertion[];
  /**
   * Failed assertions of severity `warn` (as dbt runs a test configured to
   * warn): shown, but breaching nothing. Absent when there are none.
   */
  warnedAssertions?: FailedAssertion[];
  /**
   * When the metrics or assertions came that judge nothing, being older
   * than the SLO window (or the freshness delay, if longer).
   */
  staleReportedAt?: string;
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
