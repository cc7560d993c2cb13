import type { CatalogApi } from '@backstage/catalog-client';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  isDataProductEntity,
  OnCall,
  resolveOnCall,
  teamOnCall,
} from '@meshwork/plugin-data-products-common';
import { formatNodeId } from '@meshwork/plugin-lineage-common';
import type {
  Dataset,
  DatasetOwner,
  ImpactedProduct,
  LineageApi,
} from '../../api';
import type { ColumnLink } from '../../graph/columnLineageView';
import { loadColumnLineage } from '../../graph/loadColumnLineage';

export type ImpactScope =
  | { kind: 'product' }
  | { kind: 'port'; port: string }
  | { kind: 'column'; port: string; dataset: Dataset; column: string };

export type Impact = ImpactedProduct & { onCall?: OnCall };

const byTierThenDepth = (a: ImpactedProduct, b: ImpactedProduct) =>
  (a.tier ?? Infinity) - (b.tier ?? Infinity) ||
  a.depth - b.depth ||
  a.entityRef.localeCompare(b.entityRef);

/**
 * The products a column's change reaches: those owning a column that uses
 * it, at the fewest column hops, other than the product itself.
 */
export function columnImpact(
  downstream: ColumnLink[],
  owners: DatasetOwner[],
  origin: string,
): ImpactedProduct[] {
  // A dataset may have several owners (two products declaring it).
  const ownersOf = new Map<string, DatasetOwner[]>();
  for (const o of owners) {
    const key = `${o.namespace}\u0000${o.name}`;
    ownersOf.set(key, [...(ownersOf.get(key) ?? []), o]);
  }
  const found = new Map<string, ImpactedProduct>();
  const reached = downstream.flatMap(link =>
    (ownersOf.get(`${link.namespace}\u0000${link.dataset}`) ?? []).map(
      owner => ({ link, owner }),
    ),
  );
  for (const { link, owner } of reached) {
    if (owner.product.entityRef === origin) continue;
    const known = found.get(owner.product.entityRef);
    const dataset = { namespace: link.namespace, name: link.dataset };
    if (known && known.depth <= link.depth) {
      if (
        !known.datasets.some(
          d => d.namespace === dataset.namespace && d.name === dataset.name,
        )
      ) {
        known.datasets.push(dataset);
      }
      continue;
    }
    found.set(owner.product.entityRef, {
      entityRef: owner.product.entityRef,
      title: owner.product.title,
      owner: owner.product.owner,
      tier: owner.product.tier,
      depth: link.depth,
      via: origin,
      datasets: [dataset],
    });
  }
  return [...found.values()].sort(byTierThenDepth);
}

/**
 * What breaks if the scope changes, with each product's on-call: its own,
 * else its owning team's; `truncated` when a column's lineage reached past
 * what one answer holds, so that more may break.
 */
export async function loadImpact(
  lineageApi: LineageApi,
  catalogApi: CatalogApi,
  entityRef: string,
  scope: ImpactScope,
): Promise<{ impacted: Impact[]; truncated: boolean }> {
  let impacted: ImpactedProduct[];
  let truncated = false;
  if (scope.kind === 'column') {
    // A port may be declared by a name its symlinks facet gives: the
    // dataset answers with its own, which the column's lineage names.
    const asked = await lineageApi.dataset(
      formatNodeId('dataset', scope.dataset.namespace, scope.dataset.name),
    );
    const lineage = await loadColumnLineage(
      lineageApi,
      formatNodeId('datasetField', asked.namespace, asked.name, scope.column),
    );
    truncated = lineage.truncated;
    const { downstream } = lineage;
    const owners = await lineageApi.datasetOwners(
      downstream.map(l => ({ namespace: l.namespace, name: l.dataset })),
    );
    impacted = await withOwnOnCall(
      catalogApi,
      columnImpact(downstream, owners, entityRef),
    );
  } else {
    ({ impacted } = await lineageApi.impact(
      entityRef,
      scope.kind === 'port' ? scope.port : undefined,
    ));
  }
  // A team in the product's own namespace unless it names another, as the
  // catalog reads an owner.
  const withOwnerRefs = impacted.map(i => ({
    ...i,
    owner: stringifyEntityRef(
      parseEntityRef(i.owner, {
        defaultKind: 'group',
        defaultNamespace: parseEntityRef(i.entityRef).namespace,
      }),
    ),
  }));
  const teams = [
    ...new Set(withOwnerRefs.filter(i => !i.onCall).map(i => i.owner)),
  ];
  const { items } = teams.length
    ? await catalogApi.getEntitiesByRefs({
        entityRefs: teams,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      })
    : { items: [] };
  const teamByRef = new Map(teams.map((ref, i) => [ref, items[i]]));
  return {
    impacted: withOwnerRefs.map(i => ({
      ...i,
      onCall: i.onCall ?? teamOnCall(teamByRef.get(i.owner)),
    })),
    truncated,
  };
}

/**
 * The products with the on-call each declares, read from the catalog: the
 * lineage backend adds it to product and port impact, not to owners of
 * datasets a column reaches.
 */
async function withOwnOnCall(
  catalogApi: CatalogApi,
  impacted: ImpactedProduct[],
): Promise<ImpactedProduct[]> {
  if (impacted.length === 0) return impacted;
  const { items } = await catalogApi.getEntitiesByRefs({
    entityRefs: impacted.map(i => i.entityRef),
    fields: [
      'apiVersion',
      'kind',
      'metadata.name',
      'metadata.namespace',
      'spec',
    ],
  });
  return impacted.map((i, index) => {
    const product = items[index];
    const onCall =
      product && isDataProductEntity(product)
        ? resolveOnCall(product)
        : undefined;
    return onCall ? { ...i, onCall } : i;
  });
}
