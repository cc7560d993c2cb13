import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DATA_PRODUCT_KIND,
  isDataProductEntity,
} from '@meshwork/plugin-data-products-common';
import { DataProductCache } from './DataProductCache';

const PRODUCT_CACHE_MS = 15_000;
const MAX_STALE_PRODUCTS_MS = 10 * 60_000;
const PRODUCT_READ_TIMEOUT_MS = 10_000;

/**
 * The catalog's data products, read with the plugin's own credentials (every
 * product: each route filters what its caller may see) and cached.
 */
export function catalogDataProductCache(options: {
  auth: AuthService;
  catalog: CatalogService;
  logger: LoggerService;
}): DataProductCache {
  const { auth, catalog, logger } = options;
  return new DataProductCache({
    load: async () => {
      const { items } = await catalog.getEntities(
        { filter: { kind: DATA_PRODUCT_KIND } },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      return items.filter(isDataProductEntity);
    },
    logger,
    freshMs: PRODUCT_CACHE_MS,
    maxStaleMs: MAX_STALE_PRODUCTS_MS,
    timeoutMs: PRODUCT_READ_TIMEOUT_MS,
  });
}
