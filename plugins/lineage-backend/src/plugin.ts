import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './router';
import { LineageReader } from './store/LineageReader';
import { OpenLineageEventStore } from './store/OpenLineageEventStore';

const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * The lineage backend plugin: an OpenLineage receiver at
 * `/api/lineage/api/v1/lineage` and the lineage read API.
 *
 * @public
 */
export const lineagePlugin = createBackendPlugin({
  pluginId: 'lineage',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ config, database, httpAuth, httpRouter, logger }) {
        const db = await database.getClient();
        const store = await OpenLineageEventStore.create(db, {
          skipMigrations: database.migrations?.skip,
        });
        const lineage = config.getOptionalConfig('lineage');
        httpRouter.use(
          await createRouter({
            store,
            reader: new LineageReader(db),
            httpAuth,
            logger,
            maxBodyBytes:
              lineage?.getOptionalNumber('ingest.maxBodyBytes') ??
              DEFAULT_MAX_BODY_BYTES,
            maxBatchEvents:
              lineage?.getOptionalNumber('ingest.maxBatchEvents') ?? 10_000,
            ingestOnlySubjects: lineage?.getOptionalStringArray(
              'ingest.ingestOnlySubjects',
            ) ?? ['meshwork-api-client'],
          }),
        );
      },
    });
  },
});
