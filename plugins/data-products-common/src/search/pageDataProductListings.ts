import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { DataProductListing } from './DataProductListing';
import {
  domainRefOf,
  LISTING_REF_FILTERS,
  listingFilterRef,
  ListingRefFilter,
  ownerRefOf,
} from './listingRefs';

export const listingFilters = [
  'domain',
  'owner',
  'type',
  'tier',
  'lifecycle',
  'tag',
] as const;
export type ListingFilter = (typeof listingFilters)[number];

export const listingSorts = [
  'name',
  'domain',
  'owner',
  'type',
  'tier',
  'lifecycle',
] as const;
export type ListingSort = (typeof listingSorts)[number];

/** Which page of which products, as the explorer asks for it. */
export type DataProductListingQuery = {
  filters: Partial<Record<ListingFilter, string>>;
  sort: ListingSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

/** A ref as the catalog's relations hold it: full, lower case. */
const filterValueOf = (ref: CompoundEntityRef) =>
  stringifyEntityRef(ref).toLocaleLowerCase('en-US');

const FILTER_VALUES: Record<
  ListingFilter,
  (product: DataProductListing) => unknown[]
> = {
  domain: p => [filterValueOf(domainRefOf(p))],
  owner: p => [filterValueOf(ownerRefOf(p))],
  type: p => [p.spec.type],
  tier: p => [p.spec.tier],
  lifecycle: p => [p.spec.lifecycle],
  tag: p => p.metadata.tags ?? [],
};

const SORT_VALUE: Record<ListingSort, (product: DataProductListing) => string> =
  {
    name: p => p.metadata.name,
    domain: p => filterValueOf(domainRefOf(p)),
    owner: p => filterValueOf(ownerRefOf(p)),
    type: p => p.spec.type,
    tier: p => String(p.spec.tier ?? ''),
    lifecycle: p => p.spec.lifecycle,
  };

const lower = (value: unknown) => String(value).toLocaleLowerCase('en-US');

/**
 * One page of products, filtered and sorted as the catalog would (values
 * compared without case, as its filters do; owner and domain by the entity
 * they name, as its relations do).
 */
export function pageDataProductListings(
  products: DataProductListing[],
  query: DataProductListingQuery,
): { items: DataProductListing[]; totalItems: number } {
  const filters = Object.entries(query.filters)
    .filter(([, value]) => value)
    .map(([key, value]) => [
      key,
      key in LISTING_REF_FILTERS
        ? listingFilterRef(key as ListingRefFilter, value) ?? value
        : value,
    ]);
  const matching = products.filter(product =>
    filters.every(([key, value]) =>
      FILTER_VALUES[key as ListingFilter](product).some(
        v => lower(v) === lower(value),
      ),
    ),
  );
  const sortValue = SORT_VALUE[query.sort];
  const direction = query.order === 'desc' ? -1 : 1;
  const sorted = matching.sort(
    (a, b) =>
      direction * sortValue(a).localeCompare(sortValue(b)) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  const start = query.page * query.pageSize;
  return {
    items: sorted.slice(start, start + query.pageSize),
    totalItems: matching.length,
  };
}
