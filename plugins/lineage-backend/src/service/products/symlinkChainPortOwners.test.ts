import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { dataProduct } from '../../__testUtils__/dataProduct';
import { lineageBackendHolding } from '../../__testUtils__/lineageBackendHolding';
import {
  completedRun,
  FILES,
  GLUE,
  HIVE,
  Named,
  NS,
  symlinkTo,
} from '../../__testUtils__/symlinkChain';

const raw = { namespace: NS, name: 'raw' };
const report = { namespace: NS, name: 'report' };

/**
 * Spark writes the files, naming the Hive table, whose own facet names the
 * Glue table; the `orders` product's port declares `port`, one of them.
 */
function ordersBackend(knex: Knex, port: Named) {
  return lineageBackendHolding(
    knex,
    [
      completedRun(
        'spark.orders',
        [raw],
        [{ ...FILES, facets: symlinkTo(HIVE) }],
      ),
      completedRun(
        'trino.report',
        [{ ...HIVE, facets: symlinkTo(GLUE) }],
        [report],
      ),
      completedRun('athena.report', [GLUE], [report]),
    ],
    {
      features: [
        catalogServiceMock.factory({
          entities: [
            dataProduct('orders', {
              outputPorts: [
                { name: 'orders', type: 'table', dataset: port } as any,
              ],
            }),
          ],
        }),
      ],
    },
  );
}

/** The owners `POST /products/datasets` labels `datasets` with. */
async function ownersOf(
  server: Parameters<typeof request>[0],
  datasets: Named[],
) {
  const { body } = await request(server)
    .post('/api/lineage/products/datasets')
    .set('Authorization', mockCredentials.user.header())
    .send({ datasets })
    .expect(200);
  return body.items.map((i: any) => [i.name, i.port, i.product.entityRef]);
}

/**
 * The owners of the table by each of its names, and of `report`, with the
 * `orders` port declared as `port`.
 */
async function ownersOfEveryName(knex: Knex, port: Named) {
  const { backend } = await ordersBackend(knex, port);
  try {
    return await ownersOf(backend.server, [FILES, HIVE, GLUE, report]);
  } finally {
    await backend.stop();
  }
}

const allOwned = [
  [FILES.name, 'orders', 'dataproduct:default/orders'],
  [HIVE.name, 'orders', 'dataproduct:default/orders'],
  [GLUE.name, 'orders', 'dataproduct:default/orders'],
];

describe('a port declared by the last of a chain of names', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'owns the jobs writing its table by its first name, on %p',
    async databaseId => {
      const { backend, get } = await ordersBackend(
        await databases.init(databaseId),
        GLUE,
      );
      try {
        const { body } = await get('/products/search?q=spark.orders').expect(
          200,
        );
        expect(body.items).toEqual([
          expect.objectContaining({
            entityRef: 'dataproduct:default/orders',
            via: expect.objectContaining({ name: 'spark.orders' }),
          }),
        ]);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'owns its table by each of its names, as the graph labels them, on %p',
    async databaseId => {
      expect(
        await ownersOfEveryName(await databases.init(databaseId), GLUE),
      ).toEqual(allOwned);
    },
  );
});

describe('a port declared by the first of a chain of names', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'owns its table by its last name too, on %p',
    async databaseId => {
      expect(
        await ownersOfEveryName(await databases.init(databaseId), FILES),
      ).toEqual(allOwned);
    },
  );
});
