import type { QueryEntitiesInitialRequest } from '@backstage/catalog-client';
import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import {
  DATA_PRODUCT_LISTING_FIELDS,
  type DataProductListingQuery,
  LISTING_REF_FILTERS,
  type ListingFilter,
  listingFilterRef,
  type ListingRefFilter,
  type ListingSort,
} from '@meshwork/plugin-data-products-common';

/**
 * Explorer filters, each a catalog field with the values products hold.
 * Owner and domain are read from the relations the processor resolved, so
 * that `sales`, `group:sales` and `group:default/sales` are one team.
 */
export const EXPLORER_FILTERS: Record<ListingFilter, string> = {
  domain: 'relations.partOf',
  owner: 'relations.ownedBy',
  type: 'spec.type',
  tier: 'spec.tier',
  lifecycle: 'spec.lifecycle',
  tag: 'metadata.tags',
};

export type ExplorerFilter = ListingFilter;

/**
 * Columns the explorer sorts by: every product has them (see the kind's
 * schema); owner and domain by the entity named, as they are filtered.
 */
const EXPLORER_SORTS: Record<ListingSort, string> = {
  name: 'metadata.name',
  domain: 'relations.partOf',
  owner: 'relations.ownedBy',
  type: 'spec.type',
  tier: 'spec.tier',
  lifecycle: 'spec.lifecycle',
};

export type ExplorerSort = ListingSort;

/** What free text matches: names, descriptions, datasets and contract columns. */
const EXPLORER_TEXT_FIELDS = [
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'spec.outputPorts.name',
  'spec.outputPorts.dataset.name',
  'spec.outputPorts.contract.schema.name',
  'spec.outputPorts.contract.schema.properties.name',
];

export const PAGE_SIZES = [25, 50, 100];

/** Filters on what the lineage and governance backends measure. */
export const STATUS_FILTERS = {
  slo: ['breaching', 'ok', 'unknown'],
  level: ['gold', 'silver', 'bronze', 'none'],
} as const;

export type StatusFilter = keyof typeof STATUS_FILTERS;

export type ExplorerState = DataProductListingQuery & {
  q: string;
  status: Partial<Record<StatusFilter, string>>;
};

const isRefFilter = (key: string): key is ListingRefFilter =>
  key in LISTING_REF_FILTERS;

/**
 * A filter value as the explorer shows it and keeps it in its URL: an owner
 * or domain by name, with its namespace only outside the default one, from
 * a ref in any form; other values as they are.
 */
export function explorerFilterValue(key: ExplorerFilter, value: string) {
  const ref = explorerFilterRef(key, value);
  return ref
    ? humanizeEntityRef(parseEntityRef(ref), {
        defaultKind: LISTING_REF_FILTERS[key as ListingRefFilter],
      })
    : value;
}

/** The full ref of an owner or domain filter value; undefined for other filters. */
export function explorerFilterRef(
  key: ExplorerFilter,
  value: string,
): string | undefined {
  return isRefFilter(key) ? listingFilterRef(key, value) : undefined;
}

/** Reads the explorer's state from its URL, ignoring what it does not know. */
export function readExplorerState(params: URLSearchParams): ExplorerState {
  const filters: ExplorerState['filters'] = {};
  for (const key of Object.keys(EXPLORER_FILTERS) as ExplorerFilter[]) {
    const value = params.get(key);
    if (value) filters[key] = explorerFilterValue(key, value);
  }
  const status: ExplorerState['status'] = {};
  for (const [key, values] of Object.entries(STATUS_FILTERS)) {
    const value = params.get(key) ?? '';
    if ((values as readonly string[]).includes(value)) {
      status[key as StatusFilter] = value;
    }
  }
  const sort = params.get('sort') ?? '';
  const pageSize = Number(params.get('pageSize'));
  const page = Number(params.get('page'));
  return {
    q: params.get('q') ?? '',
    filters,
    status,
    // Own keys only: `constructor` is in every object.
    sort: Object.hasOwn(EXPLORER_SORTS, sort) ? (sort as ExplorerSort) : 'name',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page > 0 ? page : 0,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : PAGE_SIZES[0],
  };
}

/** The explorer's state as URL parameters, leaving out defaults. */
export function writeExplorerState(state: ExplorerState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const [key, value] of Object.entries({
    ...state.filters,
    ...state.status,
  })) {
    if (value) params.set(key, value);
  }
  if (state.sort !== 'name') params.set('sort', state.sort);
  if (state.order !== 'asc') params.set('order', state.order);
  if (state.page > 0) params.set('page', String(state.page));
  if (state.pageSize !== PAGE_SIZES[0]) {
    params.set('pageSize', String(state.pageSize));
  }
  return params;
}

/** One page of the explorer as a catalog query, filtered and sorted by the catalog. */
export function explorerQuery(
  state: ExplorerState,
): QueryEntitiesInitialRequest {
  const filter: Record<string, string | string[]> = { kind: 'DataProduct' };
  for (const [key, value] of Object.entries(state.filters)) {
    if (!value) continue;
    filter[EXPLORER_FILTERS[key as ExplorerFilter]] = isRefFilter(key)
      ? listingFilterRef(key, value) ?? value
      : value;
  }
  const term = state.q.trim();
  return {
    filter,
    ...(term ? { fullTextFilter: { term, fields: EXPLORER_TEXT_FIELDS } } : {}),
    orderFields: { field: EXPLORER_SORTS[state.sort], order: state.order },
    limit: state.pageSize,
    offset: state.page * state.pageSize,
    fields: DATA_PRODUCT_LISTING_FIELDS,
  };
}
