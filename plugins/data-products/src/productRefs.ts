import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import type { DataProductListing } from '@meshwork/plugin-data-products-common';

/** A product's domain as a full ref: `spec.domain` may leave out the kind. */
export const domainRefOf = (
  product: Pick<DataProductListing, 'metadata' | 'spec'>,
): CompoundEntityRef =>
  parseEntityRef(product.spec.domain, {
    defaultKind: 'domain',
    defaultNamespace: product.metadata.namespace,
  });

/** A product's owner as a full ref: `spec.owner` may leave out the kind. */
export const ownerRefOf = (
  product: Pick<DataProductListing, 'metadata' | 'spec'>,
): CompoundEntityRef =>
  parseEntityRef(product.spec.owner, {
    defaultKind: 'group',
    defaultNamespace: product.metadata.namespace,
  });
