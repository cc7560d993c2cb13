import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import path from 'path';
import { DataProductEntitiesProcessor } from './processor/DataProductEntitiesProcessor';
import { RegisteredEntities } from './processor/RegisteredEntities';
import { RegisteredOutputDatasets } from './processor/RegisteredOutputDatasets';
import { fileLocationsFolder } from '@meshwork/plugin-data-products-common';

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
            // As the catalog resolves them, against the backend's folder.
            catalogFilesFolder: fileLocationsFolder(
              (config.getOptionalConfigArray('catalog.locations') ?? [])
                .filter(
                  location => location.getOptionalString('type') === 'file',
                )
                .map(location => path.resolve(location.getString('target'))),
            ),
          }),
        );
      },
    });
  },
});
