import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  dataProductReferences,
  isDataProductEntity,
  normalizedEntityRef,
} from '@meshwork/plugin-data-products-common';
import { GovernanceProductResource } from './productPermissions';

/**
 * Data products with their domain's owner, for the permission framework to
 * apply conditions to; undefined for a ref that is not a data product.
 */
export async function loadProductResources(
  entityRefs: string[],
  options: { catalog: CatalogService; auth: AuthService },
): Promise<Array<GovernanceProductResource | undefined>> {
  const { catalog, auth } = options;
  const credentials = await auth.getOwnServiceCredentials();
  const products = (
    await catalog.getEntitiesByRefs({ entityRefs }, { credentials })
  ).items;
  const domainRefs = products.map(product =>
    product && isDataProductEntity(product)
      ? normalizedEntityRef(dataProductReferences(product).domain)
      : undefined,
  );
  const wanted = [...new Set(domainRefs.filter((r): r is string => !!r))];
  const domains = new Map<string, Entity>();
  if (wanted.length) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: wanted },
      { credentials },
    );
    // Only a Domain's owner is a domain owner, whatever the product names.
    items.forEach((domain, index) => {
      if (domain?.kind.toLocaleLowerCase('en-US') === 'domain') {
        domains.set(wanted[index], domain);
      }
    });
  }
  return products.map((product, index) => {
    if (!product || !isDataProductEntity(product)) return undefined;
    const domain = domains.get(domainRefs[index]!);
    const owner = domain?.spec?.owner;
    return {
      entityRef: entityRefs[index],
      domainOwner:
        typeof owner === 'string'
          ? normalizedEntityRef(
              parseEntityRef(owner, {
                defaultKind: 'group',
                defaultNamespace: domain!.metadata.namespace ?? 'default',
              }),
            )
          : undefined,
    };
  });
}
