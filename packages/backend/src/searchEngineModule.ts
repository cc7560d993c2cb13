import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import { searchEngineRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { IdentifierLunrSearchEngine } from '@meshwork/plugin-catalog-backend-module-data-products';
import { createIdentifierPgSearchEngine } from './createIdentifierPgSearchEngine';

/**
 * Postgres full-text search where the database is Postgres, otherwise
 * Lunr with a translator that keeps identifiers such as `customer_id`
 * together: Backstage's default Lunr query fuzzy-matches every word.
 */
export const searchEngineModule = createBackendModule({
  pluginId: 'search',
  moduleId: 'meshwork-engine',
  register(env) {
    env.registerInit({
      deps: {
        searchEngineRegistry: searchEngineRegistryExtensionPoint,
        database: coreServices.database,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ searchEngineRegistry, database, config, logger }) {
        searchEngineRegistry.setSearchEngine(
          (await PgSearchEngine.supported(database))
            ? await createIdentifierPgSearchEngine(config, { database, logger })
            : new IdentifierLunrSearchEngine({ logger }),
        );
      },
    });
  },
});
