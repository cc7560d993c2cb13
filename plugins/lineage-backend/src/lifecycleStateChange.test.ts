import { mockCredentials } from '@backstage/backend-test-utils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import request from 'supertest';
import { lineageBackendHolding } from './__testUtils__/lineageBackendHolding';

const NS = 's3://scratch';
const HOUR = 3_600_000;

/** A run event of `job` at `time`, reading and writing datasets of NS. */
function runEvent(
  job: string,
  n: number,
  eventType: string,
  time: number,
  inputs: string[],
  outputs: Array<{ name: string; facets?: object }>,
) {
  return {
    eventType,
    eventTime: new Date(time).toISOString(),
    producer: 'https://example.com/test',
    run: { runId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` },
    job: { namespace: 'etl', name: job },
    inputs: inputs.map(name => ({ namespace: NS, name })),
    outputs: outputs.map(output => ({ namespace: NS, ...output })),
  };
}

const lifecycle = (change: string, extra: object = {}) => ({
  lifecycleStateChange: {
    _producer: 'https://example.com/test',
    _schemaURL:
      'https://openlineage.io/spec/facets/1-0-1/LifecycleStateChangeDatasetFacet.json',
    lifecycleStateChange: change,
    ...extra,
  },
});

/** Marquez's `data` of dataset `name` of NS, read through `get`. */
async function marquezDataset(
  get: (path: string) => request.Test,
  name: string,
) {
  const nodeId = encodeURIComponent(`dataset:${NS}:${name}`);
  const { body } = await get(`/api/v1/lineage?nodeId=${nodeId}&depth=0`).expect(
    200,
  );
  return body.graph[0].data;
}

describe('the lifecycleStateChange facet', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'links a renamed dataset to the one it was renamed from, sent twice and out of order, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const rename = lifecycle('RENAME', {
        previousIdentifier: { namespace: NS, name: 'T__TMP' },
      });
      const renamed = [
        runEvent('R', 2, 'START', now - HOUR, [], [{ name: 'T' }]),
        runEvent(
          'R',
          2,
          'COMPLETE',
          now - HOUR + 1000,
          [],
          [{ name: 'T', facets: rename }],
        ),
      ];
      // The rename first, and again after what wrote the temporary table.
      const { backend, get } = await lineageBackendHolding(knex, [
        ...renamed,
        runEvent('S', 1, 'START', now - 2 * HOUR, ['P'], [{ name: 'T__TMP' }]),
        runEvent(
          'S',
          1,
          'COMPLETE',
          now - 2 * HOUR + 1000,
          ['P'],
          [
            {
              name: 'T__TMP',
              facets: { outputStatistics: { rowCount: 500 } },
            },
          ],
        ),
      ]);
      try {
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage/batch')
          .set('Authorization', mockCredentials.user.header())
          .send(renamed.reverse())
          .expect(200);
        const graph = await get(
          `/graph?nodeId=${encodeURIComponent(`dataset:${NS}:T`)}&depth=3`,
        ).expect(200);
        expect(graph.body.nodes.map((n: any) => n.name).sort()).toEqual([
          'P',
          'R',
          'S',
          'T',
          'T__TMP',
        ]);
        const marquez = await get(
          `/api/v1/lineage?nodeId=${encodeURIComponent(
            `dataset:${NS}:T`,
          )}&depth=3`,
        ).expect(200);
        const job = marquez.body.graph.find((n: any) => n.id === 'job:etl:R');
        expect(job.data.inputs).toEqual([{ namespace: NS, name: 'T__TMP' }]);
        // The events are kept as sent, without the input linked.
        const events = await get('/events').expect(200);
        const stored = events.body.events.filter(
          (e: any) => e.job?.name === 'R',
        );
        expect(stored.map((e: any) => e.inputs)).toEqual([[], []]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "gives as Marquez's lastLifecycleState that of the latest write, whatever order the events came in, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const name = 'tmp/recreated';
      const written = (n: number, time: number) =>
        runEvent(
          'writer',
          n,
          'COMPLETE',
          time,
          [],
          [
            {
              name,
              facets: { schema: { fields: [{ name: 'id', type: 'BIGINT' }] } },
            },
          ],
        );
      const dropped = runEvent(
        'dropper',
        2,
        'COMPLETE',
        now - 2 * HOUR,
        [],
        [{ name, facets: lifecycle('DROP') }],
      );
      const { backend, get } = await lineageBackendHolding(knex, [
        written(1, now - 3 * HOUR),
        dropped,
      ]);
      const lineage = () => marquezDataset(get, name);
      const post = (event: object) =>
        request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', mockCredentials.user.header())
          .send(event)
          .expect(201);
      try {
        expect((await lineage()).lastLifecycleState).toBe('DROP');
        await post(written(3, now - HOUR));
        const data = await lineage();
        expect(data.lastLifecycleState).toBeNull();
        expect(data.lastModifiedAt).toBe(new Date(now - HOUR).toISOString());
        // An older drop arriving late changes nothing.
        await post(
          runEvent(
            'dropper',
            4,
            'COMPLETE',
            now - 90 * 60_000,
            [],
            [{ name, facets: lifecycle('DROP') }],
          ),
        );
        expect((await lineage()).lastLifecycleState).toBeNull();
        // A newer one does.
        await post(
          runEvent(
            'dropper',
            5,
            'COMPLETE',
            now - 30 * 60_000,
            [],
            [{ name, facets: lifecycle('DROP') }],
          ),
        );
        expect((await lineage()).lastLifecycleState).toBe('DROP');
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "gives as Marquez's lastLifecycleState a dataset event's state upper-cased, and none outside the spec, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const datasetEvent = (name: string, change: string) => ({
        eventTime: new Date(now - HOUR).toISOString(),
        producer: 'https://example.com/test',
        schemaURL:
          'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
        dataset: { namespace: NS, name, facets: lifecycle(change) },
      });
      const { backend, get } = await lineageBackendHolding(knex, [
        runEvent(
          'writer',
          1,
          'COMPLETE',
          now - 3 * HOUR,
          [],
          [{ name: 'tmp/lower' }, { name: 'tmp/odd' }],
        ),
        datasetEvent('tmp/lower', 'drop'),
        datasetEvent('tmp/odd', 'VANISHED'),
      ]);
      try {
        const { body } = await get(
          `/api/v1/lineage?nodeId=${encodeURIComponent(
            `dataset:${NS}:tmp/lower`,
          )}&depth=2`,
        ).expect(200);
        const stateOf = (name: string) =>
          body.graph.find(
            (node: { id: string }) => node.id === `dataset:${NS}:${name}`,
          ).data.lastLifecycleState;
        expect(stateOf('tmp/lower')).toBe('DROP');
        expect(stateOf('tmp/odd')).toBeNull();
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "gives as Marquez's lastLifecycleState none that a run reported but did not complete, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const name = 'tmp/kept';
      const { backend, get } = await lineageBackendHolding(knex, [
        runEvent('writer', 1, 'COMPLETE', now - 3 * HOUR, [], [{ name }]),
        runEvent(
          'dropper',
          2,
          'START',
          now - 2 * HOUR,
          [],
          [{ name, facets: lifecycle('DROP') }],
        ),
        runEvent('dropper', 2, 'FAIL', now - 2 * HOUR + 60_000, [], []),
      ]);
      const lineage = () => marquezDataset(get, name);
      try {
        expect((await lineage()).lastLifecycleState).toBeNull();
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', mockCredentials.user.header())
          .send(
            runEvent(
              'overwriter',
              3,
              'START',
              now - HOUR,
              [],
              [{ name, facets: lifecycle('OVERWRITE') }],
            ),
          )
          .expect(201);
        expect((await lineage()).lastLifecycleState).toBeNull();
      } finally {
        await backend.stop();
      }
    },
  );
});
