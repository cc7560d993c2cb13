import type { DataProductListing } from '@meshwork/plugin-data-products-common';
import { ExplorerFilter, ExplorerSort, ExplorerState } from './explorerQuery';

const FILTER_VALUES: Record<
  ExplorerFilter,
  (product: DataProductListing) => unknown[]
> = {
  domain: p => [p.spec.domain],
  owner: p => [p.spec.owner],
  type: p => [p.spec.type],
  tier: p => [p.spec.tier],
  lifecycle: p => [p.spec.lifecycle],
  tag: p => p.metadata.tags ?? [],
};

const SORT_VALUE: Record<
  ExplorerSort,
  (product: DataProductListing) => string
> = {
  name: p => p.metadata.name,
  domain: p => p.spec.domain,
  owner: p => p.spec.owner,
  type: p => p.spec.type,
  tier: p => String(p.spec.tier ?? ''),
  lifecycle: p => p.spec.lifecycle,
};

/**
 * One page of the products a search found, filtered and sorted as the
 * catalog would (values compared without case, as its filters do), so a
 * search needs no second round trip to the catalog.
 */
export function explorerPageOf(
  products: DataProductListing[],
  state: ExplorerState,
): { items: DataProductListing[]; totalItems: number } {
  const filters = Object.entries(state.filters).filter(([, value]) => value);
  const matching = products.filter(product =>
    filters.every(([key, value]) =>
      FILTER_VALUES[key as ExplorerFilter](product).some(
        v =>
          String(v).toLocaleLowerCase('en-US') ===
          value!.toLocaleLowerCase('en-US'),
      ),
    ),
  );
  const sortValue = SORT_VALUE[state.sort];
  const direction = state.order === 'desc' ? -1 : 1;
  const sorted = matching.sort(
    (a, b) =>
      direction * sortValue(a).localeCompare(sortValue(b)) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  const start = state.page * state.pageSize;
  return {
    items: sorted.slice(start, start + state.pageSize),
    totalItems: matching.length,
  };
}
