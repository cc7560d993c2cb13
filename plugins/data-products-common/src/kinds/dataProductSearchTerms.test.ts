import { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';
import { OPENLINEAGE_JOBS_ANNOTATION } from './declaredJobs';
import { dataProductSearchTerms } from './dataProductSearchTerms';

const product = {
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'customer-ltv', title: 'Customer Lifetime Value' },
  spec: {
    outputPorts: [
      {
        name: 'scores',
        type: 'table',
        dataset: {
          namespace: 'snowflake://acme',
          name: 'analytics.customer.clv_scores',
        },
        contract: {
          apiVersion: 'v3.0.2',
          kind: 'DataContract',
          id: 'clv',
          version: '1.0.0',
          status: 'active',
          schema: [
            {
              name: 'clv_scores',
              properties: [
                { name: 'predicted_clv_12m_gbp', logicalType: 'number' },
                {
                  name: 'orders',
                  logicalType: 'array',
                  items: {
                    logicalType: 'object',
                    properties: [{ name: 'order_sku', logicalType: 'string' }],
                  },
                },
              ],
            },
          ],
        },
      },
    ],
  },
} as unknown as DataProductEntityV1alpha1;

describe('dataProductSearchTerms', () => {
  const terms = dataProductSearchTerms(product);
  const find = (term: string) => terms.filter(t => t.term === term);

  it('indexes names, datasets and columns from every word boundary', () => {
    expect(find('customer-ltv')[0]).toMatchObject({ on: 'product' });
    expect(find('ltv')[0]).toMatchObject({ on: 'product' });
    expect(find('lifetime value')[0]).toMatchObject({
      on: 'product',
      text: 'Customer Lifetime Value',
    });
    expect(find('customer.clv_scores')[0]).toMatchObject({
      on: 'dataset',
      port: 'scores',
      text: 'analytics.customer.clv_scores',
    });
    expect(find('clv_12m_gbp')[0]).toMatchObject({
      on: 'column',
      port: 'scores',
      text: 'clv_scores.predicted_clv_12m_gbp',
    });
  });

  it("indexes the fields of an array's items", () => {
    expect(find('sku')[0]).toMatchObject({
      on: 'column',
      port: 'scores',
      text: 'clv_scores.orders[].order_sku',
    });
    expect(
      terms.filter(t => t.on === 'column' && t.text.endsWith('[]')),
    ).toEqual([]);
  });

  it('indexes a dataset under its OpenLineage namespace too', () => {
    expect(
      find('snowflake://acme/analytics.customer.clv_scores')[0],
    ).toMatchObject({ on: 'dataset', port: 'scores' });
  });

  it('indexes the jobs it declares from every word boundary, and with their namespace', () => {
    const declaring = dataProductSearchTerms({
      ...product,
      metadata: {
        name: 'orders',
        annotations: {
          [OPENLINEAGE_JOBS_ANNOTATION]:
            'meshwork-retail.airflow:orders.reverseEtlSync',
        },
      },
    });
    expect(
      declaring.filter(t => t.on === 'declaredJob').map(t => t.term),
    ).toEqual([
      'orders.reverseetlsync',
      'reverseetlsync',
      'etlsync',
      'sync',
      'meshwork-retail.airflow/orders.reverseetlsync',
      'meshwork-retail.airflow:orders.reverseetlsync',
    ]);
    expect(declaring.find(t => t.term === 'sync')).toEqual({
      term: 'sync',
      on: 'declaredJob',
      text: 'orders.reverseEtlSync',
      port: undefined,
    });
  });

  it('indexes names from where their case or letters and digits change', () => {
    const camel = dataProductSearchTerms({
      ...product,
      metadata: { name: 'OrderLines' },
      spec: {
        ...product.spec,
        outputPorts: [
          {
            ...product.spec.outputPorts[0],
            dataset: { namespace: 'pg', name: 'HTTPRequests2024' },
            contract: {
              ...(product.spec.outputPorts[0].contract as object),
              schema: [
                {
                  name: 'lines',
                  properties: [{ name: 'customerEmail' }, { name: 'sha256' }],
                },
              ],
            },
          },
        ],
      },
    });
    const termsOf = (text: string) =>
      camel.filter(t => t.text === text).map(t => t.term);
    expect(termsOf('OrderLines')).toEqual(['orderlines', 'lines']);
    expect(termsOf('lines.customerEmail')).toEqual([
      'lines.customeremail',
      'customeremail',
      'email',
    ]);
    expect(termsOf('lines.sha256')).toEqual(['lines.sha256', 'sha256', '256']);
    expect(termsOf('HTTPRequests2024')).toEqual([
      'httprequests2024',
      'requests2024',
      '2024',
      'pg/httprequests2024',
    ]);
  });

  it('indexes each word of the description once, short ones too', () => {
    const described = dataProductSearchTerms({
      ...product,
      metadata: {
        name: 'orders',
        description: 'Orders of the day, and of the week.',
      },
    });
    expect(
      described.filter(t => t.on === 'description').map(t => t.term),
    ).toEqual(['orders', 'of', 'the', 'day', 'and', 'week']);
  });

  it('indexes columns and tables by their physical names too, with only the words those add', () => {
    const physical = dataProductSearchTerms({
      ...product,
      spec: {
        ...product.spec,
        outputPorts: [
          {
            ...product.spec.outputPorts[0],
            contract: {
              ...(product.spec.outputPorts[0].contract as object),
              schema: [
                {
                  name: 'receivers',
                  physicalName: 'receivers_master',
                  properties: [
                    {
                      name: 'transaction_reference_date',
                      physicalName: 'txn_ref_dt',
                    },
                    {
                      name: 'ship_to',
                      physicalName: 'shp_to',
                      logicalType: 'object',
                      properties: [{ name: 'postcode' }],
                    },
                  ],
                },
              ],
            },
          },
        ],
      },
    });
    const termsOf = (text: string) =>
      physical.filter(t => t.text === text).map(t => [t.on, t.term]);
    expect(termsOf('receivers_master.txn_ref_dt')).toEqual([
      ['column', 'receivers_master.txn_ref_dt'],
      ['column', 'master.txn_ref_dt'],
      ['column', 'txn_ref_dt'],
      ['column', 'ref_dt'],
      ['column', 'dt'],
    ]);
    // `to.postcode` and `postcode` are already the logical name's.
    expect(termsOf('receivers_master.shp_to.postcode')).toEqual([
      ['column', 'receivers_master.shp_to.postcode'],
      ['column', 'master.shp_to.postcode'],
      ['column', 'shp_to.postcode'],
    ]);
    expect(termsOf('receivers.transaction_reference_date')).toContainEqual([
      'column',
      'transaction_reference_date',
    ]);
  });

  it('indexes tags and the name of the domain', () => {
    const tagged = dataProductSearchTerms({
      ...product,
      metadata: { name: 'payments', tags: ['finance-x', 'pii'] },
      spec: { ...product.spec, domain: 'domain:default/payment-ops' },
    });
    const termsOn = (on: string) =>
      tagged.filter(t => t.on === on).map(t => [t.term, t.text]);
    expect(termsOn('tag')).toEqual([
      ['finance-x', 'finance-x'],
      ['x', 'finance-x'],
      ['pii', 'pii'],
    ]);
    expect(termsOn('domain')).toEqual([
      ['payment-ops', 'payment-ops'],
      ['ops', 'payment-ops'],
    ]);
  });

  it('lowercases every term', () => {
    expect(terms.every(t => t.term === t.term.toLowerCase())).toBe(true);
  });
});
