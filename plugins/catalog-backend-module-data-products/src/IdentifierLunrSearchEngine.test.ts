import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import { dataProductCollatorEntityTransformer } from './dataProductCollatorEntityTransformer';
import { IdentifierLunrSearchEngine } from './IdentifierLunrSearchEngine';

const product = (
  name: string,
  description: string,
  columns: string[],
): Entity => ({
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name, title: name, description },
  spec: {
    domain: 'customer',
    owner: 'group:customer-data',
    lifecycle: 'production',
    type: 'aggregate',
    outputPorts: [
      {
        name: 'main',
        type: 'table',
        contract: {
          apiVersion: 'v3.0.2',
          kind: 'DataContract',
          id: name,
          version: '1.0.0',
          status: 'active',
          schema: [
            {
              name: 'main',
              properties: columns.map(column => ({
                name: column,
                logicalType: 'string',
              })),
            },
          ],
        },
      },
    ],
  },
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'crm',
      description: 'The old CRM tool, one per customer.',
    },
    spec: { type: 'service', owner: 'customer-data', lifecycle: 'production' },
  },
  product(
    'audiences',
    'Consent-filtered customer audiences, synced to ad platforms and the e-mail tool.',
    ['customer_id', 'segment'],
  ),
  // Has the words `customer` and `id`, but no `customer_id`.
  product('orders', 'All confirmed customer orders, one row per order line.', [
    'order_id',
  ]),
  product('shipments', 'Parcels sent, 12 a minute.', ['order.customer_id']),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'flags',
      description: 'Rows with is_active and on_hold flags, a_b and as_of_date.',
    },
    spec: { owner: 'warehouse' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'tavern', description: 'Café ΣΑΣ in İstanbul.' },
    spec: { owner: 'warehouse' },
  },
];

async function indexedEngine() {
  const engine = new IdentifierLunrSearchEngine({
    logger: mockServices.logger.mock(),
  });
  const indexer = await engine.getIndexer('software-catalog');
  await TestPipeline.fromIndexer(indexer)
    .withDocuments(
      entities.map(entity => ({
        ...dataProductCollatorEntityTransformer(entity),
        location: `/catalog/${entity.metadata.name}`,
      })),
    )
    .execute();
  return engine;
}

const titles = (resultSet: {
  results: Array<{ document: { title: string } }>;
}) => resultSet.results.map(result => result.document.title).sort();

describe('IdentifierLunrSearchEngine', () => {
  it('finds an identifier by all its words, those holding it whole, also inside a longer one, first', async () => {
    const engine = await indexedEngine();
    const ranked = async (term: string) =>
      (await engine.query({ term })).results.map(r => r.document.title);
    const found = await ranked('customer_id');
    expect(found.slice(0, 2).sort()).toEqual(['audiences', 'shipments']);
    expect(found.slice(2)).toEqual(['orders']);
    expect((await ranked('order.customer_id'))[0]).toBe('shipments');
  });

  it('finds identifiers still being typed, and in any field, as the owner and type', async () => {
    const engine = await indexedEngine();
    for (const term of [
      'customer-data',
      'group:customer-data',
      'customer-da',
      'order.custo',
      'order.customer_ids',
    ]) {
      expect({ term, found: titles(await engine.query({ term })) }).toEqual({
        term,
        found: expect.arrayContaining(['shipments']),
      });
    }
    expect(titles(await engine.query({ term: 'order.invoice' }))).toEqual([]);
  });

  it('highlights the identifier’s words, not short words a few edits away', async () => {
    const engine = await indexedEngine();
    const { results } = await engine.query({ term: 'customer_id' });
    const audiences = results.find(r => r.document.title === 'audiences')!;
    const { preTag, postTag, fields } = audiences.highlight!;
    expect(fields.text.split(preTag).join('[').split(postTag).join(']')).toBe(
      'Consent-filtered [customer] audiences, synced to ad platforms and the e-mail tool.',
    );
  });

  it('matches short words exactly or as a prefix, longer ones also with a typo', async () => {
    const engine = await indexedEngine();
    expect(titles(await engine.query({ term: 'id' }))).toEqual([
      'audiences',
      'orders',
      'shipments',
    ]);
    expect(titles(await engine.query({ term: 'ib' }))).toEqual([]);
    expect(titles(await engine.query({ term: 'pla' }))).toEqual(['audiences']);
    expect(titles(await engine.query({ term: 'parcel' }))).toEqual([
      'shipments',
    ]);
    expect(titles(await engine.query({ term: 'parcls' }))).toEqual([
      'shipments',
    ]);
  });

  it('finds identifiers starting with a stop word, which Lunr does not index', async () => {
    const engine = await indexedEngine();
    for (const term of [
      'is_active',
      'on_hold',
      'a_b',
      'as_of_date',
      'as_of',
      'IS_ACTIVE',
      'is-active',
    ]) {
      expect({ term, found: titles(await engine.query({ term })) }).toEqual({
        term,
        found: ['flags'],
      });
    }
    expect(titles(await engine.query({ term: 'is_inactive' }))).toEqual([]);
    // Still being typed.
    expect(titles(await engine.query({ term: 'is_a' }))).toEqual(['flags']);
  });

  it('finds nothing for a search of only punctuation, as on Postgres', async () => {
    const engine = await indexedEngine();
    for (const term of ['%', '_', '\\', "'", '"', '-- .']) {
      expect({ term, found: titles(await engine.query({ term })) }).toEqual({
        term,
        found: [],
      });
    }
  });

  it('finds words with letters outside ASCII, in any case', async () => {
    const engine = await indexedEngine();
    for (const term of ['café', 'CAFÉ', 'Café', 'ΣΑΣ', 'σας', 'İstanbul']) {
      expect({ term, found: titles(await engine.query({ term })) }).toEqual({
        term,
        found: ['tavern'],
      });
    }
    expect(titles(await engine.query({ term: 'caf' }))).toEqual(['tavern']);
    expect(titles(await engine.query({ term: 'cafe' }))).toEqual([]);
  });

  it('keeps the search page’s filters', async () => {
    const engine = await indexedEngine();
    expect(
      titles(
        await engine.query({
          term: 'customer',
          filters: { kind: 'Component' },
        }),
      ),
    ).toEqual(['crm']);
  });
});
