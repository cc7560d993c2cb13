import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  ServiceMock,
} from '@backstage/backend-test-utils';
import {
  closeStoreDatabase,
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import zlib from 'zlib';
import { lineageBackendHolding } from './__testUtils__/lineageBackendHolding';
import { sendRaw } from './__testUtils__/sendRaw';
import { refuseEventsOfJob } from './__testUtils__/refuseEventsOfJob';
import { startLineageBackend } from './__testUtils__/startLineageBackend';
import { Named } from './store/facetValues';

const NS = 'postgres://db.example:5432';
const user = mockCredentials.user.header();
const ingestOnly = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('meshwork-api-client'),
  targetPluginId: 'lineage',
});

let counter = 0;
function runEvent(
  job: string,
  inputs: string[],
  outputs: string[],
  extra: Record<string, unknown> = {},
) {
  counter++;
  return {
    eventType: 'COMPLETE',
    eventTime: `2024-11-26T13:00:${String(counter % 60).padStart(
      2,
      '0',
    )}.123456Z`,
    producer: 'https://example.com/test',
    run: {
      runId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    },
    job: { namespace: 'etl', name: job },
    inputs: inputs.map(name => ({ namespace: NS, name })),
    outputs: outputs.map(name => ({
      namespace: NS,
      name,
      facets: {
        schema: { fields: [{ name: 'id', type: 'BIGINT' }] },
        columnLineage: {
          fields: {
            id: {
              inputFields: inputs.map(input => ({
                namespace: NS,
                name: input,
                field: 'id',
                transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
              })),
            },
          },
        },
      },
    })),
    ...extra,
  };
}

/** A backend with Backstage's own auth, taking `token` as a static token. */
function startWithStaticToken(knex: Knex, token: string) {
  return startLineageBackend(knex, {
    features: [authServiceFactory, httpAuthServiceFactory],
    config: {
      backend: {
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token, subject: 'meshwork-api-client' },
            },
          ],
        },
      },
    },
  });
}

describe('lineage API', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    "tells a dataset's last completed write from the last facet about it, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const written = runEvent('load', [], ['mart.t'], {
        eventTime: '2024-11-20T06:00:00Z',
      });
      const failed = runEvent('load', [], ['mart.t'], {
        eventType: 'FAIL',
        eventTime: '2024-11-25T06:00:00Z',
      });
      // A reader reporting the table's schema, as a dashboard job does.
      const read = runEvent('dashboard', ['mart.t'], [], {
        eventTime: '2024-11-26T06:00:00Z',
        inputs: [
          {
            namespace: NS,
            name: 'mart.t',
            facets: { schema: { fields: [{ name: 'id', type: 'BIGINT' }] } },
          },
        ],
      });
      const { backend, get } = await lineageBackendHolding(knex, [
        written,
        failed,
        read,
        runEvent('copy', ['raw.t'], []),
      ]);
      try {
        const details = (nodeId: string) =>
          get(`/datasets?nodeId=${encodeURIComponent(nodeId)}`).expect(200);
        expect((await details(`dataset:${NS}:mart.t`)).body.lastWrite).toEqual({
          runId: written.run.runId,
          endedAt: '2024-11-20T06:00:00.000Z',
        });
        expect(
          (await details(`dataset:${NS}:raw.t`)).body.lastWrite,
        ).toBeNull();
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'lets no event dated ahead of the clock outrank a later correct one, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      const post = (event: object) =>
        request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', user)
          .send(event)
          .expect(201);
      const get = (path: string) =>
        request(backend.server)
          .get(`/api/lineage${path}`)
          .set('Authorization', user)
          .expect(200);
      const wrote = (eventTime: string, columns: string[]) => {
        const event = runEvent('load', [], ['typo.t'], { eventTime });
        event.outputs[0].facets.schema.fields = columns.map(name => ({
          name,
          type: 'BIGINT',
        }));
        return event;
      };
      try {
        // A year typo'd two centuries ahead, then a correct event after it.
        const typo = wrote('2206-12-07T05:00:00Z', ['id']);
        await post(typo);
        const correct = wrote(new Date().toISOString(), ['id', 'amount']);
        await post(correct);
        const { body } = await get(
          `/datasets?nodeId=${encodeURIComponent(`dataset:${NS}:typo.t`)}`,
        );
        expect(body.facets.schema.fields.map((f: Named) => f.name)).toEqual([
          'id',
          'amount',
        ]);
        expect(body.columns).toEqual(['amount', 'id']);
        expect(body.lastWrite.runId).toBe(correct.run.runId);
        const runs = await get(
          `/runs?job=${encodeURIComponent('job:etl:load')}`,
        );
        expect(runs.body.runs.map((r: { runId: string }) => r.runId)).toEqual([
          correct.run.runId,
          typo.run.runId,
        ]);
        // The event itself is kept as sent.
        const events = await get('/events');
        expect(events.body.events.map((e: any) => e.eventTime)).toContain(
          typo.eventTime,
        );
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'ingests single events and batches and answers graph queries, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      const post = (path: string) =>
        request(backend.server)
          .post(`/api/lineage${path}`)
          .set('Authorization', user)
          .set('Content-Type', 'application/json');
      const get = (path: string) =>
        request(backend.server)
          .get(`/api/lineage${path}`)
          .set('Authorization', user);
      try {
        // a → ingest → b → transform → c → report → d, and b → side → e
        const first = runEvent('ingest', ['a'], ['b']);
        await post('/api/v1/lineage').send(first).expect(201);
        await post('/api/v1/lineage')
          .send(first)
          .expect(200, { stored: 0, duplicates: 1 });
        const batch = await post('/api/v1/lineage/batch')
          .send([
            runEvent('transform', ['b'], ['c']),
            runEvent('report', ['c'], ['d']),
            { eventTime: 'never', producer: 'p', run: { runId: 'x' }, job: {} },
          ])
          .expect(200);
        // The OpenLineage spec's batch response, with Meshwork's details.
        expect(batch.body).toMatchObject({
          status: 'partial_success',
          summary: {
            received: 3,
            successful: 2,
            failed: 1,
            retriable: 0,
            non_retriable: 1,
          },
          failed_events: [
            {
              index: 2,
              reason: expect.stringContaining('eventTime'),
              retriable: false,
            },
          ],
          stored: 2,
          failed: [{ index: 2 }],
        });
        expect(batch.body.failed[0].reason).toContain('eventTime');
        // A service's, which Marquez types apart from batch jobs.
        const side = {
          ...runEvent('side', ['b'], ['e']),
          job: {
            namespace: 'etl',
            name: 'side',
            facets: {
              jobType: {
                _producer: 'https://example.com/test',
                _schemaURL:
                  'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json',
                processingType: 'SERVICE',
                integration: 'FLINK',
                jobType: 'JOB',
              },
            },
          },
        };
        await post('/api/v1/lineage/batch')
          .send([side])
          .expect(200, {
            status: 'success',
            summary: {
              received: 1,
              successful: 1,
              failed: 0,
              retriable: 0,
              non_retriable: 0,
            },
            failed_events: [],
            stored: 1,
            duplicates: 0,
            failed: [],
          });
        // gzip, by header and by magic bytes alone
        const gz = zlib.gzipSync(JSON.stringify(runEvent('gz1', ['d'], ['f'])));
        await sendRaw(
          post('/api/v1/lineage').set('Content-Encoding', 'gzip'),
          gz,
        ).expect(201);
        const gz2 = zlib.gzipSync(
          JSON.stringify(runEvent('gz2', ['f'], ['g'])),
        );
        await sendRaw(post('/api/v1/lineage'), gz2).expect(201);

        const marquez = await get(
          `/api/v1/lineage?nodeId=${encodeURIComponent(
            `dataset:${NS}:b`,
          )}&depth=1`,
        ).expect(200);
        const ids = marquez.body.graph.map((n: { id: string }) => n.id).sort();
        expect(ids).toEqual(
          [
            `dataset:${NS}:a`,
            `dataset:${NS}:b`,
            `dataset:${NS}:c`,
            `dataset:${NS}:e`,
            'job:etl:ingest',
            'job:etl:side',
            'job:etl:transform',
          ].sort(),
        );
        const b = marquez.body.graph.find(
          (n: any) => n.id === `dataset:${NS}:b`,
        );
        expect(b).toMatchObject({
          type: 'DATASET',
          data: {
            id: { namespace: NS, name: 'b' },
            // Marquez's dataset types, which its web UI tells nodes by.
            type: 'DB_TABLE',
            namespace: NS,
            name: 'b',
            physicalName: 'b',
            sourceName: NS,
            fields: [
              { name: 'id', type: 'BIGINT', tags: [], description: null },
            ],
            tags: [],
            lastModifiedAt: expect.stringMatching(/^2024-11-26T13:00:/),
          },
          inEdges: [
            { origin: 'job:etl:ingest', destination: `dataset:${NS}:b` },
          ],
        });
        expect(b.outEdges).toHaveLength(2);
        const ingest = marquez.body.graph.find(
          (n: any) => n.id === 'job:etl:ingest',
        );
        expect(ingest.data).toMatchObject({
          id: { namespace: 'etl', name: 'ingest' },
          type: 'BATCH',
          simpleName: 'ingest',
          parentJobName: null,
          inputs: [{ namespace: NS, name: 'a' }],
          outputs: [{ namespace: NS, name: 'b' }],
          latestRun: {
            state: 'COMPLETED',
            endedAt: expect.stringMatching(/^2024-11-26T13:00:/),
            args: {},
          },
        });
        expect(Date.parse(ingest.data.createdAt)).not.toBeNaN();
        expect(
          marquez.body.graph.find((n: any) => n.id === 'job:etl:side').data
            .type,
        ).toBe('SERVICE');
        expect(marquez.body.truncated).toBe(false);
        const cappedMarquez = await get(
          `/api/v1/lineage?nodeId=${encodeURIComponent(
            `dataset:${NS}:b`,
          )}&depth=1&maxNodes=2`,
        ).expect(200);
        expect(cappedMarquez.body.graph).toHaveLength(2);
        expect(cappedMarquez.body.truncated).toBe(true);

        const downstream = await get(
          `/graph?nodeId=${encodeURIComponent(
            `dataset:${NS}:a`,
          )}&direction=downstream&depth=10`,
        ).expect(200);
        expect(downstream.body.truncated).toBe(false);
        expect(downstream.body.nodes.map((n: any) => n.name)).toEqual(
          expect.arrayContaining(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'gz2']),
        );
        const capped = await get(
          `/graph?nodeId=${encodeURIComponent(
            `dataset:${NS}:a`,
          )}&direction=downstream&depth=10&maxNodes=3`,
        ).expect(200);
        expect(capped.body).toMatchObject({ truncated: true });
        expect(capped.body.nodes).toHaveLength(3);
        const asymmetric = await get(
          `/graph?nodeId=${encodeURIComponent(
            `dataset:${NS}:c`,
          )}&upstreamDepth=1&downstreamDepth=0`,
        ).expect(200);
        expect(asymmetric.body.nodes.map((n: any) => n.name).sort()).toEqual([
          'b',
          'c',
          'transform',
        ]);
        const before = await get(
          `/graph?nodeId=${encodeURIComponent(
            `dataset:${NS}:a`,
          )}&direction=downstream&asOf=2000-01-01T00:00:00Z`,
        ).expect(200);
        expect(before.body.nodes).toHaveLength(1);

        const columns = await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            `datasetField:${NS}:d:id`,
          )}&depth=10`,
        ).expect(200);
        expect(columns.body.graph.map((n: any) => n.id).sort()).toEqual(
          ['a', 'b', 'c', 'd'].map(n => `datasetField:${NS}:${n}:id`),
        );
        expect(columns.body.truncated).toBe(false);
        const cappedColumns = await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            `datasetField:${NS}:d:id`,
          )}&depth=10&maxNodes=2`,
        ).expect(200);
        expect(cappedColumns.body.graph).toHaveLength(3);
        expect(cappedColumns.body.truncated).toBe(true);
        const withDownstream = await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            `datasetField:${NS}:b:id`,
          )}&depth=1&withDownstream=true`,
        ).expect(200);
        expect(
          withDownstream.body.graph.map((n: any) => n.data.dataset).sort(),
        ).toEqual(['a', 'b', 'c', 'e']);
        // Each direction has its own share of the cap.
        const cappedBothWays = await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            `datasetField:${NS}:b:id`,
          )}&depth=1&withDownstream=true&maxNodes=1`,
        ).expect(200);
        const reached = cappedBothWays.body.graph
          .map((n: any) => n.data.dataset)
          .sort();
        expect(reached).toHaveLength(3);
        expect(reached.slice(0, 2)).toEqual(['a', 'b']);
        expect(['c', 'e']).toContain(reached[2]);
        expect(cappedBothWays.body.truncated).toBe(true);

        const search = await get('/search?q=%20ran%20&type=job').expect(200);
        expect(search.body.results.map((r: any) => r.name)).toEqual([
          'transform',
        ]);
        for (const q of ['%20%20', 'x'.repeat(257)]) {
          const refused = await get(`/search?q=${q}`).expect(400);
          expect(refused.body.error.message).toBe(
            'Query parameter q must be text of 1 to 256 characters',
          );
        }
        const columnSearch = await get(
          '/search?q=id&type=column&limit=2',
        ).expect(200);
        expect(columnSearch.body.results).toHaveLength(2);
        const runs = await get(
          `/runs?job=${encodeURIComponent('job:etl:ingest')}`,
        ).expect(200);
        expect(runs.body.runs).toEqual([
          expect.objectContaining({ state: 'COMPLETE' }),
        ]);
        const dataset = await get(
          `/datasets?nodeId=${encodeURIComponent(`dataset:${NS}:b`)}`,
        ).expect(200);
        expect(dataset.body.schemaVersions).toHaveLength(1);

        const page1 = await get('/events?limit=4').expect(200);
        expect(page1.body.events).toHaveLength(4);
        const page2 = await get(
          `/events?limit=4&cursor=${page1.body.nextCursor}`,
        ).expect(200);
        expect(page2.body.events).toHaveLength(2);
        expect(page2.body.nextCursor).toBeUndefined();
        const runIds = [...page1.body.events, ...page2.body.events].map(
          (e: any) => e.run.runId,
        );
        expect(new Set(runIds).size).toBe(6);

        await get('/api/v1/lineage?nodeId=dataset:nowhere:none').expect(404);
        await get('/api/v1/lineage?nodeId=table:x').expect(400);
        // Meshwork's own routes take no depth out of range, nor two.
        for (const depth of ['-1', '101', '1&depth=2']) {
          await get(`/graph?nodeId=job:etl:ingest&depth=${depth}`).expect(400);
        }
        for (const notDecimal of ['0x3', '1e1', '%205%20', '2.0', '+2']) {
          const res = await get(
            `/graph?nodeId=job:etl:ingest&depth=${notDecimal}`,
          ).expect(400);
          expect(res.body.error.message).toMatch(
            /Query parameter depth must be an integer from 0 to 100/,
          );
        }
        await get('/graph?nodeId=job:etl:ingest&depth=02').expect(200);
        const refused = await get(
          '/graph?nodeId=job:etl:ingest&edges=some&direction=up',
        ).expect(400);
        expect(refused.body.error.message).toBe(
          'Query parameter direction must be both, upstream or downstream, got "up"',
        );
        const edges = await get(
          '/graph?nodeId=job:etl:ingest&edges=some',
        ).expect(400);
        expect(edges.body.error.message).toBe(
          'Query parameter edges must be all or current, got "some"',
        );

        // transform reads b2 instead of b, 60 days on: b is no longer a
        // current input, though every edge ever seen is shown by default.
        await post('/api/v1/lineage')
          .send(
            runEvent('transform', ['b2'], ['c'], {
              eventTime: '2025-01-25T13:00:00Z',
            }),
          )
          .expect(201);
        const c = encodeURIComponent(`dataset:${NS}:c`);
        const inputsOfTransform = async (query: string) =>
          (
            await get(`/graph?nodeId=${c}&upstreamDepth=1&${query}`).expect(200)
          ).body.edges
            .filter((e: { target: string }) => e.target === 'job:etl:transform')
            .map((e: { source: string }) => e.source)
            .sort();
        const b2 = `dataset:${NS}:b2`;
        expect(await inputsOfTransform('edges=current')).toEqual([b2]);
        expect(await inputsOfTransform('')).toEqual([`dataset:${NS}:b`, b2]);
        const marquezInputs = async (query: string) => {
          const transform = (
            await get(`/api/v1/lineage?nodeId=${c}&depth=1${query}`).expect(200)
          ).body.graph.find(
            (n: { id: string }) => n.id === 'job:etl:transform',
          );
          const inputs = transform.inEdges
            .map((e: { origin: string }) => e.origin)
            .sort();
          // Its data's inputs are those of its edges.
          expect(
            transform.data.inputs
              .map((d: Named) => `dataset:${d.namespace}:${d.name}`)
              .sort(),
          ).toEqual(inputs);
          return inputs;
        };
        // As Marquez walks its jobs' current versions, unless asked for all.
        expect(await marquezInputs('')).toEqual([b2]);
        expect(await marquezInputs('&edges=all')).toEqual([
          `dataset:${NS}:b`,
          b2,
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps facets exactly as sent (integers too large for a number, a facet named __proto__), on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      const big = '12345678901234567890';
      const negative = '-98765432109876543210';
      // JSON.stringify cannot write such integers: placeholders, replaced.
      const withBig = (text: string) =>
        text.replace(/"BIG"/g, big).replace(/"NEGATIVE"/g, negative);
      const event = (i: number, facets: Record<string, unknown>) => {
        const base = runEvent(`exact_${i}`, ['exact_in'], ['exact_out']);
        return {
          ...base,
          run: {
            ...base.run,
            facets: { orchestrator: { attempt: 'BIG', small: 7 } },
          },
          outputs: base.outputs.map(o => ({
            ...o,
            facets: { ...o.facets, ...facets },
          })),
        };
      };
      const get = (path: string) =>
        request(backend.server)
          .get(`/api/lineage${path}`)
          .set('Authorization', user)
          .expect(200);
      try {
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', ingestOnly)
          .set('Content-Type', 'application/json')
          .send(
            withBig(
              JSON.stringify(
                event(0, {
                  custom: { id: 'BIG', negative: 'NEGATIVE', ratio: 0.5 },
                }),
              ),
            ).replace('"custom":', '"__proto__":{"kept":true},"custom":'),
          )
          .expect(201);
        // A batch large enough for a parser thread, adding a facet to the
        // same dataset: its stored facets are read back and merged.
        const batch = Array.from({ length: 150 }, (_, i) =>
          event(i + 1, { other: { tag: 'x'.repeat(200), n: 'BIG' } }),
        );
        const body = withBig(JSON.stringify(batch));
        expect(body.length).toBeGreaterThan(64 * 1024);
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage/batch')
          .set('Authorization', ingestOnly)
          .set('Content-Type', 'application/json')
          .send(body)
          .expect(200);

        const dataset = await get(
          `/datasets?nodeId=${encodeURIComponent(`dataset:${NS}:exact_out`)}`,
        );
        expect(dataset.text).toContain(
          `"custom":{"id":${big},"negative":${negative},"ratio":0.5}`,
        );
        expect(dataset.text).toContain(`"n":${big}`);
        expect(dataset.text).toContain('"__proto__":{"kept":true}');
        const runs = await get(
          `/runs?job=${encodeURIComponent('job:etl:exact_150')}`,
        );
        expect(runs.text).toContain(`"attempt":${big},"small":7`);
        const events = await get('/events?limit=1000');
        expect(events.text).toContain(`"attempt":${big}`);
        expect(events.text).toContain(`"negative":${negative}`);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'parses large batches on a parser thread, answering per event, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      try {
        const events = Array.from({ length: 150 }, (_, i) =>
          runEvent(`large_${i}`, [`large_in_${i}`], [`large_out_${i}`]),
        );
        const body = JSON.stringify([
          ...events,
          { ...events[0], eventTime: 'later' },
        ]);
        expect(body.length).toBeGreaterThan(64 * 1024);
        const answer = await sendRaw(
          request(backend.server)
            .post('/api/lineage/api/v1/lineage/batch')
            .set('Authorization', ingestOnly)
            .set('Content-Type', 'application/json')
            .set('Content-Encoding', 'gzip'),
          zlib.gzipSync(body),
        ).expect(200);
        expect(answer.body).toMatchObject({
          stored: 150,
          duplicates: 0,
          failed: [
            { index: 150, reason: expect.stringContaining('eventTime') },
          ],
        });
        const graph = await request(backend.server)
          .get(
            `/api/lineage/api/v1/lineage?nodeId=${encodeURIComponent(
              `dataset:${NS}:large_in_149`,
            )}&depth=2`,
          )
          .set('Authorization', user)
          .expect(200);
        expect(
          graph.body.graph.map((n: { id: string }) => n.id).sort(),
        ).toEqual([
          `dataset:${NS}:large_in_149`,
          `dataset:${NS}:large_out_149`,
          'job:etl:large_149',
        ]);
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage/batch')
          .set('Authorization', ingestOnly)
          .set('Content-Type', 'application/json')
          .send(`${' '.repeat(64 * 1024)}[{"run": `)
          .expect(400, /Request body is not valid JSON/);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'stores an event whose facet holds a list longer than a call takes arguments, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      try {
        const event = runEvent('long_list', ['in'], ['out']);
        // Valid: the event's schema leaves what a facet holds to the
        // facet. 2 MB, under the size limit, parsed on a parser thread.
        event.outputs[0].facets.columnLineage = {
          fields: {},
          dataset: new Array(1_000_000).fill(0),
        } as any;
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', user)
          .send(event)
          .expect(201);
        expect(
          await knex('lineage_datasets').where('name', 'out').select('name'),
        ).toEqual([{ name: 'out' }]);
      } finally {
        await backend.stop();
      }
    },
    // A 2 MB body, parsed twice: on a loaded machine, over 5 s.
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'keeps one schema version of an event sent again with the keys of its fields in another order, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      try {
        const event = runEvent('load', [], ['out']);
        const send = (fields: object[]) => {
          event.outputs[0].facets = { schema: { fields } } as any;
          return request(backend.server)
            .post('/api/lineage/api/v1/lineage')
            .set('Authorization', user)
            .send(event)
            .expect(201);
        };
        await send([{ name: 'id', type: 'BIGINT' }]);
        // As a relay re-serialising the event may send it.
        await send([{ type: 'BIGINT', name: 'id' }]);
        const dataset = await request(backend.server)
          .get(
            `/api/lineage/datasets?nodeId=${encodeURIComponent(
              `dataset:${NS}:out`,
            )}`,
          )
          .set('Authorization', user)
          .expect(200);
        expect(dataset.body.schemaVersions).toEqual([
          expect.objectContaining({ fields: [{ name: 'id', type: 'BIGINT' }] }),
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'takes events whose optional fields are null, as default JSON mappers write them, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      const base = runEvent('nulls', [], []);
      try {
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage/batch')
          .set('Authorization', user)
          .send([
            {
              ...base,
              eventType: null,
              schemaURL: null,
              run: { ...base.run, facets: null },
              job: { ...base.job, facets: null },
              inputs: [
                {
                  namespace: NS,
                  name: 'null_in',
                  facets: null,
                  inputFacets: null,
                  outputFacets: null,
                },
              ],
              outputs: null,
            },
            {
              eventTime: base.eventTime,
              producer: base.producer,
              job: { namespace: 'etl', name: 'null_job_event', facets: null },
              inputs: null,
              outputs: [{ namespace: NS, name: 'null_out', facets: null }],
            },
            {
              eventTime: base.eventTime,
              producer: base.producer,
              dataset: { namespace: NS, name: 'null_dataset', facets: null },
            },
          ])
          .expect(200, {
            status: 'success',
            summary: {
              received: 3,
              successful: 3,
              failed: 0,
              retriable: 0,
              non_retriable: 0,
            },
            failed_events: [],
            stored: 3,
            duplicates: 0,
            failed: [],
          });
        expect(
          (await knex('lineage_jobs').orderBy('name').select('name')).map(
            row => row.name,
          ),
        ).toEqual(['null_job_event', 'nulls']);
        expect(
          (await knex('lineage_datasets').orderBy('name').select('name')).map(
            row => row.name,
          ),
        ).toEqual(['null_dataset', 'null_in', 'null_out']);
        expect(await knex('lineage_runs').select('state')).toEqual([
          { state: 'OTHER' },
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'takes NaN and Infinity as Python writes float values, as null, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      const event = runEvent('python_metrics', [], []);
      const metrics = (min: number, max: number) => ({
        outputs: [
          {
            namespace: NS,
            name: 'profiled',
            outputFacets: {
              dataQualityMetrics: {
                rowCount: 2,
                columnMetrics: { price: { nullCount: 0, min, max } },
              },
            },
          },
        ],
      });
      // As Python's json.dumps writes it, with a "NaN" string left alone.
      const body = (job: string) =>
        JSON.stringify({
          ...event,
          run: { runId: `${event.run.runId.slice(0, -3)}${job.length}` },
          job: { namespace: 'etl', name: job },
          ...metrics(-123456.5, 654321.5),
          note: 'NaN',
        })
          .replace('-123456.5', '-Infinity')
          .replace('654321.5', 'NaN');
      try {
        await sendRaw(
          request(backend.server)
            .post('/api/lineage/api/v1/lineage')
            .set('Authorization', user)
            .set('Content-Type', 'application/json'),
          Buffer.from(body('python_metrics')),
        ).expect(201);
        const batch = await sendRaw(
          request(backend.server)
            .post('/api/lineage/api/v1/lineage/batch')
            .set('Authorization', user)
            .set('Content-Type', 'application/json'),
          Buffer.from(`[${body('python_batch')}]`),
        ).expect(200);
        expect(batch.body.summary.successful).toBe(1);
        const stored = await knex('lineage_run_io')
          .whereNotNull('quality_metrics')
          .select('quality_metrics');
        expect(stored.map(row => JSON.parse(row.quality_metrics))).toEqual(
          Array(2).fill(
            expect.objectContaining({
              columnMetrics: { price: { nullCount: 0, min: null, max: null } },
            }),
          ),
        );
        const { body: events } = await request(backend.server)
          .get('/api/lineage/events?limit=10')
          .set('Authorization', user)
          .expect(200);
        expect(events.events.map((sent: any) => sent.note)).toEqual([
          'NaN',
          'NaN',
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'takes events where the OpenLineage clients post them, given the url with or without its last slash, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const token = 'producer-token';
      const backend = await startWithStaticToken(knex, token);
      const url = 'http://localhost:7007/api/lineage';
      const urlWithSlash = `${url}/`;
      // The Python client (Airflow, dbt) joins its default endpoint to the
      // url as a relative reference; the Java client (Spark, Flink) posts
      // to a url that has a path as it is.
      const single = {
        python: new URL('api/v1/lineage', url).pathname,
        pythonWithSlash: new URL('api/v1/lineage', urlWithSlash).pathname,
        java: new URL(url).pathname,
        javaWithSlash: new URL(urlWithSlash).pathname,
      };
      const batch = {
        pythonBatch: new URL('api/v1/lineage/batch', url).pathname,
        pythonBatchWithSlash: new URL('api/v1/lineage/batch', urlWithSlash)
          .pathname,
      };
      try {
        for (const [client, path] of Object.entries(single)) {
          await request(backend.server)
            .post(path)
            .set('Authorization', `Bearer ${token}`)
            .send(runEvent(`from_${client}`, [], [`${client}_out`]))
            .expect(201);
        }
        for (const [client, path] of Object.entries(batch)) {
          const response = await request(backend.server)
            .post(path)
            .set('Authorization', `Bearer ${token}`)
            .send([runEvent(`from_${client}`, [], [`${client}_out`])])
            .expect(200);
          expect(response.body.status).toBe('success');
        }
        for (const path of [single.java, single.python, batch.pythonBatch]) {
          const response = await request(backend.server)
            .post(path)
            .send(runEvent('stranger', [], ['stranger_out']))
            .expect(401);
          expect(response.body.error.name).toBe('AuthenticationError');
        }
        expect(
          (await knex('lineage_jobs').orderBy('name').select('name')).map(
            row => row.name,
          ),
        ).toEqual([
          'from_java',
          'from_javaWithSlash',
          'from_python',
          'from_pythonBatch',
          'from_pythonBatchWithSlash',
          'from_pythonWithSlash',
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'stores a facet nested as deep as Marquez takes, parsed here and on a parser thread, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      // The event is level 0, its run 1, the run's facets 2: the facet's
      // innermost object is at level 1,000, the most an event may nest.
      let plan: unknown = {};
      for (let i = 1; i < 998; i++) plan = { child: plan };
      const deepEvent = () =>
        runEvent('deep_plan', ['in'], ['out'], {
          run: { runId: crypto.randomUUID(), facets: { plan } },
        });
      // Over 32 KB, so parsed on a parser thread.
      const batch = [deepEvent(), ...Array.from({ length: 40 }, deepEvent)];
      try {
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', user)
          .send(deepEvent())
          .expect(201);
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage/batch')
          .set('Authorization', user)
          .send(batch)
          .expect(200);
        const { body } = await request(backend.server)
          .get('/api/lineage/events?limit=100')
          .set('Authorization', user)
          .expect(200);
        expect(body.events).toHaveLength(42);
        for (const event of body.events) {
          expect(event.run.facets.plan).toEqual(plan);
        }
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the ingest token from reading and strangers out, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      try {
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', ingestOnly)
          .send(runEvent('job', ['x'], ['y']))
          .expect(201);
        const refused = await request(backend.server)
          .get(`/api/lineage/search?q=x`)
          .set('Authorization', ingestOnly)
          .expect(403);
        expect(refused.body.error.message).toContain('not read lineage');
        await request(backend.server)
          .get('/api/lineage/search?q=x')
          .set('Authorization', user)
          .expect(200);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'accepts MESHWORK_API_TOKEN as a static token for ingest only, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const token = 'lineage-ingest-token';
      const backend = await startWithStaticToken(knex, token);
      try {
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', `Bearer ${token}`)
          .send(runEvent('job', ['x'], ['y']))
          .expect(201);
        const refused = await request(backend.server)
          .get('/api/lineage/search?q=x')
          .set('Authorization', `Bearer ${token}`)
          .expect(403);
        expect(refused.body.error.name).toBe('NotAllowedError');
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', 'Bearer wrong-token')
          .send(runEvent('job', ['x'], ['y']))
          .expect(401);
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .send(runEvent('job', ['x'], ['y']))
          .expect(401);
        await request(backend.server)
          .get('/api/lineage/search?q=x')
          .expect(401);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'answers 503 with Retry-After while more events wait for the store than it lets wait, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex, {
        config: {
          lineage: { ingest: { maxBodyBytes: 1_000, maxWaitingBytes: 1_000 } },
        },
      });
      const post = () =>
        request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', user)
          .send(runEvent('busy', ['x'], ['y']))
          .then(res => res);
      // Another session holds the store: SQLite's one connection, or the
      // Postgres events table.
      const holder = await knex.transaction();
      try {
        if (databaseId === 'POSTGRES_15') {
          await holder.raw('lock table lineage_events in exclusive mode');
        }
        const first = post();
        // Asked outside the holder, whose transaction would see one
        // snapshot of pg_stat_activity.
        for (let waited = 0; ; waited += 20) {
          const waiting =
            databaseId === 'POSTGRES_15'
              ? (
                  await knex.raw(
                    "select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
                  )
                ).rows.length > 0
              : knex.client.pool.numPendingAcquires() > 0;
          if (waiting) break;
          if (waited > 10_000) throw new Error('No request waits');
          await new Promise(resolve => setTimeout(resolve, 20));
        }
        // Of two more, one waits for the first; the other is refused, and
        // answered while those wait.
        const others = [post(), post()];
        const refused = await Promise.race(others);
        expect(refused.status).toBe(503);
        expect(refused.headers['retry-after']).toBe('5');
        expect(refused.body.error.message).toMatch(
          /^The lineage store is behind: \d+ bytes of events wait to be stored, and this request's \d+ would pass the 1000 that lineage.ingest.maxWaitingBytes lets wait; retry later$/,
        );
        await holder.rollback();
        const answered = await Promise.all([first, ...others]);
        expect(answered.map(res => res.status).sort()).toEqual([201, 201, 503]);
        expect((await post()).status).toBe(201);
      } finally {
        if (!holder.isCompleted()) await holder.rollback();
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'answers 503 with Retry-After when the store is gone, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      try {
        await knex.destroy();
        const res = await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', user)
          .send(runEvent('job', ['x'], ['y']))
          .expect(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body.error.message).toContain('retry later');
        for (const path of [
          '/api/lineage/graph?nodeId=dataset:warehouse:y',
          '/api/lineage/api/v1/lineage?nodeId=dataset:warehouse:y',
          '/api/lineage/events',
        ]) {
          const read = await request(backend.server)
            .get(path)
            .set('Authorization', user);
          expect({ path, status: read.status }).toEqual({ path, status: 503 });
          expect(read.headers['retry-after']).toBe('5');
          expect(read.body.error).toEqual({
            name: 'ServiceUnavailableError',
            message: 'The lineage store is unavailable; retry later',
          });
        }
      } finally {
        await backend.stop();
      }
    },
  );

  /** The lineage plugin's warnings, by a logger given to every plugin. */
  function warningsLogger() {
    const warnings: string[] = [];
    const logger: ServiceMock<LoggerService> = mockServices.logger.mock({
      warn: (message: string) => {
        warnings.push(message);
      },
      child: () => logger,
    });
    return { warnings, factory: logger.factory };
  }

  it('answers 503 with Retry-After while its Postgres database accepts no connections, warning once', async () => {
    const knex = await databases.init(POSTGRES_TEST_DATABASE_ID);
    const logged = warningsLogger();
    const backend = await startLineageBackend(knex, {
      features: [logged.factory],
    });
    const closed = await closeStoreDatabase(knex);
    try {
      for (const job of ['a', 'b', 'c']) {
        const res = await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', user)
          .send(runEvent(job, ['x'], ['y']));
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
      }
      const read = await request(backend.server)
        .get('/api/lineage/events')
        .set('Authorization', user);
      expect(read.status).toBe(503);
      expect(read.body.error).toEqual({
        name: 'ServiceUnavailableError',
        message: 'The lineage store is unavailable; retry later',
      });
      expect(
        logged.warnings.filter(message => message.includes('unavailable')),
      ).toEqual([
        `The lineage store is unavailable: 55000: database "${knex.client.connectionSettings.database}" is not currently accepting connections`,
      ]);
    } finally {
      await closed.reopen();
      await backend.stop();
    }
  }, 60_000);

  it('answers 503 while a table is locked past lock_timeout, logging the code and reason once, not the statement', async () => {
    const knex = await databases.init(POSTGRES_TEST_DATABASE_ID);
    // As app-config.production.yaml sets it, shorter.
    const timed = knexFactory({
      client: 'pg',
      connection: { ...knex.client.connectionSettings, lock_timeout: 200 },
    });
    const logged = warningsLogger();
    const backend = await startLineageBackend(timed, {
      features: [logged.factory],
    });
    const holder = await knex.transaction();
    try {
      await holder.raw('lock table lineage_events in access exclusive mode');
      for (const job of ['a', 'b']) {
        const res = await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', user)
          .send(runEvent(job, ['x'], ['y']));
        expect(res.status).toBe(503);
      }
      await request(backend.server)
        .get('/api/lineage/events')
        .set('Authorization', user)
        .expect(503);
      expect(
        logged.warnings.filter(message => message.includes('unavailable')),
      ).toEqual([
        'The lineage store is unavailable: 55P03: canceling statement due to lock timeout',
      ]);
    } finally {
      await holder.rollback();
      await backend.stop();
      await timed.destroy();
    }
  }, 60_000);

  it.each(databases.eachSupportedId())(
    "walks Marquez's graph by job hops either way from the root's writer, with every dataset of each job, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      // a → ingest → b → transform → c → report → d → audit; other reads a.
      const { backend, get } = await lineageBackendHolding(knex, [
        runEvent('ingest', ['a'], ['b']),
        runEvent('transform', ['b'], ['c']),
        runEvent('report', ['c'], ['d']),
        runEvent('other', ['a'], ['x']),
        runEvent('audit', ['d'], []),
        // archive writes fresh instead of stale, 60 days on.
        runEvent('archive', [], ['stale']),
        runEvent('archive', [], ['fresh'], {
          eventTime: '2025-01-25T13:00:00Z',
        }),
        {
          eventTime: '2024-11-26T13:00:00Z',
          producer: 'https://example.com/test',
          dataset: { namespace: NS, name: 'lonely' },
        },
      ]);
      const marquez = async (nodeId: string, query = '') => {
        const res = await get(
          `/api/v1/lineage?nodeId=${encodeURIComponent(nodeId)}${query}`,
        ).expect(200);
        return res.body as {
          graph: Array<{
            id: string;
            inEdges: Array<{ origin: string; destination: string }>;
            outEdges: Array<{ origin: string; destination: string }>;
          }>;
          truncated: boolean;
        };
      };
      const idsOf = (body: { graph: Array<{ id: string }> }) =>
        body.graph
          .map(node => node.id.replace(`dataset:${NS}:`, 'dataset:'))
          .sort();
      try {
        // From c's writer, transform: one job hop reaches ingest (writing
        // b) and report (reading c), each with all it reads and writes.
        const c = await marquez(`dataset:${NS}:c`, '&depth=1');
        expect(idsOf(c)).toEqual([
          'dataset:a',
          'dataset:b',
          'dataset:c',
          'dataset:d',
          'job:etl:ingest',
          'job:etl:report',
          'job:etl:transform',
        ]);
        expect(c.truncated).toBe(false);
        const a = c.graph.find(node => node.id === `dataset:${NS}:a`)!;
        // Edges between nodes shown only: other, reading a, is not.
        expect(a.inEdges).toEqual([]);
        expect(a.outEdges).toEqual([
          { origin: `dataset:${NS}:a`, destination: 'job:etl:ingest' },
        ]);
        // Two hops: other, another reader of a table upstream, and audit.
        expect(idsOf(await marquez(`dataset:${NS}:c`, '&depth=2'))).toEqual([
          'dataset:a',
          'dataset:b',
          'dataset:c',
          'dataset:d',
          'dataset:x',
          'job:etl:audit',
          'job:etl:ingest',
          'job:etl:other',
          'job:etl:report',
          'job:etl:transform',
        ]);
        // Depth 0: the job and what it reads and writes.
        expect(idsOf(await marquez('job:etl:transform', '&depth=0'))).toEqual([
          'dataset:b',
          'dataset:c',
          'job:etl:transform',
        ]);
        // Any depth, as Marquez takes it: below 0 as 0, past 100 as 100; of
        // a repeated parameter, the first.
        for (const query of [
          '&depth=-1',
          '&depth=0&depth=2',
          '&nodeId=job:etl:report&depth=0',
        ]) {
          expect(idsOf(await marquez('job:etl:transform', query))).toEqual([
            'dataset:b',
            'dataset:c',
            'job:etl:transform',
          ]);
        }
        const deepest = idsOf(await marquez('job:etl:transform', '&depth=100'));
        for (const depth of ['101', '1000', '2147483647']) {
          expect(
            idsOf(await marquez('job:etl:transform', `&depth=${depth}`)),
          ).toEqual(deepest);
        }
        const notInteger = await get(
          '/api/v1/lineage?nodeId=job:etl:transform&depth=1.5',
        ).expect(400);
        expect(notInteger.body.error.message).toBe(
          'Query parameter depth must be an integer, got "1.5"',
        );
        // A table only read starts from its reader.
        expect(idsOf(await marquez(`dataset:${NS}:x`, '&depth=0'))).toEqual([
          'dataset:a',
          'dataset:x',
          'job:etl:other',
        ]);
        expect(idsOf(await marquez(`dataset:${NS}:d`, '&depth=0'))).toEqual([
          'dataset:c',
          'dataset:d',
          'job:etl:report',
        ]);
        expect(idsOf(await marquez(`dataset:${NS}:lonely`))).toEqual([
          'dataset:lonely',
        ]);
        // A table its job no longer writes comes alone, unless every edge
        // is asked for.
        expect(idsOf(await marquez(`dataset:${NS}:stale`))).toEqual([
          'dataset:stale',
        ]);
        expect(
          idsOf(await marquez(`dataset:${NS}:stale`, '&edges=all')),
        ).toEqual(['dataset:fresh', 'dataset:stale', 'job:etl:archive']);
        const capped = await marquez(`dataset:${NS}:c`, '&maxNodes=4');
        expect(capped.graph).toHaveLength(4);
        expect(capped.truncated).toBe(true);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "gives a dataset's lastModifiedAt in Marquez's graph when a run writing it completed, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(knex, [
        runEvent('load', ['a'], ['b'], { eventTime: '2024-11-26T10:00:00Z' }),
        // Runs naming b later that have not written it: one started (and
        // naming c, which nothing has written), one failed.
        runEvent('load', ['a'], ['b', 'c'], {
          eventType: 'START',
          eventTime: '2024-11-26T11:00:00Z',
        }),
        runEvent('load', ['a'], ['b'], {
          eventType: 'FAIL',
          eventTime: '2024-11-26T12:00:00Z',
        }),
      ]);
      try {
        const { body } = await get(
          `/api/v1/lineage?nodeId=${encodeURIComponent(`dataset:${NS}:b`)}`,
        ).expect(200);
        const modified = Object.fromEntries(
          body.graph
            .filter((node: any) => node.type === 'DATASET')
            .map((node: any) => [node.data.name, node.data.lastModifiedAt]),
        );
        expect(modified).toEqual({
          a: null,
          b: '2024-11-26T10:00:00.000Z',
          c: null,
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "gives a run's nominal times in Marquez's graph as UTC instants, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const scheduled = (job: string, start: string, end: string) => {
        const event = runEvent(job, [], [job]);
        return {
          ...event,
          run: {
            ...event.run,
            facets: {
              nominalTime: {
                _producer: 'https://example.com/test',
                _schemaURL:
                  'https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json',
                nominalStartTime: start,
                nominalEndTime: end,
              },
            },
          },
        };
      };
      const { backend, get } = await lineageBackendHolding(knex, [
        // Without a zone, as Airflow's may come: read as UTC.
        scheduled('hourly', '2024-11-26T12:00:00', '2024-11-26T14:00:00+01:00'),
        scheduled('odd', 'tomorrow', '2024-11-26T13:00:00.123456789Z'),
      ]);
      const nominal = async (job: string) => {
        const { body } = await get(
          `/api/v1/lineage?nodeId=${encodeURIComponent(`job:etl:${job}`)}`,
        ).expect(200);
        const { latestRun } = body.graph.find(
          (node: any) => node.id === `job:etl:${job}`,
        ).data;
        return [latestRun.nominalStartTime, latestRun.nominalEndTime];
      };
      try {
        expect(await nominal('hourly')).toEqual([
          '2024-11-26T12:00:00.000Z',
          '2024-11-26T13:00:00.000Z',
        ]);
        expect(await nominal('odd')).toEqual([
          null,
          '2024-11-26T13:00:00.123Z',
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'ends a page of events at lineage.events.maxPageBytes, one event at least, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(
        knex,
        ['a', 'b', 'c'].map(job => runEvent(job, ['in'], [`out_${job}`])),
        { config: { lineage: { events: { maxPageBytes: 1 } } } },
      );
      try {
        const jobs: string[] = [];
        let cursor = '';
        do {
          const page = await get(`/events?limit=10${cursor}`).expect(200);
          expect(page.body.events).toHaveLength(1);
          jobs.push(page.body.events[0].job.name);
          cursor = page.body.nextCursor && `&cursor=${page.body.nextCursor}`;
        } while (cursor);
        expect(jobs.sort()).toEqual(['a', 'b', 'c']);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'answers hostile read parameters with 400 or 404, and pages events dated before 1970, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(
        knex,
        ['1969-12-31T23:59:58Z', '1969-12-31T23:59:59Z'].map(eventTime => ({
          ...runEvent('old_job', ['x'], ['y']),
          eventTime,
        })),
      );
      try {
        const page1 = await get('/events?limit=1').expect(200);
        const page2 = await get(
          `/events?limit=1&cursor=${page1.body.nextCursor}`,
        ).expect(200);
        expect(
          [...page1.body.events, ...page2.body.events].map(e => e.eventTime),
        ).toEqual(['1969-12-31T23:59:58Z', '1969-12-31T23:59:59Z']);

        const cursor = (text: string) =>
          Buffer.from(text).toString('base64url');
        for (const bad of ['99999999999999999999.1', `1.${'9'.repeat(400)}`]) {
          const res = await get(`/events?cursor=${cursor(bad)}`).expect(400);
          expect(res.body.error.message).toBe(
            'cursor is not one this API returned',
          );
        }
        const backwards = await get(
          '/events?after=2024-11-27T00:00:00Z&before=2024-11-26T00:00:00Z',
        ).expect(400);
        expect(backwards.body.error.message).toBe(
          'Query parameter after must not be later than before: no event is in that window',
        );
        // Decoding would skip what follows the cursor's last valid character.
        const trailed = await get(
          `/events?limit=1&cursor=${page1.body.nextCursor}.$$`,
        ).expect(400);
        expect(trailed.body.error.message).toBe(
          'cursor is not one this API returned',
        );
        const id = (type: string, name: string, field = '') =>
          encodeURIComponent(`${type}:${NS}:${name}${field && `:${field}`}`);
        const fieldOfGraph = await get(
          `/graph?nodeId=${id('datasetField', 'y', 'id')}`,
        ).expect(400);
        expect(fieldOfGraph.body.error.message).toBe(
          `Query parameter nodeId must be a dataset:<namespace>:<name> or job:<namespace>:<name> node id, got "datasetField:${NS}:y:id"`,
        );
        await get(`/datasets?nodeId=${id('datasetField', 'y', 'id')}`).expect(
          400,
        );
        const datasetAsJob = await get(
          `/runs?job=${id('dataset', 'y')}`,
        ).expect(400);
        expect(datasetAsJob.body.error.message).toBe(
          `Query parameter job must be a job:<namespace>:<name> node id, got "dataset:${NS}:y"`,
        );
        const columns = (nodeId: string) =>
          get(`/api/v1/column-lineage?nodeId=${nodeId}&withDownstream=true`);
        await columns(id('datasetField', 'y', 'id')).expect(200);
        const noField = await columns(id('datasetField', 'y', 'nope')).expect(
          404,
        );
        expect(noField.body.error.message).toBe(
          `No lineage for datasetField:${NS}:y:nope`,
        );
        // Job ids are Marquez's too; y is no job.
        await columns(id('job', 'y')).expect(404);
        // 256 characters, each two UTF-16 units.
        const emoji = '\u{1F600}';
        await get(`/search?q=${encodeURIComponent(emoji.repeat(256))}`).expect(
          200,
        );
        await get(`/search?q=${encodeURIComponent(emoji.repeat(257))}`).expect(
          400,
        );
        const nul = await get('/search?q=%00').expect(400);
        expect(nul.body.error.message).toBe(
          'Query parameter q must not contain a NUL character (%00)',
        );
        await get(
          `/graph?nodeId=${encodeURIComponent('dataset:pg:a\u0000')}`,
        ).expect(400);
        await get(
          `/api/v1/lineage?nodeId=${encodeURIComponent(
            `dataset:ns:${'a:'.repeat(1200)}b`,
          )}`,
        ).expect(404);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "reads a time's unencoded + offset, which a query string makes a space, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(knex, [
        runEvent('t', [], ['p'], { eventTime: '2024-11-26T12:59:00Z' }),
        runEvent('t', [], ['p'], { eventTime: '2024-11-26T13:01:00Z' }),
      ]);
      const times = async (query: string) =>
        (await get(`/events?${query}`).expect(200)).body.events.map(
          (e: any) => e.eventTime,
        );
      try {
        // 14:00 at +01:00 is 13:00Z.
        expect(await times('after=2024-11-26T14:00:00+01:00')).toEqual([
          '2024-11-26T13:01:00Z',
        ]);
        expect(await times('before=2024-11-26T14:00:00+0100')).toEqual([
          '2024-11-26T12:59:00Z',
        ]);
        expect(await times('after=2024-11-26T14:00:00.000+01')).toEqual([
          '2024-11-26T13:01:00Z',
        ]);
        // A space between date and time is that, not an offset.
        expect(await times('after=2024-11-26+13:00')).toEqual([
          '2024-11-26T13:01:00Z',
        ]);
        const job = encodeURIComponent('job:etl:t');
        const dataset = encodeURIComponent(`dataset:${NS}:p`);
        await get(`/runs?job=${job}&before=2024-11-26T14:00:00+01:00`).expect(
          200,
        );
        await get(
          `/graph?nodeId=${dataset}&asOf=2024-11-26T14:00:00+01:00`,
        ).expect(200);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'draws every edge between nodes it shows and walks each direction by its own depth, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const plain = (job: string, inputs: string[], outputs: string[]) => ({
        ...runEvent(job, [], []),
        inputs: inputs.map(name => ({ namespace: 'pg', name })),
        outputs: outputs.map(name => ({ namespace: 'pg', name })),
      });
      const { backend, get } = await lineageBackendHolding(knex, [
        plain('J1', ['D0'], ['D1']),
        plain('J2', ['D0', 'D1'], ['D2']),
        // A ring A -> R1 -> B -> R2 -> C -> R3 -> A, and X -> R4 -> C.
        plain('R1', ['A'], ['B']),
        plain('R2', ['B'], ['C']),
        plain('R3', ['C'], ['A']),
        plain('R4', ['X'], ['C']),
      ]);
      const graph = async (query: string) => {
        const { body } = await get(`/graph?${query}`).expect(200);
        const last = (id: string) => id.split(':').pop();
        return {
          nodes: body.nodes.map((n: any) => `${n.name}@${n.depth}`).sort(),
          edges: body.edges
            .map((e: any) => `${last(e.source)}>${last(e.target)}`)
            .sort(),
        };
      };
      try {
        expect(
          (await graph('nodeId=dataset:pg:D0&direction=downstream&depth=1'))
            .edges,
        ).toEqual(['D0>J1', 'D0>J2', 'D1>J2', 'J1>D1', 'J2>D2']);
        // D0 is reached upstream and J2 downstream: neither walk follows
        // the edge between them, yet both ends are shown.
        expect(await graph('nodeId=dataset:pg:D1&depth=1')).toEqual({
          nodes: ['D0@1', 'D1@0', 'D2@1', 'J1@1', 'J2@1'],
          edges: ['D0>J1', 'D0>J2', 'D1>J2', 'J1>D1', 'J2>D2'],
        });
        const marquez = await get(
          '/api/v1/lineage?nodeId=dataset:pg:D1&depth=1',
        ).expect(200);
        expect(
          marquez.body.graph.find((n: any) => n.id === 'job:etl:J2')?.inEdges,
        ).toEqual(
          expect.arrayContaining([
            { origin: 'dataset:pg:D0', destination: 'job:etl:J2' },
          ]),
        );
        const upstream = await graph(
          'nodeId=dataset:pg:A&direction=upstream&depth=2',
        );
        const both = await graph('nodeId=dataset:pg:A&depth=2');
        expect(both.nodes).toEqual(
          expect.arrayContaining(['R4@2', 'X@2', 'R3@1', 'C@1']),
        );
        expect(both.edges).toEqual(expect.arrayContaining(upstream.edges));
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'searches for the text given, its % _ and \\ included, in any case of any script, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(knex, [
        runEvent('load', ['a_b', 'axb'], ['dir\\file', 'top_100%']),
        runEvent('lager', ['ÄPFELbestand', 'Straße'], ['ΣΟΦΊΑ']),
      ]);
      const names = async (q: string) => {
        const { body } = await get(
          `/search?type=dataset&q=${encodeURIComponent(q)}`,
        ).expect(200);
        return body.results.map((r: any) => r.name).sort();
      };
      try {
        expect(await names('_')).toEqual(['a_b', 'top_100%']);
        expect(await names('a_b')).toEqual(['a_b']);
        expect(await names('%')).toEqual(['top_100%']);
        expect(await names('\\')).toEqual(['dir\\file']);
        expect(await names('AXB')).toEqual(['axb']);
        expect(await names('äpfelB')).toEqual(['ÄPFELbestand']);
        expect(await names('STRASSE')).toEqual([]);
        expect(await names('straße')).toEqual(['Straße']);
        expect(await names('σοφία')).toEqual(['ΣΟΦΊΑ']);
        expect(await names('ä_')).toEqual([]);
        const { body } = await get(
          `/search?type=column&q=${encodeURIComponent('Ä')}`,
        ).expect(200);
        expect(body.results).toEqual([]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "pages a job's runs without skipping runs that start at the same time, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const events = [
        '2024-11-26T12:00:00Z',
        '2024-11-26T12:00:00Z',
        '2024-11-26T12:00:00Z',
        '2024-11-26T11:00:00Z',
      ].map(eventTime => ({ ...runEvent('hourly', ['x'], ['y']), eventTime }));
      const { backend, get } = await lineageBackendHolding(knex, events);
      try {
        const seen: string[] = [];
        let cursor = '';
        for (let page = 0; page < 3; page++) {
          const { body } = await get(
            `/runs?job=job:etl:hourly&limit=2${cursor && `&cursor=${cursor}`}`,
          ).expect(200);
          seen.push(...body.runs.map((r: any) => r.runId));
          if (!body.nextCursor) break;
          cursor = body.nextCursor;
        }
        expect(seen.sort()).toEqual(events.map(e => e.run.runId).sort());
        const bad = await get(
          '/runs?job=job:etl:hourly&cursor=bm90LWEtY3Vyc29y',
        ).expect(400);
        expect(bad.body.error.message).toBe(
          'cursor is not one this API returned',
        );
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "pages a job's runs showing each once when a run's START arrives after its COMPLETE between pages, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      // Ids ordered against their times: a page ordered by id is wrong.
      const [newest, late, oldest] = ['c1', 'c2', 'c3'].map(
        n => `00000000-0000-4000-8000-0000000000${n}`,
      );
      const event = (runId: string, eventType: string, time: string) =>
        runEvent('paged', ['x'], ['y'], {
          eventType,
          eventTime: `2024-11-26T${time}:00Z`,
          run: { runId },
        });
      const { backend, get } = await lineageBackendHolding(knex, [
        event(newest, 'START', '12:00'),
        event(newest, 'COMPLETE', '12:30'),
        event(late, 'COMPLETE', '11:30'),
        event(oldest, 'START', '10:00'),
        event(oldest, 'COMPLETE', '10:30'),
      ]);
      const page = async (query: string) =>
        (await get(`/runs?job=job:etl:paged&${query}`).expect(200)).body;
      try {
        const first = await page('limit=2');
        expect(first.runs.map((r: any) => r.runId)).toEqual([newest, late]);
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', user)
          .send(event(late, 'START', '11:00'))
          .expect(201);
        const second = await page(`limit=2&cursor=${first.nextCursor}`);

        expect(second.runs.map((r: any) => r.runId)).toEqual([oldest]);
        expect(second.nextCursor).toBeUndefined();
        // Listed where it was, with the start that arrived late.
        const all = await page('limit=3');
        expect(
          all.runs.map((r: any) => [r.runId, r.startedAt, r.firstEventAt]),
        ).toEqual([
          [newest, '2024-11-26T12:00:00.000Z', '2024-11-26T12:00:00.000Z'],
          [late, '2024-11-26T11:00:00.000Z', '2024-11-26T11:00:00.000Z'],
          [oldest, '2024-11-26T10:00:00.000Z', '2024-11-26T10:00:00.000Z'],
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'finds a name that is the term first, however many names hold it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const fields = runEvent('profile', [], ['profiled']);
      fields.outputs[0].facets.schema.fields = [
        { name: 'a_id', type: 'BIGINT' },
        { name: 'id', type: 'BIGINT' },
      ];
      const { backend, get } = await lineageBackendHolding(knex, [
        runEvent('archive_orders', [], ['a_orders_1', 'a_orders_2']),
        runEvent('orders', [], ['orders']),
        fields,
      ]);
      const names = async (query: string) =>
        (await get(`/search?${query}`).expect(200)).body.results.map(
          (r: any) => r.field ?? r.name,
        );
      try {
        // Whatever the case.
        expect(await names('q=ORDERS&type=dataset&limit=2')).toEqual([
          'orders',
          'a_orders_1',
        ]);
        expect(await names('q=orders&type=job&limit=1')).toEqual(['orders']);
        expect(await names('q=ID&type=column&limit=1')).toEqual(['id']);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'finds the columns column lineage alone names, each once, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const lineageOf = (field: string, input: string, inputField: string) => ({
        [field]: {
          inputFields: [
            {
              namespace: NS,
              name: input,
              field: inputField,
              transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
            },
          ],
        },
      });
      // As Spark sends them: no schema, of the table read or written.
      const spark = runEvent('spark_copy', ['src_l'], [], {
        outputs: [
          {
            namespace: NS,
            name: 'l',
            facets: {
              columnLineage: { fields: lineageOf('xcol', 'src_l', 'src_xcol') },
            },
          },
        ],
      });
      // A field in both a schema and column lineage: once, with its type.
      const typed = runEvent('typed_copy', ['src_l'], [], {
        outputs: [
          {
            namespace: NS,
            name: 'typed',
            facets: {
              schema: { fields: [{ name: 'xcol_typed', type: 'STRING' }] },
              columnLineage: {
                fields: lineageOf('xcol_typed', 'src_l', 'id'),
              },
            },
          },
        ],
      });
      const { backend, get } = await lineageBackendHolding(knex, [
        spark,
        typed,
      ]);
      const found = async (query: string) =>
        (await get(`/search?type=column&${query}`).expect(200)).body.results;
      try {
        expect(await found('q=XCOL')).toEqual([
          {
            type: 'column',
            id: `datasetField:${NS}:l:xcol`,
            namespace: NS,
            name: 'l',
            field: 'xcol',
          },
          {
            type: 'column',
            id: `datasetField:${NS}:src_l:src_xcol`,
            namespace: NS,
            name: 'src_l',
            field: 'src_xcol',
          },
          {
            type: 'column',
            id: `datasetField:${NS}:typed:xcol_typed`,
            namespace: NS,
            name: 'typed',
            field: 'xcol_typed',
            fieldType: 'STRING',
          },
        ]);
        expect((await found('q=col&limit=2')).map((r: any) => r.field)).toEqual(
          ['src_xcol', 'xcol'],
        );
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'ranks a table named the term, or ending in it, above names and namespaces merely holding it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const archive = Array.from({ length: 30 }, (_, i) => ({
        namespace: 'bigquery',
        name: `proj.archive.orders_2019_${String(i + 1).padStart(2, '0')}`,
      }));
      const { backend, get } = await lineageBackendHolding(knex, [
        {
          ...runEvent('archive', [], []),
          outputs: archive,
        },
        {
          ...runEvent('load', [], []),
          outputs: [
            { namespace: 'postgres://warehouse:5432', name: 'public.orders' },
            // Its namespace holds the term, its name does not.
            { namespace: 'orders-bucket', name: 'a' },
            // Its files' path does not, the table they are does.
            {
              namespace: 's3://lake',
              name: 'raw/o',
              facets: {
                symlinks: {
                  identifiers: [
                    {
                      namespace: 'glue',
                      name: 'mart.orders_v1',
                      type: 'TABLE',
                    },
                    {
                      namespace: 'glue',
                      name: 'mart_sales.orders',
                      type: 'TABLE',
                    },
                  ],
                },
              },
            },
          ],
        },
      ]);
      const search = async (limit: number) =>
        (
          await get(`/search?q=orders&type=dataset&limit=${limit}`).expect(200)
        ).body.results.map((r: any) =>
          r.symlink ? `${r.name} as ${r.symlink.name}` : r.name,
        );
      try {
        expect(await search(20)).toEqual([
          'public.orders',
          'raw/o as mart_sales.orders',
          ...archive.slice(0, 18).map(d => d.name),
        ]);
        expect((await search(33)).slice(-2)).toEqual([archive[29].name, 'a']);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'walks column lineage downstream past a cycle seen upstream, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(knex, [
        runEvent('ab', ['b'], ['a']),
        runEvent('ba', ['a'], ['b']),
        runEvent('bz', ['b'], ['z']),
      ]);
      try {
        const { body } = await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            `datasetField:${NS}:a:id`,
          )}&depth=2&withDownstream=true`,
        ).expect(200);
        expect(body.graph.map((n: any) => n.data.dataset).sort()).toEqual([
          'a',
          'b',
          'z',
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'searches datasets by their own and their symlinks names, each once by its best, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const withSymlinks = (job: string, output: string, names: string[][]) => {
        const event = runEvent(job, [], [output]);
        event.outputs[0].facets = {
          ...event.outputs[0].facets,
          symlinks: {
            identifiers: names.map(([namespace, name]) => ({
              namespace,
              name,
              type: 'TABLE',
            })),
          },
        } as any;
        return event;
      };
      const { backend, get } = await lineageBackendHolding(knex, [
        // Two names that are the term: one result, by the first.
        withSymlinks('files', '/warehouse/orders', [
          ['hive', 'mart.orders'],
          ['glue', 'mart.orders'],
        ]),
        withSymlinks('v2', '/warehouse/v2', [['hive', 'mart.orders_v2']]),
        // Its own name holds the term; a symlink's is the term.
        withSymlinks('old', 'mart.orders_old', [['glue', 'mart.orders']]),
      ]);
      const search = async (limit: number) =>
        (
          await get(`/search?q=mart.orders&limit=${limit}`).expect(200)
        ).body.results.map((r: any) =>
          [r.name, r.symlink && `${r.symlink.namespace}:${r.symlink.name}`]
            .filter(Boolean)
            .join(' as '),
        );
      try {
        expect(await search(2)).toEqual([
          '/warehouse/orders as glue:mart.orders',
          'mart.orders_old as glue:mart.orders',
        ]);
        expect(await search(3)).toEqual([
          '/warehouse/orders as glue:mart.orders',
          'mart.orders_old as glue:mart.orders',
          '/warehouse/v2 as hive:mart.orders_v2',
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'reads a dataset by another spelling of its namespace when that one is not stored, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // NS with its default port left out, as a product's port may name it.
      const portless = 'postgres://db.example';
      const { backend, get } = await lineageBackendHolding(knex, [
        runEvent('load', ['raw'], ['orders']),
        runEvent('twice', [], ['twice']),
        runEvent('twice-portless', [], [], {
          outputs: [{ namespace: portless, name: 'twice' }],
        }),
      ]);
      const id = (namespace: string, name: string) =>
        encodeURIComponent(`dataset:${namespace}:${name}`);
      try {
        const graph = await get(
          `/graph?nodeId=${id(portless, 'orders')}&direction=upstream&depth=2`,
        ).expect(200);
        expect(graph.body.root).toBe(`dataset:${NS}:orders`);
        expect(graph.body.nodes.map((n: any) => n.id)).toEqual(
          expect.arrayContaining([`dataset:${NS}:raw`, 'job:etl:load']),
        );
        const marquez = await get(
          `/api/v1/lineage?nodeId=${id(
            'POSTGRESQL://DB.EXAMPLE',
            'orders',
          )}&depth=1`,
        ).expect(200);
        expect(marquez.body.graph.map((n: any) => n.id)).toContain(
          `dataset:${NS}:orders`,
        );
        const columns = await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            `datasetField:${portless}:orders:id`,
          )}&depth=1`,
        ).expect(200);
        expect(columns.body.graph.map((n: any) => n.id).sort()).toEqual([
          `datasetField:${NS}:orders:id`,
          `datasetField:${NS}:raw:id`,
        ]);
        // Each spelling stored: each its own, as before.
        for (const namespace of [NS, portless]) {
          const twice = await get(`/datasets?nodeId=${id(namespace, 'twice')}`);
          expect(twice.status).toBe(200);
          expect(twice.body.id).toBe(`dataset:${namespace}:twice`);
        }
        // Names are compared as written.
        await get(`/graph?nodeId=${id(portless, 'ORDERS')}`).expect(404);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'reads a dataset by the table name its symlinks facet gives, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const files = runEvent('spark', ['raw'], ['/warehouse/orders']);
      const table = { namespace: 'hive', name: 'mart.orders', type: 'TABLE' };
      // A name another dataset has as its own: that dataset's.
      const taken = { namespace: NS, name: 'report', type: 'TABLE' };
      files.outputs[0].facets = {
        ...files.outputs[0].facets,
        symlinks: { identifiers: [table, taken] },
      } as any;
      // The table's files before they moved, a lower id: named by the
      // table too, last written before, and read since by a backfill.
      const moved = runEvent('spark', ['raw'], ['/warehouse/old/orders'], {
        eventTime: '2024-11-25T13:00:00Z',
      });
      moved.outputs[0].facets = {
        ...moved.outputs[0].facets,
        symlinks: { identifiers: [table] },
      } as any;
      const backfill = runEvent('backfill', [], ['backfilled'], {
        eventTime: '2024-11-27T13:00:00Z',
        inputs: [
          {
            namespace: NS,
            name: '/warehouse/old/orders',
            facets: { symlinks: { identifiers: [table] } },
          },
        ],
      });
      const { backend, get } = await lineageBackendHolding(knex, [
        moved,
        files,
        backfill,
        runEvent('report', ['/warehouse/orders'], ['report']),
      ]);
      const byTable = encodeURIComponent(`dataset:hive:mart.orders`);
      const filesId = `dataset:${NS}:/warehouse/orders`;
      try {
        const dataset = await get(`/datasets?nodeId=${byTable}`).expect(200);
        expect(dataset.body).toMatchObject({ id: filesId });
        expect(dataset.body.symlinks).toEqual(
          expect.arrayContaining([table, taken]),
        );
        // Search finds the files, now and before they moved, by the
        // table's name, and says so.
        const search = await get('/search?q=MART.ORDERS').expect(200);
        expect(search.body.results).toEqual(
          [`dataset:${NS}:/warehouse/old/orders`, filesId].map(id =>
            expect.objectContaining({
              id,
              symlink: { namespace: 'hive', name: 'mart.orders' },
            }),
          ),
        );
        const report = await get(
          `/datasets?nodeId=${encodeURIComponent(`dataset:${NS}:report`)}`,
        ).expect(200);
        expect(report.body.id).toBe(`dataset:${NS}:report`);
        const graph = await get(
          `/graph?nodeId=${byTable}&direction=downstream&depth=2`,
        ).expect(200);
        expect(graph.body.nodes.map((n: any) => n.id)).toEqual(
          expect.arrayContaining([filesId, `dataset:${NS}:report`]),
        );
        const marquez = await get(
          `/api/v1/lineage?nodeId=${byTable}&depth=1`,
        ).expect(200);
        expect(marquez.body.graph.map((n: any) => n.id)).toContain(filesId);
        const columns = await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            'datasetField:hive:mart.orders:id',
          )}&depth=1`,
        ).expect(200);
        expect(columns.body.graph.map((n: any) => n.id).sort()).toEqual([
          `datasetField:${NS}:/warehouse/orders:id`,
          `datasetField:${NS}:raw:id`,
        ]);
        // A field the dataset does not have, by either name.
        await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            'datasetField:hive:mart.orders:nope',
          )}`,
        ).expect(404);
        await get(
          `/datasets?nodeId=${encodeURIComponent('dataset:hive:mart.nope')}`,
        ).expect(404);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'names the datasets a joined table stands for, and answers its data by any of them, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const hive = { namespace: 'hive', name: 'db.t' };
      const glue = { namespace: 'glue', name: 'table/db/t' };
      const symlinks = (...names: Array<typeof hive>) => ({
        symlinks: {
          identifiers: names.map(named => ({ ...named, type: 'TABLE' })),
        },
      });
      // Spark writes the files, naming their Hive table; Trino reads the
      // table by that name, which names its Glue table; Athena reads that.
      const spark = runEvent('spark', ['raw'], ['/warehouse/db.db/t']);
      Object.assign(spark.outputs[0].facets, symlinks(hive));
      const trino = runEvent('trino', [], ['report'], {
        inputs: [{ ...hive, facets: symlinks(glue) }],
      });
      const athena = runEvent('athena', [], ['export'], { inputs: [glue] });
      const { backend, get } = await lineageBackendHolding(knex, [
        spark,
        trino,
        athena,
      ]);
      const id = (named: { namespace: string; name: string }) =>
        `dataset:${named.namespace}:${named.name}`;
      const files = { namespace: NS, name: '/warehouse/db.db/t' };
      const named = (of: typeof hive) => ({ id: id(of), ...of });
      const ask = (path: string, of: typeof hive) =>
        get(`${path}?nodeId=${encodeURIComponent(id(of))}`).expect(200);
      try {
        const byFiles = await ask('/graph', files);
        expect(byFiles.body.nodes.find((n: any) => n.id === id(files))).toEqual(
          expect.objectContaining({ alsoKnownAs: [named(glue), named(hive)] }),
        );
        const byHive = await ask('/graph', hive);
        expect(byHive.body.nodes.find((n: any) => n.id === id(hive))).toEqual(
          expect.objectContaining({ alsoKnownAs: [named(glue), named(files)] }),
        );
        // A node standing for one dataset has no such field.
        expect(
          byHive.body.nodes.filter((n: any) => 'alsoKnownAs' in n),
        ).toHaveLength(1);
        // Trino's neighbours, as the explorer expands it: the table shown
        // as its files says it is the Hive table the explorer shows.
        const byTrino = await get(
          `/graph?nodeId=${encodeURIComponent('job:etl:trino')}&depth=1`,
        ).expect(200);
        expect(byTrino.body.nodes.find((n: any) => n.id === id(files))).toEqual(
          expect.objectContaining({ alsoKnownAs: [named(glue), named(hive)] }),
        );

        const primary = (await ask('/datasets', files)).body;
        expect(primary).toMatchObject({
          ...named(files),
          lastWrite: { runId: spark.run.runId },
          columns: ['id'],
          alsoKnownAs: [named(glue), named(hive)],
        });
        expect(primary).not.toHaveProperty('primary');
        for (const member of [hive, glue]) {
          const answer = (await ask('/datasets', member)).body;
          expect(answer).toEqual({
            ...primary,
            ...named(member),
            primary: named(files),
            alsoKnownAs: [files, glue, hive]
              .filter(other => other !== member)
              .map(named)
              .sort((a, b) => (a.id < b.id ? -1 : 1)),
          });
        }
        // A dataset joined with none answers as before: no such fields.
        const report = (
          await ask('/datasets', { namespace: NS, name: 'report' })
        ).body;
        expect(Object.keys(report).sort()).toEqual([
          'columns',
          'facets',
          'id',
          'lastWrite',
          'name',
          'namespace',
          'schemaVersions',
          'symlinks',
          'updatedAt',
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'answers column lineage as Marquez and its Python client ask for it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(knex, [
        runEvent('load', ['raw'], ['clean']),
        runEvent('publish', ['clean'], ['mart']),
        ...[
          's3://code/load.py',
          'https://github.com/acme/etl/blob/main/load.py',
        ].map((url, i) =>
          runEvent(`located.${i === 0 ? 's3' : 'git'}`, [], [], {
            job: {
              namespace: 'etl',
              name: `located.${i === 0 ? 's3' : 'git'}`,
              facets: {
                sourceCodeLocation: { type: 'git', url },
              },
            },
          }),
        ),
        // Its latest run failed.
        runEvent('load', ['raw'], ['clean'], { eventType: 'FAIL' }),
        // A task of an Airflow DAG.
        runEvent('nightly.export', ['mart'], ['export'], {
          run: {
            runId: '00000000-0000-4000-8000-00000000e001',
            facets: {
              parent: {
                job: { namespace: 'etl', name: 'nightly' },
                run: { runId: '00000000-0000-4000-8000-00000000e002' },
              },
            },
          },
        }),
      ]);
      const field = (dataset: string) => `datasetField:${NS}:${dataset}:id`;
      const columnLineage = (nodeId: string, query = '') =>
        get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(nodeId)}${query}`,
        );
      /** The ids of the nodes in a column lineage graph, sorted. */
      const columnIds = async (nodeId: string, query: string) =>
        (await columnLineage(nodeId, query).expect(200)).body.graph
          .map((n: any) => n.id)
          .sort();
      try {
        // The Python client sends `False` unless asked, as Java reads it.
        for (const [withDownstream, ids] of [
          ['False', [field('clean'), field('raw')]],
          ['True', [field('clean'), field('mart'), field('raw')]],
        ] as const) {
          expect(
            await columnIds(
              field('clean'),
              `&depth=1&withDownstream=${withDownstream}`,
            ),
          ).toEqual(ids);
        }
        // Anything but true, in any case, is false, as Java reads it; of a
        // repeated parameter, the first counts, as Jersey reads it.
        for (const [query, ids] of [
          ['&withDownstream=1', [field('clean'), field('raw')]],
          ['&withDownstream=yes', [field('clean'), field('raw')]],
          [
            '&withDownstream=true&withDownstream=false',
            [field('clean'), field('mart'), field('raw')],
          ],
        ] as const) {
          expect(await columnIds(field('clean'), `&depth=1${query}`)).toEqual(
            ids,
          );
        }
        // As Marquez, at least the first level: its web UI sends depth 0
        // when its depth box is cleared. Any depth is taken, past 100 as 100.
        for (const depth of ['0', '-1', '1&depth=2']) {
          expect(await columnIds(field('mart'), `&depth=${depth}`)).toEqual([
            field('clean'),
            field('mart'),
          ]);
        }
        for (const depth of ['101', '2147483647']) {
          expect(await columnIds(field('mart'), `&depth=${depth}`)).toEqual([
            field('clean'),
            field('mart'),
            field('raw'),
          ]);
        }
        await columnLineage(field('mart'), '&depth=x').expect(400);
        // A job's column lineage starts at the fields it writes, and only
        // there: one level from publish's mart reaches clean, not raw, as a
        // start at clean, which publish reads, would.
        expect(await columnIds('job:etl:publish', '&depth=0')).toEqual([
          field('clean'),
          field('mart'),
        ]);
        const { body } = await columnLineage('job:etl:load', '&depth=1').expect(
          200,
        );
        const clean = body.graph.find((n: any) => n.id === field('clean'));
        expect(clean.data).toEqual({
          namespace: NS,
          dataset: 'clean',
          datasetVersion: null,
          field: 'id',
          fieldType: 'BIGINT',
          transformationType: 'DIRECT',
          transformationDescription: null,
          inputFields: [
            {
              namespace: NS,
              dataset: 'raw',
              datasetVersion: null,
              field: 'id',
              transformationType: 'DIRECT',
              transformationDescription: null,
              transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
            },
          ],
        });
        // No schema described raw: its field's type is unknown, which
        // Marquez (and its Java client, which refuses null) gives as ''.
        expect(
          body.graph.find((n: any) => n.id === field('raw')).data.fieldType,
        ).toBe('');
        // In Marquez's order: nodes by id, each one's edges by origin and
        // destination.
        const ids = body.graph.map((n: any) => n.id);
        expect(ids).toEqual([...ids].sort());
        const versioned = await columnLineage(
          `dataset:${NS}:clean#5f7a3d2e-1b4c-4d8e-9f0a-2b3c4d5e6f70`,
        ).expect(400);
        expect(versioned.body.error.message).toMatch(
          /nodeId names a version \(#<uuid>\).*leave the version out/,
        );
        await columnLineage('job:etl:nope').expect(404);

        const jobGraph = async (name: string) =>
          (
            await get(
              `/api/v1/lineage?nodeId=${encodeURIComponent(
                `job:etl:${name}`,
              )}&depth=0`,
            ).expect(200)
          ).body.graph;
        const jobData = async (name: string) =>
          (await jobGraph(name)).find((n: any) => n.id === `job:etl:${name}`)
            .data;
        // Sorted as Marquez sorts them: the job's tables before it.
        expect((await jobGraph('load')).map((n: any) => n.id)).toEqual([
          `dataset:${NS}:clean`,
          `dataset:${NS}:raw`,
          'job:etl:load',
        ]);
        expect((await jobData('load')).latestRun.state).toBe('FAILED');
        // A location Java's URL cannot parse is null, as Marquez gives it.
        expect(await jobData('located.s3')).toMatchObject({
          location: null,
          parentJobUuid: null,
        });
        expect((await jobData('located.git')).location).toBe(
          'https://github.com/acme/etl/blob/main/load.py',
        );
        expect(await jobData('nightly.export')).toMatchObject({
          simpleName: 'export',
          parentJobName: 'nightly',
        });
        // The DAG sent no events of its own: its runs are its tasks'.
        const dagRuns = (query: string) =>
          get(`/runs?job=${encodeURIComponent('job:etl:nightly')}${query}`);
        expect((await dagRuns('').expect(200)).body.runs).toEqual([]);
        const paged = await dagRuns(
          '&children=true&before=2024-11-27T00:00:00Z',
        ).expect(400);
        expect(paged.body.error.message).toBe(
          'Query parameter before does not go with children=true, which answers one page of the latest runs',
        );
        expect(
          (await dagRuns('&children=true').expect(200)).body.runs,
        ).toMatchObject([
          {
            runId: '00000000-0000-4000-8000-00000000e001',
            childJob: {
              id: 'job:etl:nightly.export',
              namespace: 'etl',
              name: 'nightly.export',
            },
            state: 'COMPLETE',
          },
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "maps a field's deprecated transformationType to transformations, masking for MASKED, and gives Marquez's type as sent, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const read = (field: string) => ({
        namespace: NS,
        name: 'people',
        field,
      });
      const { backend, get } = await lineageBackendHolding(knex, [
        runEvent('mask', ['people'], [], {
          outputs: [
            {
              namespace: NS,
              name: 'contacts',
              facets: {
                columnLineage: {
                  fields: {
                    email: {
                      inputFields: [read('email')],
                      transformationType: 'MASKED',
                      transformationDescription: 'sha256(email)',
                    },
                    id: {
                      inputFields: [read('id')],
                      transformationType: 'IDENTITY',
                    },
                  },
                },
              },
            },
          ],
        }),
      ]);
      const inputOf = async (field: string) => {
        const { body } = await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            `datasetField:${NS}:contacts:${field}`,
          )}&depth=1`,
        ).expect(200);
        const { data } = body.graph.find(
          (n: any) => n.id === `datasetField:${NS}:contacts:${field}`,
        );
        return data.inputFields[0];
      };
      try {
        expect(await inputOf('email')).toMatchObject({
          transformationType: 'MASKED',
          transformationDescription: 'sha256(email)',
          transformations: [
            {
              type: 'DIRECT',
              subtype: 'TRANSFORMATION',
              description: 'sha256(email)',
              masking: true,
              transformationType: 'MASKED',
            },
          ],
        });
        expect(await inputOf('id')).toMatchObject({
          transformationType: 'IDENTITY',
          transformationDescription: null,
          transformations: [
            {
              type: 'DIRECT',
              subtype: 'IDENTITY',
              transformationType: 'IDENTITY',
            },
          ],
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'draws every column edge between fields it shows, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(knex, [
        runEvent('ur', ['u'], ['r']),
        runEvent('rud', ['r', 'u'], ['d']),
      ]);
      const field = (dataset: string) => `datasetField:${NS}:${dataset}:id`;
      try {
        const { body } = await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            field('r'),
          )}&depth=1&withDownstream=true`,
        ).expect(200);
        // u is reached upstream and d downstream: neither walk follows
        // the edge between them, yet both ends are shown.
        const d = body.graph.find((n: any) => n.id === field('d'));
        // In Marquez's order, by origin and then destination.
        expect(
          d.inEdges.map((e: any) => `${e.origin}>${e.destination}`),
        ).toEqual([
          // Marquez's column edges start at the node that lists them.
          `${field('d')}>${field('r')}`,
          `${field('d')}>${field('u')}`,
        ]);
        // u is only ever read, and no schema facet describes it: its fields
        // are those column lineage reads.
        const fromSource = await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            `dataset:${NS}:u`,
          )}&depth=1&withDownstream=true`,
        ).expect(200);
        expect(fromSource.body.graph.map((n: any) => n.id).sort()).toEqual(
          [field('d'), field('r'), field('u')].sort(),
        );
        const source = await get(
          `/datasets?nodeId=${encodeURIComponent(`dataset:${NS}:u`)}`,
        ).expect(200);
        expect(source.body.columns).toEqual(['id']);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'finds the column lineage of a field whose name holds colons, by the id search gives, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const event = runEvent('split', ['raw'], ['parts']);
      const [output] = event.outputs;
      const keyPart = {
        ...output,
        facets: {
          schema: { fields: [{ name: 'key:part', type: 'VARCHAR' }] },
          columnLineage: {
            fields: { 'key:part': output.facets.columnLineage.fields.id },
          },
        },
      };
      const { backend, get } = await lineageBackendHolding(knex, [
        { ...event, outputs: [keyPart] },
        // Another reading of the same id names this dataset, which has no
        // field `part`.
        runEvent('other', ['raw'], ['parts:key']),
      ]);
      try {
        const search = await get('/search?type=column&q=key:part').expect(200);
        const [{ id }] = search.body.results;
        expect(id).toBe(`datasetField:${NS}:parts:key:part`);
        const { body } = await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(id)}&depth=1`,
        ).expect(200);
        expect(body.graph.find((n: any) => n.id === id)?.inEdges).toEqual([
          { origin: id, destination: `datasetField:${NS}:raw:id` },
        ]);
        expect(
          body.graph.find((n: any) => n.id === `datasetField:${NS}:raw:id`)
            ?.outEdges,
        ).toEqual([{ origin: `datasetField:${NS}:raw:id`, destination: id }]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'stores the other requests of a group when one fails the transaction they share, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      await refuseEventsOfJob(knex, databaseId, 'poison');
      const post = (job: string) =>
        request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', user)
          .send(runEvent(job, ['x'], [`${job}_out`]))
          .then(res => res.status);
      const sleep = () => new Promise(resolve => setTimeout(resolve, 300));
      try {
        // Hold the first request's transaction so the next ones are
        // grouped in one.
        const blocker = await knex.transaction();
        if (databaseId === 'POSTGRES_15') {
          await blocker.raw('lock table lineage_events in exclusive mode');
        }
        const first = post('first');
        await sleep();
        const grouped = ['before', 'poison', 'after'].map(post);
        await sleep();
        await blocker.commit();
        expect(await Promise.all([first, ...grouped])).toEqual([
          201, 201, 400, 201,
        ]);
        expect((await knex('lineage_events').pluck('job_name')).sort()).toEqual(
          ['after', 'before', 'first'],
        );
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'stores the other events of a batch when the store refuses one, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      await refuseEventsOfJob(knex, databaseId, 'poison');
      const postBatch = (events: unknown[]) =>
        request(backend.server)
          .post('/api/lineage/api/v1/lineage/batch')
          .set('Authorization', user)
          .send(events);
      try {
        const kept = runEvent('kept', ['x'], ['kept_out']);
        await postBatch([kept]).expect(200);
        const answer = await postBatch([
          kept,
          { ...kept, eventTime: 'soon' },
          runEvent('poison', ['x'], ['poison_out']),
          runEvent('after', ['x'], ['after_out']),
        ]).expect(200);
        expect(answer.body).toEqual({
          status: 'partial_success',
          summary: {
            received: 4,
            successful: 2,
            failed: 2,
            retriable: 0,
            non_retriable: 2,
          },
          failed_events: [
            expect.objectContaining({ index: 1, retriable: false }),
            {
              index: 2,
              reason: 'the store refused this event; the backend log says why',
              retriable: false,
            },
          ],
          stored: 1,
          duplicates: 1,
          failed: [
            expect.objectContaining({
              index: 1,
              reason: expect.stringContaining('eventTime'),
            }),
            {
              index: 2,
              reason: 'the store refused this event; the backend log says why',
              issues: [{ path: '', message: expect.any(String) }],
            },
          ],
        });
        const many = Array.from({ length: 9 }, (_, i) =>
          runEvent(i === 2 || i === 7 ? 'poison' : `many${i}`, ['x'], ['m']),
        );
        const manyAnswer = await postBatch(many).expect(200);
        expect(manyAnswer.body).toMatchObject({ stored: 7, duplicates: 0 });
        expect(manyAnswer.body.failed.map((f: any) => f.index)).toEqual([2, 7]);
        const alone = await postBatch([
          runEvent('poison', ['y'], ['poison_out']),
        ]).expect(400);
        expect(alone.body.status).toBeUndefined();
        expect(alone.body).toMatchObject({
          summary: { received: 1, successful: 0, failed: 1 },
          failed_events: [{ index: 0, retriable: false }],
          error: {
            message:
              'No event of the batch could be stored; first: event 0: the store refused this event; the backend log says why',
          },
        });
        if (databaseId === 'POSTGRES_15') {
          // A store that cannot write now refuses nothing: retry later.
          await knex.raw(`create function lock_busy() returns trigger language plpgsql as $$
            begin if new.job_name = 'busy' then raise exception 'busy' using errcode = '55P03'; end if; return new; end $$`);
          await knex.raw(
            'create trigger lock_busy before insert on lineage_events for each row execute function lock_busy()',
          );
          await postBatch([
            runEvent('fine', ['x'], ['fine_out']),
            runEvent('busy', ['x'], ['busy_out']),
          ]).expect(503);
          await knex.raw('drop trigger lock_busy on lineage_events');
          // The store's own fault (ids run out) is not the event's: 500.
          await knex.raw(
            "select setval('lineage_datasets_id_seq', 2147483647, true)",
          );
          await postBatch([
            runEvent('fine', ['x'], ['fine_out']),
            runEvent('late', ['x'], ['brand_new']),
          ]).expect(500);
        }
        expect((await knex('lineage_events').pluck('job_name')).sort()).toEqual(
          ['after', 'kept', ...[0, 1, 3, 4, 5, 6, 8].map(i => `many${i}`)],
        );
        expect(
          (await knex('lineage_jobs').pluck('name')).filter(
            name => name === 'poison',
          ),
        ).toEqual([]);
      } finally {
        await backend.stop();
      }
    },
  );
});
