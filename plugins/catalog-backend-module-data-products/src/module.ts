import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { DataProductEntitiesProcessor } from './processor/DataProductEntitiesProcessor';
import { RegisteredEntities } from './processor/RegisteredEntities';
import { RegisteredOutputDatasets } from './processor/RegisteredOutputDatasets';

/** Adds the DataProduct kind to the catalog. */
export const catalogModuleDataProducts = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-products',
  register(env) {
    env.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        reader: coreServices.urlReader,
        config: coreServices.rootConfig,
        database: coreServices.database,
        logger: coreServices.logger,
      },
      async init({ processing, reader, config, database, logger }) {
        processing.addProcessor(
          new DataProductEntitiesProcessor({
            reader,
            integrations: ScmIntegrations.fromConfig(config),
            registered: new RegisteredEntities(database),
            outputDatasets: new RegisteredOutputDatasets(database),
            logger,
          }),
        );
      },
    });
  },
});
