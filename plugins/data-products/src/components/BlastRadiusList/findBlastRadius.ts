import type { CatalogApi } from '@backstage/catalog-client';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { teamOnCall } from '@meshwork/plugin-data-products-common';
import { type ImpactedProduct } from '@meshwork/plugin-lineage-common';
import { DataProductsApi } from '../../api';
import { teamsByRef } from '../teamsByRef';

export type BlastRadius = {
  /** How many products the break reaches. */
  total: number;
  /**
   * The most critical of them, each with its owner as a full ref and its
   * on-call or else its team's.
   */
  shown: ImpactedProduct[];
};

/**
 * The products downstream of a product, or of its output `port`, in the
 * lineage backend's order (tier, then depth); only the first `limit` are
 * shown, so only their teams are looked up for an on-call.
 */
export async function findBlastRadius(
  catalogApi: CatalogApi,
  dataProductsApi: DataProductsApi,
  entityRef: string,
  port: string | undefined,
  limit: number,
): Promise<BlastRadius> {
  const { impacted } = await dataProductsApi.impact(entityRef, port);
  const shown = impacted.slice(0, limit);
  // `owner` is the product's `spec.owner`, which may leave out the kind and
  // namespace.
  const teamRefOf = (product: ImpactedProduct) =>
    stringifyEntityRef(
      parseEntityRef(product.owner, {
        defaultKind: 'group',
        defaultNamespace: parseEntityRef(product.entityRef).namespace,
      }),
    );
  const teams = [
    ...new Set(shown.filter(product => !product.onCall).map(teamRefOf)),
  ];
  const teamByRef = await teamsByRef(catalogApi, teams);
  return {
    total: impacted.length,
    shown: shown.map(product => {
      const owner = teamRefOf(product);
      return {
        ...product,
        owner,
        onCall: product.onCall ?? teamOnCall(teamByRef.get(owner)),
      };
    }),
  };
}
