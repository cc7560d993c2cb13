import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readableDataProductRefs } from '@meshwork/plugin-data-products-node';
import {
  DATA_PRODUCT_KIND,
  isDataProductEntity,
} from '@meshwork/plugin-data-products-common';
import { availableParallelism } from 'os';
import { createRouter } from './router';
import { EventBodyParser } from './service/EventBodyParser';
import {
  EXAMPLE_REPLAY_EVERY_SECONDS,
  ExampleLineageReplay,
} from './service/ExampleLineageReplay';
import { importSeedEvents } from './service/importSeedEvents';
import { readSeedDirectory } from './service/readSeedDirectory';
import {
  DEFAULT_GROUP_COMMIT_DELAY_MS,
  DEFAULT_MAX_WAITING_BYTES,
  IngestQueue,
} from './service/IngestQueue';
import { DataProductCache } from './service/products/DataProductCache';
import { ProductLineageService } from './service/products/ProductLineageService';
import { RuntimeProductFinder } from './service/products/RuntimeProductFinder';
import { productRoutes } from './service/products/productRoutes';
import { ProductMeasurements } from './store/ProductMeasurements';
import {
  DEFAULT_MAX_EVENT_PAGE_BYTES,
  LineageReader,
} from './store/LineageReader';
import { OpenLineageEventStore } from './store/OpenLineageEventStore';
import { SqliteWalCheckpointer } from './store/SqliteWalCheckpointer';
import { MAX_READ_WINDOW_DAYS } from './store/ReadWindow';
import { wholeNumberSetting } from './service/wholeNumberSetting';
import {
  readRawEventRetentionSettings,
  scheduleRawEventRetention,
} from './service/scheduleRawEventRetention';

const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_BATCH_EVENTS = 10_000;
const PRODUCT_CACHE_MS = 15_000;
const MAX_STALE_PRODUCTS_MS = 10 * 60_000;
const PRODUCT_READ_TIMEOUT_MS = 10_000;
const MAX_PARSER_THREADS = 16;
/** Bounds the latency a group's wait adds to each of its requests. */
const MAX_GROUP_COMMIT_DELAY_MS = 100;
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
        const lineage = config.getOptionalConfig('lineage');
        if (lineage?.has('products.readWindowDays')) {
          throw new Error(
            'lineage.products.readWindowDays is now lineage.readWindowDays (it covers the dataset graph too)',
          );
        }
        const readWindowDays = lineage?.getOptionalNumber('readWindowDays');
        if (
          readWindowDays !== undefined &&
          !(readWindowDays > 0 && readWindowDays <= MAX_READ_WINDOW_DAYS)
        ) {
          throw new Error(
            `lineage.readWindowDays must be a number of days above 0 and at most ${MAX_READ_WINDOW_DAYS}, got ${readWindowDays}`,
          );
        }
        const maxBodyBytes = wholeNumberSetting(
          lineage,
          'ingest.maxBodyBytes',
          DEFAULT_MAX_BODY_BYTES,
        );
        const maxBatchEvents = wholeNumberSetting(
          lineage,
          'ingest.maxBatchEvents',
          DEFAULT_MAX_BATCH_EVENTS,
        );
        const maxWaitingBytes = wholeNumberSetting(
          lineage,
          'ingest.maxWaitingBytes',
          Math.max(DEFAULT_MAX_WAITING_BYTES, maxBodyBytes),
        );
        if (maxWaitingBytes < maxBodyBytes) {
          // Fewer bytes may wait than one request brings: the largest
          // would be refused whenever another waits.
          throw new Error(
            `lineage.ingest.maxWaitingBytes must be at least lineage.ingest.maxBodyBytes (${maxBodyBytes}), got ${maxWaitingBytes}`,
          );
        }
        const groupCommitDelayMs = wholeNumberSetting(
          lineage,
          'ingest.groupCommitDelayMs',
          DEFAULT_GROUP_COMMIT_DELAY_MS,
          { min: 0, max: MAX_GROUP_COMMIT_DELAY_MS },
        );
        const maxEventPageBytes = wholeNumberSetting(
          lineage,
          'events.maxPageBytes',
          DEFAULT_MAX_EVENT_PAGE_BYTES,
        );
        const retentionSettings = readRawEventRetentionSettings(lineage);
        const parserThreads = wholeNumberSetting(
          lineage,
          'ingest.parserThreads',
          Math.min(2, Math.max(1, availableParallelism() - 1)),
          { min: 0, max: MAX_PARSER_THREADS },
        );
        const db = await database.getClient();
        const store = await OpenLineageEventStore.create(db, {
          skipMigrations: database.migrations?.skip,
        });
        const checkpointer = await SqliteWalCheckpointer.start(db, {
          onError: message =>
            logger.warn(`Could not checkpoint the lineage store: ${message}`),
        });
        lifecycle.addShutdownHook(() => checkpointer?.stop());
        const seedDirectory = lineage?.getOptionalString('seed.directory');
        const reader = new LineageReader(db, {
          readWindowDays,
          maxEventPageBytes,
        });
        const measurements = new ProductMeasurements(db);
        if (seedDirectory) {
          const replaySeed = lineage?.getOptionalBoolean('seed.replay');
          let replay: ExampleLineageReplay | undefined;
          // After start-up, so that a large seed does not delay the backend.
          lifecycle.addStartupHook(() => {
            readSeedDirectory(seedDirectory, logger)
              .then(async events => {
                const { imported, skipped, present } = await importSeedEvents({
                  events,
                  store,
                });
                if (!skipped) {
                  logger.info(
                    `Loaded ${imported} example lineage events from ${seedDirectory}`,
                  );
                } else if (present) {
                  logger.info(
                    `Example lineage from ${seedDirectory} already loaded`,
                  );
                } else {
                  logger.warn(
                    `Example lineage from ${seedDirectory} not loaded: the lineage store already holds other lineage`,
                  );
                }
                // Never beside a producer's lineage: only the seed's runs
                // run again.
                if (replaySeed && present) {
                  replay = ExampleLineageReplay.fromSeed(events);
                }
              })
              .catch(error =>
                logger.error(`Could not load example lineage: ${error}`),
              );
          });
          if (replaySeed) {
            await scheduler.scheduleTask({
              id: 'lineage-example-replay',
              scope: 'global',
              frequency: { seconds: EXAMPLE_REPLAY_EVERY_SECONDS },
              timeout: { minutes: 1 },
              // No initial delay: after a stop, missed runs read stale until it runs.
              fn: async () => {
                // Not before the seed is loaded.
                if (!replay) return;
                const ran = await replay.runDue(store, reader);
                if (ran > 0) {
                  logger.info(
                    `Example pipelines ran again: ${ran} run${
                      ran === 1 ? '' : 's'
                    }`,
                  );
                }
              },
            });
          }
        }
        if (retentionSettings) {
          await scheduleRawEventRetention({
            db,
            scheduler,
            logger,
            ...retentionSettings,
          });
        }
        const dataProducts = new DataProductCache({
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
        const readableRefs = readableDataProductRefs({ permissions, catalog });
        const eventBodyParser = new EventBodyParser({
          threads: parserThreads,
          deflatePayloads: store.deflatesPayloads,
          onError: error =>
            logger.warn(
              `An OpenLineage parser thread failed; parsing in the backend's thread until another starts: ${error}`,
            ),
        });
        lifecycle.addShutdownHook(() => eventBodyParser.stop());
        const { router, openLineageRoutes } = await createRouter({
          ingestQueue: new IngestQueue(store, {
            maxWaitingBytes,
            groupCommitDelayMs,
          }),
          eventBodyParser,
          reader,
          measurements,
          httpAuth,
          logger,
          maxBodyBytes,
          maxBatchEvents,
          ingestOnlySubjects: lineage?.getOptionalStringArray(
            'ingest.ingestOnlySubjects',
          ) ?? ['meshwork-api-client'],
          extraRoutes: productRoutes(
            new ProductLineageService({
              loadProducts: () => dataProducts.products(),
              measurements,
              readWindowDays,
              logger,
            }),
            new RuntimeProductFinder({
              loadProducts: () => dataProducts.products(),
              reader,
              measurements,
            }),
            async req => readableRefs(await httpAuth.credentials(req)),
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
