import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readableDataProductRefs } from '@meshwork/plugin-data-products-node';
import { Request } from 'express';
import Router from 'express-promise-router';
import { createRouter } from './router';
import { EventBodyParser } from './service/EventBodyParser';
import { IngestQueue } from './service/IngestQueue';
import { catalogDataProductCache } from './service/products/catalogDataProductCache';
import { declaredJobRoutes } from './service/products/declaredJobRoutes';
import { ProductLineageService } from './service/products/ProductLineageService';
import { RuntimeProductFinder } from './service/products/RuntimeProductFinder';
import { productRoutes } from './service/products/productRoutes';
import { readLineageSettings } from './service/readLineageSettings';
import { scheduleExampleLineage } from './service/scheduleExampleLineage';
import { scheduleRawEventRetention } from './service/scheduleRawEventRetention';
import { LineageReader } from './store/LineageReader';
import { OpenLineageEventStore } from './store/OpenLineageEventStore';
import { ProductMeasurements } from './store/ProductMeasurements';
import { SqliteWalCheckpointer } from './store/SqliteWalCheckpointer';

/**
 * Where `api/v1/lineage` resolves against `http://<host>/api/lineage`, the
 * plugin's own path, as a relative reference.
 */
const PYTHON_CLIENT_ENDPOINT_PATH = '/api/api/v1/lineage';

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
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        rootHttpRouter: coreServices.rootHttpRouter,
        scheduler: coreServices.scheduler,
      },
      async init({
        auth,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        permissions,
        rootHttpRouter,
        scheduler,
      }) {
        // Settings first: a bad one stops start-up before anything runs.
        const settings = readLineageSettings(config);
        const db = await database.getClient();
        const store = await OpenLineageEventStore.create(db, {
          skipMigrations: database.migrations?.skip,
        });
        const checkpointer = await SqliteWalCheckpointer.start(db, {
          onError: message =>
            logger.warn(`Could not checkpoint the lineage store: ${message}`),
        });
        lifecycle.addShutdownHook(() => checkpointer?.stop());
        const reader = new LineageReader(db, {
          readWindowDays: settings.readWindowDays,
          maxEventPageBytes: settings.maxEventPageBytes,
        });
        const measurements = new ProductMeasurements(db);
        if (settings.seed) {
          await scheduleExampleLineage({
            ...settings.seed,
            lifecycle,
            scheduler,
            logger,
            store,
            reader,
          });
        }
        if (settings.retention) {
          await scheduleRawEventRetention({
            db,
            scheduler,
            logger,
            ...settings.retention,
          });
        }
        const dataProducts = catalogDataProductCache({
          auth,
          catalog,
          logger,
        });
        const readableRefs = readableDataProductRefs({ permissions, catalog });
        const readableByCaller = async (req: Request) =>
          readableRefs(await httpAuth.credentials(req));
        const eventBodyParser = new EventBodyParser({
          threads: settings.parserThreads,
          deflatePayloads: store.deflatesPayloads,
          onError: error =>
            logger.warn(
              `An OpenLineage parser thread failed; parsing in the backend's thread until another starts: ${error}`,
            ),
        });
        lifecycle.addShutdownHook(() => eventBodyParser.stop());
        const { router, openLineageRoutes } = await createRouter({
          ingestQueue: new IngestQueue(store, {
            maxWaitingBytes: settings.maxWaitingBytes,
            groupCommitDelayMs: settings.groupCommitDelayMs,
          }),
          eventBodyParser,
          reader,
          measurements,
          httpAuth,
          logger,
          maxBodyBytes: settings.maxBodyBytes,
          maxBatchEvents: settings.maxBatchEvents,
          ingestOnlySubjects: settings.ingestOnlySubjects,
          extraRoutes: Router().use(
            productRoutes(
              new ProductLineageService({
                loadProducts: () => dataProducts.products(),
                measurements,
                readWindowDays: settings.readWindowDays,
                logger,
              }),
              new RuntimeProductFinder({
                loadProducts: () => dataProducts.products(),
                reader,
                measurements,
              }),
              readableByCaller,
            ),
            declaredJobRoutes(() => dataProducts.products(), readableByCaller),
          ),
        });
        httpRouter.use(router);
        // OpenLineage's Python client (Airflow, dbt) joins its endpoint
        // `api/v1/lineage` to the url as a relative reference: given
        // `…/api/lineage` without the last slash, it posts here.
        rootHttpRouter.use(PYTHON_CLIENT_ENDPOINT_PATH, openLineageRoutes);
      },
    });
  },
});
