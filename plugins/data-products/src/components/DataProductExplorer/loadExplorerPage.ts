import type {
  CatalogApi,
  QueryEntitiesResponse,
} from '@backstage/catalog-client';
import { parseEntityRef } from '@backstage/catalog-model';
import { DataProductsApi } from '../../api';
import { ExplorerState, explorerQuery } from './explorerQuery';

/** Up to this many products found by the index are passed to the catalog by name. */
export const MAX_INDEXED_MATCHES = 200;

/**
 * One page of the explorer. A search term is looked up in the data products
 * search index and the catalog then filters, sorts and pages the products it
 * found. When the index cannot answer (still building, the term matches too
 * many products to pass by name, or nothing: the index is rebuilt every few
 * seconds, so a product registered since is not in it yet) the catalog's own
 * full-text filter does.
 */
export async function loadExplorerPage(
  catalogApi: CatalogApi,
  dataProductsApi: DataProductsApi,
  state: ExplorerState,
): Promise<QueryEntitiesResponse> {
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
      const names = found.items.map(
        item => parseEntityRef(item.entityRef).name,
      );
      return catalogApi.queryEntities(explorerQuery(state, names));
    }
  }
  return catalogApi.queryEntities(explorerQuery(state));
}
