import type {
  PortDrop,
  QualityMeasure,
  VolumeMeasure,
} from '@meshwork/plugin-lineage-common';

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
      /**
       * When the port's dataset was last written successfully, ISO 8601.
       * Its age is not read: a message saying it would be stale the minute
       * after it was stored.
       */
      lastSuccessfulWrite?: string;
      /** For a dataset never written successfully, its first failed write. */
      firstFailedWrite?: string;
      /** When a drop since the last successful write left no data. */
      dropped?: PortDrop;
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
      /** When the latest write reported no row count: nothing is judged. */
      uncountedWrite?: VolumeMeasure['uncountedWrite'];
      /** When a drop since the last load left no rows: breached. */
      dropped?: PortDrop;
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
    quality?: Pick<
      QualityMeasure,
      'status' | 'rules' | 'failedAssertions' | 'staleReportedAt'
    >;
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
