import type { Entity } from '@backstage/catalog-model';
import type { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';

export const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'checkout-data',
    annotations: { 'meshwork.dev/oncall-contact': '#checkout-oncall' },
  },
  spec: { type: 'team' },
};

/** A product that passes every static check, changed by `change`. */
export function product(
  change: (p: DataProductEntityV1alpha1) => void = () => {},
): DataProductEntityV1alpha1 {
  const p: DataProductEntityV1alpha1 = {
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: {
      name: 'orders',
      namespace: 'default',
      description: 'One row per order.',
      tags: ['core'],
    },
    spec: {
      domain: 'checkout',
      owner: 'group:checkout-data',
      lifecycle: 'production',
      type: 'aggregate',
      tier: 1,
      version: '1.0.0',
      outputPorts: [
        {
          name: 'orders',
          type: 'table',
          dataset: { namespace: 'postgres://w:5432', name: 'a.orders' },
          contract: {
            apiVersion: 'v3.0.2',
            kind: 'DataContract',
            id: 'orders',
            version: '1.0.0',
            status: 'active',
            schema: [
              {
                name: 'orders',
                properties: [
                  {
                    name: 'order_id',
                    logicalType: 'string',
                    classification: 'internal',
                  },
                  {
                    name: 'email',
                    logicalType: 'string',
                    classification: 'pii',
                  },
                ],
              },
            ],
          },
        },
      ],
      slos: { freshness: { maxDelay: '30m', objective: '99%' } },
      support: { runbook: 'https://runbooks.example/orders' },
    },
  };
  change(p);
  return p;
}
