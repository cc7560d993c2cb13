import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';

/** A product's domain as a full ref: `spec.domain` may leave out the kind. */
export const domainRefOf = (
  product: DataProductEntityV1alpha1,
): CompoundEntityRef =>
  parseEntityRef(product.spec.domain, {
    defaultKind: 'domain',
    defaultNamespace: product.metadata.namespace,
  });

/** A product's owner as a full ref: `spec.owner` may leave out the kind. */
export const ownerRefOf = (
  product: DataProductEntityV1alpha1,
): CompoundEntityRef =>
  parseEntityRef(product.spec.owner, {
    defaultKind: 'group',
    defaultNamespace: product.metadata.namespace,
  });
