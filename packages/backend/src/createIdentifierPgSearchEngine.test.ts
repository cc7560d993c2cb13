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

const entities = [
  component('billing', 'Joins on orders.customer_id every night.'),
  component('crm', 'The customer tool; its id is kept for audits.'),
  component('support', 'Tickets by customer_id.'),
  component('ledger', 'Writes analytics.checkout.orders.'),
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
});
