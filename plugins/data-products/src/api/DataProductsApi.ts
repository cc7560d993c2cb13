import { createApiRef } from '@backstage/frontend-plugin-api';
import type { DataProductSearchResult } from '@meshwork/plugin-data-products-common';

/** Meshwork's data products backend, as the frontend uses it. */
export interface DataProductsApi {
  /** Products whose name, datasets or columns start (at a word) with `term`. */
  search(term: string, limit: number): Promise<DataProductSearchResult>;
}

export const dataProductsApiRef = createApiRef<DataProductsApi>({
  id: 'plugin.data-products.api',
});
