import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { MAX_DATASETS_PER_OWNERS_REQUEST } from '@meshwork/plugin-lineage-common';
import {
  createStoreTestDatabases,
  permissionsHidingLabelled,
} from '@meshwork/test-utils';
import request from 'supertest';
import { dataProduct, namingJobs } from '../../__testUtils__/dataProduct';
import { startLineageBackend } from '../../__testUtils__/startLineageBackend';

const ORDERS = 'dataproduct:default/orders';
const REVENUE = 'dataproduct:default/revenue';
const CONTRACTOR = 'user:default/contractor';

const revenue = namingJobs(dataProduct('revenue'), 'etl:orders_export');
revenue.metadata.title = 'Revenue reporting';
const secret = namingJobs(dataProduct('secret'), 'etl:orders_export');
secret.metadata.labels = { restricted: 'yes' };
const products = [
  namingJobs(dataProduct('orders'), 'airflow:orders_dag\netl:orders_export'),
  revenue,
  secret,
  dataProduct('customers'),
];

/** A catalog hiding what is labelled restricted from CONTRACTOR. */
const catalog = catalogServiceMock.mock({
  getEntities: async (_request, options) => {
    const { principal } = (options as { credentials: BackstageCredentials })
      .credentials;
    const hidden =
      (principal as { userEntityRef?: string }).userEntityRef === CONTRACTOR;
    return {
      items: products.filter(p => !(hidden && p.metadata.labels?.restricted)),
    };
  },
});

const ingestOnly = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('meshwork-api-client'),
  targetPluginId: 'lineage',
});

describe('POST /products/jobs', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'answers the products naming the jobs asked in their openlineage-jobs annotation, to readers only, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex, {
        features: [
          catalog.factory,
          permissionsHidingLabelled({ user: CONTRACTOR, label: 'restricted' })
            .factory,
        ],
      });
      try {
        const post = (authorization: string, body: object) =>
          request(backend.server)
            .post('/api/lineage/products/jobs')
            .set('Authorization', authorization)
            .send(body);
        const jobs = [
          'job:airflow:orders_dag',
          // A task of the DAG: its product is its parent's, which the
          // page asks for by the parent's id.
          'job:airflow:orders_dag.load',
          'job:etl:orders_export',
          'job:etl:adhoc',
        ];
        const answer = await post(mockCredentials.user.header(), {
          jobs,
        }).expect(200);
        expect(answer.body.items).toEqual([
          {
            job: 'job:airflow:orders_dag',
            product: { entityRef: ORDERS, title: 'orders' },
          },
          {
            job: 'job:etl:orders_export',
            product: { entityRef: ORDERS, title: 'orders' },
          },
          // Two products may name one job.
          {
            job: 'job:etl:orders_export',
            product: { entityRef: REVENUE, title: 'Revenue reporting' },
          },
          {
            job: 'job:etl:orders_export',
            product: {
              entityRef: 'dataproduct:default/secret',
              title: 'secret',
            },
          },
        ]);

        // Staff read the restricted product; a contractor does not.
        const asked = { jobs: ['job:etl:orders_export'] };
        const refsFor = async (user: string) =>
          (
            await post(mockCredentials.user.header(user), asked).expect(200)
          ).body.items.map((item: any) => item.product.entityRef);
        expect(await refsFor('user:default/staff')).toEqual([
          ORDERS,
          REVENUE,
          'dataproduct:default/secret',
        ]);
        expect(await refsFor(CONTRACTOR)).toEqual([ORDERS, REVENUE]);
        const refused = await post(ingestOnly, { jobs }).expect(403);
        expect(refused.body.error.message).toContain('not read lineage');
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'answers 400 naming the field of a bad body, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex, {
        features: [catalog.factory],
      });
      try {
        const refusal = async (body: unknown) =>
          (
            await request(backend.server)
              .post('/api/lineage/products/jobs')
              .set('Authorization', mockCredentials.user.header())
              .set('Content-Type', 'application/json')
              .send(JSON.stringify(body))
              .expect(400)
          ).body.error.message;
        expect(await refusal(null)).toMatch(/^jobs: expected an array/);
        expect(await refusal({ jobs: 'job:etl:a' })).toMatch(
          /^jobs: expected an array/,
        );
        expect(
          await refusal({
            jobs: Array.from(
              { length: MAX_DATASETS_PER_OWNERS_REQUEST + 1 },
              (_, i) => `job:etl:j${i}`,
            ),
          }),
        ).toBe(
          `jobs: at most ${MAX_DATASETS_PER_OWNERS_REQUEST} jobs, got ${
            MAX_DATASETS_PER_OWNERS_REQUEST + 1
          }`,
        );
        for (const [index, bad] of [
          [1, 'dataset:etl:a'],
          [1, 7],
          [1, { namespace: 'etl', name: 'a' }],
        ] as const) {
          expect(await refusal({ jobs: ['job:etl:ok', bad] })).toBe(
            `jobs[${index}]: expected a job node id, job:<namespace>:<name>`,
          );
        }
        // Past the body limit, as for the dataset owners.
        await request(backend.server)
          .post('/api/lineage/products/jobs')
          .set('Authorization', mockCredentials.user.header())
          .send({ jobs: [`job:etl:${'x'.repeat(2 * 1024 * 1024)}`] })
          .expect(413);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the static ingest token from reading and strangers out, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const token = 'lineage-ingest-token';
      const backend = await startLineageBackend(knex, {
        features: [authServiceFactory, httpAuthServiceFactory, catalog.factory],
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
      try {
        const body = { jobs: ['job:etl:orders_export'] };
        const refused = await request(backend.server)
          .post('/api/lineage/products/jobs')
          .set('Authorization', `Bearer ${token}`)
          .send(body)
          .expect(403);
        expect(refused.body.error.message).toContain('not read lineage');
        await request(backend.server)
          .post('/api/lineage/products/jobs')
          .send(body)
          .expect(401);
      } finally {
        await backend.stop();
      }
    },
  );
});
