import type { ProductSloStatus } from '@meshwork/plugin-lineage-common';

/** What the lineage and governance backends say about one product. */
export type ProductStatus = {
  /** Measured SLOs; absent while lineage has nothing on the product. */
  slo?: ProductSloStatus;
  /** The latest governance scorecard; absent before its first evaluation. */
  scorecard?: { score: number; level: string };
};

/** Statuses by entity ref, and which sources answered. */
export type ProductStatuses = {
  byRef: Map<string, ProductStatus>;
  sloAvailable: boolean;
  scorecardsAvailable: boolean;
};

/** How often pages showing statuses read them again while open. */
export const STATUS_REFRESH_MS = 60_000;

/** Statuses when neither backend could be read at all. */
export const STATUSES_UNAVAILABLE: ProductStatuses = {
  byRef: new Map(),
  sloAvailable: false,
  scorecardsAvailable: false,
};
