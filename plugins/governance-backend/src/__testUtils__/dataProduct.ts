import { Entity } from '@backstage/catalog-model';

/**
 * A data product of the checkout domain in the default namespace, with an
 * etag and no output ports, unless `spec` says otherwise.
 */
export function dataProduct(name: string, spec: object = {}): Entity {
  return {
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { namespace: 'default', name, etag: `etag-${name}` },
    spec: {
      domain: 'checkout',
      owner: 'group:checkout-data',
      lifecycle: 'production',
      type: 'aggregate',
      outputPorts: [],
      ...spec,
    },
  };
}
