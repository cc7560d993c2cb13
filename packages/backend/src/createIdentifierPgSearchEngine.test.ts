import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import { dataProductCollatorEntityTransformer } from '@meshwork/plugin-catalog-backend-module-data-products';
import {
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
import { createIdentifierPgSearchEngine } from './createIdentifierPgSearchEngine';

const component = (name: string, description: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, description },
  spec: { type: 'service', owner: 'customer-data', lifecycle: 'production' },
});

const payments: Entity = {
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'payments', tags: ['finance-x', 'pii'] },
  spec: {
    domain: 'domain:default/treasury',
    owner: 'group:payments-data',
    lifecycle: 'production',
    type: 'source-aligned',
    outputPorts: [
      {
        name: 'payments',
        type: 'table',
        contract: {
          apiVersion: 'v3.0.2',
          kind: 'DataContract',
          id: 'payments',
          version: '1.0.0',
          status: 'active',
          schema: [
            {
              name: 'payments',
              physicalName: 'pmt_master',
              properties: [
                {
                  name: 'transaction_reference_date',
                  physicalName: 'txn_ref_dt',
                  logicalType: 'date',
                },
              ],
            },
          ],
        },
      },
    ],
  },
};

const entities = [
  component('billing', 'Joins on orders.customer_id every night.'),
  component('crm', 'The customer tool; its id is kept for audits.'),
  component('support', 'Tickets by customer_id.'),
  component('ledger', 'Writes analytics.checkout.orders.'),
  payments,
  component('treasury', 'Cash positions.'),
];

const databases = createStoreTestDatabases();
const describeOnPostgres = databases.supports(POSTGRES_TEST_DATABASE_ID)
  ? describe
  : describe.skip;

describeOnPostgres('createIdentifierPgSearchEngine', () => {
  async function indexedEngine() {
    const knex = await databases.init(POSTGRES_TEST_DATABASE_ID);
    const engine = await createIdentifierPgSearchEngine(new ConfigReader({}), {
      database: mockServices.database({ knex }),
    });
    await TestPipeline.fromIndexer(await engine.getIndexer('software-catalog'))
      .withDocuments(
        entities.map(entity => ({
          ...dataProductCollatorEntityTransformer(entity),
          location: `/catalog/default/component/${entity.metadata.name}`,
        })),
      )
      .execute();
    return engine;
  }

  const titles = async (
    engine: Awaited<ReturnType<typeof indexedEngine>>,
    term: string,
  ) =>
    (await engine.query({ term })).results
      .map(result => result.document.title)
      .sort();

  it('finds an identifier inside a longer one, which Postgres reads as a host name', async () => {
    const engine = await indexedEngine();
    expect(await titles(engine, 'customer_id')).toEqual(['billing', 'support']);
    expect(await titles(engine, 'checkout.orders')).toEqual(['ledger']);
    expect(await titles(engine, 'audits')).toEqual(['crm']);
  });

  it("finds a product by a column's physical name, a tag or its domain, one named so first", async () => {
    const engine = await indexedEngine();
    for (const term of ['txn_ref_dt', 'pmt_master', 'finance-x', 'pii']) {
      expect({ term, found: await titles(engine, term) }).toEqual({
        term,
        found: ['payments'],
      });
    }
    const { results } = await engine.query({ term: 'treasury' });
    expect(results.map(result => result.document.title)).toEqual([
      'treasury',
      'payments',
    ]);
  });
});
