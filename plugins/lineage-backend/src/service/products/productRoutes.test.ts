import { mockCredentials } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleDataProducts from '@meshwork/plugin-catalog-backend-module-data-products';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';
import {
  createStoreTestDatabases,
  permissionsHidingLabelled,
} from '@meshwork/test-utils';
import { promises as fs } from 'fs';
import { Knex } from 'knex';
import os from 'os';
import path from 'path';
import request from 'supertest';
import {
  dataProduct,
  PRODUCT_NAMESPACE,
} from '../../__testUtils__/dataProduct';
import { lineageBackendHolding } from '../../__testUtils__/lineageBackendHolding';
import { startLineageBackend } from '../../__testUtils__/startLineageBackend';

const NS = PRODUCT_NAMESPACE;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const contract = {
  apiVersion: 'v3.0.2',
  kind: 'DataContract',
  id: 'orders',
  version: '1.0.0',
  status: 'active',
  schema: [
    {
      name: 'orders',
      properties: [
        { name: 'id', physicalType: 'BIGINT' },
        { name: 'customer_id', physicalType: 'BIGINT' },
        { name: 'amount', physicalType: 'DECIMAL(12,2)' },
      ],
    },
  ],
};

const products = [
  dataProduct('orders', {
    outputPorts: [
      {
        name: 'orders',
        type: 'table',
        dataset: { namespace: NS, name: 'mart.orders' },
        contract,
      },
    ],
    slos: {
      freshness: { maxDelay: '1d', objective: '90%' },
      volume: { minRatio: 0.5, maxRatio: 2, window: '7d' },
      quality: [{ column: 'customer_id', metric: 'nullRate', max: 0.01 }],
    },
  }),
  dataProduct('customers', {}),
  dataProduct('sessions', {}),
  dataProduct('revenue', {
    inputPorts: [
      { name: 'orders', from: 'dataproduct:default/orders#orders' },
      { name: 'customers', from: 'dataproduct:default/customers#customers' },
    ],
  }),
];

let run = 0;
function completed(
  job: string,
  endedAt: number,
  inputs: string[],
  output: string,
  outputFacets: object = {},
  facets: object = {},
  eventType = 'COMPLETE',
) {
  run++;
  return {
    eventType,
    eventTime: new Date(endedAt).toISOString(),
    producer: 'https://example.com/test',
    run: { runId: `00000000-0000-4000-8000-${String(run).padStart(12, '0')}` },
    job: { namespace: 'etl', name: job },
    inputs: inputs.map(name => ({ namespace: NS, name })),
    outputs: [{ namespace: NS, name: output, facets, outputFacets }],
  };
}

/**
 * `event` writing `files` instead of its output, which a `symlinks` facet
 * names as `table` of NS (Spark writing a Hive table's files).
 */
function writesFilesOfTable(
  event: ReturnType<typeof completed>,
  files: { namespace: string; name: string },
  table: string,
) {
  return {
    ...event,
    outputs: [
      {
        ...files,
        facets: {
          symlinks: {
            identifiers: [{ namespace: NS, name: table, type: 'TABLE' }],
          },
        },
      },
    ],
  };
}

/** The plugin over `entities` (the example products), holding `events`. */
function backendHolding(
  knex: Knex,
  events: object[],
  entities: DataProductEntityV1alpha1[] = products,
  config?: JsonObject,
) {
  return lineageBackendHolding(knex, events, {
    features: [catalogServiceMock.factory({ entities })],
    config,
  });
}

describe('data products on lineage', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'answers the posted read of dataset owners 503 with Retry-After when the store is gone, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend } = await backendHolding(knex, [
        completed('orders_etl', Date.now(), ['raw.orders'], 'mart.orders'),
      ]);
      try {
        await knex.destroy();
        const res = await request(backend.server)
          .post('/api/lineage/products/datasets')
          .set('Authorization', mockCredentials.user.header())
          // No port's: its other names are read from the store.
          .send({ datasets: [{ namespace: NS, name: 'raw.orders' }] })
          .expect(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body.error).toEqual({
          name: 'ServiceUnavailableError',
          message: 'The lineage store is unavailable; retry later',
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'measures SLOs and finds drift against declared input ports, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const stats = (rowCount: number) => ({ outputStatistics: { rowCount } });
      const events = [
        completed(
          'orders_etl',
          now - 4 * DAY,
          ['raw.orders'],
          'mart.orders',
          stats(1000),
        ),
        completed(
          'orders_etl',
          now - 3 * DAY,
          ['raw.orders'],
          'mart.orders',
          stats(1100),
        ),
        completed(
          'orders_etl',
          now - 2 * DAY - HOUR,
          ['raw.orders'],
          'mart.orders',
          {},
          {},
          'FAIL',
        ),
        completed(
          'orders_etl',
          now - 2 * DAY,
          ['raw.orders'],
          'mart.orders',
          {
            ...stats(300),
            dataQualityMetrics: {
              rowCount: 300,
              columnMetrics: { customer_id: { nullCount: 30 } },
            },
          },
          {
            schema: {
              fields: [
                { name: 'id', type: 'BIGINT' },
                { name: 'customer_id', type: 'VARCHAR' },
                { name: 'channel', type: 'VARCHAR' },
              ],
            },
          },
        ),
        completed(
          'revenue_job',
          now - DAY,
          ['mart.orders', 'mart.sessions'],
          'mart.revenue',
        ),
      ];
      const { backend, get } = await backendHolding(knex, events);
      try {
        const slo = await get(
          '/entities/dataproduct/default/orders/slo',
        ).expect(200);
        const [port] = slo.body.outputPorts;
        expect(port.freshness).toMatchObject({
          status: 'breached',
          maxDelayMs: DAY,
        });
        // Measured from the first write 4 days ago: fresh for 3 of those days.
        expect(port.freshness.attainment).toBeCloseTo(0.75, 2);
        expect(port.freshness.attainmentStatus).toBe('breached');
        expect(port.volume).toMatchObject({
          status: 'breached',
          latestRowCount: 300,
          averageRowCount: 1050,
          samples: 3,
        });
        expect(port.schema).toEqual({
          status: 'breached',
          missingColumns: ['amount'],
          typeChanges: [
            { column: 'customer_id', contract: 'BIGINT', observed: 'VARCHAR' },
          ],
          extraColumns: ['channel'],
        });
        expect(port.quality).toMatchObject({
          status: 'breached',
          rules: [
            {
              column: 'customer_id',
              metric: 'nullRate',
              value: 0.1,
              status: 'breached',
            },
          ],
        });

        const lineage = await get(
          '/entities/dataproduct/default/revenue/lineage',
        ).expect(200);
        expect(lineage.body.upstream).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              source: 'dataproduct:default/orders',
              observed: true,
              declared: true,
            }),
            expect.objectContaining({
              source: 'dataproduct:default/sessions',
              observed: true,
              declared: false,
            }),
            expect.objectContaining({
              source: 'dataproduct:default/customers',
              observed: false,
              declared: true,
            }),
          ]),
        );
        expect(lineage.body.drift).toEqual({
          product: 'dataproduct:default/revenue',
          undeclaredInputs: [
            {
              product: 'dataproduct:default/sessions',
              dataset: { namespace: NS, name: 'mart.sessions' },
            },
          ],
          unseenInputs: [
            {
              port: 'customers',
              from: 'dataproduct:default/customers#customers',
              dataset: { namespace: NS, name: 'mart.customers' },
            },
          ],
          readWindowDays: 45,
          observed: true,
        });
        const unobserved = await get(
          '/entities/dataproduct/default/customers/slo',
        ).expect(200);
        expect(unobserved.body.outputPorts[0]).toMatchObject({
          observed: false,
        });
        await get('/entities/dataproduct/default/nope/slo').expect(404);

        const statuses = await get('/products/slo-status').expect(200);
        expect(statuses.body).toEqual(
          expect.arrayContaining([
            {
              entityRef: 'dataproduct:default/orders',
              status: 'breaching',
              breaching: ['freshness', 'volume', 'schema drift', 'quality'],
              unobserved: [],
              unjudged: [],
            },
            {
              entityRef: 'dataproduct:default/customers',
              status: 'unknown',
              breaching: [],
              unobserved: ['customers'],
              unjudged: [],
            },
          ]),
        );
        expect(statuses.body).toHaveLength(products.length);
      } finally {
        await backend.stop();
      }
    },
  );

  describe("counts as read what a port's current writers read within 45 days of their newest write", () => {
    const entities = [
      dataProduct('a'),
      dataProduct('c'),
      dataProduct('d'),
      dataProduct('e'),
      dataProduct('b', {
        inputPorts: [
          { name: 'a', from: 'dataproduct:default/a#a' },
          { name: 'e', from: 'dataproduct:default/e#e' },
        ],
      }),
    ];
    /** b's pipeline, its newest write at `end`. */
    const bPipeline = (end: number) => [
      // A read dropped 46 days before the newest run, with a declared input
      // not read since.
      completed('b_job', end - 46 * DAY, ['mart.c', 'mart.e'], 'mart.b'),
      // A read made monthly.
      completed('b_job', end - 31 * DAY, ['mart.a', 'mart.d'], 'mart.b'),
      completed('b_job', end, ['mart.a'], 'mart.b'),
      // The job that wrote the port before b_job, reading another product.
      completed('b_legacy', end - 50 * DAY, ['mart.d', 'mart.c'], 'mart.b'),
    ];
    const expectedDrift = {
      product: 'dataproduct:default/b',
      undeclaredInputs: [
        {
          product: 'dataproduct:default/d',
          dataset: { namespace: NS, name: 'mart.d' },
        },
      ],
      unseenInputs: [
        {
          port: 'e',
          from: 'dataproduct:default/e#e',
          dataset: { namespace: NS, name: 'mart.e' },
        },
      ],
      readWindowDays: 45,
      observed: true,
    };

    it.each(
      databases.eachSupportedId().flatMap(([id]) => [
        [id, 'runs daily', HOUR],
        [id, 'stopped running 100 days ago', 100 * DAY],
      ]),
    )('on %p, of a pipeline that %s', async (databaseId, _case, age) => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await backendHolding(
        knex,
        bPipeline(Date.now() - Number(age)),
        entities,
      );
      try {
        const { body } = await get(
          '/entities/dataproduct/default/b/lineage',
        ).expect(200);
        expect(body.drift).toEqual(expectedDrift);
        expect(
          body.upstream.map((edge: { source: string }) => edge.source).sort(),
        ).toEqual([
          'dataproduct:default/a',
          'dataproduct:default/d',
          'dataproduct:default/e',
        ]);
      } finally {
        await backend.stop();
      }
    });

    it.each(databases.eachSupportedId())(
      'on %p, over the window configured, in days whose milliseconds are no whole number',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const { backend, get } = await backendHolding(
          knex,
          bPipeline(Date.now() - HOUR),
          entities,
          { lineage: { readWindowDays: 46.2 } },
        );
        try {
          const { body } = await get(
            '/entities/dataproduct/default/b/lineage',
          ).expect(200);
          expect(body.drift.readWindowDays).toBe(46.2);
          expect(
            body.drift.undeclaredInputs
              .map((input: { product: string }) => input.product)
              .sort(),
          ).toEqual(['dataproduct:default/c', 'dataproduct:default/d']);
          expect(body.drift.unseenInputs).toEqual([]);
        } finally {
          await backend.stop();
        }
        await expect(
          startLineageBackend(knex, {
            config: { lineage: { readWindowDays: 0 } },
          }),
        ).rejects.toThrow(
          'lineage.readWindowDays must be a number of days above 0 and at most 3650, got 0',
        );
        await expect(
          startLineageBackend(knex, {
            config: { lineage: { products: { readWindowDays: 30 } } },
          }),
        ).rejects.toThrow(
          'lineage.products.readWindowDays is now lineage.readWindowDays',
        );
      },
    );

    it.each(databases.eachSupportedId())(
      'on %p, beside a writer whose event time is years ahead',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const { backend, get } = await backendHolding(
          knex,
          [
            ...bPipeline(Date.now() - HOUR),
            completed(
              'b_skewed',
              Date.now() + 3000 * DAY,
              ['mart.c'],
              'mart.b',
            ),
          ],
          entities,
        );
        try {
          const { body } = await get(
            '/entities/dataproduct/default/b/lineage',
          ).expect(200);
          // Left out until its time comes: b_job still counts alone.
          expect(body.drift).toEqual(expectedDrift);
        } finally {
          await backend.stop();
        }
      },
    );
  });

  it.each(databases.eachSupportedId())(
    'takes no write dated years ahead (a typo) as fresh, nor as one of the latest writes, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const { backend, get } = await backendHolding(knex, [
        completed('orders_etl', now - 2 * DAY, [], 'mart.orders'),
        completed('orders_etl', now + 3000 * DAY, [], 'mart.orders'),
      ]);
      try {
        const slo = await get(
          '/entities/dataproduct/default/orders/slo',
        ).expect(200);
        expect(slo.body.outputPorts[0].freshness).toMatchObject({
          status: 'breached',
          lastSuccessfulWrite: new Date(now - 2 * DAY).toISOString(),
        });
        const writes = await get(
          '/entities/dataproduct/default/orders/writes',
        ).expect(200);
        expect(
          writes.body.outputPorts[0].writes.map((w: any) => w.endedAt),
        ).toEqual([new Date(now - 2 * DAY).toISOString()]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'judges no input port unread before a job is seen writing the product, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const readsA = {
        inputPorts: [{ name: 'a', from: 'dataproduct:default/a#a' }],
      };
      const { backend, get } = await backendHolding(
        knex,
        [
          completed('a_job', Date.now() - HOUR, [], 'mart.a'),
          completed('d_job', Date.now() - HOUR, [], 'mart.d'),
        ],
        [dataProduct('a'), dataProduct('c', readsA), dataProduct('d', readsA)],
      );
      try {
        const lineageOf = async (name: string) =>
          (
            await get(`/entities/dataproduct/default/${name}/lineage`).expect(
              200,
            )
          ).body;
        const c = await lineageOf('c');
        expect(c.drift).toEqual({
          product: 'dataproduct:default/c',
          undeclaredInputs: [],
          observed: false,
          unseenInputs: [],
          readWindowDays: 45,
        });
        // Declared, though not seen.
        expect(c.upstream).toEqual([
          expect.objectContaining({
            source: 'dataproduct:default/a',
            declared: true,
            observed: false,
          }),
        ]);
        const d = await lineageOf('d');
        expect(d.drift).toMatchObject({
          observed: true,
          unseenInputs: [expect.objectContaining({ port: 'a' })],
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'marks a dependency declared when another port of the same product is read instead, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const port = (name: string) => ({
        name,
        type: 'table' as const,
        dataset: { namespace: NS, name: `mart.${name}` },
      });
      const entities = [
        dataProduct('a', { outputPorts: [port('a_x'), port('a_y')] }),
        dataProduct('b', {
          inputPorts: [{ name: 'a_y', from: 'dataproduct:default/a#a_y' }],
        }),
      ];
      const { backend, get } = await backendHolding(
        knex,
        [completed('b_job', Date.now() - HOUR, ['mart.a_x'], 'mart.b')],
        entities,
      );
      try {
        const { body } = await get(
          '/entities/dataproduct/default/b/lineage',
        ).expect(200);
        expect(body.upstream).toEqual([
          {
            source: 'dataproduct:default/a',
            target: 'dataproduct:default/b',
            datasets: [
              { namespace: NS, name: 'mart.a_x' },
              { namespace: NS, name: 'mart.a_y' },
            ],
            observed: true,
            declared: true,
          },
        ]);
        expect(body.drift).toEqual({
          product: 'dataproduct:default/b',
          undeclaredInputs: [
            {
              product: 'dataproduct:default/a',
              dataset: { namespace: NS, name: 'mart.a_x' },
            },
          ],
          unseenInputs: [
            {
              port: 'a_y',
              from: 'dataproduct:default/a#a_y',
              dataset: { namespace: NS, name: 'mart.a_y' },
            },
          ],
          readWindowDays: 45,
          observed: true,
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'answers 503 naming the catalog while it cannot be reached, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const catalog = catalogServiceMock.mock({
        getEntities: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
        },
      });
      const { backend, get } = await lineageBackendHolding(knex, [], {
        features: [catalog.factory],
      });
      try {
        for (const route of [
          '/products/graph',
          '/products/slo',
          '/products/slo-status',
          '/entities/dataproduct/default/orders/slo',
          '/entities/dataproduct/default/orders/lineage',
        ]) {
          const { body, headers } = await get(route).expect(503);
          expect(headers['retry-after']).toBe('5');
          expect(body.error.message).toMatch(
            /^Data products could not be loaded from the catalog: .*ECONNREFUSED/,
          );
        }
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'answers what breaks downstream, who owns datasets and what each port wrote, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const events = [
        // Before the volume SLO's 7 days: the runs card still shows its rows.
        completed('orders_etl', now - 10 * DAY, ['raw.orders'], 'mart.orders', {
          outputStatistics: { rowCount: 90 },
        }),
        completed('orders_etl', now - 2 * DAY, ['raw.orders'], 'mart.orders', {
          outputStatistics: { rowCount: 120 },
        }),
        completed('orders_etl', now - DAY, ['raw.orders'], 'mart.orders', {
          outputStatistics: { rowCount: 140 },
        }),
        completed(
          'revenue_job',
          now - HOUR,
          ['mart.orders', 'mart.customers'],
          'mart.revenue',
        ),
        completed(
          'sessions_job',
          now - HOUR,
          ['mart.revenue'],
          'mart.sessions',
        ),
      ];
      const { backend, get } = await backendHolding(knex, events);
      try {
        const impact = await get(
          '/entities/dataproduct/default/orders/impact',
        ).expect(200);
        expect(impact.body).toEqual({
          product: 'dataproduct:default/orders',
          impacted: [
            expect.objectContaining({
              entityRef: 'dataproduct:default/revenue',
              owner: 'group:default/sales',
              tier: 1,
              depth: 1,
              via: 'dataproduct:default/orders',
              datasets: [{ namespace: NS, name: 'mart.orders' }],
            }),
            expect.objectContaining({
              entityRef: 'dataproduct:default/sessions',
              depth: 2,
              via: 'dataproduct:default/revenue',
            }),
          ],
        });
        const viaPort = await get(
          '/entities/dataproduct/default/customers/impact?port=customers',
        ).expect(200);
        expect(viaPort.body.impacted.map((i: any) => i.entityRef)).toEqual([
          'dataproduct:default/revenue',
          'dataproduct:default/sessions',
        ]);
        const badPort = await get(
          '/entities/dataproduct/default/orders/impact?port=nope',
        ).expect(400);
        expect(badPort.body.error.message).toBe(
          'port "nope" is not an output port of dataproduct:default/orders; expected one of orders',
        );
        const anyPort = await get(
          '/entities/dataproduct/default/customers/impact?port=',
        ).expect(200);
        expect(anyPort.body.impacted.map((i: any) => i.entityRef)).toEqual(
          viaPort.body.impacted.map((i: any) => i.entityRef),
        );

        const owners = await request(backend.server)
          .post('/api/lineage/products/datasets')
          .set('Authorization', mockCredentials.user.header())
          .send({
            datasets: [
              { namespace: NS, name: 'mart.orders' },
              { namespace: NS, name: 'raw.orders' },
            ],
          })
          .expect(200);
        expect(owners.body.items).toEqual([
          {
            namespace: NS,
            name: 'mart.orders',
            port: 'orders',
            product: {
              entityRef: 'dataproduct:default/orders',
              title: 'orders',
              owner: 'group:default/sales',
              tier: 1,
            },
          },
        ]);
        const badOwners = await request(backend.server)
          .post('/api/lineage/products/datasets')
          .set('Authorization', mockCredentials.user.header())
          .send({ datasets: [{ namespace: NS }] })
          .expect(400);
        expect(badOwners.body.error.message).toBe(
          'datasets[0].name: expected a non-empty string',
        );
        for (const namespace of ['\ud800', 'a\u0000b']) {
          const unstorable = await request(backend.server)
            .post('/api/lineage/products/datasets')
            .set('Authorization', mockCredentials.user.header())
            .send({ datasets: [{ namespace, name: 'mart.orders' }] })
            .expect(400);
          expect(unstorable.body.error.message).toBe(
            'datasets[0].namespace: must not contain a NUL character (\\u0000) or an unpaired surrogate',
          );
        }
        const notJson = await request(backend.server)
          .post('/api/lineage/products/datasets')
          .set('Authorization', mockCredentials.user.header())
          .set('Content-Type', 'text/plain')
          .send(JSON.stringify({ datasets: [] }))
          .expect(415);
        expect(notJson.body.error.message).toBe(
          'Content-Type text/plain is not supported; send application/json',
        );
        // No body is no wrong type: refused for what it lacks.
        const noBody = await request(backend.server)
          .post('/api/lineage/products/datasets')
          .set('Authorization', mockCredentials.user.header())
          .expect(400);
        expect(noBody.body.error.message).toMatch(/^datasets: /);
        // JSON, but no object: refused for what it lacks too.
        for (const body of ['null', '5', '"datasets"']) {
          const notAnObject = await request(backend.server)
            .post('/api/lineage/products/datasets')
            .set('Authorization', mockCredentials.user.header())
            .set('Content-Type', 'application/json')
            .send(body)
            .expect(400);
          expect(notAnObject.body.error.message).toBe(
            'datasets: expected an array of { namespace, name } objects',
          );
        }
        // JSON that does not parse is refused as such, without the body.
        const malformed = await request(backend.server)
          .post('/api/lineage/products/datasets')
          .set('Authorization', mockCredentials.user.header())
          .set('Content-Type', 'application/json')
          .send('{"datasets": secret}')
          .expect(400);
        expect(malformed.body.error).toEqual(
          expect.objectContaining({
            name: 'InputError',
            message: "request body is not valid JSON: Unexpected token 's'",
          }),
        );
        await request(backend.server)
          .post('/api/lineage/products/datasets')
          .set('Authorization', mockCredentials.none.header())
          .send({ datasets: [] })
          .expect(401);

        const writes = await get(
          '/entities/dataproduct/default/orders/writes',
        ).expect(200);
        expect(writes.body.outputPorts).toEqual([
          {
            name: 'orders',
            dataset: { namespace: NS, name: 'mart.orders' },
            writes: [
              {
                runId: events[2].run.runId,
                endedAt: new Date(now - DAY).toISOString(),
                rowCount: 140,
              },
              {
                runId: events[1].run.runId,
                endedAt: new Date(now - 2 * DAY).toISOString(),
                rowCount: 120,
              },
              {
                runId: events[0].run.runId,
                endedAt: new Date(now - 10 * DAY).toISOString(),
                rowCount: 90,
              },
            ],
          },
        ]);
        const newest = await get(
          '/entities/dataproduct/default/orders/writes?limit=1',
        ).expect(200);
        expect(
          newest.body.outputPorts[0].writes.map((w: any) => w.rowCount),
        ).toEqual([140]);
        const badLimit = await get(
          '/entities/dataproduct/default/orders/writes?limit=0',
        ).expect(400);
        expect(badLimit.body.error.message).toBe(
          'Query parameter limit must be an integer from 1 to 1000, got "0"',
        );
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'gives a read of a dataset two products declare to each of them, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      // During a migration, the old and the new product declare one table.
      const entities = [
        ...products,
        dataProduct('orders-v2', {
          outputPorts: [
            {
              name: 'orders',
              type: 'table',
              dataset: { namespace: NS, name: 'mart.orders' },
            },
          ],
        }),
      ];
      const events = [
        completed('orders_etl', now - DAY, ['raw.orders'], 'mart.orders'),
        completed('revenue_job', now - HOUR, ['mart.orders'], 'mart.revenue'),
      ];
      const { backend, get } = await backendHolding(knex, events, entities);
      try {
        for (const name of ['orders', 'orders-v2']) {
          const impact = await get(
            `/entities/dataproduct/default/${name}/impact`,
          ).expect(200);
          expect(impact.body.impacted.map((i: any) => i.entityRef)).toEqual([
            'dataproduct:default/revenue',
          ]);
        }
        const { body } = await get(
          '/entities/dataproduct/default/revenue/lineage',
        ).expect(200);
        expect(body.drift.undeclaredInputs).toEqual([]);
        expect(
          body.upstream.map((e: any) => [e.source, e.observed, e.declared]),
        ).toEqual(
          expect.arrayContaining([
            ['dataproduct:default/orders', true, true],
            // Read, but declared from orders only; no finding either.
            ['dataproduct:default/orders-v2', true, false],
          ]),
        );
        const owners = await request(backend.server)
          .post('/api/lineage/products/datasets')
          .set('Authorization', mockCredentials.user.header())
          .send({ datasets: [{ namespace: NS, name: 'mart.orders' }] })
          .expect(200);
        expect(owners.body.items.map((o: any) => o.product.entityRef)).toEqual([
          'dataproduct:default/orders',
          'dataproduct:default/orders-v2',
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'measures freshness from before the window, over its own window if declared, and quality by when it was reported, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const slos = {
        freshness: { maxDelay: '1d', objective: '90%' },
        volume: { minRatio: 0.5, maxRatio: 2, window: '7d' },
        quality: [
          { column: 'customer_id', metric: 'nullRate' as const, max: 0.01 },
          // Each product's one port is named after it: of checked's only.
          {
            port: 'checked',
            column: 'customer_id',
            metric: 'rowCount' as const,
            min: 1,
          },
        ],
      };
      const watched = ['stale', 'revived', 'checked'].map(name =>
        dataProduct(name, { slos }),
      );
      const freshOver = (window: string) => ({
        ...slos,
        freshness: { ...slos.freshness, window },
      });
      watched.push(
        dataProduct('monthly', { slos: freshOver('28d') }),
        dataProduct('daily', { slos: freshOver('1d') }),
      );
      const nulls = (nullCount: number) => ({
        dataQualityMetrics: {
          rowCount: 100,
          columnMetrics: { customer_id: { nullCount } },
        },
      });
      const reported = completed(
        'checked_job',
        now - 5 * HOUR,
        [],
        'mart.checked',
        nulls(50),
        {},
        'START',
      );
      const events = [
        // Last written 10 days ago; failing every day since.
        completed('stale_job', now - 10 * DAY, [], 'mart.stale'),
        ...[6, 5, 4, 3, 2, 1].map(d =>
          completed(
            'stale_job',
            now - d * DAY,
            [],
            'mart.stale',
            {},
            {},
            'FAIL',
          ),
        ),
        // Written 30 days ago, then not until 2 hours ago.
        completed('revived_job', now - 30 * DAY, [], 'mart.revived'),
        completed('revived_job', now - 2 * HOUR, [], 'mart.revived'),
        // Written 27 and 20 days ago, before the volume window and within
        // freshness's, and 2 hours ago.
        ...[27 * DAY, 20 * DAY, 2 * HOUR].map(ago =>
          completed('monthly_job', now - ago, [], 'mart.monthly'),
        ),
        // Written 3 days ago, within the volume window and before
        // freshness's, and 2 hours ago.
        ...[3 * DAY, 2 * HOUR].map(ago =>
          completed('daily_job', now - ago, [], 'mart.daily'),
        ),
        // A run reports half nulls when it starts and completes without a
        // report after another run reported none.
        reported,
        completed('checked_job', now - 3 * HOUR, [], 'mart.checked', nulls(0)),
        {
          ...completed('checked_job', now - HOUR, [], 'mart.checked'),
          run: reported.run,
        },
      ];
      const { backend, get } = await backendHolding(knex, events, watched);
      try {
        const port = async (name: string) =>
          (await get(`/entities/dataproduct/default/${name}/slo`).expect(200))
            .body.outputPorts[0];
        const stale = await port('stale');
        expect(stale.freshness).toMatchObject({
          status: 'breached',
          lastSuccessfulWrite: new Date(now - 10 * DAY).toISOString(),
          attainment: 0,
          attainmentStatus: 'breached',
        });
        const revived = await port('revived');
        expect(revived.freshness).toMatchObject({
          status: 'met',
          attainmentStatus: 'breached',
        });
        expect(revived.freshness.attainment).toBeCloseTo(2 / (7 * 24), 3);
        expect(revived.freshness.windowMs).toBe(7 * DAY);
        const monthly = await get(
          '/entities/dataproduct/default/monthly/slo',
        ).expect(200);
        expect(monthly.body.windowMs).toBe(7 * DAY);
        expect(monthly.body.outputPorts[0].freshness).toMatchObject({
          windowMs: 28 * DAY,
          // From the first write: fresh 1 day, 1 day and 2 hours of 27 days.
          attainment: Math.round((50 / (27 * 24)) * 10_000) / 10_000,
        });
        // Within a few seconds: the window ends when it is measured, some
        // time after `now` on a loaded machine.
        expect((await port('daily')).freshness).toMatchObject({
          windowMs: DAY,
          attainment: expect.closeTo(2 / 24, 3),
        });
        const checked = await port('checked');
        expect(checked.quality).toMatchObject({
          status: 'met',
          measuredAt: new Date(now - 3 * HOUR).toISOString(),
          rules: [
            expect.objectContaining({ value: 0, status: 'met' }),
            expect.objectContaining({ metric: 'rowCount', value: 100 }),
          ],
        });
        expect(
          (await port('revived')).quality.rules.map((r: any) => r.metric),
        ).toEqual(['nullRate']);
        const statuses = await get('/products/slo-status').expect(200);
        expect(
          statuses.body.find(
            (s: any) => s.entityRef === 'dataproduct:default/stale',
          ),
        ).toMatchObject({ status: 'breaching' });

        const all = (await get('/products/slo').expect(200)).body.items;
        expect(all.map((slo: any) => slo.entityRef)).toEqual([
          'dataproduct:default/stale',
          'dataproduct:default/revived',
          'dataproduct:default/checked',
          'dataproduct:default/monthly',
          'dataproduct:default/daily',
        ]);
        expect(all[0].outputPorts[0]).toEqual({
          ...stale,
          freshness: {
            ...stale.freshness,
            attainment: expect.any(Number),
            ageMs: expect.any(Number),
          },
        });
        expect(all[2].outputPorts[0].quality).toEqual(checked.quality);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "judges schema drift on the port's latest successful write, not on a reader's or a failed run's schema, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const schema = (...names: string[]) => ({
        schema: {
          fields: contract.schema[0].properties
            .filter(p => names.includes(p.name))
            .map(p => ({ name: p.name, type: p.physicalType })),
        },
      });
      const reader = completed('revenue_job', now - HOUR, [], 'mart.revenue');
      const events = [
        completed(
          'orders_etl',
          now - 3 * HOUR,
          [],
          'mart.orders',
          {},
          schema('id', 'customer_id', 'amount'),
        ),
        // A reader that reports only the column it selects.
        {
          ...reader,
          inputs: [
            { namespace: NS, name: 'mart.orders', facets: schema('id') },
          ],
        },
        completed(
          'orders_etl',
          now - 30 * 60_000,
          [],
          'mart.orders',
          {},
          schema('id'),
          'FAIL',
        ),
      ];
      const { backend, get } = await backendHolding(knex, events);
      try {
        const slo = await get(
          '/entities/dataproduct/default/orders/slo',
        ).expect(200);
        expect(slo.body.outputPorts[0].schema).toEqual({
          status: 'met',
          missingColumns: [],
          typeChanges: [],
          extraColumns: [],
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'finds a port declared by the table name a symlinks facet gives its files, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const files = { namespace: 'file', name: '/warehouse/orders' };
      const events = [
        writesFilesOfTable(
          completed('orders_spark', now - 2 * HOUR, [], 'x'),
          files,
          'mart.orders',
        ),
        {
          ...completed('revenue_job', now - HOUR, [], 'mart.revenue'),
          inputs: [files],
        },
      ];
      const { backend, get } = await backendHolding(knex, events);
      try {
        const slo = await get(
          '/entities/dataproduct/default/orders/slo',
        ).expect(200);
        expect(slo.body.outputPorts[0]).toMatchObject({
          observed: true,
          freshness: {
            lastSuccessfulWrite: new Date(now - 2 * HOUR).toISOString(),
          },
        });
        const lineage = await get(
          '/entities/dataproduct/default/revenue/lineage',
        ).expect(200);
        expect(lineage.body.upstream).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              source: 'dataproduct:default/orders',
              observed: true,
              declared: true,
            }),
          ]),
        );
        // The explorer labels the files' node with the port's product.
        const owners = await request(backend.server)
          .post('/api/lineage/products/datasets')
          .set('Authorization', mockCredentials.user.header())
          .send({ datasets: [files, { namespace: NS, name: 'mart.revenue' }] })
          .expect(200);
        expect(owners.body.items).toEqual([
          expect.objectContaining({
            ...files,
            port: 'orders',
            product: expect.objectContaining({
              entityRef: 'dataproduct:default/orders',
            }),
          }),
          expect.objectContaining({
            name: 'mart.revenue',
            product: expect.objectContaining({
              entityRef: 'dataproduct:default/revenue',
            }),
          }),
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'takes a port whose table is read by name while its files are written as one, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const files = { namespace: 's3a://lake', name: 'orders' };
      const { backend, get } = await backendHolding(knex, [
        writesFilesOfTable(
          completed('orders_spark', now - 2 * HOUR, [], 'x'),
          files,
          'mart.orders',
        ),
        // Revenue's job reads the table by its name, as a query does.
        completed('revenue_job', now - HOUR, ['mart.orders'], 'mart.revenue'),
      ]);
      try {
        const slo = await get(
          '/entities/dataproduct/default/orders/slo',
        ).expect(200);
        expect(slo.body.outputPorts[0].freshness).toMatchObject({
          lastSuccessfulWrite: new Date(now - 2 * HOUR).toISOString(),
        });
        const lineage = await get(
          '/entities/dataproduct/default/revenue/lineage',
        ).expect(200);
        expect(lineage.body.upstream).toEqual([
          expect.objectContaining({
            source: 'dataproduct:default/orders',
            observed: true,
            declared: true,
          }),
          expect.objectContaining({
            source: 'dataproduct:default/customers',
            observed: false,
          }),
        ]);
        expect(lineage.body.drift.undeclaredInputs).toEqual([]);
        expect(lineage.body.drift.unseenInputs).toEqual([
          expect.objectContaining({ port: 'customers' }),
        ]);
        // Both names of the port are labelled with its product.
        const owners = await request(backend.server)
          .post('/api/lineage/products/datasets')
          .set('Authorization', mockCredentials.user.header())
          .send({ datasets: [files, { namespace: NS, name: 'mart.orders' }] })
          .expect(200);
        expect(owners.body.items.map((item: any) => item.port)).toEqual([
          'orders',
          'orders',
        ]);
        // On-call typing the port's table finds its product, not a reader.
        const found = await get('/products/search?q=mart.orders').expect(200);
        expect(
          found.body.items.map((item: any) => [item.entityRef, item.upstream]),
        ).toEqual([['dataproduct:default/orders', undefined]]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'takes an input declared by the files a port is declared the table of as that port, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const files = { namespace: 'file', name: '/warehouse/a' };
      const { backend, get } = await backendHolding(
        knex,
        [
          writesFilesOfTable(
            completed('a_spark', now - 2 * HOUR, [], 'x'),
            files,
            'mart.a',
          ),
          {
            ...completed('b_job', now - HOUR, [], 'mart.b'),
            inputs: [files],
          },
        ],
        [
          dataProduct('a'),
          dataProduct('b', {
            inputPorts: [{ name: 'a-files', dataset: files }],
          }),
        ],
      );
      try {
        const { body } = await get(
          '/entities/dataproduct/default/b/lineage',
        ).expect(200);
        expect(body.drift).toMatchObject({
          observed: true,
          undeclaredInputs: [],
          unseenInputs: [],
        });
        expect(body.upstream).toEqual([
          expect.objectContaining({
            source: 'dataproduct:default/a',
            observed: true,
            declared: true,
          }),
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'finds a product whose name has capitals by any case of its ref, and as the input port a consumer declares, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const { backend, get } = await backendHolding(
        knex,
        [
          completed(
            'profiles_job',
            now - 2 * HOUR,
            [],
            'mart.CustomerProfiles',
          ),
          completed(
            'campaigns_job',
            now - HOUR,
            ['mart.CustomerProfiles'],
            'mart.campaigns',
          ),
        ],
        [
          dataProduct('CustomerProfiles'),
          dataProduct('campaigns', {
            inputPorts: [
              {
                name: 'profiles',
                from: 'dataproduct:default/customerprofiles#CustomerProfiles',
              },
            ],
          }),
        ],
      );
      try {
        for (const name of ['CustomerProfiles', 'customerprofiles']) {
          const slo = await get(
            `/entities/dataproduct/default/${name}/slo`,
          ).expect(200);
          expect(slo.body.outputPorts[0].observed).toBe(true);
        }
        const { body } = await get(
          '/entities/dataproduct/default/campaigns/lineage',
        ).expect(200);
        expect(body.drift).toMatchObject({
          observed: true,
          undeclaredInputs: [],
          unseenInputs: [],
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "reads a product's extra table, one its port's job also writes, as reading that product, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const ordersRun = completed(
        'orders_etl',
        now - 2 * HOUR,
        ['mart.sessions'],
        'mart.orders',
      );
      const events = [
        {
          ...ordersRun,
          outputs: [
            ...ordersRun.outputs,
            { namespace: NS, name: 'mart.orders_agg' },
          ],
        },
        completed('customers_etl', now - 2 * HOUR, [], 'mart.customers'),
        completed(
          'revenue_etl',
          now - HOUR,
          ['mart.orders_agg', 'mart.customers'],
          'mart.revenue',
        ),
        // Reading it undeclared is no finding: it is no port of orders.
        completed(
          'sessions_etl',
          now - HOUR,
          ['mart.orders_agg'],
          'mart.sessions',
        ),
      ];
      const { backend, get } = await backendHolding(knex, events);
      try {
        const { body } = await get(
          '/entities/dataproduct/default/revenue/lineage',
        ).expect(200);
        // Not the sessions orders_etl reads, nor orders unread.
        expect(body.drift).toMatchObject({
          undeclaredInputs: [],
          unseenInputs: [],
        });
        expect(body.upstream).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              source: 'dataproduct:default/orders',
              observed: true,
              declared: true,
            }),
          ]),
        );
        expect(
          body.upstream.map((edge: { source: string }) => edge.source).sort(),
        ).toEqual([
          'dataproduct:default/customers',
          'dataproduct:default/orders',
        ]);
        const sessions = await get(
          '/entities/dataproduct/default/sessions/lineage',
        ).expect(200);
        expect(sessions.body.drift.undeclaredInputs).toEqual([]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "no longer takes a staging table for a product's extra table once the job that wrote both is replaced, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      // Long ago one job wrote customers' port and the orders staging
      // table; a job of its own now stages orders.
      const legacyRun = completed(
        'legacy_etl',
        now - 90 * DAY,
        [],
        'mart.customers',
      );
      const events = [
        {
          ...legacyRun,
          outputs: [
            ...legacyRun.outputs,
            { namespace: NS, name: 'stg.orders' },
          ],
        },
        completed('orders_etl', now - 3 * HOUR, [], 'mart.orders'),
        completed(
          'stage_orders',
          now - 2 * HOUR,
          ['mart.orders'],
          'stg.orders',
        ),
        completed('revenue_etl', now - HOUR, ['stg.orders'], 'mart.revenue'),
      ];
      const { backend, get } = await backendHolding(knex, events, [
        ...products.filter(p => p.metadata.name !== 'revenue'),
        dataProduct('revenue', {
          inputPorts: [
            { name: 'orders', from: 'dataproduct:default/orders#orders' },
          ],
        }),
      ]);
      try {
        const { body } = await get(
          '/entities/dataproduct/default/revenue/lineage',
        ).expect(200);
        expect(body.upstream.map((edge: any) => edge.source)).toEqual([
          'dataproduct:default/orders',
        ]);
        expect(body.drift).toMatchObject({
          undeclaredInputs: [],
          unseenInputs: [],
        });
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'sees inputs read through staging tables no product owns, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      const events = [
        // revenue: orders and customers, each through a staging table.
        completed(
          'stage_orders',
          now - 3 * HOUR,
          ['mart.orders'],
          'stg.orders',
        ),
        completed(
          'stage_customers',
          now - 3 * HOUR,
          ['mart.customers'],
          'stg.customers',
        ),
        completed(
          'join',
          now - 2 * HOUR,
          ['stg.orders', 'stg.customers'],
          'int.revenue',
        ),
        completed(
          'publish_revenue',
          now - HOUR,
          ['int.revenue'],
          'mart.revenue',
        ),
        // sessions: revenue, undeclared, through a staging table.
        completed('stage_revenue', now - HOUR, ['mart.revenue'], 'stg.revenue'),
        completed(
          'publish_sessions',
          now - HOUR,
          ['stg.revenue'],
          'mart.sessions',
        ),
      ];
      const { backend, get } = await backendHolding(knex, events);
      try {
        const { body } = await get('/products/graph').expect(200);
        const driftOf = (name: string) =>
          body.drift.find(
            (d: any) => d.product === `dataproduct:default/${name}`,
          );
        expect(driftOf('revenue')).toMatchObject({
          undeclaredInputs: [],
          unseenInputs: [],
        });
        // Looking back stops at another product's output: revenue's own
        // inputs are not sessions' too.
        expect(driftOf('sessions').undeclaredInputs).toEqual([
          {
            product: 'dataproduct:default/revenue',
            dataset: { namespace: NS, name: 'mart.revenue' },
          },
        ]);
      } finally {
        await backend.stop();
      }
    },
  );
});

describe('data products on lineage, as the catalog lets the caller read them', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'leaves out of every answer a product the caller may not read, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const now = Date.now();
      // Revenue reads orders; a contractor may not read what is restricted.
      const revenueProduct = dataProduct('revenue', {
        inputPorts: [
          { name: 'orders', from: 'dataproduct:default/orders#orders' },
        ],
      });
      revenueProduct.metadata.labels = { restricted: 'yes' };
      const mesh = [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'sales' },
          spec: { type: 'team', children: [] },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Domain',
          metadata: { name: 'sales' },
          spec: { owner: 'group:default/sales' },
        },
        dataProduct('orders', {}),
        revenueProduct,
        // Reads revenue's table without declaring it.
        dataProduct('finance', {}),
      ];
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lineage-mesh-'));
      const meshFile = path.join(dir, 'mesh.yaml');
      // JSON is YAML.
      await fs.writeFile(
        meshFile,
        mesh.map(e => JSON.stringify(e)).join('\n---\n'),
      );
      const contractor = 'user:default/contractor';
      const permissions = permissionsHidingLabelled({
        user: contractor,
        label: 'restricted',
      });
      const { backend } = await lineageBackendHolding(
        knex,
        [
          completed('orders_etl', now - HOUR, ['raw.orders'], 'mart.orders'),
          completed('revenue_etl', now, ['mart.orders'], 'mart.revenue'),
          completed('finance_etl', now, ['mart.revenue'], 'mart.finance'),
        ],
        {
          features: [
            catalogPlugin,
            catalogModuleDataProducts,
            permissions.factory,
          ],
          config: {
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Group', 'Domain', 'DataProduct'] }],
              locations: [{ type: 'file', target: meshFile }],
            },
          },
        },
      );
      try {
        const as = (user: string) => (url: string) =>
          request(backend.server)
            .get(`/api/lineage${url}`)
            .set('Authorization', mockCredentials.user.header(user));
        const staff = as('user:default/staff');
        const outsider = as(contractor);
        const refs = (items: Array<{ entityRef: string }>) =>
          items.map(item => item.entityRef).sort();
        const deadline = Date.now() + 60_000;
        while (
          (await staff('/products/slo-status')).body.length !== 3 &&
          Date.now() < deadline
        ) {
          await new Promise(resolve => setTimeout(resolve, 250));
        }
        const [finance, orders, revenue] = [
          'dataproduct:default/finance',
          'dataproduct:default/orders',
          'dataproduct:default/revenue',
        ];
        const both = [orders, revenue];
        const readable = [finance, orders];
        expect(refs((await staff('/products/slo-status')).body)).toEqual([
          finance,
          ...both,
        ]);
        expect(refs((await outsider('/products/slo-status')).body)).toEqual(
          readable,
        );
        expect(refs((await outsider('/products/slo')).body.items)).toEqual(
          readable,
        );

        const edge = { source: orders, target: revenue };
        const staffGraph = (await staff('/products/graph')).body;
        expect(staffGraph.edges).toHaveLength(2);
        expect(staffGraph.edges).toEqual(
          expect.arrayContaining([
            expect.objectContaining(edge),
            expect.objectContaining({ source: revenue, target: finance }),
          ]),
        );
        const undeclared = (body: any) =>
          body.drift.find((d: any) => d.product === finance).undeclaredInputs;
        const revenueTable = { namespace: NS, name: 'mart.revenue' };
        expect(undeclared(staffGraph)).toEqual([
          { product: revenue, dataset: revenueTable },
        ]);
        const graph = (await outsider('/products/graph')).body;
        expect(graph.edges).toEqual([]);
        expect(graph.drift.map((d: any) => d.product).sort()).toEqual(readable);
        expect(undeclared(graph)).toEqual([{ dataset: revenueTable }]);
        expect(
          (await outsider('/entities/dataproduct/default/finance/lineage')).body
            .drift.undeclaredInputs,
        ).toEqual([{ dataset: revenueTable }]);

        const ordersPath = '/entities/dataproduct/default/orders';
        const impacted = async (as_: typeof staff) =>
          (await as_(`${ordersPath}/impact`)).body.impacted.map(
            ({ entityRef, via, datasets }: any) => ({
              entityRef,
              via,
              datasets,
            }),
          );
        expect(await impacted(staff)).toEqual([
          {
            entityRef: revenue,
            via: orders,
            datasets: [{ namespace: NS, name: 'mart.orders' }],
          },
          {
            entityRef: finance,
            via: revenue,
            datasets: [revenueTable],
          },
        ]);
        // Still in the blast radius, read through what it may not read.
        expect(await impacted(outsider)).toEqual([
          { entityRef: finance, datasets: [] },
        ]);
        expect((await staff(`${ordersPath}/lineage`)).body.downstream).toEqual([
          expect.objectContaining(edge),
        ]);
        expect(
          (await outsider(`${ordersPath}/lineage`)).body.downstream,
        ).toEqual([]);
        await outsider(`${ordersPath}/slo`).expect(200);

        for (const route of ['slo', 'lineage', 'impact', 'writes']) {
          await staff(`/entities/dataproduct/default/revenue/${route}`).expect(
            200,
          );
          const { body } = await outsider(
            `/entities/dataproduct/default/revenue/${route}`,
          ).expect(404);
          expect(body.error.message).toBe(
            'No data product dataproduct:default/revenue',
          );
        }

        // The job writes revenue's port; to one who may not read revenue,
        // it feeds finance's.
        const found = (await staff('/products/search?q=revenue_etl')).body;
        expect(refs(found.items)).toEqual([revenue]);
        expect(
          refs((await outsider('/products/search?q=revenue_etl')).body.items),
        ).toEqual([finance]);
        // Revenue's own table first, were it found: the limit leaves room
        // for what the caller may read.
        expect(
          refs(
            (await outsider('/products/search?q=mart.revenue&limit=1')).body
              .items,
          ),
        ).toEqual([finance]);
        const owners = (user: string) =>
          request(backend.server)
            .post('/api/lineage/products/datasets')
            .set('Authorization', mockCredentials.user.header(user))
            .send({ datasets: [{ namespace: NS, name: 'mart.revenue' }] })
            .expect(200);
        expect((await owners('user:default/staff')).body.items).toHaveLength(1);
        expect((await owners(contractor)).body.items).toEqual([]);
      } finally {
        await backend.stop();
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
