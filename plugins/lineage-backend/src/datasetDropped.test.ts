import { mockCredentials } from '@backstage/backend-test-utils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import request from 'supertest';
import { lineageBackendHolding } from './__testUtils__/lineageBackendHolding';

const NS = 's3://scratch';
const HOUR = 3_600_000;
const NAME = 'mart/orders';

/** A COMPLETE event of run `n` of `job` at `time`, writing NAME. */
function written(job: string, n: number, time: number, facets: object = {}) {
  return {
    eventType: 'COMPLETE',
    eventTime: new Date(time).toISOString(),
    producer: 'https://example.com/test',
    run: { runId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` },
    job: { namespace: 'etl', name: job },
    inputs: [],
    outputs: [{ namespace: NS, name: NAME, facets }],
  };
}

const lifecycle = (change: string) => ({
  lifecycleStateChange: {
    _producer: 'https://example.com/test',
    _schemaURL:
      'https://openlineage.io/spec/facets/1-0-1/LifecycleStateChangeDatasetFacet.json',
    lifecycleStateChange: change,
  },
});

const DETAILS = `/datasets?nodeId=${encodeURIComponent(
  `dataset:${NS}:${NAME}`,
)}`;

describe("the /datasets answer's dropped", () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'says when and by what a drop was, until a later write, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const { backend, get } = await lineageBackendHolding(knex, [
        written('loader', 1, now - 3 * HOUR),
        written('dropper', 2, now - 2 * HOUR, lifecycle('DROP')),
      ]);
      try {
        expect((await get(DETAILS).expect(200)).body.dropped).toEqual({
          at: new Date(now - 2 * HOUR).toISOString(),
          job: { namespace: 'etl', name: 'dropper' },
          runId: '00000000-0000-4000-8000-000000000002',
        });
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', mockCredentials.user.header())
          .send(written('loader', 3, now - HOUR))
          .expect(201);
        expect((await get(DETAILS).expect(200)).body).not.toHaveProperty(
          'dropped',
        );
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'says a dataset event dropped it, by no job, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const { backend, get } = await lineageBackendHolding(knex, [
        written('loader', 1, now - 3 * HOUR),
        {
          eventTime: new Date(now - HOUR).toISOString(),
          producer: 'https://example.com/test',
          schemaURL:
            'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
          dataset: { namespace: NS, name: NAME, facets: lifecycle('DROP') },
        },
      ]);
      try {
        expect((await get(DETAILS).expect(200)).body.dropped).toEqual({
          at: new Date(now - HOUR).toISOString(),
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'is not said of a truncate, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const { backend, get } = await lineageBackendHolding(knex, [
        written('loader', 1, now - 3 * HOUR),
        written('truncator', 2, now - 2 * HOUR, lifecycle('TRUNCATE')),
      ]);
      try {
        expect((await get(DETAILS).expect(200)).body).not.toHaveProperty(
          'dropped',
        );
      } finally {
        await backend.stop();
      }
    },
  );
});
