import type { CatalogApi } from '@backstage/catalog-client';
import type { DataProductListing } from '@meshwork/plugin-data-products-common';
import { DataProductsApi } from '../../api';
import { explorerPageOf } from './explorerPageOf';
import { ExplorerState, explorerQuery } from './explorerQuery';

/** Up to this many products found by the index are filtered and paged here. */
export const MAX_INDEXED_MATCHES = 200;

export type ExplorerPage = {
  items: DataProductListing[];
  totalItems: number;
};

/**
 * One page of the explorer. Without a search term the catalog filters,
 * sorts and pages. A search term is looked up in the data products search
 * index, which also lists each product it found, so the page is made from
 * those with no catalog query. When the index cannot answer (still
 * building, too many matches, or none: it is rebuilt every few seconds, so a
 * product registered since is not in it yet) the catalog's own full-text
 * filter does.
 */
export async function loadExplorerPage(
  catalogApi: CatalogApi,
  dataProductsApi: DataProductsApi,
  state: ExplorerState,
): Promise<ExplorerPage> {
  const term = state.q.trim();
  if (term) {
    const found = await dataProductsApi
      .search(term, MAX_INDEXED_MATCHES)
      .catch(() => undefined);
    if (
      found &&
      found.totalItems > 0 &&
      found.totalItems <= MAX_INDEXED_MATCHES
    ) {
      return explorerPageOf(
        found.items.map(item => item.product),
        state,
      );
    }
  }
  const page = await catalogApi.queryEntities(explorerQuery(state));
  return {
    items: page.items as DataProductListing[],
    totalItems: page.totalItems,
  };
}
