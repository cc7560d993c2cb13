import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { DataProductListing } from './DataProductListing';

type Product = Pick<DataProductListing, 'metadata' | 'spec'>;

/** A product's domain as a full ref: `spec.domain` may leave out the kind. */
export const domainRefOf = (product: Product): CompoundEntityRef =>
  parseEntityRef(product.spec.domain, {
    defaultKind: 'domain',
    defaultNamespace: product.metadata.namespace,
  });

/** A product's owner as a full ref: `spec.owner` may leave out the kind. */
export const ownerRefOf = (product: Product): CompoundEntityRef =>
  parseEntityRef(product.spec.owner, {
    defaultKind: 'group',
    defaultNamespace: product.metadata.namespace,
  });

/** The listing filters that name an entity, and the kind a bare name is. */
export const LISTING_REF_FILTERS = {
  domain: 'domain',
  owner: 'group',
} as const;

export type ListingRefFilter = keyof typeof LISTING_REF_FILTERS;

/**
 * The full ref, lowercased as the catalog compares refs, that `value` names:
 * `sales`, `group:sales` and `group:default/sales` are one team, given
 * `group` as the kind of a bare name (a name without namespace is in the
 * default one); undefined when the value is no ref at all.
 */
export function comparableEntityRef(
  value: string,
  defaultKind: string,
): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** The comparable ref a filter value names (see comparableEntityRef). */
export function listingFilterRef(
  filter: ListingRefFilter,
  value: string,
): string | undefined {
  return comparableEntityRef(value, LISTING_REF_FILTERS[filter]);
}
