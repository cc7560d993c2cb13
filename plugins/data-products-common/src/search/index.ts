export { DataProductSearchIndex } from './DataProductSearchIndex';
export type {
  DataProductSearchMatch,
  DataProductSearchResult,
} from './DataProductSearchIndex';
export {
  DATA_PRODUCT_LISTING_FIELDS,
  dataProductListingOf,
  LISTED_PORTS_MAX,
  listedPortCount,
} from './DataProductListing';
export type { DataProductListing } from './DataProductListing';
export {
  listingFilters,
  listingSorts,
  pageDataProductListings,
} from './pageDataProductListings';
export type {
  DataProductListingQuery,
  ListingFilter,
  ListingSort,
} from './pageDataProductListings';
export {
  comparableEntityRef,
  domainRefOf,
  LISTING_REF_FILTERS,
  listingFilterRef,
  ownerRefOf,
} from './listingRefs';
export type { ListingRefFilter } from './listingRefs';
export { nameMatchRank, wholeNamesOf } from './wholeNamesOf';
