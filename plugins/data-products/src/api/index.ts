export { dataProductsApiRef } from './DataProductsApi';
export type { DataProductsApi } from './DataProductsApi';
export { DataProductsClient } from './DataProductsClient';
export type { ProductStatus, ProductStatuses } from './ProductStatus';
