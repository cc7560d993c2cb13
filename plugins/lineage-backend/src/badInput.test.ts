import { mockCredentials } from '@backstage/backend-test-utils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import request from 'supertest';
import zlib from 'zlib';
import { sendRaw } from './__testUtils__/sendRaw';
import { startLineageBackend } from './__testUtils__/startLineageBackend';

const valid = {
  eventType: 'START',
  eventTime: '2024-11-26T13:05:23.809955+00:00',
  producer: 'https://example.com/producer',
  run: { runId: '01936893-9751-7a91-a2a0-a51101a3970c' },
  job: { namespace: 'airflow', name: 'dag.task' },
  inputs: [{ namespace: 'pg', name: 'in' }],
  outputs: [{ namespace: 'pg', name: 'out' }],
};

let deep: unknown = { leaf: true };
for (let i = 0; i < 2000; i++) deep = { deep };

type Case = {
  name: string;
  path?: string;
  /** A JSON value to send, or raw bytes with their headers. */
  json?: unknown;
  raw?: Buffer | string;
  headers?: Record<string, string>;
  status: number;
  message: RegExp;
};

const MB = 1024 * 1024;

const cases: Case[] = [
  {
    name: 'truncated JSON',
    raw: '{"eventTime":',
    status: 400,
    message: /not valid JSON/,
  },
  { name: 'empty body', raw: '', status: 400, message: /empty/ },
  {
    name: 'JSON with a trailing comma',
    raw: '{"a":1,}',
    status: 400,
    message: /not valid JSON/,
  },
  {
    name: 'an array to the single endpoint',
    json: [valid],
    status: 400,
    message: /must be a JSON object, got an array/,
  },
  {
    name: 'a bare string',
    json: 'hello',
    status: 400,
    message: /must be a JSON object, got string/,
  },
  { name: 'null', raw: 'null', status: 400, message: /got null/ },
  { name: 'a number', raw: '42', status: 400, message: /got number/ },
  {
    name: 'no run, job or dataset',
    json: { eventTime: valid.eventTime, producer: 'p' },
    status: 400,
    message: /expected `run` and `job`/,
  },
  {
    name: 'missing run.runId',
    json: { ...valid, run: {} },
    status: 400,
    message: /run\.runId/,
  },
  {
    name: 'numeric runId',
    json: { ...valid, run: { runId: 42 } },
    status: 400,
    message: /run\.runId: .*string/,
  },
  {
    name: 'invalid UUID with spaces',
    json: { ...valid, run: { runId: 'not a uuid at all' } },
    status: 400,
    message: /run\.runId: must be printable/,
  },
  {
    name: 'empty runId',
    json: { ...valid, run: { runId: '' } },
    status: 400,
    message: /run\.runId: must not be empty/,
  },
  {
    name: 'missing eventTime',
    json: { ...valid, eventTime: undefined },
    status: 400,
    message: /eventTime/,
  },
  {
    name: 'eventTime in words',
    json: { ...valid, eventTime: 'yesterday' },
    status: 400,
    message: /eventTime: must be an ISO 8601/,
  },
  {
    name: 'impossible eventTime',
    json: { ...valid, eventTime: '2024-02-30T00:00:00Z' },
    status: 400,
    message: /eventTime/,
  },
  {
    name: 'unknown eventType',
    json: { ...valid, eventType: 'EXPLODED' },
    status: 400,
    message: /eventType/,
  },
  {
    name: 'missing producer',
    json: { ...valid, producer: undefined },
    status: 400,
    message: /producer/,
  },
  {
    name: 'job without namespace',
    json: { ...valid, job: { name: 'x' } },
    status: 400,
    message: /job\.namespace/,
  },
  {
    name: 'job name as an array',
    json: { ...valid, job: { namespace: 'a', name: ['x'] } },
    status: 400,
    message: /job\.name/,
  },
  {
    name: 'inputs as an object',
    json: { ...valid, inputs: { namespace: 'pg', name: 'x' } },
    status: 400,
    message: /inputs/,
  },
  {
    name: 'an input without name',
    json: { ...valid, inputs: [{ namespace: 'pg' }] },
    status: 400,
    message: /inputs\.0\.name/,
  },
  {
    name: 'facets as an array',
    json: { ...valid, run: { ...valid.run, facets: [1, 2] } },
    status: 400,
    message: /run\.facets/,
  },
  {
    name: 'a 100,000-character dataset name',
    json: {
      ...valid,
      outputs: [{ namespace: 'pg', name: 'x'.repeat(100_000) }],
    },
    status: 400,
    message: /outputs\.0\.name/,
  },
  {
    name: 'a dataset name of 1,000 CJK characters (3,000 bytes)',
    json: {
      ...valid,
      outputs: [{ namespace: 'pg', name: '表'.repeat(1000) }],
    },
    status: 400,
    message: /outputs\.0\.name: must be at most 1500 bytes of UTF-8/,
  },
  {
    name: 'a NUL character in a dataset name',
    json: { ...valid, outputs: [{ namespace: 'pg', name: 'a\u0000b' }] },
    status: 400,
    message: /outputs\.0\.name: must not contain a NUL character/,
  },
  {
    name: 'an unpaired surrogate in a job name',
    raw: JSON.stringify({
      ...valid,
      job: { namespace: 'j', name: 'x' },
    }).replace('"name":"x"', '"name":"x\\ud800"'),
    status: 400,
    message: /job\.name: must not contain .* an unpaired surrogate/,
  },
  {
    name: 'a NUL character in a facet name',
    json: {
      ...valid,
      run: { ...valid.run, facets: { 'bad\u0000facet': { _producer: 'p' } } },
    },
    status: 400,
    message: /run\.facets\.bad.facet: must not contain a NUL character/,
  },
  {
    name: 'an empty dataset namespace',
    json: {
      eventTime: valid.eventTime,
      producer: 'p',
      dataset: { namespace: '', name: 'x' },
    },
    status: 400,
    message: /dataset\.namespace: must not be empty/,
  },
  {
    name: 'nesting 2,000 levels deep',
    json: { ...valid, run: { ...valid.run, facets: { deep } } },
    status: 400,
    message: /nested deeper than 1000 levels/,
  },
  {
    name: 'a __proto__ key instead of fields',
    raw: '{"__proto__":{"run":{"runId":"x"}},"eventTime":"2024-01-01T00:00:00Z","producer":"p"}',
    status: 400,
    message: /expected `run` and `job`/,
  },
  {
    name: 'a body over 5 MB',
    json: { ...valid, padding: 'x'.repeat(6 * MB) },
    status: 413,
    message: /over the limit of 5242880 bytes/,
  },
  {
    name: 'a gzip bomb',
    raw: zlib.gzipSync(Buffer.alloc(64 * MB, 32)),
    headers: { 'Content-Encoding': 'gzip' },
    status: 413,
    message: /Decompressed request body is over the limit/,
  },
  {
    name: 'corrupt gzip',
    raw: Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4, 5]),
    status: 400,
    message: /not valid gzip/,
  },
  {
    name: 'HTML content type',
    raw: '<html></html>',
    headers: { 'Content-Type': 'text/html' },
    status: 415,
    message: /text\/html is not supported/,
  },
  {
    name: 'a form post',
    raw: 'a=1&b=2',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    status: 415,
    message: /send application\/json/,
  },
  {
    name: 'brotli encoding',
    json: valid,
    headers: { 'Content-Encoding': 'br' },
    status: 415,
    message: /Content-Encoding br/,
  },
  {
    name: 'an object to the batch endpoint',
    path: '/batch',
    json: valid,
    status: 400,
    message: /batch must be a JSON array/,
  },
  {
    name: 'a batch of only invalid events',
    path: '/batch',
    json: [{}, { ...valid, run: {} }],
    status: 400,
    message: /No valid OpenLineage event.*event 0/,
  },
  {
    name: 'a batch over the event limit',
    path: '/batch',
    json: Array.from({ length: 51 }, () => valid),
    status: 413,
    message: /at most 50 events, got 51/,
  },
];

describe('lineage receiver: bad input', () => {
  const databases = createStoreTestDatabases();

  it('covers at least 25 hostile bodies', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(databases.eachSupportedId())(
    'refuses to start with a size, batch or page limit that would refuse every event, or a group commit delay out of range, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      for (const [ingest, message] of [
        [{ maxBatchEvents: 0 }, 'lineage.ingest.maxBatchEvents'],
        [{ maxBodyBytes: 0.5 }, 'lineage.ingest.maxBodyBytes'],
        [{ maxBodyBytes: -1 }, 'lineage.ingest.maxBodyBytes'],
        [{ maxWaitingBytes: 0 }, 'lineage.ingest.maxWaitingBytes'],
      ] as const) {
        await expect(
          startLineageBackend(knex, { config: { lineage: { ingest } } }),
        ).rejects.toThrow(
          `${message} must be a whole number above 0, got ${
            Object.values(ingest)[0]
          }`,
        );
      }
      for (const delay of [-1, 101, 0.5]) {
        await expect(
          startLineageBackend(knex, {
            config: { lineage: { ingest: { groupCommitDelayMs: delay } } },
          }),
        ).rejects.toThrow(
          `lineage.ingest.groupCommitDelayMs must be a whole number from 0 to 100, got ${delay}`,
        );
      }
      await expect(
        startLineageBackend(knex, {
          config: { lineage: { events: { maxPageBytes: 0 } } },
        }),
      ).rejects.toThrow(
        'lineage.events.maxPageBytes must be a whole number above 0, got 0',
      );
      // Less than a body may hold: the largest request would be refused
      // whenever another waits.
      await expect(
        startLineageBackend(knex, {
          config: {
            lineage: {
              ingest: { maxBodyBytes: 2_000, maxWaitingBytes: 1_999 },
            },
          },
        }),
      ).rejects.toThrow(
        'lineage.ingest.maxWaitingBytes must be at least lineage.ingest.maxBodyBytes (2000), got 1999',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'answers each with a 4xx that says what is wrong, and stores nothing, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex, {
        config: { lineage: { ingest: { maxBatchEvents: 50 } } },
      });
      try {
        const answers: Array<{
          name: string;
          status: number;
          message: string;
        }> = [];
        for (const c of cases) {
          let req = request(backend.server)
            .post(`/api/lineage/api/v1/lineage${c.path ?? ''}`)
            .set('Authorization', mockCredentials.user.header())
            .set('Content-Type', 'application/json');
          for (const [header, value] of Object.entries(c.headers ?? {})) {
            req = req.set(header, value);
          }
          const res =
            c.raw !== undefined
              ? await sendRaw(req, Buffer.from(c.raw))
              : await req.send(JSON.stringify(c.json));
          answers.push({
            name: c.name,
            status: res.status,
            message: res.body?.error?.message ?? '',
          });
        }
        expect(answers).toEqual(
          cases.map(c => ({
            name: c.name,
            status: c.status,
            message: expect.stringMatching(c.message),
          })),
        );
        for (const table of [
          'lineage_events',
          'lineage_datasets',
          'lineage_jobs',
          'lineage_runs',
        ]) {
          expect(await knex(table).select()).toEqual([]);
        }
      } finally {
        await backend.stop();
      }
    },
  );
});
