import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ProductStatuses } from './ProductStatus';
import type {
  DataProductListing,
  DataProductListingQuery,
  DataProductSearchResult,
} from '@meshwork/plugin-data-products-common';
import type {
  ProductImpact,
  ProductSlo,
  RuntimeProductMatch,
} from '@meshwork/plugin-lineage-common';

/** Meshwork's data products backend, as the frontend uses it. */
export interface DataProductsApi {
  /** Products whose name, datasets or columns start (at a word) with `term`. */
  search(term: string, limit: number): Promise<DataProductSearchResult>;
  /**
   * A page of the products a term finds and/or of those given, filtered and
   * sorted by the backend's copy of the catalog (a few seconds behind it).
   */
  listings(
    query: DataProductListingQuery & { q?: string; entityRefs?: string[] },
  ): Promise<{ items: DataProductListing[]; totalItems: number }>;
  /**
   * Every product's SLO status (lineage backend) and governance level
   * (governance backend); a source that cannot answer is left out.
   */
  statuses(): Promise<ProductStatuses>;
  /**
   * A product's measured SLOs, port by port (lineage backend): what a
   * breaching status breaches, and by how much.
   */
  slo(entityRef: string): Promise<ProductSlo>;
  /**
   * The products downstream of a product, or of one of its output ports, from
   * the lineage backend: most critical first (tier, then depth).
   */
  impact(entityRef: string, port?: string): Promise<ProductImpact>;
  /**
   * The products of the jobs and tables seen at runtime whose name holds
   * `term`, within `namespace` if given (lineage backend): a job writing a
   * port, its DAG, or a table such a job writes.
   */
  runtimeMatches(
    term: string,
    limit: number,
    namespace?: string,
  ): Promise<RuntimeProductMatches>;
}

/**
 * Runtime matches, `partial` when the lineage backend's search stopped at
 * one of its caps (names, a DAG's tasks, tables downstream) and more may
 * lead to products. On the list itself, so that an implementation
 * answering a plain list, a whole answer, still fits.
 */
export type RuntimeProductMatches = RuntimeProductMatch[] & { partial?: true };

export const dataProductsApiRef = createApiRef<DataProductsApi>({
  id: 'plugin.data-products.api',
});
