/** A measured SLO, as the lineage backend reports it. */
export type MeasuredStatus = 'met' | 'breached' | 'unknown';

/**
 * What governance reads of the lineage backend's
 * `GET /entities/dataproduct/:namespace/:name/slo`.
 */
export type LineageProductSlo = {
  outputPorts: Array<{
    name: string;
    /** False while no OpenLineage event mentions the port's dataset. */
    observed: boolean;
    freshness?: {
      status: MeasuredStatus;
      maxDelayMs: number;
      ageMs?: number;
      /** For a dataset never written successfully, its first failed write. */
      firstFailedWrite?: string;
      attainment?: number;
      /** The window attainment is measured over. */
      windowMs: number;
      objective?: number;
      attainmentStatus: MeasuredStatus;
    };
    volume?: {
      status: MeasuredStatus;
      latestRowCount?: number;
      averageRowCount?: number;
      ratio?: number;
      band: { minRatio: number; maxRatio: number };
    };
    schema?: {
      status: MeasuredStatus;
      missingColumns: string[];
      typeChanges: Array<{
        column: string;
        contract: string;
        observed: string;
      }>;
    };
    /**
     * The rules of `spec.slos.quality` and of the port's contract against the
     * latest quality metrics, and the failed assertions reported: breached
     * when a rule or an assertion fails, met only when every rule was measured.
     */
    quality?: {
      status: MeasuredStatus;
      rules: Array<{
        /** The table's, for `rowCount`. */
        column: string;
        metric:
          | 'nullRate'
          | 'duplicateRate'
          | 'nullCount'
          | 'duplicateCount'
          | 'rowCount';
        max?: number;
        min?: number;
        /** The bound itself breaches. */
        maxExclusive?: boolean;
        minExclusive?: boolean;
        /** Declared in the port's contract, not in `spec.slos.quality`. */
        source?: 'contract';
        /** Absent while not measured. */
        value?: number;
        status: MeasuredStatus;
      }>;
      /** Failed assertions of severity other than `warn`, as reported. */
      failedAssertions: Array<{
        assertion: string;
        column?: string;
        /** The test's own name (dbt's `not_null_orders_id`). */
        name?: string;
        expected?: string | number;
        actual?: string | number;
      }>;
      /** When metrics or assertions came that judge nothing, being older than the window. */
      staleReportedAt?: string;
    };
  }>;
};

/** One product's entry in `drift` of the lineage backend's `GET /products/graph`. */
export type LineageProductDrift = {
  product: string;
  /** Whether a write of the product's output ports was seen: if not, what it reads is not known. */
  observed: boolean;
  undeclaredInputs: Array<{
    product?: string;
    dataset: { namespace: string; name: string };
  }>;
};
