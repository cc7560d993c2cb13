import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  LunrSearchEngine,
  TestPipeline,
} from '@backstage/plugin-search-backend-node';
import { OPENLINEAGE_JOBS_ANNOTATION } from '@meshwork/plugin-data-products-common';
import { dataProductCollatorEntityTransformer } from './dataProductCollatorEntityTransformer';
import { IdentifierLunrSearchEngine } from './IdentifierLunrSearchEngine';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-web', description: 'The checkout site.' },
  spec: {
    type: 'website',
    owner: 'group:checkout-data',
    lifecycle: 'production',
  },
};

const product: Entity = {
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name: 'customer-lifetime-value',
    title: 'Customer Lifetime Value',
    description:
      'Historic and *expected* value of every customer, per the [agreed definition](https://wiki.example/clv).',
    annotations: {
      [OPENLINEAGE_JOBS_ANNOTATION]:
        'meshwork-retail.airflow:braze_audience_sync',
    },
  },
  spec: {
    domain: 'customer',
    owner: 'group:customer-data',
    lifecycle: 'production',
    type: 'aggregate',
    tier: 1,
    version: '1.0.0',
    outputPorts: [
      {
        name: 'clv',
        type: 'table',
        dataset: { namespace: 'snowflake://x', name: 'ANALYTICS.CLV' },
        contract: {
          apiVersion: 'v3.0.2',
          kind: 'DataContract',
          id: 'clv',
          version: '1.0.0',
          status: 'active',
          schema: [
            {
              name: 'customer_lifetime_value',
              properties: [
                { name: 'customer_id', logicalType: 'string' },
                { name: 'predicted_clv_12m_gbp', logicalType: 'number' },
              ],
            },
          ],
        },
      },
    ],
  },
};

describe('dataProductCollatorEntityTransformer', () => {
  it('shows a product by its plain description and still finds it by a contract column or a job it declares', async () => {
    const documents = [component, product].map(entity => ({
      ...dataProductCollatorEntityTransformer(entity),
      location: `/catalog/${entity.metadata.name}`,
    }));
    expect(documents[1].text).toBe(
      'Historic and expected value of every customer, per the agreed definition.',
    );

    // The real engine, fed a non-product first as the catalog does.
    const engine = new LunrSearchEngine({ logger: mockServices.logger.mock() });
    const indexer = await engine.getIndexer('software-catalog');
    await TestPipeline.fromIndexer(indexer).withDocuments(documents).execute();
    for (const term of ['predicted_clv_12m_gbp', 'braze_audience_sync']) {
      const { results } = await engine.query({ term });
      expect(results.map(r => r.document.title)).toEqual([
        'Customer Lifetime Value',
      ]);
    }
  });

  it('finds a product by the physical name of a column, its tags and its domain, one named so first', async () => {
    const physical: Entity = {
      ...product,
      metadata: {
        ...product.metadata,
        name: 'payments',
        title: 'Payments',
        tags: ['finance-x', 'pii'],
      },
      spec: {
        ...product.spec,
        domain: 'domain:default/treasury',
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
    const named: Entity = {
      ...component,
      metadata: { name: 'treasury', title: 'Treasury' },
    };
    const documents = [component, physical, named].map(entity => ({
      ...dataProductCollatorEntityTransformer(entity),
      location: `/catalog/${entity.metadata.name}`,
    }));
    expect(documents.map(({ tags, domain }) => [tags, domain])).toEqual([
      ['', ''],
      ['finance-x pii', 'treasury'],
      ['', ''],
    ]);
    expect(documents[1].terms.split(' : ')).toContain('txn_ref_dt');
    expect(
      dataProductCollatorEntityTransformer({
        ...component,
        spec: { ...component.spec, domain: 'domain:' },
      }).domain,
    ).toBe('');

    // The engine the backend runs where the database is not Postgres.
    const engine = new IdentifierLunrSearchEngine({
      logger: mockServices.logger.mock(),
    });
    const indexer = await engine.getIndexer('software-catalog');
    await TestPipeline.fromIndexer(indexer).withDocuments(documents).execute();
    const found = async (term: string) =>
      (await engine.query({ term })).results.map(r => r.document.title);
    for (const term of ['txn_ref_dt', 'finance-x', 'pii']) {
      expect({ term, found: await found(term) }).toEqual({
        term,
        found: ['Payments'],
      });
    }
    expect(await found('treasury')).toEqual(['Treasury', 'Payments']);
  });

  it('shows every owner as one entity reference however spec.owner spells it', () => {
    const ownedBy = (owner: string, namespace?: string) =>
      dataProductCollatorEntityTransformer({
        ...component,
        metadata: { ...component.metadata, namespace },
        spec: { ...component.spec, owner },
      }).owner;
    expect(ownedBy('checkout-data')).toBe('group:checkout-data');
    expect(ownedBy('group:checkout-data')).toBe('group:checkout-data');
    expect(ownedBy('group:default/checkout-data')).toBe('group:checkout-data');
    expect(ownedBy('User:jane')).toBe('user:jane');
    expect(ownedBy('checkout-data', 'shop')).toBe('group:shop/checkout-data');
    // The catalog's resolved relation wins over what spec.owner says.
    expect(
      dataProductCollatorEntityTransformer({
        ...component,
        relations: [
          { type: 'ownedBy', targetRef: 'group:default/checkout-data' },
        ],
      }).owner,
    ).toBe('group:checkout-data');
  });

  it('indexes every identifier joined into one word, and its runs of parts', () => {
    const identifiers = (entity: Entity) =>
      dataProductCollatorEntityTransformer(entity).identifiers.split(' ');
    expect(identifiers(product)).toEqual(
      expect.arrayContaining([
        'customerid',
        'predictedclv12mgbp',
        'clv12m',
        'analyticsclv',
        'customerlifetimevalue',
        'brazeaudiencesync',
      ]),
    );
    expect(identifiers(product)).not.toContain('customer');
    expect(
      identifiers({
        ...component,
        metadata: { name: 'web', description: 'Reads orders.customer_id.' },
      }),
    ).toEqual(['orderscustomer', 'orderscustomerid', 'customerid']);
  });
});
