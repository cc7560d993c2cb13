export { dataProductsApiRef } from './DataProductsApi';
export type { DataProductsApi, RuntimeProductMatches } from './DataProductsApi';
export { DataProductsClient } from './DataProductsClient';
export type { ProductStatus, ProductStatuses } from './ProductStatus';
export { STATUS_REFRESH_MS, STATUSES_UNAVAILABLE } from './ProductStatus';
