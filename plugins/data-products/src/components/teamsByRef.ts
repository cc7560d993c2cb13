import type { CatalogApi } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import { TEAM_SUPPORT_FIELDS } from '@meshwork/plugin-data-products-common';

/**
 * The teams of `refs`, with what teamOnCall reads of them, in one catalog
 * request (none when there are none); a ref the catalog lacks maps to
 * undefined.
 */
export async function teamsByRef(
  catalogApi: CatalogApi,
  refs: string[],
): Promise<Map<string, Entity | undefined>> {
  const { items } = refs.length
    ? await catalogApi.getEntitiesByRefs({
        entityRefs: refs,
        fields: TEAM_SUPPORT_FIELDS,
      })
    : { items: [] };
  return new Map(refs.map((ref, i) => [ref, items[i]]));
}
