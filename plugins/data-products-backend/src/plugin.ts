import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createRouter } from './router';
import {
  DATA_PRODUCT_LISTING_FIELDS,
  DataProductEntityV1alpha1,
  DataProductSearchIndex,
} from '@meshwork/plugin-data-products-common';

const PAGE_SIZE = 500;

/**
 * Serves `/api/data-products/search`: a prefix search over products,
 * datasets and contract columns, answered from an index each backend
 * instance rebuilds from the catalog every 30 seconds
 * (`dataProducts.searchIndex.refreshSeconds`).
 */
export const dataProductsPlugin = createBackendPlugin({
  pluginId: 'data-products',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        auth,
        scheduler,
        logger,
        config,
        catalog,
      }) {
        let index: DataProductSearchIndex | undefined;

        async function rebuild() {
          const credentials = await auth.getOwnServiceCredentials();
          const products: DataProductEntityV1alpha1[] = [];
          let cursor: string | undefined;
          do {
            const page = await catalog.queryEntities(
              cursor
                ? { cursor, limit: PAGE_SIZE }
                : {
                    filter: { kind: 'DataProduct' },
                    // The search index also lists the products it finds.
                    fields: DATA_PRODUCT_LISTING_FIELDS,
                    limit: PAGE_SIZE,
                  },
              { credentials },
            );
            products.push(...(page.items as DataProductEntityV1alpha1[]));
            cursor = page.pageInfo.nextCursor;
          } while (cursor);
          index = DataProductSearchIndex.build(products);
          logger.debug(`Indexed ${products.length} data products for search`);
        }

        // Every instance keeps its own copy, so the task is local.
        await scheduler.scheduleTask({
          id: 'data-products-search-index',
          scope: 'local',
          frequency: {
            seconds:
              config.getOptionalNumber(
                'dataProducts.searchIndex.refreshSeconds',
              ) ?? 30,
          },
          timeout: { minutes: 5 },
          fn: rebuild,
        });

        httpRouter.use(await createRouter({ httpAuth, index: () => index }));
      },
    });
  },
});
