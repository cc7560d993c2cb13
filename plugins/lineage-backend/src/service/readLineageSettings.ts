import { Config } from '@backstage/config';
import { availableParallelism } from 'os';
import { DEFAULT_MAX_EVENT_PAGE_BYTES } from '../store/LineageReader';
import { MAX_READ_WINDOW_DAYS } from '../store/ReadWindow';
import {
  DEFAULT_GROUP_COMMIT_DELAY_MS,
  DEFAULT_MAX_WAITING_BYTES,
} from './IngestQueue';
import {
  RawEventRetentionSettings,
  readRawEventRetentionSettings,
} from './scheduleRawEventRetention';
import { refuseUnknownSettings } from './refuseUnknownSettings';
import { wholeNumberSetting } from './wholeNumberSetting';

const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_BATCH_EVENTS = 10_000;
const MAX_PARSER_THREADS = 16;
/** Bounds the latency a group's wait adds to each of its requests. */
const MAX_GROUP_COMMIT_DELAY_MS = 100;

/** The example lineage loaded into an empty store (`lineage.seed`). */
export type ExampleLineageSettings = {
  directory: string;
  /** Whether the seed's pipelines keep running once it is loaded. */
  replay: boolean;
};

/** The `lineage` settings, checked, with their defaults. */
export type LineageSettings = {
  /** Unset leaves the store's default (DEFAULT_READ_WINDOW_DAYS). */
  readWindowDays?: number;
  maxBodyBytes: number;
  maxBatchEvents: number;
  maxWaitingBytes: number;
  groupCommitDelayMs: number;
  maxEventPageBytes: number;
  parserThreads: number;
  ingestOnlySubjects: string[];
  /** Unset when raw events are kept for good. */
  retention?: RawEventRetentionSettings;
  /** Unset when no example lineage is loaded. */
  seed?: ExampleLineageSettings;
};

/**
 * Reads and checks the `lineage` settings. Called before anything starts,
 * so that a bad setting stops start-up with a message naming it.
 *
 * @param cores - the machine's cores, which the parser threads default from
 */
export function readLineageSettings(
  config: Config,
  cores = availableParallelism(),
): LineageSettings {
  const lineage = config.getOptionalConfig('lineage');
  if (lineage?.has('products.readWindowDays')) {
    throw new Error(
      'lineage.products.readWindowDays is now lineage.readWindowDays (it covers the dataset graph too)',
    );
  }
  refuseUnknownSettings(lineage, 'lineage', [
    'readWindowDays',
    'ingest',
    'events',
    'seed',
    'retention',
  ]);
  refuseUnknownSettings(
    lineage?.getOptionalConfig('ingest'),
    'lineage.ingest',
    [
      'maxBodyBytes',
      'maxBatchEvents',
      'maxWaitingBytes',
      'groupCommitDelayMs',
      'parserThreads',
      'ingestOnlySubjects',
    ],
  );
  refuseUnknownSettings(
    lineage?.getOptionalConfig('events'),
    'lineage.events',
    ['maxPageBytes'],
  );
  refuseUnknownSettings(lineage?.getOptionalConfig('seed'), 'lineage.seed', [
    'directory',
    'replay',
  ]);
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
    // Fewer bytes may wait than one request brings: the largest would be
    // refused whenever another waits.
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
  const retention = readRawEventRetentionSettings(lineage);
  const parserThreads = wholeNumberSetting(
    lineage,
    'ingest.parserThreads',
    Math.min(2, Math.max(1, cores - 1)),
    { min: 0, max: MAX_PARSER_THREADS },
  );
  const ingestOnlySubjects = lineage?.getOptionalStringArray(
    'ingest.ingestOnlySubjects',
  ) ?? ['meshwork-api-client'];
  const seedDirectory = lineage?.getOptionalString('seed.directory');
  return {
    readWindowDays,
    maxBodyBytes,
    maxBatchEvents,
    maxWaitingBytes,
    groupCommitDelayMs,
    maxEventPageBytes,
    parserThreads,
    ingestOnlySubjects,
    retention,
    seed: seedDirectory
      ? {
          directory: seedDirectory,
          // Read only beside a directory, as nothing else uses it.
          replay: lineage?.getOptionalBoolean('seed.replay') ?? false,
        }
      : undefined,
  };
}
