import { createStoreTestDatabases } from '@meshwork/test-utils';
import { Knex } from 'knex';
import { validEvent } from '../__testUtils__/validEvent';
import { keyOf } from './keyOf';
import { nodeTypes } from './nodeTypes';
import { OpenLineageEventStore } from './OpenLineageEventStore';

const PRODUCER = 'https://example.com/test';
const KAFKA = 'kafka://broker:9092';
const NS = 'postgres://db:5432';

const jobType = (processingType: string) => ({
  jobType: {
    _producer: PRODUCER,
    _schemaURL: 'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json',
    processingType,
    integration: 'FLINK',
    jobType: 'JOB',
  },
});
const datasetType = (type: string) => ({
  datasetType: {
    _producer: PRODUCER,
    _schemaURL:
      'https://openlineage.io/spec/facets/1-0-0/DatasetTypeDatasetFacet.json',
    datasetType: type,
  },
});
const deleted = (facet: string) => ({ [facet]: { _deleted: true } });
const schema = (...names: string[]) => ({
  schema: {
    _producer: PRODUCER,
    _schemaURL:
      'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json',
    fields: names.map(name => ({ name })),
  },
});

let seconds = 0;
/** An event of job `etl/job`, with its facets, writing `orders` and `topic`. */
function event(
  jobFacets: object,
  ordersFacets: object,
  topicFacets: object = {},
) {
  seconds++;
  return validEvent({
    eventType: 'COMPLETE',
    eventTime: new Date(Date.UTC(2026, 11, 1, 10, 0, seconds)).toISOString(),
    producer: PRODUCER,
    run: {
      runId: `00000000-0000-4000-8000-${String(seconds).padStart(12, '0')}`,
    },
    job: { namespace: 'etl', name: 'job', facets: jobFacets },
    outputs: [
      { namespace: NS, name: 'orders', facets: ordersFacets },
      { namespace: KAFKA, name: 'topic', facets: topicFacets },
    ],
  });
}

/** The Marquez type of the job, `orders` and `topic`, in that order. */
async function types(knex: Knex) {
  const job = await knex('lineage_jobs').first('id');
  const datasets = await knex('lineage_datasets')
    .orderBy('name')
    .select('id', 'name');
  const keys = [
    keyOf('job', job.id),
    ...datasets.map(d => keyOf('dataset', d.id)),
  ];
  const typed = await nodeTypes(knex, keys);
  return keys.map(key => typed.get(key)!.marquezType);
}

describe('nodeTypes', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives the types the facets stored declare as they change or are deleted, a stream by its namespace, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);

      await store.ingest([event({}, {})]);
      expect(await types(knex)).toEqual(['BATCH', 'DB_TABLE', 'STREAM']);

      await store.ingest([
        event(jobType('streaming'), datasetType('STREAM'), datasetType('x')),
      ]);
      expect(await types(knex)).toEqual(['STREAM', 'STREAM', 'STREAM']);

      await store.ingest([event(jobType('SERVICE'), datasetType('TABLE'))]);
      expect(await types(knex)).toEqual(['SERVICE', 'DB_TABLE', 'STREAM']);

      await store.ingest([event(jobType('STREAMING'), datasetType('stream'))]);
      await store.ingest([
        event(
          deleted('jobType'),
          deleted('datasetType'),
          deleted('datasetType'),
        ),
      ]);
      expect(await types(knex)).toEqual(['BATCH', 'DB_TABLE', 'STREAM']);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the stored type as it is when other facets change, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      await store.ingest([event(jobType('STREAMING'), datasetType('STREAM'))]);
      // Written only with the type facet: a value it never takes shows any
      // other write.
      await knex('lineage_jobs').update({ marquez_type: 'SERVICE' });
      await knex('lineage_datasets')
        .where('name', 'orders')
        .update({ marquez_type: 'DB_TABLE' });

      await store.ingest([
        event(
          { ...jobType('STREAMING'), sql: { query: 'select 1' } },
          { ...datasetType('STREAM'), ...schema('id') },
        ),
      ]);
      expect(await types(knex)).toEqual(['SERVICE', 'DB_TABLE', 'STREAM']);

      await store.ingest([event(jobType('BATCH'), datasetType('stream'))]);
      expect(await types(knex)).toEqual(['BATCH', 'STREAM', 'STREAM']);
    },
  );
});
