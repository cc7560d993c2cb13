import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { RawEventRetention } from '../store/RawEventRetention';
import { refuseUnknownSettings } from './refuseUnknownSettings';
import { wholeNumberSetting } from './wholeNumberSetting';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A century: any retention, far from overflowing a time. */
const MAX_AGE_DAYS = 36_500;
/**
 * A batch is one statement: larger ones hold SQLite's writer (and this
 * thread) for seconds, which ingestion would wait behind.
 */
const MAX_BATCH_SIZE = 100_000;

const RETENTION_KEYS = ['rawEventsMaxAgeDays', 'batchSize', 'schedule'];

export type RawEventRetentionSettings = {
  maxAgeDays: number;
  batchSize: number;
  schedule?: SchedulerServiceTaskScheduleDefinition;
};

/**
 * `lineage.retention`, checked: undefined when raw events are kept for
 * good. Read before anything starts, so that a bad setting stops start-up.
 */
export function readRawEventRetentionSettings(
  lineage: Config | undefined,
): RawEventRetentionSettings | undefined {
  const retention = lineage?.getOptionalConfig('retention');
  refuseUnknownSettings(retention, 'lineage.retention', RETENTION_KEYS);
  const maxAgeDays = retention?.getOptionalNumber('rawEventsMaxAgeDays');
  if (maxAgeDays === undefined) {
    const unused = ['batchSize', 'schedule'].filter(key => retention?.has(key));
    if (unused.length > 0) {
      throw new InputError(
        `lineage.retention.${unused[0]} is set, but raw events are kept for good: set lineage.retention.rawEventsMaxAgeDays too`,
      );
    }
    return undefined;
  }
  if (!(maxAgeDays > 0 && maxAgeDays <= MAX_AGE_DAYS)) {
    throw new InputError(
      `lineage.retention.rawEventsMaxAgeDays must be a number of days above 0 and at most ${MAX_AGE_DAYS}, got ${maxAgeDays}`,
    );
  }
  const batchSize = wholeNumberSetting(lineage, 'retention.batchSize', 5000, {
    max: MAX_BATCH_SIZE,
  });
  return {
    maxAgeDays,
    batchSize,
    schedule: retention?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          retention.getConfig('schedule'),
        )
      : undefined,
  };
}

/**
 * Deletes raw events older than `maxAgeDays` on a schedule. The task is
 * global, so with several backend replicas only one of them runs it at a time.
 */
export async function scheduleRawEventRetention(
  options: RawEventRetentionSettings & {
    db: Knex;
    scheduler: SchedulerService;
    logger: LoggerService;
  },
) {
  const { db, scheduler, logger, maxAgeDays, batchSize } = options;
  const retention = new RawEventRetention(db);
  await scheduler.scheduleTask({
    id: 'lineage-raw-event-retention',
    scope: 'global',
    ...(options.schedule ?? {
      frequency: { hours: 1 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 1 },
    }),
    fn: async signal => {
      const deleted = await retention.deleteOlderThan(
        // A whole number of milliseconds: Postgres takes no other bigint.
        Math.round(Date.now() - maxAgeDays * DAY_MS),
        { batchSize, signal },
      );
      if (deleted > 0) {
        logger.info(
          `Deleted ${deleted} raw lineage events older than ${maxAgeDays} days`,
        );
      }
    },
  });
}
