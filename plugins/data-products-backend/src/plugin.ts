import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readableDataProductRefs } from '@meshwork/plugin-data-products-node';
import { createRouter } from './router';
import { SearchIndexRefresher } from './SearchIndexRefresher';

/**
 * Serves `/api/data-products/search` and `/listings`: a prefix search over
 * products, datasets and contract columns, and pages of products, answered
 * from an index each backend instance refreshes from the catalog every 30
 * seconds (`dataProducts.searchIndex.refreshSeconds`). Callers see only the
 * products the catalog's read permission lets them read.
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
        permissions: coreServices.permissions,
      },
      async init({
        httpRouter,
        httpAuth,
        auth,
        scheduler,
        logger,
        config,
        catalog,
        permissions,
      }) {
        const refresher = new SearchIndexRefresher(catalog, auth, logger);

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
          fn: () => refresher.refresh(),
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            logger,
            index: () => refresher.current(),
            readableRefs: readableDataProductRefs({ permissions, catalog }),
          }),
        );
      },
    });
  },
});
