import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { DataProductEntitiesProcessor } from './processor/DataProductEntitiesProcessor';

/** Adds the DataProduct kind to the catalog. */
export const catalogModuleDataProducts = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-products',
  register(env) {
    env.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        reader: coreServices.urlReader,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ processing, reader, catalog, auth, logger }) {
        processing.addProcessor(
          new DataProductEntitiesProcessor({ reader, catalog, auth, logger }),
        );
      },
    });
  },
});
