import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { LineageReader } from '../store/LineageReader';
import { OpenLineageEventStore } from '../store/OpenLineageEventStore';
import {
  EXAMPLE_REPLAY_EVERY_SECONDS,
  ExampleLineageReplay,
} from './ExampleLineageReplay';
import { importSeedEvents } from './importSeedEvents';
import { ExampleLineageSettings } from './readLineageSettings';
import { readSeedDirectory } from './readSeedDirectory';

/**
 * Loads the example lineage of `directory` into an empty store once the
 * backend has started and, with `replay`, keeps its pipelines running on a
 * global schedule (see ExampleLineageReplay).
 */
export async function scheduleExampleLineage(
  options: ExampleLineageSettings & {
    lifecycle: LifecycleService;
    scheduler: SchedulerService;
    logger: LoggerService;
    store: OpenLineageEventStore;
    reader: LineageReader;
  },
): Promise<void> {
  const { directory, replay, lifecycle, scheduler, logger, store, reader } =
    options;
  let replayed: ExampleLineageReplay | undefined;
  // After start-up, so that a large seed does not delay the backend.
  lifecycle.addStartupHook(() => {
    readSeedDirectory(directory, logger)
      .then(async events => {
        const { imported, skipped, present } = await importSeedEvents({
          events,
          store,
        });
        if (!skipped) {
          logger.info(
            `Loaded ${imported} example lineage events from ${directory}`,
          );
        } else if (present) {
          logger.info(`Example lineage from ${directory} already loaded`);
        } else {
          logger.warn(
            `Example lineage from ${directory} not loaded: the lineage store already holds other lineage`,
          );
        }
        // Never beside a producer's lineage: only the seed's runs run again.
        if (replay && present) {
          replayed = ExampleLineageReplay.fromSeed(events);
        }
      })
      .catch(error => logger.error(`Could not load example lineage: ${error}`));
  });
  if (!replay) return;
  await scheduler.scheduleTask({
    id: 'lineage-example-replay',
    scope: 'global',
    frequency: { seconds: EXAMPLE_REPLAY_EVERY_SECONDS },
    timeout: { minutes: 1 },
    // No initial delay: after a stop, missed runs read stale until it runs.
    fn: async () => {
      // Not before the seed is loaded.
      if (!replayed) return;
      const ran = await replayed.runDue(store, reader);
      if (ran > 0) {
        logger.info(
          `Example pipelines ran again: ${ran} run${ran === 1 ? '' : 's'}`,
        );
      }
    },
  });
}
