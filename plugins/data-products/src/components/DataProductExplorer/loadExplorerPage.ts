import type { CatalogApi } from '@backstage/catalog-client';
import type { DataProductListing } from '@meshwork/plugin-data-products-common';
import { DataProductsApi, ProductStatuses } from '../../api';
import { ExplorerState, explorerQuery } from './explorerQuery';

export type ExplorerPage = {
  items: DataProductListing[];
  totalItems: number;
  /** The statuses a status filter chose the products by, to show with them. */
  statuses?: ProductStatuses;
};

/**
 * One page of the explorer. Without a search term or a status filter the
 * catalog filters, sorts and pages. A search term goes to the data products
 * backend, whose word-prefix index answers in milliseconds where the
 * catalog's full-text filter takes most of a second at 10,000 products; only
 * when it cannot answer (still building, or down) does the catalog's
 * full-text filter, which finds a phrase only with its words in order
 * (the index, in any order) but finds it inside words too. Its answer stands
 * even when empty, so adding a filter never widens what a term matches. A status filter (SLOs, governance level) takes the
 * products the lineage or governance backend names, and the data products
 * backend pages those.
 */
export async function loadExplorerPage(
  catalogApi: CatalogApi,
  dataProductsApi: DataProductsApi,
  state: ExplorerState,
): Promise<ExplorerPage> {
  const { q, status, ...query } = state;
  const term = q.trim() || undefined;
  if (status.slo || status.level) {
    const statuses = await dataProductsApi.statuses();
    if (status.slo && !statuses.sloAvailable) {
      throw new Error(
        'SLO status is unavailable: the lineage backend did not answer',
      );
    }
    if (status.level && !statuses.scorecardsAvailable) {
      throw new Error(
        'Governance levels are unavailable: the governance backend did not answer',
      );
    }
    const entityRefs = [...statuses.byRef]
      .filter(
        ([, s]) =>
          (!status.slo || s.slo?.status === status.slo) &&
          (!status.level || s.scorecard?.level === status.level),
      )
      .map(([ref]) => ref);
    return {
      ...(await dataProductsApi.listings({ ...query, q: term, entityRefs })),
      statuses,
    };
  }
  if (term) {
    const found = await dataProductsApi
      .listings({ ...query, q: term })
      .catch(() => undefined);
    if (found) return found;
  }
  const page = await catalogApi.queryEntities(explorerQuery(state));
  return {
    items: page.items as DataProductListing[],
    totalItems: page.totalItems,
  };
}
