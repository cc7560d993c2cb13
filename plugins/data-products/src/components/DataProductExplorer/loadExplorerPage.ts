import type { CatalogApi } from '@backstage/catalog-client';
import type { DataProductListing } from '@meshwork/plugin-data-products-common';
import { DataProductsApi } from '../../api';
import { ExplorerState, explorerQuery } from './explorerQuery';

export type ExplorerPage = {
  items: DataProductListing[];
  totalItems: number;
};

/**
 * One page of the explorer. Without a search term the catalog filters,
 * sorts and pages. A search term goes to the data products backend, whose
 * word-prefix index answers in milliseconds where the catalog's full-text
 * filter takes most of a second at 10,000 products. When it cannot answer
 * (still building, or nothing found: it is rebuilt every few seconds, so a
 * product registered since is not in it yet) the catalog's own full-text
 * filter does.
 */
export async function loadExplorerPage(
  catalogApi: CatalogApi,
  dataProductsApi: DataProductsApi,
  state: ExplorerState,
): Promise<ExplorerPage> {
  if (state.q.trim()) {
    const found = await dataProductsApi.listings(state).catch(() => undefined);
    if (found && found.totalItems > 0) {
      return found;
    }
  }
  const page = await catalogApi.queryEntities(explorerQuery(state));
  return {
    items: page.items as DataProductListing[],
    totalItems: page.totalItems,
  };
}
