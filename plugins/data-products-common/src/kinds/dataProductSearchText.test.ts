import { dataProductSearchText } from './dataProductSearchText';
import { OPENLINEAGE_JOBS_ANNOTATION } from './declaredJobs';

describe('dataProductSearchText', () => {
  it('holds the description, datasets, every contract table and column, by physical name too, nested ones too, and declared jobs', () => {
    const text = dataProductSearchText({
      apiVersion: 'meshwork.dev/v1alpha1',
      kind: 'DataProduct',
      metadata: {
        name: 'orders',
        description: 'Confirmed orders.',
        annotations: {
          [OPENLINEAGE_JOBS_ANNOTATION]:
            'meshwork-retail.airflow:orders.export',
        },
      },
      spec: {
        domain: 'sales',
        owner: 'group:sales-data',
        lifecycle: 'production',
        type: 'aggregate',
        tier: 1,
        version: '1.0.0',
        outputPorts: [
          {
            name: 'orders',
            type: 'table',
            dataset: {
              namespace: 'postgres://w:5432',
              name: 'analytics.sales.orders',
            },
            contract: {
              apiVersion: 'v3.0.2',
              kind: 'DataContract',
              id: 'c1',
              version: '1.0.0',
              status: 'active',
              schema: [
                {
                  name: 'orders',
                  physicalName: 'ord_master',
                  properties: [
                    { name: 'order_id', logicalType: 'string' },
                    {
                      name: 'transaction_reference_date',
                      physicalName: 'txn_ref_dt',
                      logicalType: 'date',
                    },
                    {
                      name: 'shipping_address',
                      physicalName: 'shp_addr',
                      logicalType: 'object',
                      properties: [{ name: 'postcode', logicalType: 'string' }],
                    },
                  ],
                },
              ],
            },
          },
        ],
      },
    });
    for (const term of [
      'Confirmed orders.',
      'analytics.sales.orders',
      'postgres://w:5432',
      'order_id',
      'ord_master',
      'transaction_reference_date',
      'txn_ref_dt',
      'shipping_address.postcode',
      'shp_addr.postcode',
      'orders.export',
      'meshwork-retail.airflow',
    ]) {
      expect(text).toContain(term);
    }
  });
});
