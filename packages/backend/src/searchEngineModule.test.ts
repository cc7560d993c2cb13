import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import type { SearchEngine } from '@backstage/plugin-search-backend-node';
import { searchEngineRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { IdentifierLunrSearchEngine } from '@meshwork/plugin-catalog-backend-module-data-products';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { searchEngineModule } from './searchEngineModule';

describe('searchEngineModule', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives search one engine for the database, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const engines: SearchEngine[] = [];
      // Records what the search plugin would be given.
      const searchPlugin = createBackendPlugin({
        pluginId: 'search',
        register(env) {
          env.registerExtensionPoint(searchEngineRegistryExtensionPoint, {
            setSearchEngine: engine => engines.push(engine),
          });
          env.registerInit({ deps: {}, async init() {} });
        },
      });
      const backend = await startTestBackend({
        features: [
          searchPlugin,
          searchEngineModule,
          mockServices.database.factory({ knex }),
        ],
      });
      await backend.stop();
      expect(engines).toEqual([
        expect.any(
          databaseId.startsWith('POSTGRES')
            ? PgSearchEngine
            : IdentifierLunrSearchEngine,
        ),
      ]);
    },
  );
});
