import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readLineageSettings } from './readLineageSettings';

const MB = 1024 * 1024;

const read = (lineage: JsonObject, cores = 8) =>
  readLineageSettings(new ConfigReader({ lineage }), cores);

describe('readLineageSettings', () => {
  it('gives the documented defaults when nothing is set', () => {
    expect(readLineageSettings(new ConfigReader({}), 8)).toEqual({
      readWindowDays: undefined,
      maxBodyBytes: 5 * MB,
      maxBatchEvents: 10_000,
      maxWaitingBytes: 128 * MB,
      groupCommitDelayMs: 1,
      maxEventPageBytes: 16 * MB,
      parserThreads: 2,
      ingestOnlySubjects: ['meshwork-api-client'],
      retention: undefined,
      seed: undefined,
    });
  });

  it('defaults the parser threads to one fewer than the cores, from 1 to 2', () => {
    expect([1, 2, 3, 64].map(cores => read({}, cores).parserThreads)).toEqual([
      1, 1, 2, 2,
    ]);
    // 0 parses in the backend's thread.
    expect(read({ ingest: { parserThreads: 0 } }).parserThreads).toBe(0);
  });

  it('lets no fewer bytes wait than a larger body brings, by default', () => {
    expect(read({ ingest: { maxBodyBytes: 200 * MB } })).toMatchObject({
      maxBodyBytes: 200 * MB,
      maxWaitingBytes: 200 * MB,
    });
  });

  it('reads what is set', () => {
    expect(
      read({
        readWindowDays: 3650,
        ingest: {
          maxBodyBytes: 2000,
          maxBatchEvents: 50,
          maxWaitingBytes: 2000,
          groupCommitDelayMs: 0,
          parserThreads: 16,
          ingestOnlySubjects: ['airflow'],
        },
        events: { maxPageBytes: 1 },
        retention: { rawEventsMaxAgeDays: 30 },
        seed: { directory: '../seed', replay: true },
      }),
    ).toEqual({
      readWindowDays: 3650,
      maxBodyBytes: 2000,
      maxBatchEvents: 50,
      maxWaitingBytes: 2000,
      groupCommitDelayMs: 0,
      maxEventPageBytes: 1,
      parserThreads: 16,
      ingestOnlySubjects: ['airflow'],
      retention: { maxAgeDays: 30, batchSize: 5000, schedule: undefined },
      seed: { directory: '../seed', replay: true },
    });
  });

  it('replays the seed only when told, and has none without a directory', () => {
    expect(read({ seed: { directory: '../seed' } }).seed).toEqual({
      directory: '../seed',
      replay: false,
    });
    expect(read({ seed: { replay: true } }).seed).toBeUndefined();
  });

  it.each<[string, JsonObject, string]>([
    [
      'the renamed products.readWindowDays',
      { products: { readWindowDays: 30 } },
      'lineage.products.readWindowDays is now lineage.readWindowDays (it covers the dataset graph too)',
    ],
    [
      'no read window',
      { readWindowDays: 0 },
      'lineage.readWindowDays must be a number of days above 0 and at most 3650, got 0',
    ],
    [
      'too long a read window',
      { readWindowDays: 3651 },
      'lineage.readWindowDays must be a number of days above 0 and at most 3650, got 3651',
    ],
    [
      'a fraction of a byte',
      { ingest: { maxBodyBytes: 0.5 } },
      'lineage.ingest.maxBodyBytes must be a whole number above 0, got 0.5',
    ],
    [
      'no events in a batch',
      { ingest: { maxBatchEvents: 0 } },
      'lineage.ingest.maxBatchEvents must be a whole number above 0, got 0',
    ],
    [
      'no bytes waiting',
      { ingest: { maxWaitingBytes: -1 } },
      'lineage.ingest.maxWaitingBytes must be a whole number above 0, got -1',
    ],
    [
      'fewer bytes waiting than a body brings',
      { ingest: { maxBodyBytes: 2_000, maxWaitingBytes: 1_999 } },
      'lineage.ingest.maxWaitingBytes must be at least lineage.ingest.maxBodyBytes (2000), got 1999',
    ],
    [
      'fewer bytes waiting than the default body brings',
      { ingest: { maxWaitingBytes: 1_000 } },
      'lineage.ingest.maxWaitingBytes must be at least lineage.ingest.maxBodyBytes (5242880), got 1000',
    ],
    [
      'too long a group commit delay',
      { ingest: { groupCommitDelayMs: 101 } },
      'lineage.ingest.groupCommitDelayMs must be a whole number from 0 to 100, got 101',
    ],
    [
      'a negative group commit delay',
      { ingest: { groupCommitDelayMs: -1 } },
      'lineage.ingest.groupCommitDelayMs must be a whole number from 0 to 100, got -1',
    ],
    [
      'an empty event page',
      { events: { maxPageBytes: 0 } },
      'lineage.events.maxPageBytes must be a whole number above 0, got 0',
    ],
    [
      'too many parser threads',
      { ingest: { parserThreads: 17 } },
      'lineage.ingest.parserThreads must be a whole number from 0 to 16, got 17',
    ],
    [
      'a bad retention',
      { retention: { rawEventsMaxAgeDays: 36_501 } },
      'lineage.retention.rawEventsMaxAgeDays must be a number of days above 0 and at most 36500, got 36501',
    ],
    [
      'a misspelt retention setting',
      { retention: { rawEventMaxAgeDays: 30 } },
      'lineage.retention.rawEventMaxAgeDays is not a setting: expected one of lineage.retention.rawEventsMaxAgeDays, lineage.retention.batchSize, lineage.retention.schedule',
    ],
    [
      'a misspelt ingest setting',
      { ingest: { maxBodyByte: 2_000 } },
      'lineage.ingest.maxBodyByte is not a setting: expected one of lineage.ingest.maxBodyBytes, lineage.ingest.maxBatchEvents, lineage.ingest.maxWaitingBytes, lineage.ingest.groupCommitDelayMs, lineage.ingest.parserThreads, lineage.ingest.ingestOnlySubjects',
    ],
    [
      'a misspelt setting of lineage itself',
      { readWindowDay: 30 },
      'lineage.readWindowDay is not a setting: expected one of lineage.readWindowDays, lineage.ingest, lineage.events, lineage.seed, lineage.retention',
    ],
    [
      'another products setting',
      { products: { cacheSeconds: 30 } },
      'lineage.products is not a setting',
    ],
    [
      'a misspelt events setting',
      { events: { maxPageByte: 1 } },
      'lineage.events.maxPageByte is not a setting: expected one of lineage.events.maxPageBytes',
    ],
    [
      'a misspelt seed setting',
      { seed: { directory: '../seed', replays: true } },
      'lineage.seed.replays is not a setting: expected one of lineage.seed.directory, lineage.seed.replay',
    ],
    [
      'ingest-only subjects that are no list',
      { ingest: { ingestOnlySubjects: 'airflow' } },
      "Invalid type in config for key 'lineage.ingest.ingestOnlySubjects'",
    ],
    [
      'a seed directory that is no string',
      { seed: { directory: true } },
      "Invalid type in config for key 'lineage.seed.directory'",
    ],
  ])('refuses %s, naming the setting', (_, lineage, message) => {
    expect(() => read(lineage)).toThrow(message);
  });
});
