import { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';

/** Where the test products' output ports live. */
export const PRODUCT_NAMESPACE = 'postgres://warehouse:5432';

/**
 * A data product in the default namespace, with one table output port named
 * after it (`mart.<name>`) unless `spec` says otherwise.
 */
export function dataProduct(
  name: string,
  spec: Partial<DataProductEntityV1alpha1['spec']> = {},
): DataProductEntityV1alpha1 {
  return {
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name, namespace: 'default' },
    spec: {
      domain: 'sales',
      owner: 'group:default/sales',
      lifecycle: 'production',
      type: 'aggregate',
      tier: 1,
      version: '1.0.0',
      outputPorts: [
        {
          name,
          type: 'table',
          dataset: { namespace: PRODUCT_NAMESPACE, name: `mart.${name}` },
        },
      ],
      ...spec,
    },
  };
}
