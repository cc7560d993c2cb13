import type { OnCall } from '@meshwork/plugin-data-products-common';

/** A product that a change upstream reaches, and how. */
export type ImpactedProduct = {
  entityRef: string;
  title: string;
  owner: string;
  tier?: number;
  /** Product hops from the changed product: 1 reads it directly. */
  depth: number;
  /**
   * The product it reads the change through; none when the caller may not
   * read that product (nor its datasets, then).
   */
  via?: string;
  /** The datasets of `via` it reads. */
  datasets: Array<{ namespace: string; name: string }>;
  /** Declared on the product; a team's on-call is the caller's to add. */
  onCall?: OnCall;
};

/**
 * `GET /entities/:kind/:namespace/:name/impact[?port=]`: every product
 * downstream of `product` (or of its output port `port`), ordered by tier
 * (1 first, none last), then depth, then name.
 */
export type ProductImpact = {
  product: string;
  port?: string;
  impacted: ImpactedProduct[];
};
