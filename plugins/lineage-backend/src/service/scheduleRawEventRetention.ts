import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { RawEventRetention } from '../store/RawEventRetention';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A century: any retention, far from overflowing a time. */
const MAX_AGE_DAYS = 36_500;

/**
 * Deletes raw events older than `maxAgeDays` on a schedule. The task is
 * global, so with several backend replicas only one of them runs it at a time.
 */
export async function scheduleRawEventRetention(options: {
  db: Knex;
  scheduler: SchedulerService;
  logger: LoggerService;
  maxAgeDays: number;
  batchSize?: number;
  schedule?: SchedulerServiceTaskScheduleDefinition;
}) {
  const { db, scheduler, logger, maxAgeDays } = options;
  const batchSize = options.batchSize ?? 5000;
  if (!(maxAgeDays > 0 && maxAgeDays <= MAX_AGE_DAYS)) {
    throw new InputError(
      `lineage.retention.rawEventsMaxAgeDays must be a number of days above 0 and at most ${MAX_AGE_DAYS}, got ${maxAgeDays}`,
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InputError(
      `lineage.retention.batchSize must be a whole number above 0, got ${batchSize}`,
    );
  }
  const retention = new RawEventRetention(db);
  await scheduler.scheduleTask({
    id: 'lineage-raw-event-retention',
    scope: 'global',
    ...(options.schedule ?? {
      frequency: { hours: 1 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 1 },
    }),
    fn: async () => {
      const deleted = await retention.deleteOlderThan(
        // A whole number of milliseconds: Postgres takes no other bigint.
        Math.round(Date.now() - maxAgeDays * DAY_MS),
        { batchSize },
      );
      if (deleted > 0) {
        logger.info(
          `Deleted ${deleted} raw lineage events older than ${maxAgeDays} days`,
        );
      }
    },
  });
}
